"""The warcinfo fields: who wrote the file, with what, under which rules."""

from __future__ import annotations

import socket
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from archiver import __version__


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "unknown"


def software() -> str:
    return (f"archiver/{__version__} (warcio/{_version('warcio')}, "
            f"Scrapy/{_version('Scrapy')})")


def warcinfo_fields(settings: Any = None) -> list[tuple[str, str]]:
    """Fields after format/conformsTo (compose adds those). ``settings``: Scrapy settings or None."""
    get = settings.get if settings is not None else (lambda name, default=None: default)
    obey = settings.getbool("ROBOTSTXT_OBEY", True) if settings is not None else True
    fields = [("software", software()),
              ("isPartOf", get("WARC_IS_PART_OF", "archiver") or "archiver")]
    if get("WARC_OPERATOR", ""):
        fields.append(("operator", get("WARC_OPERATOR")))
    fields += [("robots", "classic" if obey else "ignore"),
               ("hostname", socket.gethostname()),
               ("http-header-user-agent", get("USER_AGENT", "") or ""),
               ("description", get("WARC_DESCRIPTION", "")
                or "News articles: raw HTTP captures, clean conversions and extracted metadata")]
    return fields
