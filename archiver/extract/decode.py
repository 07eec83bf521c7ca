"""Bytes to text: the page's own charset, corrected by what HTTP said, never a crash.

Why not let lxml or readability sniff: readability's sniffing doubles its time, and lxml given
bytes trusts a wrong <meta charset> blindly. We pick the codec once and hand str onwards.
"""

from __future__ import annotations

import codecs
import re

_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_:.\-]+)""", re.I)
# WHATWG: labels that browsers decode as windows-1252 (latin-1 pages use its extra glyphs).
_AS_CP1252 = {"latin-1", "latin1", "iso-8859-1", "iso8859-1", "iso_8859-1", "l1", "ascii",
              "us-ascii", "windows-1252", "cp1252", "iso-8859-15", "latin-9"}


def _codec(label: str | None) -> str | None:
    """A Python codec name for a charset label, or None when the label is unknown."""
    if not label:
        return None
    label = label.strip().lower()
    if label in _AS_CP1252:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def sniff_charset(data: bytes) -> str | None:
    """The charset a page declares in a <meta> tag within its first 4 KiB."""
    match = _META_CHARSET.search(data[:4096])
    return _codec(match.group(1).decode("ascii", "replace")) if match else None


def decode_html(data: str | bytes, encoding: str | None = None) -> str:
    """Text of ``data``: BOM first, then the HTTP ``encoding``, the meta charset, UTF-8, cp1252."""
    if isinstance(data, str):
        return data
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(name, "replace")
    tried: list[str] = []
    declared = [_codec(encoding), sniff_charset(data)]
    single_byte = [n for n in declared if n and not n.startswith("utf")]
    if single_byte and not data.isascii() and _is_utf8(data):
        declared.insert(0, "utf-8")   # UTF-8 mislabelled as latin-1/-9: valid UTF-8 is no accident
    for name in (*declared, "utf-8"):
        if name and name not in tried:
            tried.append(name)
            try:
                return data.decode(name)
            except (UnicodeDecodeError, LookupError):
                continue
    return data.decode(tried[0] if tried[0] != "utf-8" else "cp1252", "replace")


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
