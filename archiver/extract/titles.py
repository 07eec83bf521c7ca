"""The article's title: the headline a reader sees, without the site's name around it.

A page states its title up to five times (JSON-LD ``headline``, ``og:title``, ``twitter:title``,
``<title>``, the visible heading), and the statements differ in general ways:

- entities left encoded (``zerst&ouml;ren``, ``&quot;``, even twice: ``&amp;quot;``): decoded
  once here, whatever the source;
- the site's name, a section or a date around the headline (``… | Börsen-Zeitung``,
  ``… | Europa | DW | 28.04.2023``, ``Site: …``): taken off where it names the site;
- a kicker before it (``Kicker: Headline``, ``Kicker | Headline``) in one source but not in
  another: the headline both share is the title;
- a search-engine headline (JSON-LD, ``<title>``) beside the one printed on the page: the one a
  reader sees in the article's heading wins (headings in navigation and breadcrumbs are not the
  article's).
"""

from __future__ import annotations

import html
import re
import unicodedata
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from .treeutil import inside, norm, text_of

# Separators between a headline and the site's name, a section or a date. A bar may stand
# without spaces ("Titel｜Site", "제목ㅣ사이트", "タイトル：サイト"); a dash needs spaces.
_SEP = r"(?:\s+[|｜│\-–—:·•»/]+\s+|\s*[|｜│ㅣ：]\s*)"
_TAIL = re.compile(rf"^(.*\S){_SEP}((?:(?!{_SEP}).)+)$")          # the last segment
_BAR_TAIL = re.compile(rf"^(.*\S)\s*[|｜│ㅣ]\s*((?:(?!{_SEP}).)+)$")  # a last segment after a bar
_HEAD = re.compile(rf"^((?:(?!{_SEP}).)+?)({_SEP}|:\s+)(.+)$")      # the first one
_DATE = re.compile(r"^\d{1,2}[./]\d{1,2}[./]\d{2,4}$|^\d{4}-\d{2}-\d{2}$")
# A kicker joined to the headline: "Kicker: Headline", "Kicker | Headline", "Kicker - Headline".
_KICKER_SEPS = (": ", " | ", " - ", " – ", " — ", " · ", " :: ", "：", "｜")
_HEADING_SKIP = frozenset(("nav", "footer", "aside", "a", "figure", "figcaption", "form",
                           "template", "noscript", "script", "style"))
_CHROME = re.compile(r"crumb|teaser|related|recommend|sidebar|menu|navigation|nav-|footer", re.I)
_HEADLINE_CLASS = re.compile(r"headline|title", re.I)
_MAX_HEADINGS = 40
# Invisible format characters (soft hyphen, zero-width space/joiners, bidi marks, BOM).
INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")


def decode(value: str | None) -> str | None:
    """Entities decoded (twice at most: ``&amp;quot;``), invisible characters and extra
    whitespace gone."""
    if not value:
        return None
    for _ in range(2):
        if "&" not in value:
            break
        value = html.unescape(value)
    return norm(INVISIBLE.sub("", value)) or None


def site_keys(names: list[str | None], url: str) -> set[str]:
    """Comparison keys of every way the page names its site: og:site_name, the publisher's
    names, the host ("globalnews.ca", "globalnews") with and without ``www.``."""
    keys = {_key(n) for n in names if n}
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    if host:
        keys.add(_key(host))
        keys.add(_key(site_label(host)))
    return {k for k in keys if len(k) >= 2}


def site_label(host: str) -> str:
    """The name part of a host: "globalnews" of globalnews.ca, "dailystar" of
    www.dailystar.co.uk (a second-level label like co., com., org. under a country is skipped)."""
    labels = host.lower().removeprefix("www.").split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        return labels[-3]
    return labels[-2] if len(labels) >= 2 else labels[0]


_SECOND_LEVEL = frozenset(("co", "com", "org", "net", "gov", "ac", "ne", "or", "gv", "edu"))


def _key(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in folded if ch.isalnum())


def _names_site(segment: str, keys: set[str]) -> bool:
    """A segment is the site's name: equal to one of its names, or one of them (four letters
    or more) with a little around it: a domain ending or a word ("Corriere.it", "Mirror
    Online"), or more words of a name, capitalised ("Die Neue Südtiroler Tageszeitung"), not
    a phrase ("The Guardian view on Hong Kong")."""
    k = _key(segment)
    words = segment.split()
    if not k or len(words) > 6:
        return False
    if k in keys:
        return True
    named = all(w[:1].isupper() or not w[:1].isalpha() for w in words)
    return any(len(s) >= 4 and (k.startswith(s) or k.endswith(s))
               and (len(k) <= len(s) + 8 or (named and len(k) <= len(s) + 24)) for s in keys)


def strip_site(title: str | None, keys: set[str]) -> str | None:
    """The title without the site's name (and a section or date beside it) at either end."""
    if not title:
        return None
    stripped_tail = False
    for _ in range(4):                    # "Headline | Section | Site | 28.04.2023"
        match = _TAIL.match(title)
        if not match or not (_DATE.match(match.group(2).strip()) or _names_site(match.group(2), keys)):
            break
        title, stripped_tail = match.group(1).strip(), True
    for _ in range(2 if stripped_tail else 0):   # "Headline | Section | Site"
        match = _BAR_TAIL.match(title)
        if not match or not _is_section(match.group(2), match.group(1)):
            break
        title = match.group(1).strip()
    match = _HEAD.match(title)           # "Site | Headline"; "Site: Headline" only if exactly the site
    if match and (_names_site(match.group(1), keys) if match.group(2).strip() != ":"
                  else _key(match.group(1)) in keys):
        title = match.group(3).strip()
    return title or None


