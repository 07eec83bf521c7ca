"""Pages that are not articles: home, category hubs (paginated), tag and author archives,
static pages, account pages, the 404 page. All in the current design, except listing pages past
the first, which still use the older card markup (inferred; gives crawlers both card kinds).
"""

from __future__ import annotations

from .cards import classic_card, current_card
from .chrome import head, page
from .content import edition, public_posts
from .model import Edition, Post, StaticPage, esc, slugify
from .schema import collection_graph, static_graph
from .texts import t

PER_PAGE = 5


def _frame(ed: Edition, *, path: str, title: str, description: str, main: str, body_class: str,
           graph: list[dict] | None = None) -> str:
    url = ed.url(path)
    head_html = head(ed, title=title, description=description, canonical=url, og_type="website",
                     graph=graph or collection_graph(ed, url, title))
    return page(ed, head_html=head_html, body_class=body_class, main=main,
                switch_url=edition(ed.other).url("/"), style="current")


def _pagination(ed: Edition, base_path: str, page_no: int, pages: int) -> str:
    links = []
    if page_no > 1:
        prev = base_path if page_no == 2 else f"{base_path}page/{page_no - 1}/"
        links.append(f'<a class="prev page-numbers" href="{ed.url(prev)}">{t(ed.code, "prev")}</a>')
    if page_no < pages:
        links.append(f'<a class="next page-numbers" href="{ed.url(f"{base_path}page/{page_no + 1}/")}">'
                     f'{t(ed.code, "next")}</a>')
    return f'<nav class="navigation pagination" aria-label="Posts">{" ".join(links)}</nav>'


def listing_pages(ed: Edition, base_path: str, title: str, posts: list[Post],
                  kind: str) -> dict[str, str]:
    """Path -> HTML for a paginated archive (``base_path`` and ``base_path/page/N/``)."""
    chunks = [posts[i:i + PER_PAGE] for i in range(0, len(posts), PER_PAGE)] or [[]]
    out = {}
    for n, chunk in enumerate(chunks, start=1):
        card = current_card if n == 1 else classic_card
        path = base_path if n == 1 else f"{base_path}page/{n}/"
        cards = "".join(card(ed, p) for p in chunk)
        main = (f'<main id="content" class="mx-auto max-w-7xl px-4"><header class="py-8"><h1 '
                f'class="text-4xl font-bold">{esc(title)}</h1></header><div class="grid gap-8 '
                f'md:grid-cols-2 lg:grid-cols-3">{cards}</div>'
                f"{_pagination(ed, base_path, n, len(chunks))}</main>")
        out[path] = _frame(ed, path=path, title=title if n == 1 else f"{title} – {n}",
                           description=f"{title} – THE DECODER", main=main,
                           body_class=f"archive {kind} paged-{n}")
    return out


def home_page(ed: Edition) -> str:
    """Newest posts as current cards, older ones below in the older card markup."""
    posts = list(public_posts(ed.code))
    hero = "".join(current_card(ed, p) for p in posts[:4])
    more = "".join(classic_card(ed, p) for p in posts[4:])
    main = (f'<main id="content" class="mx-auto max-w-7xl px-4"><h1 class="sr-only">THE DECODER'
            f'</h1><section class="grid gap-8 py-8 md:grid-cols-2">{hero}</section>'
            f'<section class="more-articles"><h2>{t(ed.code, "more")}</h2>'
            f'<div class="cards">{more}</div></section></main>')
    return _frame(ed, path="/", title="THE DECODER", description=ed.tagline, main=main,
                  body_class="home blog")


def section_pages(ed: Edition) -> dict[str, str]:
    out: dict[str, str] = {}
    for sec in (ed.hub, *ed.sections):
        posts = [p for p in public_posts(ed.code)
                 if sec is ed.hub or ed.section(p.section) == sec]
        out.update(listing_pages(ed, sec.path, sec.name, posts, "category"))
    return out


def tag_pages(ed: Edition) -> dict[str, str]:
    tags = sorted({x for p in public_posts(ed.code) for x in p.tags})
    out: dict[str, str] = {}
    for tag in tags:
        posts = [p for p in public_posts(ed.code) if tag in p.tags]
        out.update(listing_pages(ed, f"/tag/{slugify(tag)}/", tag, posts, "tag"))
    return out


def author_pages(ed: Edition) -> dict[str, str]:
    out: dict[str, str] = {}
    for a in ed.authors:
        posts = [p for p in public_posts(ed.code) if a.slug in p.authors]
        out.update(listing_pages(ed, a.path, a.name, posts, "author"))
    return out


def static_page(ed: Edition, sp: StaticPage) -> str:
    paras = "".join(f"<p>{esc(x)}</p>" for x in sp.paragraphs)
    form = ""
    if sp.path == "/sign-in/":
        form = ('<form class="login-form" method="post"><input type="email" name="log" '
                'autocomplete="username"><input type="password" name="pwd" '
                f'autocomplete="current-password"><button type="submit">{t(ed.code, "login")}'
                "</button></form>")
    elif sp.path == "/subscription/":
        form = "<ul class='plans'>" + "".join(f"<li>{x}</li>" for x in t(ed.code, "upsell_list")) + "</ul>"
    main = (f'<main id="content" class="mx-auto max-w-3xl px-4"><article class="page type-page">'
            f'<h1 class="text-4xl font-bold">{esc(sp.title)}</h1><div class="entry-content">'
            f"{paras}{form}</div></article></main>")
    return _frame(ed, path=sp.path, title=sp.title, description=sp.paragraphs[0], main=main,
                  body_class=f"page-template-default page {sp.kind}",
                  graph=static_graph(ed, sp))


def not_found_page(ed: Edition) -> str:
    main = (f'<main id="content" class="mx-auto max-w-3xl px-4 py-16"><h1>{t(ed.code, "not_found")}'
            f'</h1><p>{t(ed.code, "not_found_p")}</p></main>')
    return _frame(ed, path="/404/", title=str(t(ed.code, "not_found")),
                  description=str(t(ed.code, "not_found")), main=main, body_class="error404")


def all_pages(ed: Edition) -> dict[str, str]:
    """Every non-article HTML page of an edition, by path."""
    out = {"/": home_page(ed)}
    out.update(section_pages(ed))
    out.update(tag_pages(ed))
    out.update(author_pages(ed))
    out.update({sp.path: static_page(ed, sp) for sp in ed.static_pages})
    return out


__all__ = ["all_pages", "not_found_page", "PER_PAGE"]
