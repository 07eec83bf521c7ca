"""Real image files for the mirror, written by hand: PNG, baseline JPEG, lossless WebP, GIF.

The mirror serves real pictures, not placeholders: a crawl must capture image bytes that a
browser decodes (the reader's test checks ``naturalWidth > 0`` in Chromium), with the sizes the
markup declares. Pillow is not a dependency, and these formats are simple enough when the picture
is simple: a horizontal colour gradient in 8-pixel bands (PNG, JPEG) or one flat colour (WebP,
GIF). Every picture is derived from its path, so one path always serves the same bytes and two
paths serve different bytes, unless they name the same upload on two hosts.
"""

from __future__ import annotations

import hashlib
import struct
import zlib

Color = tuple[int, int, int]


def color_of(key: str) -> Color:
    """A stable, mid-bright colour for a path (so the gradients are visible but never black)."""
    digest = hashlib.sha1(key.encode("utf-8")).digest()
    return tuple(64 + b % 160 for b in digest[:3])  # type: ignore[return-value]


def _band(color: Color, x: int, width: int) -> Color:
    """The gradient: colour at the left edge, half as bright at the right, in 8-px bands."""
    shade = 1.0 - 0.5 * (x // 8 * 8) / max(width, 1)
    return tuple(int(c * shade) for c in color)  # type: ignore[return-value]


# --- PNG ----------------------------------------------------------------------------------------

def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return (struct.pack(">I", len(data)) + kind + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))


def png(width: int, height: int, color: Color) -> bytes:
    """An 8-bit RGB PNG; every row after the first uses the "Up" filter (all zeros: tiny files)."""
    row = b"".join(bytes(_band(color, x, width)) for x in range(width))
    raw = b"\x00" + row + (b"\x02" + bytes(3 * width)) * (height - 1)
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", ihdr)
            + _png_chunk(b"IDAT", zlib.compress(raw, 9)) + _png_chunk(b"IEND", b""))


# --- baseline JPEG --------------------------------------------------------------------------------
# Each 8x8 block is one flat colour, so its DCT has a DC coefficient only: with a quantisation
# table of ones, DC = 8 * (value - 128), coded as a difference to the previous block's DC with the
# standard luminance DC table (ITU T.81 K.3), and all 63 AC coefficients end in one EOB, coded with
# a one-symbol AC table. Three components (Y, Cb, Cr), no subsampling.

_DC_BITS = (0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0)
_DC_CODES = ("00", "010", "011", "100", "101", "110", "1110", "11110", "111110", "1111110",
             "11111110", "111111110")
_EOB = "0"                                  # the AC table's only symbol, 0x00, code length 1


def _segment(marker: int, data: bytes) -> bytes:
    return struct.pack(">BBH", 0xFF, marker, len(data) + 2) + data


def _ycbcr(color: Color) -> tuple[int, int, int]:
    r, g, b = color
    y = 0.299 * r + 0.587 * g + 0.114 * b
    cb = 128 - 0.168736 * r - 0.331264 * g + 0.5 * b
    cr = 128 + 0.5 * r - 0.418688 * g - 0.081312 * b
    return tuple(max(0, min(255, round(v))) for v in (y, cb, cr))  # type: ignore[return-value]


def _dc_bits(diff: int) -> str:
    size = abs(diff).bit_length()
    if size == 0:
        return _DC_CODES[0]
    value = diff if diff > 0 else diff + (1 << size) - 1
    return _DC_CODES[size] + format(value, f"0{size}b")


def _scan(width: int, height: int, color: Color) -> bytes:
    previous = [0, 0, 0]
    bits = []
    for _ in range((height + 7) // 8):
        for bx in range((width + 7) // 8):
            for c, value in enumerate(_ycbcr(_band(color, bx * 8, width))):
                dc = 8 * (value - 128)
                bits.append(_dc_bits(dc - previous[c]) + _EOB)
                previous[c] = dc
    stream = "".join(bits)
    stream += "1" * (-len(stream) % 8)       # pad the last byte with ones (T.81 F.1.2.3)
    data = int(stream, 2).to_bytes(len(stream) // 8, "big") if stream else b""
    return data.replace(b"\xff", b"\xff\x00")  # byte stuffing


def jpeg(width: int, height: int, color: Color) -> bytes:
    """A baseline (SOF0) JFIF JPEG of ``width`` x ``height``."""
    jfif = b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    dqt = b"\x00" + bytes([1] * 64)
    sof = struct.pack(">BHHB", 8, height, width, 3) + b"".join(
        bytes([cid, 0x11, 0]) for cid in (1, 2, 3))
    dht_dc = b"\x00" + bytes(_DC_BITS) + bytes(range(12))
    dht_ac = b"\x10" + bytes([1] + [0] * 15) + b"\x00"
    sos = bytes([3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0])
    return (b"\xff\xd8" + _segment(0xE0, jfif) + _segment(0xDB, dqt) + _segment(0xC0, sof)
            + _segment(0xC4, dht_dc) + _segment(0xC4, dht_ac) + _segment(0xDA, sos)
            + _scan(width, height, color) + b"\xff\xd9")


# --- lossless WebP (VP8L) ----------------------------------------------------------------------
# One flat colour: no transforms, no colour cache, and five "simple" prefix codes of one symbol
# each (green, red, blue, alpha, distance), so every pixel takes zero bits to code.

class _Bits:
    def __init__(self) -> None:
        self.value, self.count = 0, 0

    def put(self, value: int, width: int) -> None:
        self.value |= value << self.count       # VP8L packs bits LSB first
        self.count += width

    def bytes(self) -> bytes:
        return self.value.to_bytes((self.count + 7) // 8, "little")


def _simple_code(bits: _Bits, symbol: int) -> None:
    bits.put(1, 1)                           # simple code
    bits.put(0, 1)                           # one symbol
    if symbol < 2:
        bits.put(0, 1)
        bits.put(symbol, 1)
    else:
        bits.put(1, 1)
        bits.put(symbol, 8)


def webp(width: int, height: int, color: Color) -> bytes:
    bits = _Bits()
    bits.put(width - 1, 14)
    bits.put(height - 1, 14)
    bits.put(0, 1)                           # alpha not used
    bits.put(0, 3)                           # version 0
    bits.put(0, 1)                           # no transform
    bits.put(0, 1)                           # no colour cache
    bits.put(0, 1)                           # no meta prefix codes
    r, g, b = color
    for symbol in (g, r, b, 255, 0):
        _simple_code(bits, symbol)
    data = b"\x2f" + bits.bytes()
    chunk = b"VP8L" + struct.pack("<I", len(data)) + data + b"\x00" * (len(data) % 2)
    return b"RIFF" + struct.pack("<I", 4 + len(chunk)) + b"WEBP" + chunk


# --- GIF (the tracking pixel) -----------------------------------------------------------------

# The classic 1x1 transparent GIF that web beacons answer with.
PIXEL_GIF = (b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00"
             b"\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;")

WRITERS = {"image/png": png, "image/jpeg": jpeg, "image/webp": webp}
TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".webp": "image/webp"}


def picture(key: str, content_type: str, width: int, height: int) -> bytes:
    """The picture of ``key`` (an upload path) in ``content_type`` at ``width`` x ``height``."""
    return WRITERS[content_type](width, height, color_of(key))
