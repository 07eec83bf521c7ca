"""Spider arguments and settings checked before a crawl starts, so that a mistake is one line.

Why before: a spider argument or setting that is wrong surfaces inside Scrapy's start-up (spider
construction, component construction, the spider's start), where it becomes twenty lines of
"Task exception was never retrieved" with a traceback, or a crawl that starts and stops at once.
`scrapy crawl` (archiver/scrapy_commands/crawl.py) and `archive add` call these first.
"""

from __future__ import annotations

from typing import Any

from archiver import settings as defaults
from archiver.extract_pool import worker_count
from archiver.spiders.profile import BadArgument


class BadSetting(ValueError):
    """A setting (-s NAME=VALUE) whose value cannot be used."""


# name -> (type, smallest allowed value)
NUMBERS: dict[str, tuple[type, float]] = {
    "ARCHIVER_NEWS_MAX_DEPTH": (int, 0), "ARCHIVER_NEWS_MAX_PAGES": (int, 0),
    "ARCHIVER_RETRY_AFTER_MAX": (float, 0), "ARCHIVER_PROGRESS_INTERVAL": (float, 0),
    "WARC_MAX_SIZE": (int, 1), "CLOSESPIDER_ITEMCOUNT": (int, 0),
    "CONCURRENT_REQUESTS": (int, 1), "CONCURRENT_REQUESTS_PER_DOMAIN": (int, 1),
    "DOWNLOAD_DELAY": (float, 0), "DOWNLOAD_TIMEOUT": (float, 0), "DOWNLOAD_MAXSIZE": (int, 0),
    "RETRY_TIMES": (int, 0), "ARCHIVER_IMAGES_MAX": (int, 0), "ARCHIVER_IMAGE_MAXSIZE": (int, 0),
    "ARCHIVER_EXTRACT_TIMEOUT": (float, 0), "ARCHIVER_DISCOVERY_MAX_DOCUMENTS": (int, 1),
    "ARCHIVER_SITEMAP_MAX_DEPTH": (int, 0), "ARCHIVER_FEEDS_PER_PAGE": (int, 0),
}
FLAGS = ("ARCHIVER_INCREMENTAL", "ROBOTSTXT_OBEY", "AUTOTHROTTLE_ENABLED", "WARC_ENABLED")


def check_settings(settings: Any) -> None:
    """Raise BadSetting naming the first setting whose value is unusable."""
    for name, (kind, smallest) in NUMBERS.items():
        value = settings.get(name)
        if value in (None, ""):
            continue
        try:
            number = kind(value)
        except (TypeError, ValueError):
            raise BadSetting(f"{name} must be a {_noun(kind)}, not {value!r}") from None
        if number < smallest:
            raise BadSetting(f"{name} must be at least {kind(smallest)}, not {value!r}")
    for name in FLAGS:
        try:
            settings.getbool(name)
        except ValueError:
            raise BadSetting(f"{name} must be 0/1 or True/False, not "
                             f"{settings.get(name)!r}") from None
    check_images(settings)
    try:
        worker_count(settings.get("ARCHIVER_EXTRACT_WORKERS"))
    except (TypeError, ValueError):
        raise BadSetting("ARCHIVER_EXTRACT_WORKERS must be a whole number (0 or more), not "
                         f"{settings.get('ARCHIVER_EXTRACT_WORKERS')!r}") from None
    check_archive_settings(settings)


def check_archive_settings(settings: Any) -> None:
    """WARC_PREFIX must be a plain file name prefix (``../x`` would write outside the archive);
    ARCHIVE_DIR a directory that can be written now (not a file, not under one, not read-only,
    not on a full disk: tried for real, see archive_dir_problem)."""
    from archiver.warc.archive import prefix_problem
    from archiver.warc.files import archive_dir_problem

    problem = prefix_problem(settings.get("WARC_PREFIX") or defaults.WARC_PREFIX)
    if problem is None and settings.getbool("WARC_ENABLED", defaults.WARC_ENABLED):
        problem = archive_dir_problem(settings.get("ARCHIVE_DIR") or defaults.ARCHIVE_DIR)
    if problem:
        raise BadSetting(problem)


def check_images(settings: Any) -> None:
    """ARCHIVER_IMAGES names a mode the image fetcher knows (archiver.images)."""
    from archiver.images.select import MODES
    value = settings.get("ARCHIVER_IMAGES")
    if value not in (None, "") and str(value).strip().lower() not in MODES:
        raise BadSetting(f"ARCHIVER_IMAGES must be one of {', '.join(MODES)}, not {value!r}")


def check_spider_arguments(spidercls: type, arguments: dict[str, Any]) -> None:
    """Raise BadArgument if the spider refuses ``arguments`` (it is built once, then dropped)."""
    try:
        spidercls(**arguments)
    except BadArgument:
        raise
    except TypeError as exc:         # a spider that takes no such keyword
        raise BadArgument(str(exc)) from None


def _noun(kind: type) -> str:
    return "whole number" if kind is int else "number"
