"""The reader in a real browser (Debian's chromium + chromedriver, driven by selenium):
the list loads, a search filters it, an article page shows the body and no ad text."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.archives import AD_TEXT
from tests.support.reader import chromium


@pytest.fixture
def browser() -> Iterator[object]:
    with chromium() as driver:
        yield driver


def test_list_search_and_article_in_chromium(reader: str, browser):
    from selenium.webdriver.common.by import By

    browser.get(reader + "/")
    titles = [a.text for a in browser.find_elements(By.CSS_SELECTOR, "ol.articles li a")]
    assert len(titles) == 3 and "Robots learn to fold laundry" in titles   # latest per article
    box = browser.find_element(By.NAME, "q")
    box.send_keys("laundry")
    box.submit()
    found = browser.find_elements(By.CSS_SELECTOR, "ol.articles li a")
    assert [a.text for a in found] == ["Robots learn to fold laundry"]
    found[0].click()
    body = browser.find_element(By.CSS_SELECTOR, "article .body").text
    assert "A robot arm folds shirts in the lab." in body
    page = browser.find_element(By.TAG_NAME, "body").text
    assert AD_TEXT not in page and "PAYWALL" in page.upper()
    assert browser.find_element(By.CSS_SELECTOR, "main").value_of_css_property("max-width") != "none"
    # the link in the archived HTML had javascript: and onclick; nothing executable survives
    assert browser.execute_script("return document.querySelectorAll('[onclick]').length") == 0
