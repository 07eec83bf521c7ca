"""The reader's article page, versions part: every capture of the article, and what changed.

An article captured more than once lists its captures (newest first, the one shown marked,
each saying whether its text differs from the capture before), then the diff between the
version shown and the last different one before it, or the one ``?from=<id>`` names.
"""

from __future__ import annotations

from html import escape

from archiver.errors import ArchiveError

from .dataset import previous_version
from .diffview import as_html_fragment
from .library import Entry, Library
from .render import captured
from .textdiff import diff_records


def versions_section(library: Library, entry: Entry, compare_with: str | None = None) -> str:
    """HTML of the versions list and the diff; empty for an article captured once."""
    versions = library.article_versions(entry.article_id)
    if len(versions) < 2:
        return ""
    items = "".join(_item(v, entry, before) for v, before in
                    reversed(list(zip(versions, [None, *versions[:-1]]))))
    section = (f'<section class="versions"><h2>Versions</h2><p class="count">'
               f"{len(versions)} captures</p><ol>{items}</ol></section>")
    return section + _diff(library, versions, entry, compare_with)


def _item(version: Entry, shown: Entry, before: Entry | None) -> str:
    if before is None:
        note = "first capture"
    elif version.revisit_of is not None:
        note = "unchanged (revisit)"
    elif (version.text_sha1, version.title) == (before.text_sha1, before.title):
        note = "same text"
    else:
        note = "text changed"
    when = escape(captured(version.fetched_at)) + " UTC"
    link = (f"<strong>{when}</strong> (shown)" if version.rid == shown.rid else
            f'<a href="/a/{version.rid}">{when}</a> · <a href="/a/{shown.rid}?from='
            f'{version.rid}">compare</a>')
    return f'<li>{link} · <span class="note">{note}</span></li>'


def _diff(library: Library, versions: list[Entry], entry: Entry, compare_with: str | None) -> str:
    other = next((v for v in versions if v.rid == compare_with), None) if compare_with else None
    if other is None:
        try:
            other = previous_version(versions, entry)
        except ArchiveError:
            return ""               # the first capture: nothing before it to compare with
    old, new = sorted((other, entry), key=lambda e: e.order)
    return as_html_fragment(diff_records(library.record(old), library.record(new)))
