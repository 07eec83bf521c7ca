"""Several requests waiting on one host's robots.txt at once, under the asyncio reactor.

    python robots_waiters_app.py MODULE.CLASS

Runs in a subprocess (it installs a reactor). The engine is a stand-in that holds the
robots.txt answer until three requests wait for it, then answers "Disallow: /private/". Prints
one line per request: ``ALLOWED <url>`` or ``REFUSED <url>``.
"""

from __future__ import annotations

import asyncio
import sys

from twisted.internet import asyncioreactor

asyncioreactor.install()

from scrapy import Request  # noqa: E402
from scrapy.exceptions import IgnoreRequest  # noqa: E402
from scrapy.http import TextResponse  # noqa: E402
from scrapy.utils.defer import deferred_from_coro  # noqa: E402
from scrapy.utils.misc import load_object  # noqa: E402
from scrapy.utils.test import get_crawler  # noqa: E402
from twisted.internet import reactor  # noqa: E402

ROBOTS = b"User-agent: *\nDisallow: /private/\n"
URLS = ["http://127.0.0.1:9/a", "http://127.0.0.1:9/private/b", "http://127.0.0.1:9/private/c",
        "http://127.0.0.1:9/d"]


class HeldEngine:
    """download_async for robots.txt answers once ``release`` is set."""

    def __init__(self) -> None:
        self.release = asyncio.Event()

    async def download_async(self, request: Request) -> TextResponse:
        await self.release.wait()
        return TextResponse(request.url, body=ROBOTS, request=request)


async def check(request: Request, middleware) -> str:
    try:
        await middleware.process_request(request)
    except IgnoreRequest:
        return f"REFUSED {request.url}"
    return f"ALLOWED {request.url}"


async def main(path: str) -> None:
    crawler = get_crawler(settings_dict={"ROBOTSTXT_OBEY": True})
    engine = crawler.engine = HeldEngine()
    middleware = load_object(path).from_crawler(crawler)
    entered = []
    robot_parser = middleware.robot_parser

    async def counted(request: Request):
        entered.append(request.url)     # a request runs up to its wait without a pause
        return await robot_parser(request)

    middleware.robot_parser = counted
    tasks = [asyncio.ensure_future(check(Request(u), middleware)) for u in URLS]
    while len(entered) < len(URLS):
        await asyncio.sleep(0)          # until every request waits on the robots.txt
    engine.release.set()
    for line in await asyncio.gather(*tasks):
        print(line, flush=True)


def run(path: str) -> None:
    done = deferred_from_coro(main(path))
    done.addBoth(lambda _: reactor.stop())
    reactor.run()


if __name__ == "__main__":
    run(sys.argv[1])
