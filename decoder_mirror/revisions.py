"""A later state of the mirror: one article edited after publication, as newsrooms do.

``archive demo --revised`` and the tests of versions, ``archive diff`` and ``archive changes``
crawl the mirror, then crawl it again inside ``revised()``. The edit is made up (inferred, not
copied from the real site), but shaped like a typical correction: the headline reworded, a
figure in one sentence corrected, an update paragraph added at the end, and the modified date
(page meta, JSON-LD, sitemap ``lastmod``, ``Last-Modified``) moved to the time of the edit, as
WordPress does when a post is updated. Everything else on the site stays byte for byte.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime, timezone

from .article import article_page
from .content_en import KESTREL
from .discovery import sitemaps
from .model import Post
from .site import HTML, Resource, site

REVISED_TITLE = "Kestrel AI's open model nearly matches far larger rivals on math benchmarks"
CORRECTED = ("In the company's own evaluation, Kestrel Nine reaches 71 percent",
             "In the company's own evaluation, Kestrel Nine reaches 68 percent")
UPDATE = ("Update: An independent replication by researchers at a Swiss university measured 64 "
          "percent on the same problem set. Kestrel says the difference comes from a stricter "
          "answer format and has corrected the figure in this article.")


def revised_post(post: Post, when: datetime) -> Post:
    """``post`` as edited at ``when``: new title, one sentence corrected, a paragraph added."""
    blocks = [(b[0], b[1].replace(*CORRECTED), *b[2:]) if b[0] == "p" and CORRECTED[0] in b[1]
              else b for b in post.blocks]
    if blocks == list(post.blocks):
        raise ValueError(f"post {post.id} has no sentence to correct")
    return replace(post, title=REVISED_TITLE, blocks=(*blocks, ("p", UPDATE)),
                   modified=when.astimezone(timezone.utc).isoformat(timespec="seconds"))


@contextmanager
def revised(when: datetime | None = None) -> Iterator[Post]:
    """While the block runs, the English mirror serves the edited article (its page and the
    sitemaps that list it); afterwards the site is as before. Yields the edited post."""
    served = site("en")
    post = revised_post(KESTREL, when or datetime.now(timezone.utc))
    edition = replace(served.edition, posts=tuple(post if p.id == post.id else p
                                                  for p in served.edition.posts))
    saved = dict(served.resources)
    try:
        served.resources[post.path] = Resource(200, HTML, article_page(edition, post).encode(),
                                               post.modified_dt)
        for name, xml in sitemaps(edition).items():
            old = saved["/" + name]
            newest = max(filter(None, (old.last_modified, post.modified_dt)))
            served.resources["/" + name] = replace(old, body=xml.encode(), last_modified=newest)
        yield post
    finally:
        served.resources.clear()
        served.resources.update(saved)
