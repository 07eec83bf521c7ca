"""Paragraph-level diffs of two records (archiver.library.textdiff) and how they read."""

from __future__ import annotations

import json

from archiver.library.diffview import as_html, as_html_fragment, as_json, as_text
from archiver.library.textdiff import diff_records, word_runs

P1 = "Kestrel AI has released an open language model with nine billion parameters."
P2 = "In the company's own evaluation, Kestrel Nine reaches 71 percent on a widely used set."
P3 = "The company has not said which sources the original problems came from."
UPDATE = "Update: An independent replication measured 64 percent on the same problem set."


def record(title: str, *paragraphs: str, **extra) -> dict:
    return {"url": "https://the-decoder.com/kestrel/", "title": title, "article_id": "a" * 16,
            "version_id": extra.pop("version_id", "1" * 16), "fetched_at": "2026-05-01T08:00:00Z",
            "text": "\n\n".join([title, *paragraphs]), **extra}


OLD = record("Kestrel matches rivals", P1, P2, P3, modified="2025-02-12T08:05:41+00:00")
NEW = record("Kestrel nearly matches rivals", P1, P2.replace("71", "68"), P3, UPDATE,
             version_id="2" * 16, modified="2026-05-02T09:00:00+02:00")


def test_added_changed_and_title_are_found_and_summed_up():
    diff = diff_records(OLD, NEW)
    assert [(p.kind, p.number) for p in diff.paragraphs] == [("changed", 2), ("added", 4)]
    assert diff.fields["title"] == ("Kestrel matches rivals", "Kestrel nearly matches rivals")
    assert diff.fields["modified"] == ("2025-02-12T08:05:41+00:00", "2026-05-02T09:00:00+02:00")
    assert diff.changed and diff.summary() == "1 paragraph added, 1 changed; title changed"
    assert diff.paragraphs[0].words() == [
        ("equal", "In the company's own evaluation, Kestrel Nine reaches"), ("delete", "71"),
        ("insert", "68"), ("equal", "percent on a widely used set.")]


def test_removed_paragraphs_and_a_replaced_unrelated_paragraph():
    new = record("Kestrel matches rivals", P1, "Something else entirely, about chips and funding.")
    diff = diff_records(OLD, new)
    assert sorted(p.kind for p in diff.paragraphs) == ["added", "removed", "removed"]
    assert diff.summary() == "1 paragraph added, 2 removed"
    assert "title" not in diff.fields


def test_same_text_is_no_change_even_if_whitespace_or_dates_differ():
    again = record("Kestrel matches rivals", P1, P2.replace(" ", "  "), P3,
                   modified="2026-01-01T00:00:00Z")
    diff = diff_records(OLD, again)
    assert diff.paragraphs == [] and not diff.changed
    assert set(diff.fields) == {"modified"}
    assert diff.summary() == "no change to title or text"


def test_text_form_marks_words_as_git_word_diff_does():
    text = as_text(diff_records(OLD, NEW))
    assert 'title: "Kestrel matches rivals" -> "Kestrel nearly matches rivals"' in text
    assert "~ paragraph 2 changed:" in text and "reaches [-71-]{+68+} percent" in text
    assert "+ paragraph 4 added:" in text and UPDATE[:40] in text
    assert text.rstrip().endswith("summary: 1 paragraph added, 1 changed; title changed")


def test_html_escapes_the_archived_text():
    hostile = record("T", "<script>alert(1)</script> & more")
    html = as_html(diff_records(record("T", "plain"), hostile))
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in html
    fragment = as_html_fragment(diff_records(OLD, NEW))
    assert "<del>71</del><ins>68</ins>" in fragment and f"<ins>{UPDATE}</ins>" in fragment


def test_json_form_has_every_part():
    data = json.loads(as_json(diff_records(OLD, NEW)))
    assert data["summary"] == "1 paragraph added, 1 changed; title changed"
    assert data["old"]["version_id"] == "1" * 16 and data["new"]["version_id"] == "2" * 16
    assert data["fields"]["title"]["new"] == "Kestrel nearly matches rivals"
    assert [p["kind"] for p in data["paragraphs"]] == ["changed", "added"]


def test_word_runs_of_identical_texts_are_one_equal_run():
    assert word_runs("a b c", "a  b c") == [("equal", "a b c")]
