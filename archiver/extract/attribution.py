"""Attribution kept beside the text: the source line and the lead image's caption and credit.

A source line ("Source: Bloomberg | Stackdiary", "Quelle: ...") credits the article; it belongs
in the record, not in the body. An image credit ("Image: X", "Midjourney prompted by X") belongs
to the image.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from lxml.html import HtmlElement

from .treeutil import HEADINGS, drop, head_text, norm, same_site, text_of

GENERIC_SOURCE_PREFIXES = ("Source:", "Sources:", "Quelle:", "Quellen:", "Fuente:", "Fonte:",
                           "Via:")
_CREDIT_PREFIX = re.compile(r"^(?:image|images|photo|photos|picture|bild|bilder|foto|fotos|"
                            r"credit|credits|illustration|grafik|graphic|video)\s*:\s*(.+)$", re.I)
_CREDIT_WORDS = re.compile(r"(©|\(c\)|\b(?:prompted|generated|photographed|illustrated)\s+(?:by|with)\b|"
                           r"\b(?:getty images|shutterstock|istock|unsplash|reuters|dpa|afp|ap photo)\b)",
                           re.I)
_CREDIT_CLASS = re.compile(r"credit|copyright|source|photographer|byline|author", re.I)


def pull_sources(body: HtmlElement, prefixes: tuple[str, ...]) -> list[dict[str, str | None]]:
    """Remove source lines from the body; return them as [{name, url}]."""
    sources: list[dict[str, str | None]] = []
    wanted = tuple(p.lower() for p in prefixes)
    longest = max((len(p) for p in wanted), default=0)
    for block in list(body.iter("p", "div", "li", "span", "footer", *HEADINGS)):
        # The head of a block's text is a prefix of its whole text: when it is long enough and
        # names no source, the block's whole text (a wrapper's is the article's) is not read.
        head = head_text(block, longest + 10).lower()
        if len(head) >= longest and not head.startswith(wanted):
            continue
        text = text_of(block)
        if len(text) > 300 or not text.lower().startswith(wanted) or block.getparent() is None:
            continue
        if block.tag == "div" and any(c.tag in ("p", "div") for c in block):
            continue
        rest = text.split(":", 1)[1]
        links = {text_of(a): a.get("href") for a in block.iter("a")}
        for name in (norm(n) for n in re.split(r"\s*[|;,]\s*", rest)):
            if name:
                sources.append({"name": name, "url": links.get(name)})
        drop(block)
    return sources


def pull_bare_links(body: HtmlElement, page_url: str) -> list[dict[str, str | None]]:
    """A last paragraph made only of short links to other sites ("Paper | GitHub") is the
    attribution line without its "Source:" label: moved out of the body as well."""
    last = next((p for p in reversed(list(body.iter("p", "div"))) if text_of(p)), None)
    if last is None or last.getparent() is None or any(c.tag in ("p", "div") for c in last):
        return []
    links = [a for a in last.iter("a") if text_of(a)]
    text = text_of(last)
    if not links or sum(len(text_of(a)) for a in links) < 0.85 * len(text.replace("|", "").replace(" ", "")) \
            or any(same_site(a.get("href"), page_url) or len(text_of(a).split()) > 3 for a in links):
        return []
    drop(last)
    return [{"name": text_of(a), "url": a.get("href")} for a in links]


def lead_image(root: HtmlElement, image_url: str | None, base_url: str) -> dict[str, str | None] | None:
    """{url, caption, credit} from og:image/JSON-LD and the lead picture at the article top."""
    img, holder = _lead_picture(root)
    caption = credit = None
    if holder is not None:
        caption, credit = split_caption(holder) if holder.tag == "figure" else _loose_caption(holder, img)
    if image_url is None and img is not None:
        src = img.get("src") or img.get("data-src")
        image_url = urljoin(base_url, src.strip()) if src and src.strip() else None
    if not image_url:
        return None
    return {"url": image_url, "caption": caption, "credit": credit}


def _lead_picture(root: HtmlElement) -> tuple[HtmlElement | None, HtmlElement | None]:
    """The first picture before the article's prose: (img, its figure or its small holder).

    A figure after the body has started is an in-body figure, not the lead; an image inside a
    link is an avatar or a teaser, not the lead either.
    """
    article = next(root.iter("article"), None)
    for el in (article if article is not None else root).iter("p", "figure", "img"):
        if el.tag == "p" and len(text_of(el)) > 150:
            break
        if el.tag == "figure" and el.find(".//img") is not None:
            return el.find(".//img"), el
        if el.tag == "img" and not _is_icon(el) and not any(a.tag in ("a", "figure") for a in el.iterancestors()):
            holder = el.getparent()
            return el, (holder if holder is not None and len(text_of(holder)) <= 200 else None)
    return None, None


def _is_icon(img: HtmlElement) -> bool:
    """Icons and spacers (svg, data: URIs, declared smaller than 100 px) are never the lead."""
    src = (img.get("src") or img.get("data-src") or "").strip().lower()
    if not src or src.startswith("data:") or src.split("?")[0].endswith(".svg"):
        return True
    sizes = [img.get(k, "").rstrip("px") for k in ("width", "height")]
    return any(v.isdigit() and int(v) < 100 for v in sizes)


def _loose_caption(holder: HtmlElement, img: HtmlElement | None) -> tuple[str | None, str | None]:
    """Caption and credit printed beside an image without a figure ("Midjourney prompted by …")."""
    text = text_of(holder)
    if not text:
        return None, None
    parts = [norm(p) for p in re.split(r"\s+[|/]\s+", text)]
    for i, part in enumerate(parts):
        if _CREDIT_PREFIX.match(part) or _CREDIT_WORDS.search(part):
            return (" | ".join(parts[:i] + parts[i + 1:]) or None), part
    return text, None


def split_caption(figure: HtmlElement) -> tuple[str | None, str | None]:
    """(caption, credit) of a figure: credit from a credit element or an "Image: X" pattern."""
    cap = figure.find(".//figcaption")
    if cap is None:
        return None, None
    credit = None
    for el in cap.iter():
        if el is not cap and _CREDIT_CLASS.search(el.get("class", "")) and text_of(el):
            credit = text_of(el)
            break
    text = text_of(cap)
    if credit:
        text = norm(text.replace(credit, "")).strip(" |–-")
    else:
        parts = [norm(p) for p in re.split(r"\s+[|/]\s+", text)]
        for i, part in enumerate(parts):
            match = _CREDIT_PREFIX.match(part)
            if match or _CREDIT_WORDS.search(part):
                credit = part            # as printed: "Image: City Archive"
                text = " | ".join(parts[:i] + parts[i + 1:])
                break
    return (text or None), credit
