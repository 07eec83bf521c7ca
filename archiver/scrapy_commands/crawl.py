"""`scrapy crawl`, as Scrapy's, plus what a tool owes its user:

- a bad spider argument, setting or spider name is one line on stderr and exit status 2,
  before anything starts (no "Task exception was never retrieved", no traceback);
- a crawl that could not reach its site, or whose start failed, exits with status 1 (the one
  line saying why comes from archiver.crawl_report).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from scrapy.commands.crawl import Command as ScrapyCrawl
from scrapy.spiderloader import get_spider_loader

from archiver.crawl_checks import BadSetting, check_settings, check_spider_arguments
from archiver.crawl_log import demote_framework_logs
from archiver.crawl_report import CrawlReport
from archiver.spiders.profile import BadArgument

USAGE_ERROR = 2


class Command(ScrapyCrawl):
    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        super().process_options(args, opts)
        demote_framework_logs()
        if len(args) != 1:
            return                       # Scrapy's own usage error follows in run()
        try:
            spidercls = self._spider_class(args[0])
            check_settings(self.settings)
            check_spider_arguments(spidercls, dict(opts.spargs))
        except (BadArgument, BadSetting) as exc:
            self._refuse(str(exc))

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 1:
            super().run(args, opts)
            return
        assert self.crawler_process
        crawler = self._create_crawler(args[0])
        self.crawler_process.crawl(crawler, **opts.spargs)
        self.crawler_process.start()
        if self.crawler_process.bootstrap_failed or _failed(crawler):
            self.exitcode = 1

    def _spider_class(self, name: str) -> type:
        loader = get_spider_loader(self.settings)
        try:
            return loader.load(name)
        except KeyError:
            known = ", ".join(sorted(loader.list()))
            raise BadArgument(f"no spider called {name!r}; spiders: {known}") from None

    @staticmethod
    def _refuse(message: str) -> None:
        print(f"error: {message}", file=sys.stderr)
        sys.exit(USAGE_ERROR)


def _failed(crawler: Any) -> bool:
    try:
        report = crawler.get_extension(CrawlReport)
    except RuntimeError:
        return True                      # never got as far as building its extensions
    return report is not None and report.failed is not None
