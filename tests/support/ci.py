"""The suite's one rule for what a test needs from the machine (a validator, a browser, a
server, root): skip on a developer's machine, fail in CI (``CI=true``), where .ci/run provides
it. A test that silently skips in CI proves nothing."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import NoReturn

import pytest

IN_CI = os.environ.get("CI") == "true"


def require(what: str) -> NoReturn:
    """``what`` is missing: skip here, fail in CI."""
    if IN_CI:
        pytest.fail(f"{what} is not available (.ci/run provides it)")
    pytest.skip(f"needs {what}")


def require_tool(name: str, env: str | None = None) -> str:
    """Path of an external command: in the directory ``$env`` names (a tool with a venv of its
    own, such as pywb), next to this Python (warcio, cdxj-indexer), or on the PATH."""
    directory = os.environ.get(env) if env else None
    found = shutil.which(name, path=directory) if directory else None
    found = found or shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found:
        return found
    require(f"{name}" + (f" (set {env} to its bin directory)" if env else ""))
