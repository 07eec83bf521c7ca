"""Article-page components around the body: byline, boxes, upsells, teasers, newsletter, comments.

Each takes the style ("classic" | "current") where the two site designs differ in markup.
"""

from __future__ import annotations

from urllib.parse import quote

from .chrome import display_date
from .content import edition
from .model import Author, Edition, Post, esc
from .texts import t


def ad_slot(lang: str, n: int | None, style: str) -> str:
    """In-body ad: label, then a slot whose id and (unfilled) text are DEC_D_Incontent-n."""
    label = t(lang, "ad")
    if style == "classic":
        slot = (f'<div id="DEC_D_Incontent-{n}" class="dec-ad__slot">DEC_D_Incontent-{n}</div>'
                if n else "")
        return f'<div class="dec-ad dec-ad--incontent"><div class="dec-ad__label">{label}</div>{slot}</div>'
    slot = (f'<div id="DEC_D_Incontent-{n}" class="min-h-[280px] w-full">DEC_D_Incontent-{n}</div>'
            if n else "")
    return (f'<div class="not-prose my-8 flex flex-col items-center"><span class="text-[10px] '
            f'uppercase tracking-widest text-neutral-400">{label}</span>{slot}</div>')


def share_bar(ed: Edition, post: Post, style: str) -> str:
    """Category link, Plus label, share buttons, "Go to comment section"."""
    lang, url = ed.code, ed.url(post.path)
    enc = quote(url, safe="")
    sec = ed.section(post.section)
    if style == "classic":
        plus = f'<span class="plus-label">{t(lang, "plus")}</span>' if post.plus else ""
        return f"""<div class="post-meta-top">
<a class="post-category" href="{ed.url(sec.path)}">{esc(sec.name)}</a>{plus}
<div class="share-buttons"><button class="share-copy" type="button" title="{t(lang, 'copy_url')}" data-url="{url}"><span class="screen-reader-text">{t(lang, 'copy_url')}</span></button>
<a class="share-linkedin" href="https://www.linkedin.com/sharing/share-offsite/?url={enc}" target="_blank" rel="noopener">{t(lang, 'share')}</a></div>
<a class="comments-link" href="#comments">{t(lang, 'to_comments')}</a>
</div>"""
    plus = (f'<span class="rounded bg-amber-400 px-2 py-0.5 text-xs font-bold uppercase" '
            f'data-plus="true">{t(lang, "plus")}</span>' if post.plus else "")
    return f"""<div class="flex flex-wrap items-center gap-3 pt-6">
<a class="text-xs font-bold uppercase tracking-wider text-sky-700" href="{ed.url(sec.path)}">{esc(sec.name)}</a>{plus}
<div class="ml-auto flex items-center gap-2"><button type="button" class="rounded-full border p-2" title="{t(lang, 'copy_url')}" data-url="{url}"><svg width="16" height="16" aria-hidden="true"><use href="#icon-link"/></svg></button>
<button type="button" class="flex items-center gap-1 rounded-full border px-3 py-1 text-sm" data-share="{enc}"><svg width="16" height="16" aria-hidden="true"><use href="#icon-share"/></svg><span>{t(lang, 'share')}</span></button>
<a class="text-sm underline" href="#comments">{t(lang, 'to_comments')}</a></div>
</div>"""


def byline(ed: Edition, post: Post, style: str) -> str:
    authors = [ed.author(a) for a in post.authors]
    date = display_date(post.published, ed.code)
    if style == "classic":
        people = "".join(_classic_author(ed, a) for a in authors)
        return (f'<div class="entry-meta">{people}<span class="posted-on"><time class="entry-date '
                f'published" datetime="{post.published}">{date}</time><time class="updated" '
                f'datetime="{post.modified}">{display_date(post.modified, ed.code)}</time>'
                f'</span></div>')
    people = "".join(_current_author(ed, a) for a in authors)
    return (f'<div class="mt-4 flex flex-wrap items-center gap-3 text-sm">{people}'
            f'<div alt="{t(ed.code, "date_alt")}" class="flex items-center gap-1 text-neutral-500">'
            f'<svg width="14" height="14" aria-hidden="true"><use href="#icon-calendar"/></svg>'
            f'{date}</div></div><!-- inferred: date container carries alt="Date of publication" -->')


def _classic_author(ed: Edition, a: Author) -> str:
    return (f'<span class="byline"><a class="author-avatar" href="{ed.url(a.path)}" '
            f'title="{t(ed.code, "view_posts").format(name=a.name)}"><img alt="" '
            f'src="{ed.url(a.avatar)}" width="48" height="48"></a><span class="author vcard">'
            f'<a class="url fn n" href="{ed.url(a.path)}">{esc(a.name)}</a></span> '
            f'<a class="author-linkedin" href="{a.linkedin}" target="_blank" rel="noopener" '
            f'title="{t(ed.code, "linkedin").format(name=a.name)}"><span class="screen-reader-text">'
            f'{t(ed.code, "linkedin").format(name=a.name)}</span></a></span>')


