"""The archive's crawl state: what the archive already holds, per article URL (a cache of the
WARC files in a small SQLite file beside them; see store.py for why, and why it is safe to lose).

- `capture`: one row, ``Capture``; `store`: ``ArchiveState``, the SQLite file, its rebuild;
- `from_warcs`: the rows the WARC files say; `recorder`: the extension that writes a row once an
  article is on disk.
"""

from .capture import Capture
from .store import STATE_NAME, ArchiveState

__all__ = ["STATE_NAME", "ArchiveState", "Capture"]
