"""RSS and Atom feeds: parse_feed."""

from datetime import date
import pytest
from archiver.discovery import parse_feed
from archiver.discovery.feeds import NotAFeed



def test_rss_items_with_dates_and_guid_fallback():
    rss = b"""<rss version="2.0"><channel><title>x</title>
    <item><title>One</title><link>https://example.org/one/</link>
      <pubDate>Tue, 05 Aug 2026 10:00:00 +0000</pubDate></item>
    <item><title>Two</title><guid isPermaLink="true">https://example.org/two/</guid></item>
    <item><title>No link</title><guid isPermaLink="false">https://example.org/?p=3</guid></item>
    </channel></rss>"""
    entries = parse_feed(rss)
    assert [e.url for e in entries] == ["https://example.org/one/", "https://example.org/two/"]
    assert entries[0].when.date() == date(2026, 8, 5)


def test_atom_entries():
    atom = b"""<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title>
    <entry><title>A</title><link rel="alternate" href="/a/"/><updated>2026-03-01T00:00:00Z</updated></entry>
    </feed>"""
    (entry,) = parse_feed(atom, base_url="https://example.org/feed")
    assert entry.url == "https://example.org/a/"
    assert entry.when.year == 2026


def test_feed_garbage_is_reported():
    with pytest.raises(NotAFeed):
        parse_feed(b"<html><p>not a feed</p></html>")
    with pytest.raises(NotAFeed):
        parse_feed(b"   ")


def test_feed_does_not_resolve_entities(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    xxe = (f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file://{secret}">]>'
           '<rss><channel><item><title>&x;</title><link>https://e.org/a/</link></item>'
           '</channel></rss>').encode()
    (entry,) = parse_feed(xxe)
    assert "TOP-SECRET" not in (entry.title or "")