def site_in_title(doc_title: str | None, title: str | None) -> str | None:
    """The site's name as the <title> adds it to the headline ("Headline – Site Name",
    "Headline | Section | Site Name"): for pages that state their name nowhere else."""
    doc_title, title = decode(doc_title), decode(title)
    if not doc_title or not title or doc_title == title:
        return None
    for _ in range(4):
        match = _TAIL.match(doc_title)
        if not match:
            return None
        name = match.group(2).strip()
        if _DATE.match(name):
            doc_title = match.group(1)
            continue
        rest = match.group(1).strip()
        if _spacing_key(rest).startswith(_spacing_key(title)) and len(name.split()) <= 6:
            return name
        return None
    return None


def date_in_title(title: str | None) -> str | None:
    """A date some sites append to their titles ("Headline | DW | 28.04.2023"), as printed."""
    for _ in range(4):
        match = _TAIL.match(title or "")
        if not match:
            return None
        if _DATE.match(match.group(2).strip()):
            return match.group(2).strip()
        title = match.group(1)
    return None


def _is_section(segment: str, rest: str) -> bool:
    """A section name ("Politics News", "National", "Europa"): one to three words, no
    sentence punctuation, and much shorter than the headline before it."""
    segment = segment.strip()
    return (0 < len(segment.split()) <= 3 and len(segment) <= 30 and not re.search(r"[.!?\"'«»„“”]", segment)
            and len(rest) >= 2 * len(segment))


def core(candidates: list[str]) -> list[str]:
    """Each candidate reduced to the headline another candidate shows without decoration:
    "Kicker: Headline" and "Headline" give "Headline"."""
    out = []
    for cand in candidates:
        for other in candidates:
            if other != cand and len(other) >= 12 and _decorates(cand, other):
                cand = other
        out.append(cand)
    return out


def _decorates(longer: str, shorter: str) -> bool:
    if len(longer) <= len(shorter):
        return False
    if longer.endswith(shorter):
        return longer[: -len(shorter)].endswith(_KICKER_SEPS)
    if longer.startswith(shorter):
        rest = longer[len(shorter):]
        return rest.startswith(tuple(s for s in _KICKER_SEPS if s != ": "))
    return False


def visible_headings(root: HtmlElement) -> list[tuple[str, list[str]]]:
    """The article's headings in document order: (text, texts of its parts), outside
    navigation, breadcrumbs, teasers and links."""
    body = root.find("body")
    if body is None:
        return []
    found = []
    for el in body.iter("h1", "h2", "span", "div", "p"):
        if el.tag not in ("h1", "h2") and not (el.get("itemprop") == "headline" or
                                               _HEADLINE_CLASS.search(el.get("class", ""))):
            continue
        if not _in_article_area(el):
            continue
        text = decode(text_of(el))
        if not text or len(text) > 300:
            continue
        parts = [t for t in (decode(text_of(c)) for c in el if isinstance(c.tag, str)) if t]
        found.append((text, parts))
        if len(found) >= _MAX_HEADINGS:
            break
    return found


def _in_article_area(el: HtmlElement) -> bool:
    return not inside(el, _HEADING_SKIP, _CHROME)


def choose_title(ld: str | None, og: str | None, twitter: str | None, doc_title: str | None,
                 root: HtmlElement, keys: set[str]) -> str | None:
    """The title: the headline JSON-LD and og:title agree on; else the stated headline a
    visible heading shows; else the first stated one (JSON-LD, og:title, twitter:title,
    <title>); else the first visible heading."""
    stated = [strip_site(decode(v), keys) for v in (ld, og, twitter, doc_title)]
    reduced = core([c for c in stated if c])
    candidates = list(dict.fromkeys(reduced))
    ld_core, og_core = (core_of(stated[i], reduced, stated) for i in (0, 1))
    if ld_core and ld_core == og_core:
        return ld_core
    headings = visible_headings(root)
    wanted: dict[str, str] = {}
    for cand in sorted(candidates, key=lambda c: -reduced.count(c)):   # most stated first
        wanted.setdefault(_spacing_key(cand), cand)
    for text, _parts in headings:
        if _spacing_key(text) in wanted:
            return wanted[_spacing_key(text)]
    for text, parts in headings:          # "Kicker - Headline" printed in two elements, the
        for part in parts:                # metadata with another kicker: the headline alone
            if len(part) >= 15 and any(c.endswith(part) and _decorates(c, part) for c in candidates):
                return part
    if candidates:
        return candidates[0]
    return headings[0][0] if headings else None


def core_of(value: str | None, reduced: list[str], stated: list[str | None]) -> str | None:
    """What ``core`` made of one stated value."""
    if not value:
        return None
    present = [s for s in stated if s]
    return reduced[present.index(value)]


_SPACING = re.compile(r"[\s:|｜│\-–—·•»]+")


def _spacing_key(text: str) -> str:
    """Equal for texts that differ only in spacing and separators, as markup splits a
    headline over elements ("Kicker</span><span>Headline" reads "Kicker Headline")."""
    return _SPACING.sub(" ", text).strip().casefold()
