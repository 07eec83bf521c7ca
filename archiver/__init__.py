"""archiver: archive news articles clean (WARC + JSON Lines)."""

__version__ = "0.1.0"
