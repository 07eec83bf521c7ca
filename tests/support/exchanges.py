"""Exchanges (what the WARC capture hands the writer) made up for a test, no crawl run."""

from __future__ import annotations

from datetime import datetime, timezone

from archiver.warc.exchange import Exchange


def exchange(url: str = "https://example.org/a-story/", body: bytes = b"<html>story</html>",
             status: int = 200, etag: str = '"v1"',
             date: datetime | None = None) -> Exchange:
    headers = [(b"Content-Type", b"text/html; charset=utf-8"), (b"ETag", etag.encode()),
               (b"Last-Modified", b"Wed, 01 May 2024 10:00:00 GMT"),
               (b"Content-Length", str(len(body)).encode())]
    return Exchange(url=url, method="GET", request_target="/a-story/",
                    request_headers=[(b"Host", b"example.org")], request_body=b"",
                    protocol="HTTP/1.1", status=status, reason="OK", response_headers=headers,
                    body=body, ip_address="127.0.0.1",
                    date=date or datetime(2024, 5, 2, 8, 0, tzinfo=timezone.utc))
