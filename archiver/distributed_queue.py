"""scrapy-redis's scheduler and duplicate filter, each with one change for a shared crawl.

Our spiders send article and discovery requests with ``dont_filter=True``: in one process the
archive's own state decides what is done (a JOBDIR seen-set is not crash-safe). scrapy-redis
enqueues such requests without asking the shared seen-set, so with N workers every URL that
every worker discovers would be fetched N times. Across workers the shared seen-set is exactly
what must decide, so:

- ``SharedScheduler`` filters dont_filter requests through it too, except retries (Scrapy's
  retry requests are dont_filter on purpose: the URL *was* seen, and failed);
- ``SharedDupeFilter`` counts the callback in a request's fingerprint, because our spiders fetch
  a URL a second time on purpose only for another use (a listing page that turns out to be an
  article is fetched again as an article). Same URL, same use: fetched once across workers.
"""

from __future__ import annotations

import hashlib
from typing import Any

from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.scheduler import Scheduler


class SharedScheduler(Scheduler):
    def enqueue_request(self, request: Any) -> bool:
        if request.dont_filter and "retry_times" not in request.meta \
                and self.df.request_seen(request):
            self.df.log(request, self.spider)
            return False
        return super().enqueue_request(request)


class SharedDupeFilter(RFPDupeFilter):
    def request_fingerprint(self, request: Any) -> str:
        use = getattr(request.callback, "__name__", "") if request.callback else ""
        base = super().request_fingerprint(request)
        return hashlib.sha1(f"{base} {use}".encode()).hexdigest() if use else base
