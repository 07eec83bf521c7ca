"""`archive add URL...`: archive the articles a user names, with the real crawler.

As `trafilatura -u URL`, news-please's ``from_url`` and ArchiveBox's ``add`` do, but written like
any crawl of ours: robots.txt obeyed, politeness settings, WARC capture, extraction, the archive's
state (a URL archived before and unchanged becomes a revisit, not a copy). It runs the
``articles`` spider (archiver/spiders/articles.py) in this process.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, TextIO

import click

EXAMPLES = """
\b
Examples:
  archive add https://the-decoder.com/some-article/
  archive add URL1 URL2 -o ~/news
  archive add --from reading-list.txt            one URL per line; # comments skipped
  archive add http://127.0.0.1:8001/slug/ --site decoder -s DOWNLOAD_DELAY=0   a mirror
\b
Exit status: 0 every URL archived (or unchanged since archived), 1 some URL was not
(each is listed with the reason; its raw capture is kept), 2 a usage error.
"""

RAW_KEPT = ("not an article", "failed")


@click.command(epilog=EXAMPLES, short_help="Archive the articles at the URLs given (real crawler).")
@click.argument("urls", nargs=-1, metavar="URL...")
@click.option("--from", "from_file", type=click.File("r", encoding="utf-8"), metavar="FILE",
              help="Also read URLs from FILE, one per line ('-': stdin).")
@click.option("-o", "--output", "outdir", type=click.Path(file_okay=False, path_type=Path),
              help="Archive directory (default: ARCHIVE_DIR, i.e. archives/).")
@click.option("--site", help="Site profile for every URL (default: the profile of each URL's "
                             "host, else the generic rules). `archive sites` lists them.")
@click.option("-s", "--set", "overrides", multiple=True, metavar="NAME=VALUE",
              help="A crawl setting, as `scrapy crawl -s` takes it (repeatable).")
@click.option("-v", "--verbose", is_flag=True, help="Show the crawl's log (INFO).")
def add(urls: tuple[str, ...], from_file: TextIO | None, outdir: Path | None, site: str | None,
        overrides: tuple[str, ...], verbose: bool) -> None:
    """Fetch each URL once and archive it as an article: WARC records plus a JSON line, as a
    crawl writes them. A page that is not an article (a listing, a consent wall, a PDF) is
    reported with the reason and kept as a raw capture. One line per URL on stdout, the crawl's
    summary on stderr.
    """
    wanted = list(urls) + (_read_urls(from_file) if from_file else [])
    if not wanted:
        raise click.UsageError("give at least one URL (or --from FILE)")
    settings = _settings(outdir, overrides, verbose)
    _check(settings, wanted, site)
    crawler = _crawl(settings, wanted, site)
    outcomes = getattr(crawler.spider, "outcomes", {})
    for url in dict.fromkeys(wanted):
        click.echo(_line(url, outcomes.get(url)))
    _report(crawler)
    if any(getattr(outcomes.get(u), "status", None) not in ("archived", "unchanged")
           for u in wanted):
        sys.exit(1)


def _read_urls(handle: TextIO) -> list[str]:
    lines = (line.split("#", 1)[0].strip() for line in handle)
    return [line for line in lines if line]


def _settings(outdir: Path | None, overrides: tuple[str, ...], verbose: bool) -> Any:
    """The project's settings, then ours (log level, -o), then the user's -s."""
    from scrapy.settings import Settings

    settings = Settings()
    settings.setmodule("archiver.settings", priority="project")
    settings.set("LOG_LEVEL", "INFO" if verbose else "ERROR", priority="spider")
    if outdir is not None:
        settings.set("ARCHIVE_DIR", str(outdir), priority="spider")
    for item in overrides:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"{item!r}: use NAME=VALUE", param_hint="-s")
        settings.set(name.strip(), value, priority="cmdline")
    return settings


def _check(settings: Any, urls: list[str], site: str | None) -> None:
    from archiver.crawl_checks import BadSetting, check_settings, check_spider_arguments
    from archiver.spiders.articles import ArticlesSpider
    from archiver.spiders.profile import BadArgument

    try:
        check_settings(settings)
        check_spider_arguments(ArticlesSpider, {"urls": urls, "site": site})
    except (BadArgument, BadSetting) as exc:
        raise click.UsageError(str(exc)) from None


def _crawl(settings: Any, urls: list[str], site: str | None) -> Any:
    """Run the `articles` spider in this process; returns its crawler."""
    from scrapy.crawler import CrawlerProcess

    from archiver.crawl_log import demote_framework_logs
    from archiver.spiders.articles import ArticlesSpider

    demote_framework_logs()
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(ArticlesSpider)
    process.crawl(crawler, urls=urls, site=site)
    process.start()
    return crawler


def _line(url: str, outcome: Any) -> str:
    if outcome is None:
        return f"{'not fetched':<15} {url}  (see the log: archive add -v)"
    detail = outcome.detail + (" (raw capture kept)" if outcome.status in RAW_KEPT
                               and not _network(outcome.detail) else "")
    return f"{outcome.status:<15} {url}  {detail}".rstrip()


def _network(reason: str) -> bool:
    return reason.startswith(("connection", "host not found", "timeout", "refused"))


def _report(crawler: Any) -> None:
    from archiver.crawl_report import CrawlReport

    report = crawler.get_extension(CrawlReport)
    if report is not None and report.text:
        click.echo("", err=True)
        click.echo(report.text, err=True)
