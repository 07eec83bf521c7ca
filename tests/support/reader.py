"""`archive serve`'s app on a free loopback port, and a real headless Chromium (Debian's
chromium + chromium-driver) driven by selenium; a missing browser follows the suite's rule
(tests.support.ci: skip locally, fail in CI).
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, make_server

from archiver.library.library import Library
from archiver.library.web import ReaderApp

from .ci import require

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


@contextmanager
def chromium(performance_log: bool = False) -> Iterator[object]:
    """A headless Chromium with a fresh profile, quit afterwards. ``performance_log``: the
    DevTools events (every network request the page makes) are kept for ``get_log``."""
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        require("selenium")
    browser, driver_bin = shutil.which("chromium"), shutil.which("chromedriver")
    if not (browser and driver_bin):
        require("Debian's chromium and chromium-driver")
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
