"""archiver: archive news articles clean (WARC + JSON Lines).

The public Python API: ``archiver.open_archive(*paths)`` (an archive as a dataset: records,
pandas, pyarrow, versions and what changed; see archiver.library.dataset) and
``archiver.extract.extract_article``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from archiver.library.dataset import Archive

__version__ = "0.1.0"
__all__ = ["open_archive", "__version__"]


def open_archive(*paths: Any, **options: Any) -> Archive:
    """Open WARC files and/or directories as one Archive (see archiver.library.dataset).

    Imported on first use, so that ``import archiver`` stays cheap for the crawler."""
    from archiver.library.dataset import open_archive as _open_archive
    return _open_archive(*paths, **options)
