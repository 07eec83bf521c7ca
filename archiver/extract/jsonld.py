"""JSON-LD: the publisher's own statement of headline, dates, authors and access.

Pages nest it every which way (a list, an ``@graph``, ``{"@id": ...}`` references to Person
nodes elsewhere in the graph), and some ship it broken; this flattens what parses and ignores
what does not.
"""

from __future__ import annotations

import json
import re
from typing import Any

from lxml.html import HtmlElement

ARTICLE_TYPES = frozenset((
    "article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
    "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "technewsarticle",
    "askpublicnewsarticle", "techarticle", "scholarlyarticle", "livebloposting", "liveblogposting",
    "socialmediaposting", "report", "satiricalarticle", "medicalscholarlyarticle", "posting",
))
LISTING_TYPES = frozenset(("collectionpage", "itemlist", "searchresultspage", "profilepage"))
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def load_nodes(root: HtmlElement) -> list[dict[str, Any]]:
    """Every JSON-LD object on the page, ``@graph`` and lists flattened."""
    nodes: list[dict[str, Any]] = []
    for script in root.xpath("//script[contains(translate(@type,'LDJSON','ldjson'),'ld+json')]"):
        raw = (script.text or "").strip()
        raw = raw.removeprefix("<!--").removesuffix("-->").strip()
        raw = raw.removeprefix("//<![CDATA[").removesuffix("//]]>").strip()
        try:
            data = json.loads(_CONTROL.sub(" ", raw))
        except ValueError:
            continue
        _flatten(data, nodes)
    return nodes


def _flatten(data: Any, out: list[dict[str, Any]]) -> None:
    if isinstance(data, list):
        for item in data:
            _flatten(item, out)
    elif isinstance(data, dict):
        out.append(data)
        if "@graph" in data:
            _flatten(data["@graph"], out)


def types_of(node: dict[str, Any]) -> set[str]:
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {k.lower().rsplit("/", 1)[-1] for k in kinds if isinstance(k, str)}


def article_node(nodes: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The first node typed as an article (NewsArticle, BlogPosting, ...)."""
    for node in nodes:
        if types_of(node) & ARTICLE_TYPES:
            return node
    for node in nodes:   # a WebPage whose mainEntity is the article
        main = node.get("mainEntity")
        if isinstance(main, dict) and types_of(main) & ARTICLE_TYPES:
            return main
    return None


def page_node(nodes: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The page's WebPage node (Yoast and other SEO plugins put the dates there when the
    graph has no article node)."""
    for node in nodes:
        if types_of(node) & {"webpage", "itempage"}:
            return node
    return None


def by_id(nodes: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {n["@id"]: n for n in nodes if isinstance(n.get("@id"), str)}


def resolve(value: Any, index: dict[str, dict[str, Any]]) -> Any:
    """A ``{"@id": ...}`` reference replaced by the node it names (one level)."""
    if isinstance(value, dict) and set(value) <= {"@id", "@type"} and value.get("@id") in index:
        return index[value["@id"]]
    return value


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def names(value: Any, index: dict[str, dict[str, Any]]) -> list[str]:
    """Person names from an ``author`` value: strings, Person nodes, @id references, lists."""
    found: list[str] = []
    for item in as_list(value):
        item = resolve(item, index)
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, dict) and not (types_of(item) & {"organization", "newsmediaorganization"}):
            name = item.get("name")
            if isinstance(name, str):
                found.append(name)
            elif isinstance(name, list):
                found += [n for n in name if isinstance(n, str)]
    return found


ORG_TYPES = frozenset(("organization", "newsmediaorganization", "corporation", "ngo",
                       "governmentorganization", "educationalorganization", "localbusiness",
                       "brand", "website"))


def author_values(value: Any, index: dict[str, dict[str, Any]]) -> list[tuple[str, bool]]:
    """(name, is_organisation) for each author in an ``author`` value: strings, Person and
    Organization nodes, ``@id`` references, lists (nested too). A Person given only as
    ``givenName``/``familyName`` gets them joined."""
    found: list[tuple[str, bool]] = []
    for item in as_list(value):
        item = resolve(item, index)
        if isinstance(item, list):
            found += author_values(item, index)
        elif isinstance(item, str):
            found.append((item, False))
        elif isinstance(item, dict):
            is_org = bool(types_of(item) & ORG_TYPES)
            name = item.get("name")
            if isinstance(name, list):
                found += [(n, is_org) for n in name if isinstance(n, str)]
                continue
            if not isinstance(name, str) or not name.strip():
                parts = [item.get(k) for k in ("givenName", "additionalName", "familyName")]
                name = " ".join(p.strip() for p in parts if isinstance(p, str) and p.strip())
            if name:
                found.append((name, is_org))
    return found


def publisher_names(art: dict[str, Any], nodes: list[dict[str, Any]],
                    index: dict[str, dict[str, Any]]) -> list[str]:
    """The publisher's names: the article's ``publisher`` (name, alternateName), else the
    page's WebSite node."""
    names: list[str] = []
    publisher = resolve(art.get("publisher"), index) if art else None
    for node in as_list(publisher):
        node = resolve(node, index)
        if isinstance(node, dict):
            names += [v for v in (text(node.get("name")), text(node.get("alternateName"))) if v]
        elif isinstance(node, str) and node.strip():
            names.append(node.strip())
    if not names:
        site = next((n for n in nodes if "website" in types_of(n)), None)
        if site and text(site.get("name")):
            names.append(text(site.get("name")))
    return names


def text(value: Any) -> str | None:
    """A plain string from a value that may be a string, a list or a ``{"@value": ...}``."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("@value") or value.get("name") or value.get("url")
    return value.strip() if isinstance(value, str) and value.strip() else None


def is_free(node: dict[str, Any]) -> bool | None:
    """``isAccessibleForFree`` of the article or its parts, as a bool, if stated."""
    values = [node.get("isAccessibleForFree")]
    values += [p.get("isAccessibleForFree") for p in as_list(node.get("hasPart")) if isinstance(p, dict)]
    for value in values:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in ("false", "true"):
            return value.strip().lower() == "true"
    return None
