"""Author names: from a raw value ("By Jane Doe and John Roe, dpa") to persons and organisations.

Pages name their authors in many shapes: JSON-LD Person or Organization nodes, meta tags holding
"X and Y", bylines printed as "Von Max Muster, Berlin" or "Par Jeanne Dupont et Paul Martin
(AFP)". Whatever the source, the same rules apply (the record's convention, see README):

- persons are the authors; an agency, desk or the publisher itself is an author only when no
  person is named;
- e-mail addresses, places ("Frankfurt, Germany"), image credits, dates and job titles are no
  names;
- "X and Y", "X und Y", "X, Y und Z", "X et Y", "X e Y", "X y Y" are two or three names;
- an agency suffix (", dpa", "(AFP)", "mit Reuters") is split off the person it follows.

This module only reads strings; ``bylines`` finds the printed bylines in the page.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

PERSON, ORG = "person", "org"

# Labels before the names: "By", "Von", "Par", "Por", "Di", "Door", "Av"; "Autor:", "Text:".
_LABELS = (r"autor(?:in|en|innen)?(?:\s*/\s*autor(?:in)?)?|authors?|auteur(?:e|s)?|autore|autori|"
           r"autora|autores|text|texte|texto|testo|verfasser(?:in)?|текст|автор|by|von|par|por|"
           r"(?:posted|published|written)\s+by|publicado\s+por|publié\s+par|pubblicato\s+da|"
           r"veröffentlicht\s+von")
_LABEL_COLON = re.compile(rf"^(?:{_LABELS})\s*[:：]\s*", re.I)
_LABEL_ONLY = re.compile(rf"(?:{_LABELS})\s*[:：]?", re.I)
_GENRE = (r"(?:(?:ein|eine|a|an|un|une|una)\s+)?(?:kommentar|analyse|analysis|interview|essay|"
          r"gastbeitrag|gastkommentar|kolumne|column|commentary|opinion|review|reportage|kritik|"
          r"glosse|chronique|tribune|editorial|leitartikel|article|artikel|text|story)\s+")
_LABEL_WORD = re.compile(
    rf"^(?:{_GENRE})?(?:(?:written|reported|compiled|posted|published|words)\s+by|texto\s+de|"
    r"a\s+cura\s+di|publicado\s+por|publié\s+par|pubblicato\s+da|veröffentlicht\s+von|"
    r"by|von|vom|par|por|di|door|av|af)(?:\s+|$)", re.I)
# Between names: "and" in the languages of the bylines we meet, commas, semicolons, bars.
_SPLIT = re.compile(r"\s*(?:[,;|·•]|\s&\s|\s(?:and|und|et|e|y|og|och|en|i|ve|és)\s|"
                    r"(?<=[^\W\d_]{2})\.(?=\s+[^\W\d_]{2}))\s*", re.I)   # "Name. Outlet"
_AGENCY_SUFFIX = re.compile(r"\s*(?:\(([^()]{1,40})\)|\b(?:mit|with|avec|con|com|met)\s+(\S+(?:\s\S+)?))\s*$",
                            re.I)
_EMAIL = re.compile(r"<?\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b>?")
_DIGITS = re.compile(r"\d")
_SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)+$")     # "jane-roe": a URL's name, not a name
_DATE_LIKE = re.compile(r"[:/@]|\d{4}|\d+\.\d+")
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
_HAS_DOMAIN = re.compile(r"\bwww\.|\w\.(?:com|org|net|info|news|[a-z]{2})\b", re.I)
# News agencies: named alone in place of an author, or after a person ("Jane Doe, dpa").
AGENCIES = frozenset((
    "dpa", "afp", "ap", "reuters", "apa", "sda", "kna", "epd", "sid", "ddp", "dts", "ansa", "efe",
    "europa press", "kyodo", "xinhua", "tass", "ria novosti", "pti", "ians", "aap", "anp", "belga",
    "ctk", "pap", "mti", "tt", "ntb", "ritzau", "stt", "upi", "bloomberg", "keystone-sda",
    "associated press", "the associated press", "agence france-presse", "agence france presse",
    "deutsche presse-agentur", "press association", "pa media", "pa", "kathpress", "anadolu",
    "anadolu ajansı", "anadolu agency", "yonhap", "aa", "agencia efe", "agenzia ansa", "lusa",
    "dpa-afx", "awp", "apa-ots", "ots", "ots.at", "ap/dpa", "afp/dpa", "dpa/afp", "kna/epd",
))
# Words that make a name a desk, a team or a newsroom rather than a person.
_DESK_WORDS = re.compile(
    r"\b(?:redaktion|redaktionen|online-redaktion|newsroom|newsdesk|staff|desk|team|editorial|"
    r"editors|nachrichten|news|agency|agentur|agencies|agencias|agenzia|agences?|presse|press|"
    r"online|digital|media|medien|zeitung|magazin|magazine|rédaction|redazione|redacción|"
    r"redação|reporters|correspondents|contributors|bureau|büro|service|dienst|verlag|"
    r"publishing|group|gruppe|gmbh|inc|ltd|llc|sa|ag)\b", re.I)
# Job titles printed after a name ("Emma Roe Lifestyle Writer", "박준석 기자").
_JOB = re.compile(
    r"\s+(?:[\w-]+\s+)?(?:writer|reporter|correspondent|editor|columnist|journalist|contributor|"
    r"korrespondent(?:in)?|redakteur(?:in)?|autor(?:in)?|reporterin|journalistin|"
    r"correspondant(?:e)?|journaliste|rédacteur|rédactrice|corrispondente|giornalista|"
    r"corresponsal|periodista|redactor(?:a)?)$", re.I)
_CJK_JOB = re.compile(r"\s*(?:기자|특파원|논설위원|선임기자|記者|特派員|編集委員|論説委員|撮影)(?:\s*외\s*\d+\s*명)?\s*$")
_PARTICLES = frozenset(("von", "van", "der", "den", "de", "da", "di", "del", "della", "dos", "das",
                        "du", "la", "le", "ten", "ter", "bin", "al", "el", "y", "zu", "vom", "dei",
                        "af", "av", "mc", "st."))
_CREDIT = re.compile(r"\b(?:image|images|photo|photos|foto|fotos|bild|picture|getty|istock|"
                     r"shutterstock|credit|copyright)\b|©", re.I)
_NON_NAME = re.compile(r"[\d:=/\\<>{}\[\]()#*+?!\"“”„]")
# Accounts, not names: what a CMS shows when nobody filled in the author.
_NO_NAMES = frozenset(("admin", "administrator", "webmaster", "root", "user", "guest", "anonymous",
                       "unknown", "editor", "author", "autor", "redaktion", "null", "none", "nobody"))


@dataclass(frozen=True)
class Name:
    """One name and what it names: a person, or an organisation (agency, desk, publisher)."""

    text: str
    kind: str


def clean(value: str) -> str:
    """Whitespace collapsed, zero-width characters and invisible marks dropped."""
    return " ".join(_INVISIBLE.sub("", value).split()).strip(" ,;:|·•-–—")


def key(name: str) -> str:
    """A comparison key: case, accents, spaces and punctuation ignored ("n-tv.de" ~ "N-TV DE")."""
    folded = unicodedata.normalize("NFKD", name.casefold())
    return "".join(ch for ch in folded if ch.isalnum())


def split_names(value: str, *, printed: bool = False, site_keys: frozenset[str] = frozenset()
                ) -> list[Name]:
    """The names in one raw author value, each classified.

    ``printed``: the value is text printed on the page (a byline), where a name must look like
    a name (capitalised words) to count as a person; metadata values are trusted more.
    """
    value = clean(_EMAIL.sub(" ", value or ""))
    out: list[Name] = []
    if not value or "http" in value.lower() or len(value) > 200:
        return out
    value = strip_label(value)
    parts = _SPLIT.split(value) if not _is_single_org(value, site_keys) else [value]
    for part in parts:
        part = strip_label(clean(part))
        agency = None
        match = _AGENCY_SUFFIX.search(part)
        if match and key(match.group(1) or match.group(2) or "") in _AGENCY_KEYS:
            agency = clean(match.group(1) or match.group(2))
            part = clean(part[:match.start()])
        name = classify(part, printed=printed, site_keys=site_keys)
        if name is not None:
            out.append(name)
        if agency:
            out.append(Name(agency, ORG))
    if any(n.kind == PERSON and len(n.text.split()) >= 2 for n in out):
        # beside a full name, one word is a place or an outlet ("Jane Doe, Frankfurt")
        out = [n for n in out if n.kind != PERSON or len(n.text.split()) >= 2 or _is_caseless(n.text)]
    return out


def strip_label(value: str) -> str:
    """The value without its leading "By"/"Von"/"Autor:". A word label is only taken off when
    a name of two or more words follows: "Di Maio" is a surname, "Di Viviana Mazza" a byline."""
    value = clean(_LABEL_COLON.sub("", value))
    match = _LABEL_WORD.match(value)
    if match:
        rest = value[match.end():]
        if len(rest.split()) >= 2 or _is_caseless(rest) or key(rest) in _AGENCY_KEYS:
            value = clean(rest)
    return value


def is_label(text: str) -> bool:
    """Only a label ("By", "Von", "Autor:", "Autorin/Autor", "Ein Kommentar von"): the names
    follow in the next element."""
    text = " ".join(text.split())
    return bool(text) and bool(_LABEL_ONLY.fullmatch(text) or _LABEL_WORD.fullmatch(text))


def _is_single_org(value: str, site_keys: frozenset[str]) -> bool:
    """An organisation whose own name has "und"/"&" in it stays whole ("Schweizer Radio und
    Fernsehen", "Smith & Sons"): it is the site's name or an agency."""
    return key(value) in site_keys or key(value) in _AGENCY_KEYS


def classify(part: str, *, printed: bool = False, site_keys: frozenset[str] = frozenset()
             ) -> Name | None:
    """A person, an organisation, or None for what is no name (a place, a date, a credit)."""
    part = clean(_CJK_JOB.sub("", _JOB.sub("", clean(part))))
    if not part or len(part) > 80 or _CREDIT.search(part):
        return None
    k = key(part)
    if not k:
        return None
    if k in _AGENCY_KEYS or k in site_keys or _HAS_DOMAIN.search(part):
        return Name(part, ORG)
    if _SLUG.match(part):
        return None
    if _DESK_WORDS.search(part) and not _DATE_LIKE.search(part):
        return Name(part, ORG)            # "BR24 Redaktion", "Online-Redaktion"
    if _DIGITS.search(part) or _NON_NAME.search(part):
        return None
    if _first_word_names_org(part, site_keys):
        return Name(part, ORG)            # "MDR Thüringen", "AP National": a desk of the site
    if k in _NO_NAMES:
        return None
    if printed and not looks_like_person(part):
        return None
    return Name(part, PERSON)


def _first_word_names_org(part: str, site_keys: frozenset[str]) -> bool:
    words = part.split()
    return len(words) >= 2 and (key(words[0]) in site_keys or key(words[0]) in _AGENCY_KEYS)


def looks_like_person(part: str) -> bool:
    """A printed name: two to five words, each capitalised (or a particle like "von", "de"),
    letters only; or a name in a script without capitals (CJK, Hangul) of two to eight
    characters. A single word is a place or a first name alone ("Lille", "Nairobi"): no."""
    if _is_caseless(part):
        return _caseless_person(part.replace(" ", ""))
    words = part.split()
    if not 2 <= len(words) <= 5:
        return False
    for word in words:
        core = word.strip(".'’-")
        if word.lower() in _PARTICLES:
            continue
        if not core or not core[0].isupper() or not all(c.isalpha() or c in ".'’-" for c in word):
            return False
    return True


_HAN = re.compile(r"^[\u3400-\u9fff]{2,6}$")
_HANGUL = re.compile(r"^[\uac00-\ud7af]{3,4}$")
_ORG_ENDINGS = ("部", "局", "社", "課", "班", "室", "新聞", "通信", "日報", "放送", "編集", "デジタル")


def _caseless_person(text: str) -> bool:
    """A name in Han characters (two to six, not a department or paper: "…部", "…新聞") or in
    Hangul (three or four syllables: two-syllable words are mostly places)."""
    if _HAN.match(text):
        return not text.endswith(_ORG_ENDINGS)
    return bool(_HANGUL.match(text))


def _is_caseless(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and not any(c.isupper() or c.islower() for c in letters)


def site_keys_of(*names: str | None) -> frozenset[str]:
    """Comparison keys of the site's names (og:site_name, publisher, host) for ``classify``."""
    return frozenset(k for k in (key(n) for n in names if n) if k)


_AGENCY_KEYS = frozenset(key(a) for a in AGENCIES)


def dedupe(names: list[Name]) -> list[Name]:
    seen: dict[str, Name] = {}
    for name in names:
        seen.setdefault(key(name.text), name)
    return list(seen.values())


def choose(sources: list[list[Name]], read_printed: Callable[[], list[Name]]) -> list[str]:
    """The authors, by the record's convention: the persons of the first metadata source that
    names any (JSON-LD, then the meta tags), else the persons of the printed byline; an
    organisation (agency, desk, the publisher itself) only when no person is named anywhere,
    from the first source that names one. The printed byline is only read when needed."""
    persons = next(([n for n in s if n.kind == PERSON] for s in sources
                    if any(n.kind == PERSON for n in s)), [])
    printed = [] if persons else read_printed()
    persons = persons or [n for n in printed if n.kind == PERSON]
    if persons:
        return [n.text for n in dedupe(persons)]
    orgs = next(([n for n in s if n.kind == ORG] for s in sources + [printed]
                 if any(n.kind == ORG for n in s)), [])
    return [n.text for n in dedupe(orgs)]
