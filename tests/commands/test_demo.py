"""`archive demo`, as the README's first command runs it (in a subprocess: it owns a reactor)."""

import subprocess
from collections import Counter
import sys
from tests.support.mirror_expected import expected_articles



def test_demo_crawls_the_mirror_and_prints_a_summary(tmp_path):
    out = tmp_path / "demo"
    done = subprocess.run([sys.executable, "-m", "archiver.cli", "demo", "--out", str(out)],
                          capture_output=True, text=True, timeout=240, cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    expected = expected_articles()
    assert f"Archived {len(expected)} articles into {out}/" in done.stdout
    langs = Counter(e.language for e in expected)
    assert "languages: " + ", ".join(f"{k} {v}" for k, v in sorted(langs.items())) in done.stdout
    assert "removed: " in done.stdout and "ad " in done.stdout
    assert "One cleaned article:" in done.stdout
    images = sum(len(e.images) for e in expected)
    assert (f"images: {images} archived (2 stored once for two URLs), 0 not archived, "
            "1 tracking pixel(s) left out") in done.stdout
    assert "Traceback" not in done.stderr
    assert list(out.glob("*.warc.gz")) and list(out.glob("*.jsonl"))


def test_demo_revised_crawls_again_after_an_edit_and_changes_finds_it(tmp_path):
    from decoder_mirror.revisions import REVISED_TITLE

    out = tmp_path / "demo"
    done = subprocess.run([sys.executable, "-m", "archiver.cli", "demo", "--out", str(out),
                           "--revised"], capture_output=True, text=True, timeout=240, cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    assert f"Archived {len(expected_articles())} articles into {out}/" in done.stdout
    assert "Crawled again after an edit: 1 new version from" in done.stdout
    assert f"  {REVISED_TITLE}\n" in done.stdout
    changes = subprocess.run([sys.executable, "-m", "archiver.cli", "changes", str(out)],
                             capture_output=True, text=True, timeout=60)
    [line] = changes.stdout.splitlines()
    assert "\t1 paragraph added, 1 changed; title changed\t" + REVISED_TITLE + "\t" in line
