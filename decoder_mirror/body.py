"""The article body: Gutenberg block markup (same in both designs), ad slots in between.

The real site's body is WordPress block editor output (`wp-block-*` classes) in either design;
only the wrapper and the ad-slot markup changed with the redesign.
"""

from __future__ import annotations

from .model import Block, Edition, esc
from .parts import ad_slot
from .uploads import FIGURE_SIZE, ORIGINAL_SIZE, RENDITIONS, cdn_url, rendition, variant, webp_twin


def render_block(ed: Edition, block: Block, style: str, *, with_ads: bool = True) -> str:
    kind = block[0]
    if kind == "lead":
        return f"<p><strong>{block[1]}</strong></p>"
    if kind == "p":
        return f"<p>{block[1]}</p>"
    if kind == "h2":
        return f'<h2 class="wp-block-heading">{esc(block[1])}</h2>'
    if kind == "ul":
        items = "".join(f"<li>{x}</li>" for x in block[1])
        return f'<ul class="wp-block-list">{items}</ul>'
    if kind == "quote":
        return (f'<blockquote class="wp-block-quote"><p>{block[1]}</p>'
                f"<cite>{esc(block[2])}</cite></blockquote>")
    if kind == "table":
        head = "".join(f"<th>{esc(c)}</th>" for c in block[1])
        rows = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in r) + "</tr>"
                       for r in block[2])
        return (f'<figure class="wp-block-table"><table class="has-fixed-layout"><thead><tr>{head}'
                f"</tr></thead><tbody>{rows}</tbody></table></figure>")
    if kind == "code":
        return (f'<pre class="wp-block-code"><code lang="{block[1]}" class="language-{block[1]}">'
                f"{esc(block[2])}</code></pre>")
    if kind == "figure":
        return (f'<figure class="wp-block-image size-large">{figure_picture(ed, block)}'
                f'<figcaption class="wp-element-caption">{esc(block[2])} | {esc(block[3])}'
                f"</figcaption></figure>")
    if kind == "pixel":
        return (f'<img src="{esc(block[1])}" width="1" height="1" alt="" loading="eager">'
                "<!-- inferred: VG Wort counting pixel inside the article text -->")
    if kind == "ad":
        return ad_slot(ed.code, block[1], style) if with_ads else ""
    raise ValueError(f"unknown body block kind {kind!r}")


def _img(src: str, extra: str = "") -> str:
    w, h = FIGURE_SIZE
    return (f'<img decoding="async" loading="lazy" src="{esc(src)}" alt="" width="{w}" '
            f'height="{h}"{extra}>')


def figure_picture(ed: Edition, block: Block) -> str:
    """The picture of an in-body figure, in the markup its variant names (see uploads.py)."""
    path, kind = block[1], variant(block)
    if kind == "srcset":
        w, h = FIGURE_SIZE
        sizes = [f"{ed.url(rendition(path, rw, rh))} {rw}w" for rw, rh in RENDITIONS]
        srcset = ", ".join([*sizes, f"{ed.url(path)} {ORIGINAL_SIZE[0]}w"])
        return _img(ed.url(rendition(path, w, h)),
                    f' srcset="{srcset}" sizes="(max-width: {w}px) 100vw, {w}px"')
    if kind == "webp":
        return (f'<picture><source srcset="{ed.url(webp_twin(path))}" type="image/webp">'
                f"{_img(ed.url(path))}</picture>")
    if kind == "cdn":
        return _img(cdn_url(ed, path))
    return _img(ed.url(path))


def render_body(ed: Edition, blocks: tuple[Block, ...], style: str, *,
                with_ads: bool = True) -> str:
    return "\n".join(filter(None, (render_block(ed, b, style, with_ads=with_ads)
                                   for b in blocks)))
