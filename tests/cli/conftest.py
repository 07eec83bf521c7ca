"""Fixtures of the CLI tests; the archive builders live in cli_archives.py (importable by name)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest

from archiver.library.library import Library
from archiver.library.web import ReaderApp
from cli_archives import make_archive_dir


@pytest.fixture
def archive_dir(tmp_path: Path) -> Path:
    """Three articles (en, de, en paywalled) and, in a second file, a recrawl of the first."""
    return make_archive_dir(tmp_path)


class _Silent(WSGIRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def reader(archive_dir: Path) -> Iterator[str]:
    """The reader on 127.0.0.1:<free port>, served from a thread for the test's duration."""
    server = make_server("127.0.0.1", 0, ReaderApp(Library([archive_dir], print)),
                         handler_class=_Silent)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
