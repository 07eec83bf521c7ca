"""The article body: Gutenberg block markup (same in both designs), ad slots in between.

The real site's body is WordPress block editor output (`wp-block-*` classes) in either design;
only the wrapper and the ad-slot markup changed with the redesign.
"""

from __future__ import annotations

from .model import Block, Edition, esc
from .parts import ad_slot


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
        _, path, caption, credit = block
        return (f'<figure class="wp-block-image size-large"><img decoding="async" loading="lazy" '
                f'src="{ed.url(path)}" alt="" width="1024" height="576">'
                f'<figcaption class="wp-element-caption">{esc(caption)} | {esc(credit)}'
                f"</figcaption></figure>")
    if kind == "ad":
        return ad_slot(ed.code, block[1], style) if with_ads else ""
    raise ValueError(f"unknown body block kind {kind!r}")


def render_body(ed: Edition, blocks: tuple[Block, ...], style: str, *,
                with_ads: bool = True) -> str:
    return "\n".join(filter(None, (render_block(ed, b, style, with_ads=with_ads)
                                   for b in blocks)))
