"""Re-running extraction over the response records of any WARC file (ours, wget's,
Browsertrix's, Common Crawl's) and writing a clean archive in the crawl's own layout.

Extraction is the slow, pure part: it runs in worker processes on (url, bytes) jobs, while
reading and writing stay in the parent so that the output is one ordered, well-formed archive
no matter how many workers there are.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from archiver.warc.exchange import Exchange, request_target
from archiver.warc.reader import Record

from .payload import dechunk, parse_response
from .scan import ProblemHandler, iter_records

HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass
class Job:
    """One HTML response to extract; ``exchange`` stays in the parent for writing."""

    url: str
    body: bytes
    charset: str | None
    site: str | None
    fetched_at: datetime
    status: int
    exchange: Exchange | None = None


def extract_job(job: Job) -> tuple[str, Any]:
    """In a worker: ("article", Article) or ("skipped", reason). Never raises."""
    from archiver.extract import NotAnArticle, extract_article
    try:
        return "article", extract_article(job.body, job.url, site=job.site,
                                          fetched_at=job.fetched_at, encoding=job.charset)
    except NotAnArticle as exc:
        return "skipped", f"not an article: {exc.reason}"
    except Exception as exc:  # noqa: BLE001 — one bad page must not stop a reprocess run
        return "skipped", f"error: {type(exc).__name__}"


def jobs_from(path: Path, site: str | None, skipped: Counter[str],
              on_problem: ProblemHandler) -> Iterator[Job]:
    """A Job per HTML 200 response of ``path``; everything else is counted in ``skipped``.

    A response's request record may come before it (wget) or after it (warcio, our crawl), so
    a response waits for the next record before it becomes a job.
    """
    pending: Record | None = None
    requests: dict[str, Record] = {}
    for record in iter_records(path, on_problem):
        if record.type == "request":
            requests = {record.id: record, **dict(list(requests.items())[:7])}
        if pending is not None:
            yield from _job(pending, _request_for(pending, record, requests), site, skipped)
            pending = None
        if record.type == "response":
            pending = record
    if pending is not None:
        yield from _job(pending, _request_for(pending, None, requests), site, skipped)


def _request_for(response: Record, following: Record | None,
                 requests: dict[str, Record]) -> Record | None:
    if following is not None and following.type == "request" and \
            following.get("WARC-Concurrent-To") == response.id:
        return following
    return requests.get(response.get("WARC-Concurrent-To") or "")


def target_uri(record: Record) -> str:
    """WARC-Target-URI; WARC 1.0 writers such as wget put it in angle brackets."""
    return (record.get("WARC-Target-URI") or "").strip().strip("<>")


def _job(response: Record, request: Record | None, site: str | None,
         skipped: Counter[str]) -> Iterator[Job]:
    http = parse_response(response)
    url = target_uri(response)
    if http is None or not url.startswith(("http://", "https://")):
        skipped["not HTTP"] += 1
    elif http.status != 200:
        skipped[f"HTTP status {http.status}"] += 1
    elif http.mime not in HTML_TYPES:
        skipped["not HTML"] += 1
    else:
        job = Job(url, http.body, http.charset, site or _site_name(url), _date(response),
                  http.status)
        job.exchange = exchange_of(response, request, job.fetched_at)
        yield job


def _site_name(url: str) -> str | None:
    from archiver.sites import site_for_url
    profile = site_for_url(url)
    return profile.name if profile else None


def _date(record: Record) -> datetime:
    raw = (record.get("WARC-Date") or "").replace("Z", "+00:00")
    try:
        return datetime.fromisoformat(raw).astimezone(timezone.utc)
    except ValueError:
        return datetime.now(timezone.utc)


def exchange_of(response: Record, request: Record | None, date: datetime) -> Exchange:
    """The original exchange, bytes unchanged, so the new WARC keeps the page as captured."""
    head, body = response.http_split() or (b"", response.block)
    status_line, *lines = head.rstrip(b"\r\n").split(b"\r\n")
    protocol, _, rest = status_line.decode("latin-1").partition(" ")
    status, _, reason = rest.partition(" ")
    url = target_uri(response)
    req_line, req_headers, req_body = _request_parts(request, url)
    method, target = (req_line.split(" ") + ["", ""])[:2]
    headers, body = profile_body(_headers(lines), body)
    return Exchange(url=url, method=method or "GET", request_target=target or request_target(url),
                    request_headers=req_headers, request_body=req_body, protocol=protocol,
                    status=int(status) if status.isdigit() else 0, reason=reason,
                    response_headers=headers, body=body,
                    ip_address=response.get("WARC-IP-Address"), date=date,
                    truncated=response.get("WARC-Truncated") or False)


def profile_body(headers: list[tuple[bytes, bytes]],
                 body: bytes) -> tuple[list[tuple[bytes, bytes]], bytes]:
    """As the crawl stores responses (warc-profile): no chunking, no Transfer-Encoding,
    Content-Length = the stored body; Content-Encoding and the encoded body kept."""
    names = {name.lower() for name, _ in headers}
    if b"transfer-encoding" not in names:
        return headers, body
    chunked = any(n.lower() == b"transfer-encoding" and b"chunked" in v.lower() for n, v in headers)
    body = dechunk(body) if chunked else body
    kept = [(n, v) for n, v in headers if n.lower() not in (b"transfer-encoding", b"content-length")]
    return kept + [(b"Content-Length", str(len(body)).encode())], body


def _request_parts(request: Record | None, url: str) -> tuple[str, list, bytes]:
    if request is None or request.http_split() is None:
        from archiver.warc.exchange import _host_value
        return f"GET {request_target(url)}", [(b"Host", _host_value(url))], b""
    head, body = request.http_split()
    first, *lines = head.rstrip(b"\r\n").split(b"\r\n")
    return first.decode("latin-1"), _headers(lines), body


def _headers(lines: list[bytes]) -> list[tuple[bytes, bytes]]:
    pairs = (line.split(b":", 1) for line in lines if b":" in line)
    return [(name.strip(), value.strip()) for name, value in pairs]


def run_jobs(jobs: Iterator[Job], workers: int,
             handle: Callable[[Job, str, Any], None]) -> None:
    """Extract every job (in ``workers`` processes when > 1), handing results back in order."""
    if workers <= 1:
        for job in jobs:
            handle(job, *extract_job(job))
        return
    window: deque[tuple[Job, Future]] = deque()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for job in jobs:
            light = replace(job, exchange=None)      # workers need no raw exchange
            window.append((job, pool.submit(extract_job, light)))
            if len(window) >= workers * 4:
                done, future = window.popleft()
                handle(done, *future.result())
        while window:
            done, future = window.popleft()
            handle(done, *future.result())