def _current_author(ed: Edition, a: Author) -> str:
    return (f'<div class="flex items-center gap-2"><a href="{ed.url(a.path)}" '
            f'title="{t(ed.code, "view_posts").format(name=a.name)}"><img class="h-10 w-10 '
            f'rounded-full" alt="" src="{ed.url(a.avatar)}"></a><a class="font-semibold '
            f'hover:underline" href="{ed.url(a.path)}">{esc(a.name)}</a><a href="{a.linkedin}" '
            f'target="_blank" rel="noopener" title="{t(ed.code, "linkedin").format(name=a.name)}">'
            f'<svg width="14" height="14" aria-hidden="true"><use href="#icon-linkedin"/></svg>'
            f'<span class="sr-only">{t(ed.code, "linkedin").format(name=a.name)}</span></a></div>')


def lead_figure(ed: Edition, post: Post, style: str) -> str:
    img = post.image
    cap = f"{esc(img.caption)} " if img.caption else ""
    fig_cls = "post-thumbnail wp-caption" if style == "classic" else "mt-6"
    img_cls = ("attachment-post-thumbnail size-post-thumbnail wp-post-image" if style == "classic"
               else "wp-post-image aspect-video w-full rounded-xl object-cover")
    cap_cls = "wp-caption-text" if style == "classic" else "mt-2 text-xs text-neutral-500"
    return (f'<figure class="{fig_cls}"><img class="{img_cls}" src="{ed.url(img.path)}" '
            f'alt="{t(ed.code, "image_alt")}" width="{img.width}" height="{img.height}" '
            f'decoding="async" fetchpriority="high"><figcaption class="{cap_cls}">{cap}'
            f'<span class="image-credit">{esc(img.credit)}</span></figcaption></figure>')


def key_points(lang: str, post: Post, style: str) -> str:
    items = "".join(f"<li>{esc(k)}</li>" for k in post.key_points)
    if style == "classic":
        return (f'<div class="summary__text"><p class="summary__title"><strong>'
                f'{t(lang, "key_points")}</strong></p><ul>{items}</ul></div>')
    return (f'<div class="mt-6 rounded-xl bg-neutral-100 p-5"><p class="mb-2 text-sm font-bold '
            f'uppercase tracking-wide">{t(lang, "key_points")}</p><ul class="list-disc space-y-2 '
            f'pl-5 text-[15px]">{items}</ul></div>')


def ask_widget(lang: str) -> str:
    return (f'<form role="search" aria-label="Ask about this article" class="ask-article" '
            f'action="#"><!-- inferred markup --><input type="text" name="q" '
            f'placeholder="{t(lang, "ask")}" aria-label="{t(lang, "ask")}">'
            f'<button type="submit">{t(lang, "ask_button")}</button></form>')


def subscription_box(ed: Edition, style: str) -> str:
    """First upsell: <h3>, paragraph, (English: benefit list and "Subscribe now" link)."""
    lang = ed.code
    items = "".join(f"<li>{x}</li>" for x in t(lang, "sub_list"))
    lst = f"<ul>{items}</ul>" if items else ""
    link = (f'<p><a class="button" href="{ed.url("/subscription/")}">{t(lang, "sub_link")}</a></p>'
            if t(lang, "sub_link") else "")
    cls = "subscription-box" if style == "classic" else "not-prose my-10 rounded-2xl border-2 border-neutral-900 p-6"
    return (f'<div class="{cls}"><!-- inferred wrapper --><h3>{t(lang, "sub_h3")}</h3>'
            f'<p>{t(lang, "sub_p")}</p>{lst}{link}</div>')


def upsell_box(ed: Edition, style: str) -> str:
    """Second upsell ("Read on for the full picture…"); on Plus pages the body ends with it."""
    lang = ed.code
    head = "".join(f"<p><strong>{x}</strong></p>" for x in t(lang, "upsell_lines"))
    items = "".join(f"<li>{x}</li>" for x in t(lang, "upsell_list"))
    cls = "plus-upsell" if style == "classic" else "not-prose mt-10 rounded-2xl bg-neutral-900 p-6 text-white"
    return (f'<div class="{cls}">{head}<ul>{items}</ul><p><a class="button" '
            f'href="{ed.url("/subscription/")}">{t(lang, "upsell_link")}</a></p></div>')


def source_line(post: Post) -> str:
    """"Source: <a>X</a>", "Sources: <a>X</a> | <a>Y</a>", "Quelle: …", or bare links."""
    if not post.sources:
        return ""
    links = " | ".join(f'<a href="{esc(u)}" target="_blank" rel="noopener">{esc(n)}</a>'
                       for n, u in post.sources)
    return f"<p>{post.source_label} {links}</p>" if post.source_label else f"<p>{links}</p>"


def tag_links(ed: Edition, post: Post, style: str) -> str:
    from .model import slugify
    links = " ".join(f'<a href="{ed.url(f"/tag/{slugify(x)}/")}" rel="tag">{esc(x)}</a>'
                     for x in post.tags)
    cls = "tags-links" if style == "classic" else "mt-8 flex flex-wrap gap-2 text-xs"
    return f'<div class="{cls}"><span class="tags-label">{t(ed.code, "tags_label")}</span> {links}</div>'


