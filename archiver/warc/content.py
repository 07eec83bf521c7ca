"""HTTP Content-Encoding undone, with a bound on what is inflated.

Archives hold bodies as the server sent them: gzip, deflate, and in other tools' WARC files (or
from servers that ignore Accept-Encoding) also brotli and zstd. Replay, the reader and reprocess
want the page itself, so every coding is undone here, layer by layer (``Content-Encoding: gzip,
br`` means br was applied last), never producing more than ``max_size`` bytes: a 1 MB body can
inflate to gigabytes.
"""

from __future__ import annotations

import io
import sys
import zlib
from collections.abc import Callable

OUT_CHUNK = 1 << 16
DEFAULT_MAX = 64 * 1024 * 1024
IDENTITY = {"", "identity", "none"}
KNOWN = ("gzip", "x-gzip", "deflate", "br", "zstd")


class ContentDecodingError(ValueError):
    """The body is not in the coding its header names, or the coding is unknown."""


def codings(header: str | bytes | None) -> list[str]:
    """The codings of a Content-Encoding value, in the order they were applied."""
    if isinstance(header, bytes):
        header = header.decode("latin-1")
    return [c.strip().lower() for c in (header or "").split(",") if c.strip().lower() not in IDENTITY]


def decode_content(body: bytes, header: str | bytes | None,
                   max_size: int = DEFAULT_MAX) -> tuple[bytes, bool]:
    """(decoded body, complete): ``complete`` is False when it was cut at ``max_size``."""
    complete = True
    for coding in reversed(codings(header)):
        decoder = _DECODERS.get(coding)
        if decoder is None:
            raise ContentDecodingError(f"unknown content coding {coding!r}")
        try:
            body, whole = decoder(body, max_size)
        except ContentDecodingError:
            raise
        except Exception as exc:  # noqa: BLE001 — each library raises its own error types
            raise ContentDecodingError(f"bad {coding} data: {exc}") from None
        complete = complete and whole
    return body, complete


def _zlib(body: bytes, max_size: int, wbits: int) -> tuple[bytes, bool]:
    decomp = zlib.decompressobj(wbits)
    out, size, data = [], 0, body
    while True:
        chunk = decomp.decompress(data, OUT_CHUNK)
        out.append(chunk)
        size += len(chunk)
        if size > max_size:
            return b"".join(out)[:max_size], False
        if decomp.eof:
            if decomp.unused_data[:2] == b"\x1f\x8b" and wbits & 16:   # a further gzip member
                more, whole = _zlib(decomp.unused_data, max_size - size, wbits)
                return b"".join(out) + more, whole
            return b"".join(out), True
        if not decomp.unconsumed_tail:
            return b"".join(out), True      # stream cut short: what there is
        data = decomp.unconsumed_tail


def _gzip(body: bytes, max_size: int) -> tuple[bytes, bool]:
    return _zlib(body, max_size, 16 + zlib.MAX_WBITS)


def _deflate(body: bytes, max_size: int) -> tuple[bytes, bool]:
    """RFC 9110 deflate is zlib-wrapped; some servers send raw deflate. Try both."""
    try:
        return _zlib(body, max_size, zlib.MAX_WBITS)
    except zlib.error:
        return _zlib(body, max_size, -zlib.MAX_WBITS)


def _brotli(body: bytes, max_size: int) -> tuple[bytes, bool]:
    import brotli

    decomp = brotli.Decompressor()
    out, size = [decomp.process(body, output_buffer_limit=OUT_CHUNK)], 0
    size = len(out[0])
    while size <= max_size and not decomp.is_finished():
        chunk = decomp.process(b"", output_buffer_limit=OUT_CHUNK)
        if not chunk:
            break
        out.append(chunk)
        size += len(chunk)
    data = b"".join(out)
    return (data[:max_size], False) if size > max_size else (data, True)


def _zstd(body: bytes, max_size: int) -> tuple[bytes, bool]:
    zstd = _zstd_module()
    reader = zstd.ZstdFile(io.BytesIO(body))
    out, size = [], 0
    while size <= max_size:
        try:
            chunk = reader.read(OUT_CHUNK)
        except EOFError:        # cut short: what there is
            break
        if not chunk:
            break
        out.append(chunk)
        size += len(chunk)
    data = b"".join(out)
    return (data[:max_size], False) if size > max_size else (data, True)


def _zstd_module():
    if sys.version_info >= (3, 14):
        from compression import zstd
    else:
        from backports import zstd
    return zstd


_DECODERS: dict[str, Callable[[bytes, int], tuple[bytes, bool]]] = {
    "gzip": _gzip, "x-gzip": _gzip, "deflate": _deflate, "br": _brotli, "zstd": _zstd,
}
