"""Allow-list sanitizing with nh3 (ammonia): what survives is only what is listed here.

Links are made absolute on the tree first (nh3 does not resolve URLs), then nh3 removes scripts,
styles, event handlers, iframes, forms and non-http(s) URLs such as ``javascript:``.
"""

from __future__ import annotations

import nh3
from lxml.html import HtmlElement, tostring

TAGS = {"p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd",
        "blockquote", "q", "cite", "pre", "code", "kbd", "samp", "em", "strong", "b", "i", "u",
        "s", "del", "ins", "mark", "small", "sub", "sup", "abbr", "time", "a", "img", "figure",
        "figcaption", "picture", "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
        "span", "div", "section", "article"}
ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title", "width", "height"},
              "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan", "scope"},
              "time": {"datetime"}, "abbr": {"title"}, "ol": {"start"}, "q": {"cite"},
              "blockquote": {"cite"}}
SCHEMES = {"http", "https", "mailto"}
CLEAN_CONTENT = {"script", "style", "iframe", "form", "noscript", "template", "textarea",
                 "select", "button", "object", "svg"}
_LAZY_SRC = ("data-src", "data-lazy-src", "data-original", "data-url")


def absolutize(root: HtmlElement, base_url: str) -> None:
    """Lazy-loaded image sources promoted, every link and src made absolute."""
    for img in root.iter("img"):
        if not img.get("src") or img.get("src", "").startswith("data:"):
            lazy = next((img.get(a) for a in _LAZY_SRC if img.get(a)), None)
            if lazy:
                img.set("src", lazy)
    try:
        root.make_links_absolute(base_url, resolve_base_href=False, handle_failures="discard")
    except (ValueError, TypeError):
        pass


def sanitize(root: HtmlElement) -> str:
    """The article fragment as safe HTML (no wrapper ``div``)."""
    inner = (root.text or "") + "".join(tostring(c, encoding="unicode") for c in root)
    return nh3.clean(inner, tags=TAGS, attributes=ATTRIBUTES, url_schemes=SCHEMES,
                     link_rel="noopener noreferrer", strip_comments=True,
                     clean_content_tags=CLEAN_CONTENT).strip()
