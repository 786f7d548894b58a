"""Documents from files: plain text (one document, id = path), JSONL and Parquet records.

Every reader yields ``(id, text)`` pairs and raises :class:`decloak.errors.InputError`
with the file name and, for JSONL, the line number: a malformed record stops the
run with one line saying where, rather than a traceback or a silently skipped row.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..textio import decode_bytes, read_input

__all__ = ["Record", "is_jsonl", "is_parquet", "read_records", "record_id"]

_JSONL = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")


@dataclass(frozen=True, slots=True)
class Record:
    """One document read from an input: its id, its text and where it came from."""

    id: str
    text: str
    row: int


def is_jsonl(path: str) -> bool:
    return path.lower().endswith(_JSONL)


def is_parquet(path: str) -> bool:
    return path.lower().endswith(".parquet")


def _field(obj: dict[str, Any], key: str, where: str) -> Any:
    if key not in obj:
        raise InputError(f"{where}: no {key!r} field (choose the field with --text-key/--id-key)")
    return obj[key]


def _as_id(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def record_id(obj: dict[str, Any], id_key: str, path: str, line: int) -> str:
    """A JSONL record's id: its ``id_key`` field, else ``PATH:LINE``."""
    return _as_id(obj[id_key]) if id_key in obj else f"{path}:{line}"


def read_jsonl(path: str, id_key: str, text_key: str, errors: str) -> Iterator[Record]:
    opener = gzip.open if path.lower().endswith(".gz") else open
    try:
        fh = opener(path, "rb")
    except OSError as e:
        raise InputError(f"{path}: {e.strerror or e}") from None
    with fh:
        for n, raw in enumerate(fh, 1):
            where = f"{path}:{n}"
            line = decode_bytes(raw, errors, where).strip()
            if not line:
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                raise InputError(f"{where}: invalid JSON ({e.msg} at column {e.colno})") from None
            if not isinstance(obj, dict):
                raise InputError(f"{where}: expected a JSON object per line")
            text = _field(obj, text_key, where)
            if not isinstance(text, str):
                raise InputError(f"{where}: {text_key!r} is not a string")
            yield Record(record_id(obj, id_key, path, n), text, n - 1)


def read_parquet(path: str, id_key: str, text_key: str) -> Iterator[Record]:
    try:
        import pyarrow.parquet as pq
    except ImportError:  # pragma: no cover - the parquet extra is missing
        raise InputError(
            f"{path}: reading Parquet needs pyarrow (pip install 'decloak[parquet]')"
        ) from None
    try:
        pf = pq.ParquetFile(path)
    except (OSError, ValueError) as e:
        raise InputError(f"{path}: not a readable Parquet file ({e})") from None
    names = pf.schema_arrow.names
    if text_key not in names:
        raise InputError(f"{path}: no {text_key!r} column (choose it with --text-key)")
    cols = [text_key] + ([id_key] if id_key in names and id_key != text_key else [])
    row = 0
    for batch in pf.iter_batches(columns=cols, batch_size=4096):
        texts = batch.column(text_key).to_pylist()
        ids = batch.column(id_key).to_pylist() if id_key in names else [None] * len(texts)
        for ident, text in zip(ids, texts, strict=True):
            if text is not None and not isinstance(text, str):
                raise InputError(f"{path}: row {row}: {text_key!r} is not a string")
            yield Record(f"{path}:{row}" if ident is None else _as_id(ident), text or "", row)
            row += 1


def read_records(
    path: str, id_key: str = "id", text_key: str = "text", errors: str = "strict"
) -> Iterator[Record]:
    """Documents in ``path``: JSONL/Parquet records, or the whole file as one document."""
    if is_jsonl(path):
        yield from read_jsonl(path, id_key, text_key, errors)
    elif is_parquet(path):
        yield from read_parquet(path, id_key, text_key)
    else:
        if Path(path).is_dir():
            raise InputError(f"{path}: is a directory (pass the files inside it)")
        yield Record(path, read_input(path, errors=errors), 0)
