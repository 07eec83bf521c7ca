"""The reader's pictures: served from the archive, never from the publisher's server.

Why: a reader that hot-links images shows a page the archive does not hold, breaks when the
publisher moves a file, and tells the publisher (and its trackers) who reads what, when. So
every ``<img>`` of an archived article is pointed at the reader's own ``/image/<record id>``
when the archive holds that image, and replaced by a plain link to the original when it does
not; tracking pixels are dropped. The Content-Security-Policy (``img-src 'self' data:``) makes
sure nothing slips through.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from lxml.html import fragment_fromstring, tostring

from archiver.images.select import is_tracking_pixel

Lookup = Callable[[str], "str | None"]       # image URL -> record id, or None
IMAGE_TYPES = ("image/png", "image/jpeg", "image/gif", "image/webp", "image/avif",
               "image/svg+xml")


def image_path(rid: str) -> str:
    return f"/image/{rid}"


def _int(value: str | None) -> int | None:
    return int(value) if value and value.strip().isdigit() else None


def missing_link(url: str, label: str) -> str:
    """What stands in for an image the archive does not hold: a link, no request."""
    return (f'<a class="image-missing" href="{escape(url)}" rel="noopener noreferrer nofollow">'
            f"Image not archived{': ' + escape(label) if label else ''} (original)</a>")


def localize(html: str, lookup: Lookup) -> str:
    """``html`` (already sanitized) with every image served by the reader or replaced."""
    if "<img" not in html:
        return html
    root = fragment_fromstring(html, create_parent="div")
    for img in list(root.iter("img")):
        src = (img.get("src") or "").strip()
        if src.startswith("data:"):
            continue
        web = src.startswith(("http://", "https://"))
        rid = lookup(src) if web else None
        if rid:
            img.set("src", image_path(rid))
        elif not web or is_tracking_pixel(src, _int(img.get("width")), _int(img.get("height"))):
            img.drop_tree()                  # a pixel, or nothing a reader could follow
        else:
            link = fragment_fromstring(missing_link(src, img.get("alt") or ""))
            link.tail = img.tail
            img.getparent().replace(img, link)
    return (root.text or "") + "".join(tostring(child, encoding="unicode") for child in root)


def lead_figure(image: dict | None, lookup: Lookup) -> str:
    """The lead image above the article, from the archive; else its caption and a link."""
    if not image or not image.get("url"):
        return ""
    words = " · ".join(w for w in (image.get("caption"), image.get("credit")) if w)
    rid = lookup(image["url"])
    if rid:
        caption = f"<figcaption>{escape(words)}</figcaption>" if words else ""
        return (f'<figure class="lead-image"><img src="{image_path(rid)}" alt="">{caption}'
                "</figure>")
    return f'<p class="lead-image">Lead image: {missing_link(image["url"], words)}</p>'
