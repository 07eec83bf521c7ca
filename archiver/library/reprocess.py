"""Re-running extraction over the response records of any WARC file (ours, wget's,
Browsertrix's, Common Crawl's) and writing a clean archive in the crawl's own layout.

Extraction is the slow, pure part: it runs in worker processes on (url, bytes) jobs, while
reading and writing stay in the parent so that the output is one ordered, well-formed archive
no matter how many workers there are.

Which responses are extracted is the crawl's own decision (archiver.extract.candidate), and
each is extracted with the site profile the crawl recorded for it (our JSON metadata record, or
the ``site`` field of the warc-fields one), else the profile of its host, else the generic
rules; ``--site`` overrides. So reprocessing our own archive gives the crawl's records again,
also for a mirror on 127.0.0.1, whose host names no profile.
"""

from __future__ import annotations

import json
from collections import Counter, deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from archiver.errors import ProblemHandler
from archiver.extract.candidate import skip_reason
from archiver.warc.exchange import Exchange, request_target
from archiver.warc.reader import Record

from .payload import dechunk, parse_response
from .scan import readable_records

SKIP_LABELS = {"not_html": "not HTML", "binary": "binary body", "truncated": "truncated body"}


@dataclass
class Job:
    """One HTML response to extract; ``exchange`` stays in the parent for writing."""

    url: str
    body: bytes
    charset: str | None
    site: str | None                   # the profile to extract with (a registered name)
    fetched_at: datetime
    status: int
    exchange: Exchange | None = None
    record_site: str | None = None     # the record's ``site``: as the crawl recorded it


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


@dataclass
class _Capture:
    """A response and the records that follow it and point at it (its request, our conversion
    and metadata records): an article's records are written together (README, "WARC layout")."""

    response: Record
    request: Record | None = None
    recorded_site: str | None = None
    seen: list[Record] = field(default_factory=list)

    def takes(self, record: Record) -> bool:
        if record.type == "request" and record.get("WARC-Concurrent-To") == self.response.id:
            self.request = record
            return True
        if record.get("WARC-Refers-To") != self.response.id:
            return False
        if record.type == "metadata":
            self.recorded_site = self.recorded_site or recorded_site(record)
        return True


def jobs_from(path: Path, site: str | None, skipped: Counter[str],
              on_problem: ProblemHandler) -> Iterator[Job]:
    """A Job per response of ``path`` that can be an article; the rest is counted in ``skipped``.

    A response's request record may come before it (wget) or after it (warcio, our crawl), and
    our metadata records follow it, so a response becomes a job at the first record that does
    not belong to it.
    """
    pending: _Capture | None = None
    requests: dict[str, Record] = {}
    for record in readable_records(path, on_problem):
        if record.type == "request":
            requests = {record.id: record, **dict(list(requests.items())[:7])}
        if pending is not None and pending.takes(record):
            continue
        if pending is not None:
            yield from _job(pending, requests, site, skipped)
            pending = None
        if record.type == "response":
            pending = _Capture(record)
    if pending is not None:
        yield from _job(pending, requests, site, skipped)


def recorded_site(record: Record) -> str | None:
    """The ``site`` our crawl wrote into a metadata record (JSON record, or warc-fields)."""
    kind = (record.get("Content-Type") or "").split(";")[0].strip().lower()
    if kind == "application/json":
        try:
            value = json.loads(record.block).get("site")
        except (ValueError, AttributeError):
            return None
        return value if isinstance(value, str) and value else None
    if kind == "application/warc-fields":
        for line in record.block.decode("utf-8", "replace").splitlines():
            name, _, value = line.partition(":")
            if name.strip().lower() == "site" and value.strip():
                return value.strip()
    return None


def target_uri(record: Record) -> str:
    """WARC-Target-URI; WARC 1.0 writers such as wget put it in angle brackets."""
    return (record.get("WARC-Target-URI") or "").strip().strip("<>")


def _job(capture: _Capture, requests: dict[str, Record], site: str | None,
         skipped: Counter[str]) -> Iterator[Job]:
    response = capture.response
    request = capture.request or requests.get(response.get("WARC-Concurrent-To") or "")
    http = parse_response(response)
    url = target_uri(response)
    if http is None or not url.startswith(("http://", "https://")):
        skipped["not HTTP"] += 1
        return
    if not http.complete:
        skipped["too large"] += 1      # a record or body over what is decoded at once
        return
    reason = skip_reason(http.status, http.header("Content-Type"), http.body,
                         response.get("WARC-Truncated") or False)
    if reason is not None:
        label = f"HTTP status {http.status}" if reason == "http_status" else SKIP_LABELS[reason]
        skipped[label] += 1
        return
    profile, record_site = sites_for(url, capture.recorded_site, site)
    job = Job(url, http.body, http.charset, profile, _date(response), http.status,
              record_site=record_site)
    job.exchange = exchange_of(response, request, job.fetched_at)
    yield job


def sites_for(url: str, recorded: str | None,
              override: str | None) -> tuple[str | None, str | None]:
    """(profile to extract with, site for the record): ``--site``; else the site recorded
    with the capture when it names a profile; else the profile of the URL's host; else none.
    A recorded site that is no profile (a host name) is kept for the record as it was."""
    from archiver.sites import SITES, site_for_url
    if override:
        return override, override
    if recorded in SITES:
        return recorded, recorded
    by_host = site_for_url(url)
    name = by_host.name if by_host else None
    return name, recorded or name


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
    headers, body = as_stored(_headers(lines), body)
    return Exchange(url=url, method=method or "GET", request_target=target or request_target(url),
                    request_headers=req_headers, request_body=req_body, protocol=protocol,
                    status=int(status) if status.isdigit() else 0, reason=reason,
                    response_headers=headers, body=body,
                    ip_address=response.get("WARC-IP-Address"), date=date,
                    truncated=response.get("WARC-Truncated") or False)


def as_stored(headers: list[tuple[bytes, bytes]],
              body: bytes) -> tuple[list[tuple[bytes, bytes]], bytes]:
    """As the crawl stores responses (README, "WARC layout"): no chunking, no Transfer-Encoding,
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
