"""WARC files: the exchange as captured, writing (rotation, .open, digests), reading, crash repair
and checking. The capture itself is a downloader middleware (archiver.middlewares.warc_capture)."""

from .archive import ArticleFileChanged, WarcArchive
from .exchange import Exchange

__all__ = ["ArticleFileChanged", "Exchange", "WarcArchive"]
