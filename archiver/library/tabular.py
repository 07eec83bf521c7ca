"""Records as typed rows: the columns of `archive export`, `Archive.to_arrow()` and
`Archive.to_pandas()`, and streaming writers for Parquet, CSV and JSON Lines.

Why a fixed column table rather than letting pandas or DuckDB guess from JSON: guessing gives
mixed-offset strings for dates (``pd.to_datetime`` refuses "Mixed timezones"), ints where a
float is meant, and a different schema per batch. Here each column has one type, every time is
the same instant in UTC, lists stay lists and ``image``/``images``/``warc`` are structs.

Batches are bounded (rows and bytes of text), so the writers (archiver.library.tablewriters)
export an archive of any size in about the same memory.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from archiver.identity import to_utc

logger = logging.getLogger(__name__)
BATCH_ROWS = 2000
BATCH_BYTES = 32 << 20      # text + html of a batch; news pages make this the usual bound
DATA_HINT = "pip install -e '.[data]'"


class MissingExtra(ImportError):
    """pandas/pyarrow are an optional extra; the message says how to install them."""


# name -> type, in the record's key order. Types: str, float, int, bool, time, list, image,
# images, sources, warc, counts (a map of name -> integer).
COLUMNS: dict[str, str] = {
    "url": "str", "canonical_url": "str", "site": "str", "publisher": "str", "title": "str",
    "authors": "list",
    "published": "time", "modified": "time", "language": "str", "language_confidence": "float",
    "declared_language": "str", "description": "str", "section": "str", "tags": "list",
    "image": "image", "images": "images", "sources": "sources", "text": "str", "html": "str", "word_count": "int",
    "paywalled": "bool", "fetched_at": "time", "http_status": "int", "warc": "warc",
    "article_id": "str", "version_id": "str", "text_sha1": "str", "schema_version": "int",
    "removed": "counts", "revisit_of": "str",
}
STRUCT_FIELDS = {"sources": ("name", "url"),
                 "warc": ("file", "response_id", "conversion_id")}
# The lead image and each item of ``images``: typed fields (archiver.images.select).
IMAGE_FIELDS = {"url": "str", "caption": "str", "credit": "str", "captured": "bool"}
IMAGES_FIELDS = {"url": "str", "caption": "str", "credit": "str", "width": "int", "height": "int",
                 "captured": "bool", "lead": "bool", "reason": "str"}


def columns(html: bool = True) -> list[str]:
    return [c for c in COLUMNS if html or c != "html"]


def require_pyarrow():
    try:
        import pyarrow
    except ImportError:
        raise MissingExtra(f"this needs pyarrow (and pandas for DataFrames): {DATA_HINT}") from None
    return pyarrow


# --- one record -> one typed row --------------------------------------------------------------
def _float(value: Any) -> float | None:
    try:
        return None if value is None else float(value)
    except (TypeError, ValueError):
        return None


def _int(value: Any) -> int | None:
    try:
        return None if value is None or isinstance(value, bool) else int(value)
    except (TypeError, ValueError):
        return None


def _struct(kind: str) -> Callable[[Any], dict | None]:
    def convert(value: Any) -> dict | None:
        if not isinstance(value, dict):
            return None
        return {k: None if value.get(k) is None else str(value.get(k)) for k in STRUCT_FIELDS[kind]}
    return convert


def _typed(fields: dict[str, str]) -> Callable[[Any], dict | None]:
    def convert(value: Any) -> dict | None:
        if not isinstance(value, dict):
            return None
        out = {k: CONVERT[kind](value.get(k)) for k, kind in fields.items()}
        if "lead" in fields:
            out["lead"] = bool(value.get("lead"))
        return out
    return convert


CONVERT: dict[str, Callable[[Any], Any]] = {
    "str": lambda v: None if v is None else str(v),
    "float": _float,
    "int": _int,
    "bool": lambda v: None if v is None else bool(v),
    "time": to_utc,
    "list": lambda v: [str(x) for x in v] if isinstance(v, list) else [],
    "image": _typed(IMAGE_FIELDS),
    "images": lambda v: [_typed(IMAGES_FIELDS)(x) for x in v if isinstance(x, dict)]
    if isinstance(v, list) else [],
    "warc": _struct("warc"),
    "sources": lambda v: [_struct("sources")(x) for x in v if isinstance(x, dict)]
    if isinstance(v, list) else [],
    "counts": lambda v: {str(k): _int(n) or 0 for k, n in v.items()} if isinstance(v, dict) else {},
}


class Rows:
    """Converts records to rows of the export's columns; names keys it leaves out, once each."""

    def __init__(self, html: bool = True) -> None:
        self.names = columns(html)
        self.warned: set[str] = set()

    def __call__(self, record: dict[str, Any]) -> dict[str, Any]:
        for key in record.keys() - COLUMNS.keys() - self.warned:
            self.warned.add(key)
            logger.warning("record key %r is not an export column yet; left out", key)
        return {name: CONVERT[COLUMNS[name]](record.get(name)) for name in self.names}


# --- Arrow ------------------------------------------------------------------------------------
def arrow_type(kind: str):
    pa = require_pyarrow()
    struct = {k: pa.struct([(f, pa.string()) for f in fields])
              for k, fields in STRUCT_FIELDS.items()}
    scalar = {"str": pa.string(), "int": pa.int64(), "bool": pa.bool_()}
    typed = lambda fields: pa.struct([(f, scalar[k]) for f, k in fields.items()])  # noqa: E731
    return {"str": pa.string(), "float": pa.float64(), "int": pa.int64(), "bool": pa.bool_(),
            "time": pa.timestamp("us", tz="UTC"), "list": pa.list_(pa.string()),
            "image": typed(IMAGE_FIELDS), "images": pa.list_(typed(IMAGES_FIELDS)),
            "warc": struct["warc"],
            "sources": pa.list_(struct["sources"]),
            "counts": pa.map_(pa.string(), pa.int64())}[kind]


def arrow_schema(html: bool = True):
    pa = require_pyarrow()
    return pa.schema([(name, arrow_type(COLUMNS[name])) for name in columns(html)])


def batches(records: Iterable[dict[str, Any]], html: bool = True) -> Iterator[Any]:
    """pyarrow RecordBatches of at most BATCH_ROWS rows or about BATCH_BYTES of text."""
    pa = require_pyarrow()
    schema, rows = arrow_schema(html), Rows(html)
    pending: list[dict[str, Any]] = []
    size = 0
    for record in records:
        row = rows(record)
        pending.append(row)
        size += len(row.get("text") or "") + len(row.get("html") or "")
        if len(pending) >= BATCH_ROWS or size >= BATCH_BYTES:
            yield pa.RecordBatch.from_pylist(pending, schema=schema)
            pending, size = [], 0
    if pending:
        yield pa.RecordBatch.from_pylist(pending, schema=schema)


def to_table(records: Iterable[dict[str, Any]], html: bool = True):
    pa = require_pyarrow()
    return pa.Table.from_batches(list(batches(records, html)), schema=arrow_schema(html))


def to_dataframe(table):
    """A DataFrame of an export table: UTC timestamps, lists as Python lists, structs as dicts."""
    try:
        import pandas  # noqa: F401
    except ImportError:
        raise MissingExtra(f"DataFrames need pandas: {DATA_HINT}") from None
    frame = table.to_pandas(maps_as_pydicts="strict")
    for name in table.schema.names:
        if COLUMNS.get(name) in ("list", "sources"):
            frame[name] = [list(v) if v is not None else [] for v in frame[name]]
    return frame
