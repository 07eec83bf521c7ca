"""Helpers for the WARC tests: finding validators, running crawls of the mock site."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


HERE = Path(__file__).parent
CRAWL_APP = HERE / "warc_crawl_app.py"
BIN = Path(sys.executable).parent


def require_tool(name: str, env: str | None = None) -> str:
    """Path of an external validator. Missing: skip locally, fail in CI (CI=true)."""
    directory = os.environ.get(env) if env else None
    found = shutil.which(name, path=directory) if directory else None
    found = found or shutil.which(name, path=str(BIN)) or shutil.which(name)
    if found:
        return found
    reason = f"{name} not installed" + (f" (set {env} to its bin directory)" if env else "")
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


def crawl_urls(base: str) -> list[str]:
    return [f"{base}/redirect", f"{base}/article/2", f"{base}/article/3", f"{base}/missing",
            f"{base}/search?q=a+b&x=1", f"{base}/big", f"{base}/big-known"]


def start_crawl(archive_dir: Path, urls: list[str], **settings: object) -> subprocess.Popen:
    args = [sys.executable, str(CRAWL_APP), str(archive_dir), *urls]
    args += [f"{name}={value}" for name, value in settings.items()]
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            cwd=HERE)


def run_crawl(archive_dir: Path, urls: list[str], **settings: object) -> str:
    proc = start_crawl(archive_dir, urls, **settings)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err[-3000:]
    assert "Traceback" not in err, err[-3000:]
    return out
