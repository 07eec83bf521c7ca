"""A real pywb replaying WARC files, on 127.0.0.1 at a port the OS picks (pywb lives in a venv of
its own, ``$PYWB_BIN_DIR``: it pins packages Scrapy needs newer)."""

from __future__ import annotations

import subprocess
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .ci import require_tool

SERVER = Path(__file__).with_name("pywb_server.py")
COLLECTION = "archive"


@contextmanager
def serve_pywb(warcs: Iterable[Path], home: Path) -> Iterator[str]:
    """pywb with the collection ``archive`` holding ``warcs`` (set up in ``home``); yields the
    collection's URL, e.g. http://127.0.0.1:41234/archive."""
    wb_manager = Path(require_tool("wb-manager", env="PYWB_BIN_DIR"))
    subprocess.run([wb_manager, "init", COLLECTION], cwd=home, check=True, capture_output=True)
    for warc in warcs:
        subprocess.run([wb_manager, "add", COLLECTION, warc], cwd=home, check=True,
                       capture_output=True)
    server = subprocess.Popen([wb_manager.parent / "python", SERVER], cwd=home,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        port = next((int(line.split()[1]) for line in server.stdout
                     if line.startswith("PYWB-PORT")), None)
        assert port, "pywb did not start"
        yield f"http://127.0.0.1:{port}/{COLLECTION}"
    finally:
        server.kill()
        server.wait(10)
