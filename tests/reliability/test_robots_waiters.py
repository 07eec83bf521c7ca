"""robots.txt is obeyed by every request that waits for it, not only by the first two.

Scrapy >= 2.14's RobotsTxtMiddleware hands the parser to the first request waiting on a host's
robots.txt and None ("no robots.txt") to the others (archiver/middlewares/robots_txt.py says why); a crawl
resumed from JOBDIR, or an article's images on a new host, start several requests at once.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

APP = Path(__file__).with_name("robots_waiters_app.py")


def outcomes(middleware: str) -> list[str]:
    done = subprocess.run([sys.executable, str(APP), middleware], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout.split("\n")[:-1]


def test_every_waiting_request_obeys_robots_txt():
    assert outcomes("archiver.middlewares.robots_txt.SharedRobotsTxtMiddleware") == [
        "ALLOWED http://127.0.0.1:9/a", "REFUSED http://127.0.0.1:9/private/b",
        "REFUSED http://127.0.0.1:9/private/c", "ALLOWED http://127.0.0.1:9/d"]


def test_control_scrapys_own_middleware_lets_late_waiters_through():
    """The defect this guards against is real in the installed Scrapy (if Scrapy fixes it,
    this control fails and the fix in archiver/middlewares/robots_txt.py can go)."""
    lines = outcomes("scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware")
    assert "ALLOWED http://127.0.0.1:9/private/c" in lines
