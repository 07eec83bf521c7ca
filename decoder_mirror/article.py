"""Article pages, top to bottom as decoder-site.md describes them, in the older or current design."""

from __future__ import annotations

from . import parts
from .body import render_body
from .cards import CARDS
from .chrome import head, page
from .content import markup_of
from .model import Edition, Post, esc, slugify
from .schema import article_graph, article_meta
from .texts import t


def _after_body(ed: Edition, post: Post, style: str) -> str:
    """Upsells and source line. A Plus page stops after its teaser and ends in the upsell."""
    if post.plus:
        return f'<div class="plus-content">{parts.upsell_box(ed, style)}</div>'
    return "\n".join(filter(None, (parts.subscription_box(ed, style), parts.source_line(post),
                                   parts.upsell_box(ed, style))))


def _classic_main(ed: Edition, post: Post) -> str:
    style = "classic"
    classes = " ".join([f"post-{post.id}", "post", "type-post", "status-publish",
                        "format-standard", "has-post-thumbnail", "hentry",
                        f"category-{post.section}", *(f"tag-{slugify(x)}" for x in post.tags)])
    return f"""<div id="content" class="site-content"><main id="main" class="site-main">
{parts.share_bar(ed, post, style)}
<article id="post-{post.id}" class="{classes}">
<header class="entry-header"><h1 class="entry-title">{esc(post.title)}</h1>
{parts.byline(ed, post, style)}</header>
{parts.lead_figure(ed, post, style)}
{parts.key_points(ed.code, post, style)}
{parts.ask_widget(ed.code)}
<div class="entry-content">
{render_body(ed, post.blocks, style)}
{_after_body(ed, post, style)}
</div>
<footer class="entry-footer">{parts.tag_links(ed, post, style)}</footer>
</article>
{parts.teaser_sections(ed, post, CARDS[style])}
{parts.comments(ed, post)}
</main></div>"""


def _current_main(ed: Edition, post: Post) -> str:
    style = "current"
    return f"""<main id="content" class="mx-auto max-w-7xl px-4">
{parts.share_bar(ed, post, style)}
<div class="grid grid-cols-12 gap-8">
<article class="col-span-12 py-6 lg:col-span-8">
<h1 class="font-serif text-3xl font-bold leading-tight md:text-5xl">{esc(post.title)}</h1>
{parts.byline(ed, post, style)}
{parts.lead_figure(ed, post, style)}
{parts.key_points(ed.code, post, style)}
{parts.ask_widget(ed.code)}
<div class="prose prose-lg prose-neutral mt-8 max-w-none">
{render_body(ed, post.blocks, style)}
{_after_body(ed, post, style)}
</div>
{parts.tag_links(ed, post, style)}
</article>
<aside class="col-span-12 lg:col-span-4"><div class="sticky top-24 flex flex-col items-center"><span class="text-[10px] uppercase tracking-widest text-neutral-400">{t(ed.code, 'ad')}</span><div id="DEC_D_Sidebar-1" class="min-h-[600px] w-[300px]"></div></div></aside>
</div>
{parts.teaser_sections(ed, post, CARDS[style])}
{parts.comments(ed, post)}
</main>"""


def article_page(ed: Edition, post: Post) -> str:
    style = markup_of(post)
    url = ed.url(post.path)
    head_html = head(ed, title=post.title, description=post.description, canonical=url,
                     og_type="article", graph=article_graph(ed, post),
                     image=ed.url(post.image.path), article_meta=article_meta(ed, post),
                     shortlink=ed.url(f"/?p={post.id}"), style=style)
    if style == "classic":
        main = _classic_main(ed, post)
        body_class = (f"post-template-default single single-post postid-{post.id} "
                      f"single-format-standard wp-embed-responsive")
    else:
        main = _current_main(ed, post)
        body_class = (f"single single-post postid-{post.id} bg-white font-sans text-neutral-900 "
                      f"antialiased")
    return page(ed, head_html=head_html, body_class=body_class, main=main,
                switch_url=parts.twin_url(ed, post), style=style)
