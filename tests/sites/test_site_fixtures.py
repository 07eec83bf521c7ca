"""Every registered site profile comes with saved pages (of our own making) and the output
extraction must give for them; one test per field, so a failure names what broke."""

from __future__ import annotations

import re
import types
from functools import lru_cache
from pathlib import Path

import pytest
from click.testing import CliRunner

from archiver.cli import main
from archiver.extract import Article, extract_article
from archiver.sites import SITES
from archiver.spiders.news import NewsSpider
from tests.sites.site_fixtures import REQUIRED_KEYS, Fixture, all_fixtures, fixtures_of, missing_fixtures

RECIPE = Path(__file__).resolve().parents[2] / "docs" / "adding-a-site.md"
FIXTURES = all_fixtures()


@lru_cache(maxsize=None)
def extracted(fixture: Fixture) -> Article:
    return extract_article(fixture.html.read_bytes(), fixture.expected["url"],
                           site=fixture.site, fetched_at=fixture.fetched_at)


def test_every_registered_profile_has_fixtures():
    assert missing_fixtures(sorted(SITES)) == [], "see docs/adding-a-site.md, step 3"


def test_every_fixture_folder_belongs_to_a_profile_and_is_complete():
    assert {f.site for f in FIXTURES} <= set(SITES)
    for fixture in FIXTURES:
        assert set(REQUIRED_KEYS) <= set(fixture.expected), fixture


@pytest.mark.parametrize("fixture", FIXTURES, ids=str)
def test_title(fixture):
    assert extracted(fixture).title == fixture.expected["title"]


@pytest.mark.parametrize("fixture", FIXTURES, ids=str)
def test_authors(fixture):
    assert extracted(fixture).authors == fixture.expected["authors"]


@pytest.mark.parametrize("fixture", FIXTURES, ids=str)
def test_every_paragraph_is_kept(fixture):
    text = extracted(fixture).text
    missing = [p for p in fixture.expected["paragraphs"] if p not in text]
    assert missing == [], text


@pytest.mark.parametrize("fixture", FIXTURES, ids=str)
def test_boilerplate_is_removed(fixture):
    text = extracted(fixture).text
    assert [junk for junk in fixture.expected["absent"] if junk in text] == [], text


@pytest.mark.parametrize("fixture", FIXTURES, ids=str)
@pytest.mark.parametrize("field", ["language", "published", "paywalled"])
def test_optional_fields(fixture, field):
    if field not in fixture.expected:
        pytest.skip(f"{fixture} does not state {field}")
    assert getattr(extracted(fixture), field) == fixture.expected[field]


@pytest.mark.parametrize("fixture", FIXTURES, ids=str)
def test_sources(fixture):
    if "sources" not in fixture.expected:
        pytest.skip(f"{fixture} has no attribution line")
    assert [s["name"] for s in extracted(fixture).sources] == fixture.expected["sources"]


# -- the recipe in docs/adding-a-site.md, run as written ----------------------------------------
def recipe_profile():
    """The profile module of the recipe, executed as if it were archiver/sites/harbour.py."""
    code = re.search(r"```python\n(.*?)```", RECIPE.read_text(encoding="utf-8"), re.S).group(1)
    module = types.ModuleType("archiver.sites.harbour")
    module.__package__ = "archiver.sites"
    exec(compile(code, str(RECIPE), "exec"), module.__dict__)  # noqa: S102 (our own doc)
    return module.HARBOUR


def test_the_recipe_profile_is_usable_once_registered(monkeypatch):
    harbour = recipe_profile()
    monkeypatch.setitem(SITES, harbour.name, harbour)
    assert missing_fixtures(sorted(SITES)) == ["harbour"]      # the fixture check catches it
    spider = NewsSpider(site="harbour")
    assert spider.editions == {"en": "https://harbourcourier.example"}
    assert spider.site_name == "harbour"
    assert harbour.is_article_path("/news/2026/05/12/harbour-cranes-get-electric-upgrade-10231")
    assert not harbour.is_article_path("/section/harbour")
    assert [s.since for s in harbour.selectors_for(None)] == [None, harbour.selector_sets[1].since]
    listing = CliRunner().invoke(main, ["sites"])
    assert listing.exit_code == 0 and "harbour" in listing.output
    assert "https://harbourcourier.example" in listing.output


def test_fixture_discovery_needs_page_and_expected_output(tmp_path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "a.html").write_text("<p>x</p>")
    assert missing_fixtures(["site", "other"], tmp_path) == ["site", "other"]
    (tmp_path / "site" / "a.expected.json").write_text("{}")
    assert [f.slug for f in fixtures_of("site", tmp_path)] == ["a"]


def test_archive_sites_lists_profiles_with_selector_set_dates():
    result = CliRunner().invoke(main, ["sites"])
    assert result.exit_code == 0
    for name, profile in SITES.items():
        assert name in result.output
        for url in profile.editions.values():
            assert url in result.output
        for rules in profile.selector_sets:
            for day in (rules.since, rules.until):
                assert day is None or day.isoformat() in result.output
    lines = CliRunner().invoke(main, ["sites", "--json"]).output.splitlines()
    assert len(lines) == len(SITES)
