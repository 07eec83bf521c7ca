"""RSS 2.0 and Atom feeds: item links with their dates.

Parsed with lxml in recovery mode (feeds in the wild are often not well-formed) and without
resolving entities (no XXE, no billion laughs).
"""

from __future__ import annotations

from urllib.parse import urljoin

from lxml import etree

from archiver.extract.dates import parse_date

from .discovered import DiscoveredUrl

_PARSER_KW = dict(recover=True, resolve_entities=False, no_network=True, huge_tree=False,
                  remove_comments=True, remove_pis=True)


class NotAFeed(ValueError):
    """The body is not an RSS or Atom document."""


def _local(tag: object) -> str:
    return tag.rpartition("}")[2].lower() if isinstance(tag, str) else ""


def _child_text(elem: etree._Element, *names: str) -> str | None:
    for child in elem:
        if _local(child.tag) in names and (child.text or "").strip():
            return child.text.strip()
    return None


def _atom_link(entry: etree._Element) -> str | None:
    links = [c for c in entry if _local(c.tag) == "link" and c.get("href")]
    for link in links:
        if link.get("rel", "alternate") == "alternate":
            return link.get("href")
    return links[0].get("href") if links else None


def parse_feed(body: bytes, base_url: str = "") -> list[DiscoveredUrl]:
    """The items of an RSS or Atom feed as entries (link, date, title), in document order."""
    if not body.strip():
        raise NotAFeed("empty feed")
    try:
        root = etree.fromstring(body, etree.XMLParser(**_PARSER_KW))
    except etree.XMLSyntaxError as exc:      # even recover=True gives up on some garbage
        raise NotAFeed(f"unparseable feed: {exc}") from None
    if root is None:
        raise NotAFeed("unparseable feed")
    kind = _local(root.tag)
    if kind in ("rss", "rdf"):
        items = [e for e in root.iter() if _local(e.tag) == "item"]
        found = [(_child_text(i, "link") or _guid_link(i), i) for i in items]
    elif kind == "feed":
        items = [e for e in root if _local(e.tag) == "entry"]
        found = [(_atom_link(i), i) for i in items]
    else:
        raise NotAFeed(f"root element is <{kind}>")
    return [DiscoveredUrl(urljoin(base_url, link),
                  parse_date(_child_text(i, "pubdate", "date", "published", "updated")),
                  _child_text(i, "title"))
            for link, i in found if link]


def _guid_link(item: etree._Element) -> str | None:
    """RSS items without <link> may carry the URL in a permalink <guid>."""
    for child in item:
        if _local(child.tag) == "guid" and child.get("isPermaLink", "true") != "false":
            return (child.text or "").strip() or None
    return None
