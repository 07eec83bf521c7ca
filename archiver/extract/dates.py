"""Dates as ISO 8601 with an offset, never in the future of the capture."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

_COMPACT_TZ = re.compile(r"([+-]\d{2})(\d{2})$")
_UTC_NAME = re.compile(r"\s*(?:GMT|UTC|Z)$", re.I)


def parse_date(value: str | None) -> datetime | None:
    """A timezone-aware datetime from ISO 8601 or RFC 2822 text; naive times are taken as UTC."""
    if not value or not isinstance(value, str):
        return None
    value = value.strip()
    if _UTC_NAME.search(value) and not value.endswith(("Z", "z")):
        value = _UTC_NAME.sub("+00:00", value)          # "2019-11-18 17:19:53 GMT"
    candidate = _COMPACT_TZ.sub(r"\1:\2", value.replace(" ", "T", 1) if "T" not in value else value)
    for text in (candidate, value):
        try:
            when = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
            break
        except ValueError:
            when = None
    if when is None:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


def first_date(values: Iterable[str | None], fetched_at: datetime | None) -> str | None:
    """The first value that parses and is not later than the fetch, as ISO 8601 (``values``
    may be lazy: costly sources are only read when the cheap ones gave nothing). Placeholders
    ("0001-01-01", the Unix epoch) are no dates."""
    limit = _aware(fetched_at)
    for value in values:
        when = parse_date(value)
        if when is not None and (limit is None or when <= limit) and when.year >= 1800 \
                and when != _EPOCH:
            return when.isoformat()
    return None


_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def _aware(when: datetime | None) -> datetime | None:
    if when is None:
        return None
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


# Month names as bylines print them, in the languages of the pages we meet
# ("Feb 17, 2026", "17. Feb. 2026", "17. Februar 2026", "28 avril 2023", "5 de mayo de 2024").
_MONTHS = {name: i + 1 for i, names in enumerate((
    "jan january januar jänner janvier janv gennaio gen enero ene janeiro januari",
    "feb february februar février févr fevr febbraio febrero fevereiro fev februari",
    "mar march mär märz mrz mars marzo março maart",
    "apr april avril avr aprile abril abr",
    "may mai maggio mag mayo maio mei",
    "jun june juni juin giugno giu junio junho",
    "jul july juli juillet juil luglio lug julio julho",
    "aug august août aout agosto ago augustus",
    "sep sept september septembre settembre set septiembre setembro",
    "oct october okt oktober octobre ottobre ott octubre outubro out",
    "nov november novembre noviembre novembro",
    "dec december dez dezember décembre déc dicembre dic diciembre dezembro",
)) for name in names.split()}
_MONTH = r"([^\W\d_]{3,10})\.?"
_MONTH_DAY_YEAR = re.compile(rf"^{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})$", re.I)
_DAY_MONTH_YEAR = re.compile(rf"^(\d{{1,2}})(?:\.|er|º|°)?\s+(?:de\s+)?{_MONTH}\s+(?:de\s+)?(\d{{4}})$", re.I)
_NUMERIC = re.compile(r"^(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})$")
_SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_YEAR_FIRST = re.compile(r"^(\d{4})[./-]\s?(\d{1,2})[./-]\s?(\d{1,2})\.?$|^(\d{4})年\s?(\d{1,2})月\s?(\d{1,2})日$")
# What may stand around a printed date: a label, a weekday, a time ("15:23 Uhr", "10:05 am").
_LABEL = re.compile(
    r"^(?:published|posted|first\s+published|publication|date|datum|veröffentlicht|publiziert|"
    r"erschienen|erstellt|publié(?:e)?|publicado|publicada|pubblicato|publicat|gepubliceerd|"
    r"publisert|publicerad|julkaistu|опубликовано|기사입력|입력|등록|発行|公開|配信|发布|發佈)"
    r"(?:\s+(?:on|am|le|el|il|em|op|den))?\s*[:：]?\s*", re.I)
_WEEKDAY = re.compile(
    r"^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday|mo|di|mi|do|fr|sa|so|montag|dienstag|mittwoch|donnerstag|freitag|samstag|"
    r"sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunedì|martedì|mercoledì|"
    r"giovedì|venerdì|sabato|domenica|lunes|martes|miércoles|jueves|viernes|sábado|domingo)"
    r"\.?,?\s+", re.I)
_TIME = re.compile(r"(?:,|\s[-–|·]|\s(?:um|at|à|alle|a\s+las|às|kl\.?))?\s*\d{1,2}[:.h]\d{2}(?::\d{2})?"
                   r"\s*(?:uhr|h|am|pm|a\.m\.|p\.m\.)?(?:\s*\(?[A-Z]{2,5}\)?)?$|\s*\d{1,2}時\d{1,2}分$", re.I)
_MODIFIED = re.compile(r"^(?:updated|last\s+updated|modified|aktualisiert|zuletzt|stand|"
                       r"mis\s+à\s+jour|actualizado|actualisé|aggiornato|atualizado|обновлено|"
                       r"수정|최종수정|更新|最終更新)", re.I)


def parse_printed_date(text: str, dayfirst: bool | None = None) -> datetime | None:
    """The day a byline prints ("17. Feb. 2026", "Published: April 28, 2023, 10:05 am",
    "Freitag, 28.04.2023", "28 avril 2023 à 15h23", "2025年1月13日"), at midnight UTC: a printed
    time has no stated zone, so only the day is kept. A date labelled as an update ("Updated",
    "Aktualisiert", "Stand") is not a publication date: None.

    ``dayfirst`` settles "05/10/2018": True (the page's language writes day/month, as all but
    American English do), False (month/day), None (not guessed: no date).

    The last resort when a page has no machine-readable date (no JSON-LD, meta or <time>).
    """
    text = " ".join(text.split()).strip(" ·|–-[]()")
    if not text or len(text) > 60 or _MODIFIED.match(text):
        return None
    text = _WEEKDAY.sub("", _LABEL.sub("", text).strip(" [](),")).strip(" ,·|–-[]()")
    text = _TIME.sub("", text).strip(" ,·|–-[]()")
    return _day(text, dayfirst)


def dayfirst_for(language: str | None, url: str = "") -> bool | None:
    """Whether the page writes numeric dates day first, by its declared language: American
    English does not; other English (British? Indian?) cannot be told from "en" alone; the
    rest do. Without a declared language, a country's domain (``.br``, ``.de``; not ``.us``)
    says day first."""
    lang = (language or "").lower().replace("_", "-")
    if not lang:
        tld = (urlsplit(url).hostname or "").rsplit(".", 1)[-1]
        return True if len(tld) == 2 and tld.isalpha() and tld != "us" else None
    if lang.startswith("en"):
        return False if lang.startswith(("en-us", "en-ph")) else (True if "-" in lang else None)
    return True


def _day(text: str, dayfirst: bool | None = None) -> datetime | None:
    for pattern, order in ((_MONTH_DAY_YEAR, "mdy"), (_DAY_MONTH_YEAR, "dmy"), (_NUMERIC, "dmy"),
                           (_SLASHED, "dmy"), (_YEAR_FIRST, "ymd")):
        match = pattern.match(text)
        if not match:
            continue
        groups = [g for g in match.groups() if g is not None]
        parts = dict(zip(order, groups))
        if pattern is _SLASHED and int(parts["d"]) <= 12 and int(parts["m"]) <= 12 \
                and parts["d"] != parts["m"]:
            if dayfirst is None:
                return None              # 04/05/2026: April or May? Not guessed.
            if not dayfirst:
                parts["d"], parts["m"] = parts["m"], parts["d"]
        elif pattern is _SLASHED and int(parts["m"]) > 12:
            parts["d"], parts["m"] = parts["m"], parts["d"]        # US order: 04/28/2023
        month = int(parts["m"]) if parts["m"].isdigit() else _MONTHS.get(parts["m"].lower())
        try:
            return datetime(int(parts["y"]), month or 0, int(parts["d"]), tzinfo=timezone.utc)
        except ValueError:
            return None
    return None


# Dates in URLs: "/2026/05/12/", "/2026-05-12-slug", "_2026_05_12", "/20260512/", and a
# 12-to-14-digit time stamp at the start of an article id ("A2026012914320005196").
_URL_DAY = re.compile(r"(?<!\d)((?:19|20)\d{2})([/_-])(\d{1,2})\2(\d{1,2})(?!\d)")
_URL_COMPACT = re.compile(r"(?<!\d)((?:19|20)\d{2})(\d{2})(\d{2})(\d*)")


def date_in_url(url: str) -> datetime | None:
    """The publication day the URL's path spells out, at midnight UTC; None if it has none."""
    path = urlsplit(url).path
    for match in _URL_DAY.finditer(path):
        when = _valid(match.group(1), match.group(3), match.group(4))
        if when:
            return when
    for match in _URL_COMPACT.finditer(path):
        rest = match.group(4)
        if rest and not (len(rest) >= 4 and int(rest[:2]) < 24 and int(rest[2:4]) < 60):
            continue                          # a long number, not a date with a time after it
        when = _valid(match.group(1), match.group(2), match.group(3))
        if when:
            return when
    return None


def _valid(year: str, month: str, day: str) -> datetime | None:
    try:
        when = datetime(int(year), int(month), int(day), tzinfo=timezone.utc)
    except ValueError:
        return None
    return when if 1995 <= when.year else None
