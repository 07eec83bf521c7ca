"""WARC capture, writing, reading, crash repair and checking (see warc-profile in the README)."""

from .archive import ArticleFileChanged, WarcArchive
from .exchange import Exchange

__all__ = ["ArticleFileChanged", "Exchange", "WarcArchive"]
