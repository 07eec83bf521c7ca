"""The best source of each picture: ``srcset`` candidates and ``<picture>`` sources resolved.

Why before sanitizing: the sanitizer keeps ``<img src>`` only (a ``srcset`` would let the page
pick images the archive never fetched, and ``<source>`` is not in its allow-list). Without this
step the clean article would name the small rendition a template put in ``src`` (WordPress puts
the "large" size there and lists the original in ``srcset``). So the one image the article keeps
is the one a wide screen shows: in a ``<picture>``, the first ``<source>`` a browser could use
without a media condition (as a browser picks the first that matches); else the largest
``srcset`` candidate (by width, else pixel density); else ``src``. Lazy-loading variants
(``data-srcset``) count as ``srcset``.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from lxml.html import HtmlElement

SUPPORTED_TYPES = {"image/avif", "image/webp", "image/png", "image/jpeg", "image/jpg",
                   "image/gif", "image/svg+xml"}
_SPACE = re.compile(r"[\s,]*")
_URL = re.compile(r"\S+")
_DESCRIPTORS = re.compile(r"[^,]*")


def parse_srcset(value: str) -> list[tuple[str, str]]:
    """[(url, descriptor)] as the HTML standard splits a srcset: a URL runs to whitespace (it may
    hold commas); trailing commas end a candidate without descriptor."""
    out, pos = [], 0
    while True:
        pos = _SPACE.match(value, pos).end()       # type: ignore[union-attr]
        if pos >= len(value):
            return out
        url = _URL.match(value, pos).group()       # type: ignore[union-attr]
        pos += len(url)
        descriptor = ""
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            descriptor = _DESCRIPTORS.match(value, pos).group()  # type: ignore[union-attr]
            pos += len(descriptor)
        if url:
            out.append((url, descriptor.strip()))


def _size(descriptor: str) -> tuple[int, float]:
    """Sort key of a candidate: (width in px or 0, density); "" means 1x."""
    match = re.fullmatch(r"(\d+)w", descriptor)
    if match:
        return int(match.group(1)), 0.0
    match = re.fullmatch(r"(\d+(?:\.\d+)?)x", descriptor)
    return 0, float(match.group(1)) if match else 1.0


def largest(srcset: str) -> str | None:
    """The largest candidate of a srcset (widths beat densities when both occur)."""
    candidates = parse_srcset(srcset)
    if not candidates:
        return None
    return max(candidates, key=lambda c: _size(c[1]))[0]


def _usable(source: HtmlElement) -> bool:
    kind = (source.get("type") or "").split(";")[0].strip().lower()
    return not source.get("media") and (not kind or kind in SUPPORTED_TYPES)


def best_source(img: HtmlElement) -> str | None:
    """The URL this picture should be kept (and archived) with, as written in the page."""
    # libxml2's HTML parser does not know <source> as a void element: the <img> after it ends
    # up inside it. So the <picture> is looked for among the ancestors.
    holder = next((a for a in img.iterancestors() if a.tag in ("picture", "figure", "p", "div")),
                  None)
    if holder is not None and holder.tag == "picture":
        for source in holder.iter("source"):
            srcset = source.get("srcset") or source.get("data-srcset")
            if srcset and _usable(source):
                return largest(srcset)
    srcset = img.get("srcset") or img.get("data-srcset")
    return (largest(srcset) if srcset else None) or img.get("src") or img.get("data-src")


def _absolute_already(img: HtmlElement, best: str) -> bool:
    """The best source is the ``src`` already, and absolute: nothing to resolve (most images)."""
    return best == img.get("src") and best.startswith(("http://", "https://"))


def promote_best_sources(root: HtmlElement, base_url: str) -> None:
    """Set each ``<img src>`` to its best source (absolute) and drop its srcset; the
    ``<source>`` elements go with the sanitizer."""
    for img in root.iter("img"):
        best = best_source(img)
        if best and not best.startswith("data:") and not _absolute_already(img, best):
            img.set("src", urljoin(base_url, best.strip()))
        for name in ("srcset", "data-srcset", "sizes"):
            img.attrib.pop(name, None)
