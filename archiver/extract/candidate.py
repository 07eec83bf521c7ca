"""Which captures go to extraction at all: one decision for the crawl and for `archive reprocess`.

Why one: the crawl and a reprocess of its WARC files must agree on what could be an article, or
reprocessing an archive gives a different set of records than the crawl that wrote it. Both ask
`skip_reason` with what a capture holds (status, Content-Type, body as served after content
decoding, whether the body was cut), before any HTML is parsed.

Reasons are NotAnArticle reason words, counted as ``archiver/not_article/<reason>`` by the crawl:
``http_status`` (only 200 is an article page), ``not_html`` (a PDF, an image, a feed at an
article URL), ``binary`` (binary data served as HTML, or with no Content-Type), ``truncated``
(the body was cut at DOWNLOAD_MAXSIZE or by a lost connection: half an article is no article).
"""

from __future__ import annotations

HTML_TYPES = ("text/html", "application/xhtml+xml", "")   # "": no Content-Type, let it try
_CONTROL = bytes(range(0, 32)).translate(None, b"\t\n\r\x0c\x1b")


def skip_reason(status: int, content_type: bytes | str | None, body: bytes,
                truncated: bool | str = False) -> str | None:
    """None if the capture goes to extraction, else why not (a NotAnArticle reason word)."""
    if status != 200:
        return "http_status"
    if truncated:
        return "truncated"
    if not is_html_type(content_type):
        return "not_html"
    if looks_binary(body):
        return "binary"
    return None


def is_html_type(content_type: bytes | str | None) -> bool:
    """Only HTML goes to extraction; PDFs, images, feeds served at article URLs stay raw."""
    if isinstance(content_type, bytes):
        content_type = content_type.decode("latin-1")
    return (content_type or "").split(";")[0].strip().lower() in HTML_TYPES


def looks_binary(body: bytes, sample: int = 4096) -> bool:
    """Binary data served as text/html: many control characters early on (images, archives and
    compressed data have about one byte in ten below 0x20). A stray NUL in a page does not make
    it binary, and a UTF-16 page (BOM or not) is text, though every other byte is NUL."""
    from archiver.extract.decode import utf16_without_bom

    head = body[:sample]
    if not head or head.startswith((b"\xff\xfe", b"\xfe\xff")) or utf16_without_bom(head):
        return False
    controls = sum(head.count(bytes([c])) for c in _CONTROL)       # NUL counts
    return controls > len(head) // 20
