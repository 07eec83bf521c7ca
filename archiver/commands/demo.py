"""`archive demo`: crawl the bundled offline mirror of The Decoder and show what came out.

It runs the real `decoder` spider and pipeline, against a copy of the site served on 127.0.0.1,
so a new user sees the whole path (discovery, cleaning, language, WARC + JSON Lines) offline.
"""

from __future__ import annotations

import json
import shutil
import textwrap
from collections import Counter
from collections.abc import Callable
from contextlib import ExitStack
from datetime import datetime, timedelta, timezone
from pathlib import Path

import click


def crawl_settings(out: Path) -> "scrapy.settings.Settings":  # noqa: F821
    """Project settings, with politeness lifted: the mirror is our own server on loopback."""
    from scrapy.settings import Settings

    settings = Settings()
    settings.setmodule("archiver.settings", priority="project")
    settings.setdict({"ARCHIVE_DIR": str(out), "LOG_LEVEL": "WARNING", "DOWNLOAD_DELAY": 0,
                      "AUTOTHROTTLE_ENABLED": False, "CONCURRENT_REQUESTS_PER_DOMAIN": 8},
                     priority="cmdline")
    return settings


def run_crawl(out: Path, en_url: str, de_url: str,
              between: Callable[[], None] | None = None) -> list[dict]:
    """Run `scrapy crawl decoder` in this process; return the crawl's stats. With ``between``:
    call it when the crawl is done, then crawl again (in the same reactor run: a reactor
    cannot be restarted) and return both crawls' stats."""
    from scrapy.crawler import CrawlerProcess

    process = CrawlerProcess(crawl_settings(out))
    crawlers = [process.create_crawler("decoder")]
    done = process.crawl(crawlers[0], en_url=en_url, de_url=de_url)
    if between is not None:
        def again(_: object):
            between()
            crawlers.append(process.create_crawler("decoder"))
            return process.crawl(crawlers[1], en_url=en_url, de_url=de_url)
        done.addCallback(again)
    process.start()
    return [crawler.stats.get_stats() for crawler in crawlers]


def read_records(out: Path) -> list[dict]:
    records = []
    for path in sorted(out.glob("**/*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            records.extend(json.loads(line) for line in fh if line.strip())
    return records


def summary(records: list[dict], stats: dict, out: Path) -> str:
    """A few lines a person can read: what was archived, in which languages, what was removed."""
    langs = Counter(r["language"] for r in records)
    removed = {k.rsplit("/", 1)[1]: v for k, v in stats.items() if k.startswith("archiver/removed/")}
    skipped = {k.rsplit("/", 1)[1]: v for k, v in stats.items()
               if k.startswith("archiver/not_article/")}
    warcs = sorted(p.name for p in out.glob("**/*.warc.gz"))
    lines = [f"Archived {len(records)} articles into {out}/",
             "  languages: " + ", ".join(f"{k} {v}" for k, v in sorted(langs.items())),
             f"  paywalled (archived as served, flagged): {sum(r['paywalled'] for r in records)}",
             "  removed: " + (", ".join(f"{k} {v}" for k, v in sorted(removed.items())) or "nothing"),
             "  not articles (raw capture only): "
             + (", ".join(f"{k} {v}" for k, v in sorted(skipped.items())) or "none"),
             images_line(stats),
             f"  fetches: {stats.get('downloader/response_count', 0)} responses, "
             f"{stats.get('robotstxt/forbidden', 0)} forbidden by robots.txt",
             f"  WARC files: {', '.join(warcs)}"]
    return "\n".join(lines)


def second_summary(first: list[dict], records: list[dict], stats: dict, out: Path) -> str:
    """What the crawl after the edit added: new versions only, the rest was not fetched."""
    seen = {r["version_id"] for r in first}
    new = [r for r in records if r["version_id"] not in seen]
    fetches = stats.get("downloader/response_count", 0)
    lines = [f"Crawled again after an edit: {len(new)} new version{'s' * (len(new) != 1)} from "
             f"{fetches} fetches (discovery files and changed articles; unchanged ones are not "
             "fetched again)"]
    lines += [f"  {r['title']}" for r in new]
    lines.append(f"  see what changed: archive changes {out}; archive diff {out} URL")
    return "\n".join(lines)


def _a_moment_later() -> datetime:
    """The next full second, once it has come: the edit must be dated after every capture of
    the first crawl (a sitemap lastmod has whole seconds) and no later than the refetch."""
    import time

    now = datetime.now(timezone.utc)
    later = now.replace(microsecond=0) + timedelta(seconds=1)
    time.sleep((later - now).total_seconds())
    return later


def images_line(stats: dict) -> str:
    """How many of the articles' images the archive holds (and how many it does not)."""
    prefix = "archiver/images/"
    missed = sum(v for k, v in stats.items() if k.startswith(prefix + "not_captured/"))
    return (f"  images: {stats.get(prefix + 'captured', 0)} archived "
            f"({stats.get(prefix + 'revisit', 0)} stored once for two URLs), {missed} not "
            f"archived, {stats.get(prefix + 'tracking_pixel', 0)} tracking pixel(s) left out")


def show_article(record: dict, width: int = 88) -> str:
    head = [record["title"] or "(untitled)", "=" * min(width, len(record["title"] or "") or 10),
            f"{', '.join(record['authors'])} · {record['published']} · {record['language']}"
            f" · {record['url']}", ""]
    body = ["\n".join(textwrap.fill(line, width) if len(line) > width else line
                       for line in block.split("\n"))
            for block in record["text"].split("\n\n")]
    return "\n".join(head) + "\n" + "\n\n".join(body)


@click.command()
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              default=Path("archives/demo"), show_default=True, help="Where the archive goes.")
@click.option("--keep", is_flag=True, help="Keep an earlier demo archive instead of replacing it.")
@click.option("--revised", is_flag=True,
              help="Then edit one article on the mirror (new headline, a corrected figure, an "
                   "added paragraph) and crawl again: try `archive changes` and `archive diff`.")
def demo(out: Path, keep: bool, revised: bool) -> None:
    """Serve the bundled offline mirror of The Decoder, crawl it, print a summary.

    \b
    Examples:
      archive demo && archive replay archives/demo
      archive demo --revised && archive changes archives/demo
    """
    from decoder_mirror import serve_mirror

    if out.exists() and not keep:
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    first: list[dict] = []
    with serve_mirror() as mirror, ExitStack() as edits:
        def edit() -> None:
            from decoder_mirror.revisions import revised as revised_mirror
            first.extend(read_records(out))
            edits.enter_context(revised_mirror(_a_moment_later()))
            click.echo("Editing one article on the mirror and crawling again …", err=True)

        click.echo(f"Serving the offline mirror: en {mirror.en_url}  de {mirror.de_url}", err=True)
        click.echo("Crawling with the `decoder` spider …", err=True)
        stats = run_crawl(out, mirror.en_url, mirror.de_url, edit if revised else None)
    records = first or read_records(out)
    if not records:
        raise click.ClickException(f"the crawl archived nothing; see the log above ({out})")
    click.echo(summary(records, stats[0], out))
    if revised:
        click.echo(second_summary(first, read_records(out), stats[-1], out))
    sample = max(records, key=lambda r: (r["language"] == "en", r["text"].count("\n\n")))
    click.echo("\nOne cleaned article:\n")
    click.echo(show_article(sample))
