"""ImageFetcher's decisions, with the downloader replaced by a stand-in (no network): what is
fetched once, what is never fetched again, what each failure is called, when a payload becomes
a revisit. Runs on a plain asyncio loop (Scrapy >= 2.15 needs no reactor for that)."""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone
from types import SimpleNamespace

import pytest
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.settings import Settings

from archiver.extract.article import Article
from archiver.images.fetch import ImageFetcher
from archiver.images.ledger import ImageLedger
from archiver.middlewares.allowed_hosts import OffsiteRefused
from archiver.middlewares.warc_capture import ResponseTooLarge
from archiver.request_meta import IMAGE_META_KEY
from archiver.state import ArchiveState
from archiver.warc.exchange import Exchange
from decoder_mirror.imagefiles import png

PNG = png(40, 30, (90, 120, 150))


class Stats(dict):
    def inc_value(self, key: str, count: int = 1) -> None:
        self[key] = self.get(key, 0) + count


class Engine:
    """download_async as the downloader + capture middleware would answer it."""

    def __init__(self, answers: dict) -> None:
        self.answers, self.calls = answers, []
        self.gate: asyncio.Event | None = None

    async def download_async(self, request):
        self.calls.append(request.url)
        if self.gate is not None:
            await self.gate.wait()
        answer = self.answers[request.url]
        if isinstance(answer, Exception):
            raise answer
        status, kind, body = answer
        request.meta[IMAGE_META_KEY].add(Exchange(
            url=request.url, method="GET", request_target="/", request_headers=[(b"Host", b"x")],
            request_body=b"", protocol="HTTP/1.1", status=status, reason="OK",
            response_headers=[(b"Content-Type", kind.encode())], body=body,
            ip_address="127.0.0.1", date=datetime(2026, 1, 2, tzinfo=timezone.utc)))
        return Response(request.url, status=status, headers={"Content-Type": kind}, body=body,
                        request=request)


def fetcher(answers: dict, state=None, **settings) -> ImageFetcher:
    values = Settings()
    values.setmodule("archiver.settings")
    values.setdict(settings)
    crawler = SimpleNamespace(settings=values, stats=Stats(), engine=Engine(answers), spider=None)
    return ImageFetcher(crawler, ImageLedger(state))


def article(*urls: str, lead: str | None = None) -> Article:
    return Article(url="https://x.org/s/", image={"url": lead} if lead else None,
                   html="".join(f'<p>t</p><img src="{u}">' for u in urls))


def run(coro):
    return asyncio.run(coro)


def test_captured_with_its_exchange_and_size():
    f = fetcher({"https://x.org/a.png": (200, "image/png", PNG)})
    got = run(f.fetch(article("https://x.org/a.png")))
    assert got.entries == [{"url": "https://x.org/a.png", "caption": None, "credit": None,
                            "width": 40, "height": 30, "captured": True}]
    assert [c.url for c in got.captures] == ["https://x.org/a.png"]
    assert f.crawler.stats["archiver/images/captured"] == 1


def test_one_url_in_two_articles_at_once_is_fetched_once():
    f = fetcher({"https://x.org/a.png": (200, "image/png", PNG)})

    async def both():
        f.crawler.engine.gate = asyncio.Event()
        one = asyncio.ensure_future(f.fetch(article("https://x.org/a.png")))
        two = asyncio.ensure_future(f.fetch(article("https://x.org/a.png")))
        while not f._inflight.get("https://x.org/a.png"):
            await asyncio.sleep(0)                  # until the second waits for the first
        f.crawler.engine.gate.set()
        return await one, await two

    first, second = run(both())
    assert f.crawler.engine.calls == ["https://x.org/a.png"]
    assert first.entries[0]["captured"] and second.entries[0]["captured"]
    assert len(first.captures) + len(second.captures) == 1


def test_what_the_archive_holds_is_not_fetched_and_a_failure_not_retried(tmp_path):
    state = ArchiveState(tmp_path)
    f = fetcher({"https://x.org/gone.png": (404, "text/html", b"<p>no</p>")}, state)
    stored = fetcher({"https://x.org/a.png": (200, "image/png", PNG)}, state)
    shot = run(stored.fetch(article("https://x.org/a.png")))
    for capture in shot.captures:          # as the archive's write does
        capture.records()
    stored.after_write(shot, "A.warc.gz")
    assert state.get("https://x.org/a.png").file == "A.warc.gz"

    first = run(f.fetch(article("https://x.org/a.png", "https://x.org/gone.png")))
    again = run(f.fetch(article("https://x.org/gone.png")))
    assert f.crawler.engine.calls == ["https://x.org/gone.png"]
    assert [e["captured"] for e in first.entries] == [True, False]
    assert first.entries[1]["reason"] == again.entries[0]["reason"] == "http_404"
    assert len(first.captures) == 1        # the 404 exchange is archived with the article
    assert f.crawler.stats["archiver/images/known"] == 1


@pytest.mark.parametrize("answer, reason", [
    ((200, "text/html", b"<html>login</html>"), "not_an_image"),
    (IgnoreRequest("Forbidden by robots.txt"), "robots"),
    (OffsiteRefused("host not allowed"), "offsite"),
    (ResponseTooLarge("too big"), "too_large"),
    (ConnectionRefusedError(111, "refused"), "error"),
])
def test_each_failure_has_a_reason(answer, reason):
    f = fetcher({"https://x.org/a.png": answer})
    got = run(f.fetch(article("https://x.org/a.png")))
    assert got.entries[0]["captured"] is False and got.entries[0]["reason"] == reason
    assert f.crawler.stats[f"archiver/images/not_captured/{reason}"] == 1


def test_settings_decide_what_is_asked_for():
    answers = {f"https://x.org/{i}.png": (200, "image/png", PNG) for i in range(4)}
    f = fetcher(answers, ARCHIVER_IMAGES="lead")
    got = run(f.fetch(article("https://x.org/1.png", lead="https://x.org/0.png")))
    assert f.crawler.engine.calls == ["https://x.org/0.png"]
    assert [e.get("reason") for e in got.entries] == [None, "setting"]
    f = fetcher(answers, ARCHIVER_IMAGES_MAX=2)
    got = run(f.fetch(article(*answers)))
    assert len(f.crawler.engine.calls) == 2 and got.entries[2]["reason"] == "limit"


def test_the_same_payload_under_another_url_becomes_a_revisit():
    f = fetcher({"https://a.org/x.png": (200, "image/png", PNG),
                 "https://b.org/x.png": (200, "image/png", PNG),
                 "https://b.org/y.png": (200, "image/png", png(41, 30, (1, 2, 3)))})
    first = run(f.fetch(article("https://a.org/x.png")))
    f.before_write(first)
    records = first.captures[0].records()
    f.after_write(first, "A.warc.gz")
    second = run(f.fetch(article("https://b.org/x.png", "https://b.org/y.png")))
    f.before_write(second)
    same, other = second.captures
    assert same.revisit_of is not None and other.revisit_of is None
    assert same.revisit_of.record_id == records[0].record_id
    revisit = same.records()[0]
    assert revisit.type == "revisit" and PNG not in revisit.block
    assert dict(revisit.headers)["WARC-Refers-To-Target-URI"] == "https://a.org/x.png"
    assert f.crawler.stats["archiver/images/revisit"] == 1
