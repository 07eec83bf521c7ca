"""Bytes to text: the page's own charset, corrected by what the bytes say, never a crash.

Why not let lxml or readability sniff: readability's sniffing doubles its time, and lxml given
bytes trusts a wrong <meta charset> blindly. We pick the codec once and hand str onwards:

1. a BOM, or UTF-16 without one (every other byte NUL);
2. UTF-8 when the bytes are UTF-8, or almost (a few invalid bytes in a UTF-8 page are replaced,
   not a reason to read every umlaut as cp1252 mojibake), whatever the label says;
3. the declared charset (HTTP header first, then <meta>), if the bytes decode in it;
4. otherwise (no label, or a UTF-8 label the bytes deny) the encoding is detected: a multi-byte
   encoding (Shift_JIS, EUC-KR, GB18030, Big5, ...) as charset-normalizer finds it, Western text
   as cp1252 (what browsers assume; the detector cannot tell cp1252 from cp1250 or Mac Roman on
   German or French text), other single-byte scripts (Cyrillic, Greek, ...) as detected.
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
_HIGH_BYTES = bytes(range(0x80, 0x100))
# Invalid sequences per valid non-ASCII character still read as UTF-8 (with replacement): text
# in a single-byte encoding makes almost no valid UTF-8 sequences, so even 1 in 4 is telling.
ALMOST_UTF8 = 0.25
DETECT_SAMPLE = 64 * 1024
_TAG = re.compile(r"<[^>]*>")


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
    """Text of ``data``; ``encoding`` is the HTTP charset, if any (see module docstring)."""
    if isinstance(data, str):
        return data
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(name, "replace")
    utf16 = utf16_without_bom(data)
    if utf16:
        return data.decode(utf16, "replace")
    if data.isascii():
        return data.decode("ascii")
    declared = [n for n in dict.fromkeys((_codec(encoding), sniff_charset(data))) if n]
    cjk_label = any(not _single_byte(n) and not n.startswith("utf") for n in declared)
    invalid, valid = utf8_quality(data)
    if invalid == 0 and not cjk_label:
        return data.decode("utf-8")           # valid UTF-8 is no accident
    if valid and 0 < invalid <= ALMOST_UTF8 * valid:
        return data.decode("utf-8", "replace")
    for name in declared:
        if name != "utf-8":
            try:
                return data.decode(name)
            except (UnicodeDecodeError, LookupError):
                continue
    return data.decode(detect_encoding(data), "replace")


def utf8_quality(data: bytes) -> tuple[int, int]:
    """(invalid UTF-8 sequences, valid non-ASCII characters) in ``data``."""
    text = data.decode("utf-8", "replace")
    invalid = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    non_ascii_bytes = len(data) - len(data.translate(None, _HIGH_BYTES))
    ascii_chars = len(data) - non_ascii_bytes
    return invalid, len(text) - ascii_chars - invalid


def utf16_without_bom(data: bytes, sample: int = 512) -> str | None:
    """``utf-16-le``/``-be`` when NUL is every other byte (ASCII-heavy UTF-16), else None."""
    head = data[:sample]
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) >= 0.4 * len(odd) and even.count(0) <= 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) >= 0.4 * len(even) and odd.count(0) <= 0.05 * len(odd):
        return "utf-16-be"
    return None


def detect_encoding(data: bytes) -> str:
    """The encoding of bytes that are not UTF-8 and carry no usable label."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[:DETECT_SAMPLE]).best()
    guess = best.encoding if best is not None else None
    if guess and not _single_byte(guess):
        return guess
    if guess is None or looks_western(data):
        return "cp1252"
    return guess


def looks_western(data: bytes) -> bool:
    """Read as cp1252, is it Latin text (mostly ASCII letters, some accented)? Cyrillic or Greek
    read as cp1252 is made of accented letters only."""
    text = _TAG.sub(" ", data[:DETECT_SAMPLE].decode("cp1252", "replace"))
    letters = sum(1 for ch in text if ch.isalpha())
    accented = sum(1 for ch in text if ch.isalpha() and ord(ch) > 127)
    return letters < 20 or accented <= 0.3 * letters


_MULTI_BYTE = ("utf", "shift_jis", "cp932", "euc", "gb", "big5", "cp949", "cp950", "iso2022",
               "hz", "johab")


def _single_byte(codec: str) -> bool:
    try:
        return not codecs.lookup(codec).name.startswith(_MULTI_BYTE)
    except LookupError:
        return True