def newsletter(ed: Edition) -> str:
    lang = ed.code
    return f"""<section class="newsletter-signup" aria-label="Newsletter">
<p class="newsletter-title">{t(lang, 'nl_title')}</p>
<form method="post" action="{ed.url('/wp-admin/admin-ajax.php')}"><input type="hidden" name="action" value="newsletter_signup">
<label class="sr-only" for="nl-email">{t(lang, 'nl_email')}</label><input id="nl-email" type="email" name="email" placeholder="{t(lang, 'nl_email')}" required>
<button type="submit">{t(lang, 'nl_button')}</button></form>
<p class="newsletter-note">{t(lang, 'nl_note')}</p>
</section>"""


def comments(ed: Edition, post: Post) -> str:
    """wpDiscuz comment section (its real ids/classes; the #wpdiscuz wrapper is inferred)."""
    lang, n = ed.code, len(post.comments)
    items = "".join(
        f'<div id="wpd-comm-{post.id * 10 + i}_0" class="comment even thread-even depth-1 '
        f'wpd-comment wpd_comment_level-1"><div class="wpd-comment-wrap wpd-blog-guest">'
        f'<div class="wpd-comment-right"><div class="wpd-comment-header"><div '
        f'class="wpd-comment-author">{esc(c.author)}</div><div class="wpd-comment-date">{esc(c.ago)}'
        f'</div></div><div class="wpd-comment-text"><p>{esc(c.text)}</p></div><div '
        f'class="wpd-comment-footer"><div class="wpd-reply-button">{t(lang, "comments_reply")}'
        f'</div></div></div></div></div>' for i, c in enumerate(post.comments))
    sort = "".join(f'<div class="wpdiscuz-sort-button">{s}</div>' for s in t(lang, "comments_sort"))
    return f"""<section id="wpdiscuz" class="comments-section"><!-- inferred wrapper -->
<div class="wpdiscuz_top_clearing"></div>
<div id="comments" class="comments-area"><div id="respond" style="width:0;height:0;clear:both;margin:0;padding:0"></div>
<div id="wpdcom" class="wpdiscuz_unauth wpd-default wpd-layout-2 wpd-comments-open">
<div class="wpd-form-wrap"><div class="wpd-form-head"><div class="wpd-sbs-toggle"><span class="wpd-sbs-title">{t(lang, 'comments_notify')} <select><option>{t(lang, 'comments_new')}</option><option>{t(lang, 'comments_replies')}</option></select></span></div>
<div class="wpd-auth"><div class="wpd-login"><a rel="nofollow" href="{ed.url('/sign-in/')}">{t(lang, 'comments_login')}</a></div></div></div>
<div class="wpd-form wpd-form-wrapper wpd-main-form-wrapper"><textarea placeholder="{t(lang, 'comments_join')}" aria-label="{t(lang, 'comments_join')}"></textarea></div></div>
<div id="wpd-threads" class="wpd-thread-wrapper"><div class="wpd-thread-head"><div class="wpd-thread-info" data-comments-count="{n}"><span class="wpdtc">{n}</span> {t(lang, 'comments_count')}</div>
<div class="wpd-thread-filter"><div class="wpd-filter wpdf-inline">{t(lang, 'comments_inline')}</div><div class="wpd-comment-sort">{sort}</div></div></div>
<div class="wpd-thread-list">{items}<div class="wpdiscuz-comment-pagination"><a href="#comments">{t(lang, 'comments_all')}</a></div></div></div>
</div></div>
</section>"""


def teaser_posts(ed: Edition, post: Post) -> tuple[list[Post], list[Post], list[Post]]:
    """Other posts an article page teases: Top Stories, Don't Miss, Most Popular."""
    from .content import public_posts
    others = [p for p in public_posts(ed.code) if p.id != post.id]
    return others[:3], others[3:5], others[-3:]


def teaser_sections(ed: Edition, post: Post, card) -> str:
    """"Top Stories", "Don't Miss" and "Most Popular": other posts of the edition as cards."""
    top, miss, popular = teaser_posts(ed, post)
    lang = ed.code
    cards = lambda ps: "".join(card(ed, p) for p in ps)  # noqa: E731
    pop = "".join(f'<li><a href="{ed.url(p.path)}">{esc(p.title)}</a></li>' for p in popular)
    return f"""<section class="top-stories" aria-label="{t(lang, 'top_stories')}"><h2>{t(lang, 'top_stories')}</h2><div class="cards">{cards(top)}</div></section>
<section class="dont-miss" aria-label="{t(lang, 'dont_miss')}"><h2>{t(lang, 'dont_miss')}</h2><div class="cards">{cards(miss)}</div></section>
{newsletter(ed)}
<aside class="most-popular" aria-label="{t(lang, 'most_popular')}"><h2>{t(lang, 'most_popular')}</h2><ol>{pop}</ol></aside>"""


def twin_url(ed: Edition, post: Post) -> str:
    """Edition switch target: the twin's shortlink on the other edition, else its home page."""
    other = edition(ed.other)
    return other.url(f"/?p={post.twin}") if post.twin else other.url("/")
