"""Registry of site profiles: adding a site is adding one module here and one line below."""

from __future__ import annotations

from urllib.parse import urlsplit

from .base import SelectorSet, SiteProfile
from .decoder import DECODER

SITES: dict[str, SiteProfile] = {p.name: p for p in (DECODER,)}


class UnknownSite(KeyError):
    """No profile of that name is registered."""


def get_site(name: str | SiteProfile | None) -> SiteProfile | None:
    """The profile called ``name`` (a profile passes through; None stays None)."""
    if name is None or isinstance(name, SiteProfile):
        return name
    try:
        return SITES[name]
    except KeyError:
        raise UnknownSite(f"unknown site {name!r}; known: {', '.join(sorted(SITES))}") from None


def site_for_url(url: str) -> SiteProfile | None:
    """The profile whose default hosts contain the URL's host (www. ignored), if any."""
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    for profile in SITES.values():
        if host in {h.removeprefix("www.") for h in profile.hosts()}:
            return profile
    return None


__all__ = ["SITES", "SelectorSet", "SiteProfile", "UnknownSite", "get_site", "site_for_url"]
