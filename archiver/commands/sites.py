"""`archive sites`: the registered site profiles, so a user knows what `-a site=NAME` can name
and which selectors apply to captures of which period."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date
from typing import Any

import click

from archiver.sites import SITES, SelectorSet, SiteProfile


def describe(profile: SiteProfile) -> dict[str, Any]:
    """The facts of a profile a user needs to pick and check it (JSON-friendly)."""
    return {
        "name": profile.name,
        "editions": dict(profile.editions),
        "hosts": sorted(profile.hosts()),
        "sitemaps": list(profile.sitemap_paths),
        "sitemap_follow": list(profile.sitemap_follow),
        "feeds": list(profile.feed_paths),
        "article_url": profile.article_url,
        "selector_sets": [_selector_set(s) for s in profile.selector_sets],
        "paywall_markers": list(profile.paywall_selectors) + list(profile.paywall_phrases),
    }


def _selector_set(selectors: SelectorSet) -> dict[str, Any]:
    data = asdict(selectors)
    return {**data, "since": _day(selectors.since), "until": _day(selectors.until)}


def _day(when: date | None) -> str | None:
    return when.isoformat() if when else None


def render(info: dict[str, Any]) -> str:
    """A few indented lines per profile."""
    lines = [info["name"]]
    lines += [f"  edition {code}: {url}" for code, url in info["editions"].items()]
    follow = ", ".join(info["sitemap_follow"])
    lines.append(f"  discovery: robots.txt sitemaps, else {', '.join(info['sitemaps']) or '-'}"
                 + (f" (following {follow})" if follow else "")
                 + f"; feeds {', '.join(info['feeds']) or '-'}")
    lines.append(f"  article URL: {info['article_url']}")
    for number, rules in enumerate(info["selector_sets"], 1):
        period = f"{rules['since'] or 'any time'} .. {rules['until'] or 'now'}"
        lines.append(f"  selector set {number} ({period}): body {', '.join(rules['body']) or '-'};"
                     f" {len(rules['remove'])} remove selectors")
    return "\n".join(lines)


@click.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON object per profile (JSON Lines).")
def sites(as_json: bool) -> None:
    """List the registered site profiles (usable as `scrapy crawl news -a site=NAME`).

    \b
    Sites without a profile work too: scrapy crawl news -a url=https://example.org
    Adding one: docs/adding-a-site.md
    """
    infos = [describe(SITES[name]) for name in sorted(SITES)]
    if as_json:
        click.echo("\n".join(json.dumps(i, ensure_ascii=False) for i in infos))
        return
    click.echo("\n\n".join(render(i) for i in infos))
