"""Short words for why a fetch failed, shared by the spiders' log lines, the crawl stats
(``archiver/failed/<kind>/<reason>``) and the end-of-crawl summary.

Why: Scrapy names failures by exception class (``twisted.internet.error.ConnectionRefusedError``,
``scrapy.exceptions.DownloadTimeoutError``, an ``HttpError`` whose status is inside); a summary
that counts "HTTP 404 3, timeout 1" needs one word per kind of failure, whatever raised it.
"""

from __future__ import annotations

from typing import Any

# Scrapy signal sent by our spiders when a fetch failed, with ``url``, ``reason`` (as
# failure_reason gives it) and ``request`` (None for the robots.txt the middleware fetched).
# The article limit settles the request with it; the crawl report names each host's reason.
fetch_failed = object()

# Exception class name -> reason. Names, not classes: Twisted, Scrapy and our own code each have
# their own classes for the same event, and the set changes between Scrapy versions.
_BY_NAME = {
    "ConnectionRefusedError": "connection refused",
    "DownloadConnectionRefusedError": "connection refused",
    "DNSLookupError": "host not found",
    "CannotResolveHostError": "host not found",
    "TimeoutError": "timeout",
    "TCPTimedOutError": "timeout",
    "DownloadTimeoutError": "timeout",
    "ConnectionLost": "connection lost",
    "ConnectionDone": "connection lost",
    "ResponseNeverReceived": "connection lost",
    "ResponseFailed": "connection lost",
    "ResponseDataLossError": "connection lost",
    "DownloadFailedError": "connection lost",
    "ConnectError": "connection failed",
    "OffsiteRefused": "refused: off the site",
    "ResponseTooLarge": "too large",
}


def failure_reason(failure: Any) -> str:
    """A Twisted Failure or an exception as a short reason: "HTTP 404", "timeout", …"""
    exc = getattr(failure, "value", failure)
    response = getattr(exc, "response", None)
    if type(exc).__name__ == "HttpError" and response is not None:
        return f"HTTP {response.status}"
    if "max redirections" in str(exc):
        return "redirect loop"
    if "DOWNLOAD_MAXSIZE" in str(exc):          # a gzip bomb, stopped while decompressing
        return "too large"
    for cls in type(exc).__mro__:
        if cls.__name__ in _BY_NAME:
            return _BY_NAME[cls.__name__]
    return type(exc).__name__
