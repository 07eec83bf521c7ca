"""Our WARC layout's per-record-type rules as data (README, "WARC layout"): which headers each
record type must carry and must not."""

from __future__ import annotations

from dataclasses import dataclass

COMMON_REQUIRED = ("WARC-Type", "WARC-Record-ID", "WARC-Date", "Content-Length",
                   "WARC-Block-Digest")
WARCINFO_FIELDS = ("software", "format", "conformsTo", "isPartOf", "robots", "hostname",
                   "http-header-user-agent")


@dataclass(frozen=True)
class Rule:
    required: tuple[str, ...] = ()
    forbidden: tuple[str, ...] = ()
    content_types: tuple[str, ...] = ()     # accepted, compared without spaces, lower case


RULES: dict[str, Rule] = {
    "warcinfo": Rule(("WARC-Filename",), ("WARC-Target-URI",), ("application/warc-fields",)),
    "response": Rule(("WARC-Target-URI", "WARC-IP-Address", "WARC-Payload-Digest"), (),
                     ("application/http;msgtype=response",)),
    "request": Rule(("WARC-Target-URI", "WARC-Concurrent-To"), (),
                    ("application/http;msgtype=request",)),
    "conversion": Rule(("WARC-Target-URI", "WARC-Refers-To", "WARC-Payload-Digest"),
                       ("WARC-Concurrent-To", "WARC-IP-Address", "WARC-Refers-To-Target-URI",
                        "WARC-Refers-To-Date"), ("text/html;charset=utf-8",)),
    "metadata": Rule(("WARC-Refers-To",), ("WARC-Target-URI", "WARC-Payload-Digest"),
                     ("application/warc-fields", "application/json")),
    "revisit": Rule(("WARC-Target-URI", "WARC-Profile", "WARC-Payload-Digest", "WARC-Refers-To",
                     "WARC-Refers-To-Target-URI", "WARC-Refers-To-Date"), (),
                    ("application/http;msgtype=response",)),
}


def norm_type(value: str | None) -> str:
    return "".join((value or "").split()).lower()


def header_problems(record) -> list[str]:
    """Missing, forbidden or wrong headers of one record, as messages."""
    rule = RULES.get(record.type, Rule())
    problems = [f"{record.type}: missing {name}" for name in COMMON_REQUIRED + rule.required
                if record.get(name) is None]
    problems += [f"{record.type}: forbidden {name}" for name in rule.forbidden
                 if record.get(name) is not None]
    if rule.content_types and norm_type(record.get("Content-Type")) not in rule.content_types:
        problems.append(f"{record.type}: Content-Type {record.get('Content-Type')!r}")
    return problems
