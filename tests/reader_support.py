"""Shared by the reader tests: `archive serve`'s app on a free loopback port, and a real headless
Chromium (Debian's chromium + chromium-driver) driven by selenium.

A missing browser skips the test on a developer's machine and fails it in CI (CI=true), where
.ci/run installs it: a browser test that silently skips in CI proves nothing.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest

from archiver.library.library import Library
from archiver.library.web import ReaderApp

CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage")


class _Silent(WSGIRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextmanager
def serve_reader(*paths: Path) -> Iterator[str]:
    """The reader on 127.0.0.1:<free port>, served from a thread while the block runs."""
    server = make_server("127.0.0.1", 0, ReaderApp(Library(list(paths), print)),
                         handler_class=_Silent)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


def _require(what: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} is missing (.ci/run installs it)")
    pytest.skip(f"needs {what}")


@contextmanager
def chromium(performance_log: bool = False) -> Iterator[object]:
    """A headless Chromium with a fresh profile, quit afterwards. ``performance_log``: the
    DevTools events (every network request the page makes) are kept for ``get_log``."""
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _require("selenium")
    browser, driver_bin = shutil.which("chromium"), shutil.which("chromedriver")
    if not (browser and driver_bin):
        _require("Debian's chromium and chromium-driver")
    profile = tempfile.mkdtemp(prefix="archiver-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    if performance_log:
        options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=Service(driver_bin), options=options)
    driver.set_page_load_timeout(20)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def requested_urls(driver) -> list[str]:
    """Every URL the browser asked for since the last call (DevTools Network events)."""
    import json
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls
