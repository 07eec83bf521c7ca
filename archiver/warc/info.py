"""The warcinfo fields: who wrote the file, with what, under which rules."""

from __future__ import annotations

import socket
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from archiver import __version__, settings as defaults


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "unknown"


def software() -> str:
    return (f"archiver/{__version__} (warcio/{_version('warcio')}, "
            f"Scrapy/{_version('Scrapy')})")


def warcinfo_fields(settings: Any = None) -> list[tuple[str, str]]:
    """Fields after format/conformsTo (compose adds those). ``settings``: the crawl's Scrapy
    settings, or None outside a crawl (``archive reprocess``: no user agent, robots obeyed)."""
    def get(name: str) -> Any:
        return settings.get(name, getattr(defaults, name)) if settings is not None \
            else getattr(defaults, name)

    obey = settings.getbool("ROBOTSTXT_OBEY") if settings is not None else True
    agent = settings.get("USER_AGENT") if settings is not None else ""
    fields = [("software", software()),
              ("isPartOf", get("WARC_IS_PART_OF") or defaults.WARC_IS_PART_OF)]
    if get("WARC_OPERATOR"):
        fields.append(("operator", get("WARC_OPERATOR")))
    fields += [("robots", "classic" if obey else "ignore"),
               ("hostname", socket.gethostname()),
               ("http-header-user-agent", agent or ""),
               ("description", get("WARC_DESCRIPTION") or defaults.WARC_DESCRIPTION)]
    return fields
