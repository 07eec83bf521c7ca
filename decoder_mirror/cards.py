"""Listing cards in both designs: `a.link-overlay` (older) and `a.absolute.inset-0[title=…]`."""

from __future__ import annotations

from .chrome import display_date
from .model import Edition, Post, esc
from .texts import t


def classic_card(ed: Edition, post: Post) -> str:
    sec = ed.section(post.section)
    return (f'<article class="card post-{post.id}"><div class="card__image"><img '
            f'src="{ed.url(post.image.path)}" alt="" loading="lazy" width="400" height="225"></div>'
            f'<div class="card__content"><span class="card__category">{esc(sec.name)}</span>'
            f'<h3 class="card__title">{esc(post.title)}</h3><p class="card__excerpt">'
            f'{esc(post.description)}</p><time class="entry-date published" '
            f'datetime="{post.published}">{display_date(post.published, ed.code)}</time></div>'
            f'<a class="link-overlay" href="{ed.url(post.path)}" aria-label="{esc(post.title)}"></a>'
            f"</article>")


def current_card(ed: Edition, post: Post) -> str:
    sec = ed.section(post.section)
    title = t(ed.code, "read_full").format(title=post.title)
    plus = (f'<span class="rounded bg-amber-400 px-1 text-[10px] font-bold">{t(ed.code, "plus")}'
            f"</span>" if post.plus else "")
    return (f'<div class="group relative flex flex-col gap-3"><img class="aspect-video w-full '
            f'rounded-lg object-cover" src="{ed.url(post.image.path)}" alt="" loading="lazy">'
            f'<div class="flex items-center gap-2"><span class="text-xs font-bold uppercase '
            f'text-sky-700">{esc(sec.name)}</span>{plus}</div><h3 class="text-lg font-semibold '
            f'leading-snug group-hover:underline">{esc(post.title)}</h3><p class="line-clamp-3 '
            f'text-sm text-neutral-600">{esc(post.description)}</p><a class="absolute inset-0" '
            f'href="{ed.url(post.path)}" title="{esc(title)}"></a></div>')


CARDS = {"classic": classic_card, "current": current_card}
