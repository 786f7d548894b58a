"""The provenance index: one SQLite file of fingerprints, safe to share between processes.

Why SQLite: one file to copy around, no server, transactions, and WAL mode,
in which readers never block a writer and a writer never blocks readers; several
``decloak index add`` processes can feed one index at the same time (each batch
is one ``BEGIN IMMEDIATE`` transaction; the others wait their turn), and a crash
loses at most the batch in flight.  Adding is idempotent by document id: a
document whose text has not changed is skipped without being fingerprinted again
(so an interrupted run resumes where it stopped), a changed one is replaced.

Tables (``meta`` first, so that a foreign file is recognised before anything is
written to it):

- ``meta``: format name and version, the :class:`FingerprintConfig`, versions
- ``docs``: id, raw-text hash, key hash, shingle count, the key's shingle ids
  (exact verification and ``--explain``) and the MinHash signature
- ``bands``: (bucket, doc): one row per LSH band, primary-key ordered
- ``anchors``: (anchor, doc): the sampled shingle ids, for excerpt search
- ``bands_new``, ``anchors_new``: the same for recently added documents.  New
  rows go to these small tables and are merged into the big ones in one sorted
  pass every :data:`MERGE_EVERY` documents and at the end of each ``add``
  (and by the next writer after a crash); queries read both.  Inserting
  straight into the big B-trees touched one page per row and made indexing a
  100,000-document corpus spend most of its time in SQLite.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
import re
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain, islice, repeat
from operator import itemgetter
from pathlib import Path
from typing import Any

from .. import __version__
from ..errors import DecloakError, InputError, UsageError
from .minhash import (
    Fingerprint,
    FingerprintConfig,
    anchors_of,
    band_buckets,
    fingerprint,
    unpack_signature,
    unpack_u32,
)

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "AddSummary",
    "IndexStats",
    "ProvenanceIndex",
    "SettingsMismatchError",
    "StoredDoc",
]

FORMAT = "decloak-provenance-index"
FORMAT_VERSION = 1
MERGE_EVERY = 65_536
"""Documents written between two merges of the new-row tables into the main ones."""
MAX_POSTINGS = 1000
"""Anchors shared by more documents than this are ignored when searching (boilerplate)."""
PAGE_SIZE = 16_384
"""SQLite page size of a new index (an existing one keeps its own)."""
BUSY_TIMEOUT_MS = 120_000
"""How long a writer waits for another process's transaction before giving up."""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS docs(
    doc INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    text_hash BLOB NOT NULL,
    key_hash BLOB NOT NULL,
    shingles INTEGER NOT NULL,
    chars INTEGER NOT NULL,
    shingle_ids BLOB NOT NULL,
    sig BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS bands(
    bucket INTEGER NOT NULL, doc INTEGER NOT NULL, PRIMARY KEY(bucket, doc)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS anchors(
    anchor INTEGER NOT NULL, doc INTEGER NOT NULL, PRIMARY KEY(anchor, doc)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS bands_new(
    bucket INTEGER NOT NULL, doc INTEGER NOT NULL, PRIMARY KEY(bucket, doc)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS anchors_new(
    anchor INTEGER NOT NULL, doc INTEGER NOT NULL, PRIMARY KEY(anchor, doc)
) WITHOUT ROWID;
"""
_BANDS = ("bands", "bands_new")
_ANCHORS = ("anchors", "anchors_new")
_TABLES = frozenset({"meta", "docs", "bands", "anchors", "bands_new", "anchors_new"})


class SettingsMismatchError(UsageError):
    """The index was built with other fingerprint settings than this run asks for."""


@dataclass(frozen=True, slots=True)
class AddSummary:
    """What one ``add`` did: each input document is counted exactly once."""

    added: int
    updated: int
    unchanged: int
    empty: int
    seconds: float

    @property
    def seen(self) -> int:
        return self.added + self.updated + self.unchanged


@dataclass(frozen=True, slots=True)
class IndexStats:
    path: str
    documents: int
    distinct_keys: int
    empty_documents: int
    band_rows: int
    anchor_rows: int
    bytes: int
    settings: FingerprintConfig
    meta: dict[str, str]

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "documents": self.documents,
            "distinct_keys": self.distinct_keys,
            "empty_documents": self.empty_documents,
            "band_rows": self.band_rows,
            "anchor_rows": self.anchor_rows,
            "bytes": self.bytes,
            "settings": self.settings.to_dict(),
            "versions": {
                k: v for k, v in sorted(self.meta.items()) if k not in ("settings", "format")
            },
        }


@dataclass(frozen=True, slots=True)
class _Prepared:
    """A fingerprinted document waiting for its transaction (only what is stored)."""

    row: tuple[bytes, bytes, int, int, bytes, bytes, str]
    buckets: tuple[int, ...]
    anchors: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class StoredDoc:
    """A document as the index holds it, loaded for verification."""

    doc: int
    id: str
    signature: tuple[int, ...]
    hashes: frozenset[int]


def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


_WRITE_FAILURE = re.compile(r"disk is full|disk I/O error|readonly|read-only")


def _sqlite_header_problem(path: Path) -> str | None:
    """Why the file cannot be a complete SQLite database, judged from its 100-byte header.

    SQLite opens a truncated file happily and fails only when a missing page is
    read, possibly deep inside a query; checking the page count in the header
    against the file size catches truncation up front, in constant time.
    """
    size = path.stat().st_size
    with path.open("rb") as fh:
        head = fh.read(100)
    if not head.startswith(b"SQLite format 3\x00"):
        return "not a decloak index (not an SQLite database)"
    if len(head) < 100:
        return "damaged index (truncated inside the SQLite header)"
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        # A writer killed during a checkpoint leaves page 1 (with the new page
        # count) written before the pages after it: the file looks truncated, but
        # the write-ahead log still holds every page and SQLite recovers from it.
        return None
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(head[28:32], "big")
    counter_ok = head[24:28] == head[92:96]
    if counter_ok and pages and size < pages * page_size:
        return (
            f"damaged index (truncated: {size} bytes, the SQLite header says {pages * page_size})"
        )
    return None


class ProvenanceIndex:
    """An open index.  Use :meth:`open` (or :meth:`create`), then ``add``, ``match``, ``stats``.

    A context manager: leaving the ``with`` block closes the connection.
    """

    def __init__(self, path: Path, conn: sqlite3.Connection, config: FingerprintConfig) -> None:
        self.path = path
        self.conn = conn
        self.config = config

    # -- opening --------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        config: FingerprintConfig | None = None,
        *,
        create: bool = False,
        requested: Sequence[str] = (),
        read_only: bool = False,
    ) -> ProvenanceIndex:
        """Open ``path``; with ``create`` a missing (or empty) file becomes a new index.

        ``config`` is the setting this run wants; ``requested`` names the settings the
        user asked for explicitly.  Explicit settings that differ from the index's are
        refused (the signatures would not be comparable); so is an index whose
        signatures or key come from another algorithm version than the installed one.

        ``read_only`` opens the file with SQLite's ``mode=ro``: what every matching
        worker does, so that no reader can ever write to (or create, or damage) the
        index, whatever happens to it.  It still sees documents a writer adds.
        """
        if read_only and create:
            raise UsageError("an index cannot be both created and opened read-only")
        p = Path(path)
        if p.is_dir():
            raise InputError(f"{p}: is a directory, not an index file")
        fresh = not p.exists() or p.stat().st_size == 0
        if fresh and not create:
            what = "an empty file" if p.exists() else "no such index"
            raise InputError(
                f"{p}: {what} (build an index with: decloak index add --db {p} FILE...)"
            )
        if not fresh:
            problem = _sqlite_header_problem(p)
            if problem:
                raise InputError(f"{p}: {problem}")
        try:
            if read_only:
                uri = f"{p.absolute().as_uri()}?mode=ro"
                conn = sqlite3.connect(
                    uri, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, uri=True
                )
            else:
                conn = sqlite3.connect(p, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        except sqlite3.Error as e:
            raise InputError(f"{p}: cannot open index ({e})") from None
        try:
            conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            meta = None if fresh else cls._read_meta(conn, p)
            if meta is None and not create:
                raise InputError(f"{p}: not a decloak index (an empty SQLite database)")
            if meta is None:
                meta = cls._initialise(conn, config or FingerprintConfig())
            stored = cls._settings(meta, p)
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA cache_size=-65536")
            conn.execute("PRAGMA temp_store=MEMORY")
        except sqlite3.OperationalError as e:
            conn.close()
            if "locked" in str(e) or "busy" in str(e):
                raise DecloakError(f"{p}: {e} (another process holds it too long)") from None
            if create and _WRITE_FAILURE.search(str(e)):
                # creating the index on a full disk or in a read-only folder: the
                # file is fine, writing it is not
                raise DecloakError(f"{p}: cannot write the index ({e})") from None
            raise InputError(f"{p}: not a decloak index ({e})") from None
        except sqlite3.DatabaseError as e:
            conn.close()
            raise InputError(f"{p}: not a decloak index ({e})") from None
        except BaseException:
            conn.close()
            raise
        current = FingerprintConfig.from_dict({**stored.to_dict(), **_environment()})
        stale = stored.differences(current)
        if stale:
            conn.close()
            raise SettingsMismatchError(
                f"{p}: the index was built with {stored.describe(stale)}; this decloak makes "
                f"{current.describe(stale)}: rebuild the index"
            )
        if config is not None and requested:
            differ = [n for n in stored.differences(config) if n in requested]
            if differ:
                conn.close()
                raise SettingsMismatchError(
                    f"{p}: the index was built with {stored.describe(differ)}; "
                    f"this run asks for {config.describe(differ)}"
                )
        return cls(p, conn, stored)

    @classmethod
    def create(
        cls, path: str | os.PathLike[str], config: FingerprintConfig | None = None
    ) -> ProvenanceIndex:
        return cls.open(path, config, create=True, requested=_explicit(config))

    @staticmethod
    def _read_meta(conn: sqlite3.Connection, p: Path) -> dict[str, str] | None:
        """The index's metadata; None for an SQLite file without tables (being created)."""
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not tables:
            return None  # another process has just created the file, or an empty database
        if "meta" not in tables:
            raise InputError(f"{p}: not a decloak index (an SQLite database of something else)")
        if not tables >= _TABLES:
            missing = ", ".join(sorted(_TABLES - tables))
            raise InputError(f"{p}: damaged index (missing tables: {missing})")
        meta = dict(conn.execute("SELECT name, value FROM meta").fetchall())
        if meta.get("format") != FORMAT:
            raise InputError(f"{p}: not a decloak index (format {meta.get('format')!r})")
        if int(meta.get("format_version", "0")) > FORMAT_VERSION:
            raise InputError(
                f"{p}: index format {meta['format_version']} is newer than this decloak "
                f"understands ({FORMAT_VERSION}); upgrade decloak"
            )
        return meta

    @staticmethod
    def _initialise(conn: sqlite3.Connection, config: FingerprintConfig) -> dict[str, str]:
        """Create the schema; safe when two processes create the same index at once."""
        for attempt in range(50):
            try:
                # before the first table: 16 KB pages make the band and anchor
                # B-trees shallower; 100,000 documents index 6% faster than with
                # 4 KB pages (fewer pages split and rewritten per batch)
                conn.execute(f"PRAGMA page_size={PAGE_SIZE}")
                conn.execute("PRAGMA journal_mode=WAL")
                break
            except sqlite3.OperationalError:
                if attempt == 49:
                    raise
                time.sleep(0.1)
        conn.execute("BEGIN IMMEDIATE")
        try:
            for stmt in _SCHEMA.split(";"):
                if stmt.strip():
                    conn.execute(stmt)
            now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
            rows = {
                "format": FORMAT,
                "format_version": str(FORMAT_VERSION),
                "settings": json.dumps(config.to_dict(), sort_keys=True),
                "created": now,
                "created_by": f"decloak {__version__}",
                "rensa": _rensa_version(),
                "sqlite": sqlite3.sqlite_version,
            }
            conn.executemany("INSERT OR IGNORE INTO meta(name, value) VALUES(?, ?)", rows.items())
            conn.execute("COMMIT")
        except BaseException:
            # a failed COMMIT (disk full) has rolled back already: keep its error
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            raise
        meta = dict(conn.execute("SELECT name, value FROM meta").fetchall())
        return meta

    @staticmethod
    def _settings(meta: dict[str, str], p: Path) -> FingerprintConfig:
        try:
            return FingerprintConfig.from_dict(json.loads(meta["settings"]))
        except (KeyError, ValueError, TypeError, DecloakError) as e:
            raise InputError(f"{p}: damaged index settings ({e})") from None

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> ProvenanceIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def _guard(self) -> Iterator[None]:
        """Turn SQLite failures in the middle of work into one-line errors naming the file."""
        try:
            yield
        except sqlite3.OperationalError as e:
            raise DecloakError(f"{self.path}: {e}") from None
        except sqlite3.DatabaseError as e:
            raise InputError(f"{self.path}: damaged index ({e})") from None

    # -- adding ---------------------------------------------------------------------------

    def add(
        self,
        records: Iterable[tuple[str, str]],
        *,
        batch_size: int = 4096,
        workers: int | None = 1,
        progress: Callable[[int], None] | None = None,
        engine: str = "local",
        scheduler: str | None = None,
    ) -> AddSummary:
        """Add ``(id, text)`` documents, idempotent by id; one transaction per ``batch_size``.

        Documents are fingerprinted outside the transaction, 256 at a time (after
        skipping ids whose text is already indexed), on ``workers`` processes when
        more than one, or on a Dask cluster with ``engine="dask"`` (a private
        ``LocalCluster`` of ``workers`` processes, or the one at ``scheduler``;
        see :func:`decloak.corpus.engine.run_tasks`); this process alone writes,
        ``batch_size`` documents at a time with their band and anchor rows sorted
        by key.  Large sorted batches matter: inserting random
        keys into big B-trees touches one page per row, so 256-document
        transactions index a 100,000-document corpus five times slower than
        4096-document ones (measured; see ``benchmarks/``).  A concurrent writer
        waits for at most one batch; a crash loses at most one batch.  Documents
        are written in input order whatever the number of workers.
        """
        t0 = time.perf_counter()
        counts = {"added": 0, "updated": 0, "unchanged": 0, "empty": 0}
        pending: list[_Prepared] = []
        settings = self.config.to_dict()
        written = 0
        fingerprinter = _Fingerprinter(workers, engine, scheduler)
        with self._guard():
            self.merge()  # rows a crashed writer left behind
            for chunk, prepared in fingerprinter.map(
                settings, self._unknown(records, min(256, batch_size), counts)
            ):
                pending.extend(prepared)
                if progress:
                    progress(chunk)
                if len(pending) >= batch_size:
                    self._write(pending, counts)
                    written += len(pending)
                    pending = []
                    if written >= MERGE_EVERY:
                        self.merge()
                        written = 0
            if pending:
                self._write(pending, counts)
            self.merge()
        return AddSummary(seconds=time.perf_counter() - t0, **counts)

    def merge(self) -> None:
        """Move the new band and anchor rows into the main tables, in key order, atomically."""
        conn = self.conn
        if not any(
            conn.execute(f"SELECT 1 FROM {t}_new LIMIT 1").fetchone() for t in ("bands", "anchors")
        ):
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            # a WITHOUT ROWID table is scanned in key order: one sorted pass each
            conn.execute("INSERT OR IGNORE INTO bands SELECT bucket, doc FROM bands_new")
            conn.execute("DELETE FROM bands_new")
            conn.execute("INSERT OR IGNORE INTO anchors SELECT anchor, doc FROM anchors_new")
            conn.execute("DELETE FROM anchors_new")
            conn.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            raise

    def _existing(self, ids: Sequence[str]) -> dict[str, bytes]:
        out: dict[str, bytes] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            out.update(
                self.conn.execute(
                    f"SELECT id, text_hash FROM docs WHERE id IN ({marks})", chunk
                ).fetchall()
            )
        return out

    def _unknown(
        self, records: Iterable[tuple[str, str]], size: int, counts: dict[str, int]
    ) -> Iterator[tuple[int, list[tuple[str, str, bytes]]]]:
        """Chunks of records (size, those not indexed with this text) with their text hashes."""
        it = iter(records)
        while chunk := list(islice(it, size)):
            known = self._existing(list({i for i, _ in chunk}))
            todo = []
            for ident, text in chunk:
                th = _digest(text)
                if known.get(ident) == th:
                    counts["unchanged"] += 1
                else:
                    todo.append((ident, text, th))
            yield len(chunk), todo

    def _write(self, prepared: list[_Prepared], counts: dict[str, int]) -> None:
        """One transaction: document rows, then all band and anchor rows in key order.

        The common case (every id new) is one ``executemany`` with the row numbers
        SQLite itself would give (one past the largest); when any id turns out to
        be known already (another writer, the same id twice in a batch), the
        transaction is rolled back and written row by row.
        """
        if not self._write_new(prepared, counts):
            self._write_each(prepared, counts)

    def _write_new(self, prepared: list[_Prepared], counts: dict[str, int]) -> bool:
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            (top,) = conn.execute("SELECT COALESCE(MAX(doc), 0) FROM docs").fetchone()
            before = conn.total_changes
            conn.executemany(
                "INSERT INTO docs(doc, text_hash, key_hash, shingles, chars, shingle_ids, sig, id) "
                "VALUES(?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING",
                [(top + k, *p.row) for k, p in enumerate(prepared, 1)],
            )
            if conn.total_changes - before != len(prepared):
                conn.execute("ROLLBACK")
                return False
            # rows made by zip/repeat, in C: a comprehension costs a Python step per row
            band_rows = list(
                chain.from_iterable(
                    zip(p.buckets, repeat(top + k)) for k, p in enumerate(prepared, 1)
                )
            )
            anchor_rows = list(
                chain.from_iterable(
                    zip(p.anchors, repeat(top + k)) for k, p in enumerate(prepared, 1)
                )
            )
            self._stage_rows(band_rows, anchor_rows)
            conn.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            raise
        counts["added"] += len(prepared)
        counts["empty"] += sum(1 for p in prepared if not p.buckets)
        return True

    def _stage_rows(
        self, band_rows: list[tuple[int, int]], anchor_rows: list[tuple[int, int]]
    ) -> None:
        """Band and anchor rows into the staging tables, sorted by key (see :meth:`add`)."""
        band_rows.sort(key=_first)  # int keys: ten times faster than tuple order
        anchor_rows.sort(key=_first)
        self.conn.executemany(
            "INSERT OR IGNORE INTO bands_new(bucket, doc) VALUES(?, ?)", band_rows
        )
        self.conn.executemany(
            "INSERT OR IGNORE INTO anchors_new(anchor, doc) VALUES(?, ?)", anchor_rows
        )

    def _write_each(self, prepared: list[_Prepared], counts: dict[str, int]) -> None:
        conn = self.conn
        band_rows: list[tuple[int, int]] = []
        anchor_rows: list[tuple[int, int]] = []
        conn.execute("BEGIN IMMEDIATE")
        try:
            for p in prepared:
                # the common case in one statement; a conflict means the id is known
                cur = conn.execute(
                    "INSERT INTO docs(text_hash, key_hash, shingles, chars, shingle_ids, sig, id) "
                    "VALUES(?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING",
                    p.row,
                )
                if cur.rowcount == 1:
                    doc = int(cur.lastrowid or 0)
                    counts["added"] += 1
                else:
                    doc, old = conn.execute(
                        "SELECT doc, text_hash FROM docs WHERE id = ?", (p.row[-1],)
                    ).fetchone()
                    if old == p.row[0]:
                        counts["unchanged"] += 1  # another process (or record) added it
                        continue
                    self._unlink(doc)
                    # the same id earlier in this batch: its rows are not written yet
                    band_rows = [r for r in band_rows if r[1] != doc]
                    anchor_rows = [r for r in anchor_rows if r[1] != doc]
                    conn.execute(
                        "UPDATE docs SET text_hash=?, key_hash=?, shingles=?, chars=?, "
                        "shingle_ids=?, sig=? WHERE doc=?",
                        (*p.row[:-1], doc),
                    )
                    counts["updated"] += 1
                if not p.buckets:
                    counts["empty"] += 1
                    continue
                band_rows.extend(zip(p.buckets, repeat(doc)))
                anchor_rows.extend(zip(p.anchors, repeat(doc)))
            self._stage_rows(band_rows, anchor_rows)
            conn.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            raise

    def _unlink(self, doc: int) -> None:
        """Remove a document's band and anchor rows, recomputed from what is stored."""
        stored = self.load([doc])
        if not stored:
            return
        d = stored[0]
        bands = [(b, doc) for b in band_buckets(d.signature, self.config)] if d.signature else []
        anchors = [(a, doc) for a in anchors_of(d.hashes, self.config)]
        for table in ("bands", "bands_new"):
            self.conn.executemany(f"DELETE FROM {table} WHERE bucket = ? AND doc = ?", bands)
        for table in ("anchors", "anchors_new"):
            self.conn.executemany(f"DELETE FROM {table} WHERE anchor = ? AND doc = ?", anchors)

    # -- reading --------------------------------------------------------------------------

    def load(self, docs: Sequence[int]) -> list[StoredDoc]:
        """Documents by internal number, with their shingle-id sets (for verification)."""
        rows: list[tuple[int, str, bytes, bytes]] = []
        for i in range(0, len(docs), 500):
            chunk = list(docs[i : i + 500])
            marks = ",".join("?" * len(chunk))
            rows.extend(
                self.conn.execute(
                    f"SELECT doc, id, shingle_ids, sig FROM docs WHERE doc IN ({marks})", chunk
                ).fetchall()
            )
        return [
            StoredDoc(doc, ident, unpack_signature(sig), frozenset(unpack_u32(ids)))
            for doc, ident, ids, sig in rows
        ]

    def band_candidates(self, fp: Fingerprint, limit: int) -> dict[int, int]:
        """Documents sharing at least one LSH band with ``fp``: doc -> bands shared."""
        if fp.empty:
            return {}
        marks = ",".join("?" * len(fp.buckets))
        rows = self.conn.execute(
            f"SELECT doc, COUNT(*) AS n FROM ("
            f"SELECT doc FROM bands WHERE bucket IN ({marks}) UNION ALL "
            f"SELECT doc FROM bands_new WHERE bucket IN ({marks})"
            f") GROUP BY doc ORDER BY n DESC, doc LIMIT ?",
            (*fp.buckets, *fp.buckets, limit),
        ).fetchall()
        return dict(rows)

    def anchor_candidates(self, fp: Fingerprint, limit: int, share: float = 0.0) -> dict[int, int]:
        """Documents holding the query's anchors: doc -> anchors shared, most first.

        Only documents holding at least ``share`` of the anchors looked up (and at
        least one) are returned, at most ``limit`` of them.  An anchor held by more
        than :data:`MAX_POSTINGS` documents is boilerplate ("all rights reserved"):
        it identifies no source, and counting its postings would cost more than the
        rest of the query, so it is not looked up.  Both steps run inside SQLite;
        only the winning documents come back to Python.
        """
        if not fp.anchors:
            return {}
        probe = (
            "SELECT (SELECT COUNT(*) FROM (SELECT 1 FROM anchors WHERE anchor = ?1 LIMIT ?2))"
            " + (SELECT COUNT(*) FROM (SELECT 1 FROM anchors_new WHERE anchor = ?1 LIMIT ?2))"
        )
        used = [
            a
            for a in fp.anchors
            if self.conn.execute(probe, (a, MAX_POSTINGS + 1)).fetchone()[0] <= MAX_POSTINGS
        ]
        if not used:
            return {}
        least = max(1, math.ceil(share * len(used)))
        out: dict[int, int] = {}
        for i in range(0, len(used), 900):
            chunk = used[i : i + 900]
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(
                f"SELECT doc, COUNT(*) AS n FROM ("
                f"SELECT doc FROM anchors WHERE anchor IN ({marks}) UNION ALL "
                f"SELECT doc FROM anchors_new WHERE anchor IN ({marks})"
                f") GROUP BY doc HAVING n >= ? ORDER BY n DESC, doc LIMIT ?",
                (*chunk, *chunk, least if len(used) <= 900 else 1, limit),
            ).fetchall()
            for doc, n in rows:
                out[doc] = out.get(doc, 0) + n
        best = sorted(out.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
        return dict(best)

    def __len__(self) -> int:
        with self._guard():
            return int(self.conn.execute("SELECT COUNT(*) FROM docs").fetchone()[0])

    def stats(self) -> IndexStats:
        with self._guard():
            q = self.conn.execute
            docs = int(q("SELECT COUNT(*) FROM docs").fetchone()[0])
            distinct = int(q("SELECT COUNT(DISTINCT key_hash) FROM docs").fetchone()[0])
            empty = int(q("SELECT COUNT(*) FROM docs WHERE shingles = 0").fetchone()[0])
            bands = sum(int(q(f"SELECT COUNT(*) FROM {t}").fetchone()[0]) for t in _BANDS)
            anchors = sum(int(q(f"SELECT COUNT(*) FROM {t}").fetchone()[0]) for t in _ANCHORS)
            meta = dict(q("SELECT name, value FROM meta").fetchall())
        size = sum(
            f.stat().st_size
            for f in (self.path, Path(f"{self.path}-wal"), Path(f"{self.path}-shm"))
            if f.exists()
        )
        return IndexStats(
            str(self.path), docs, distinct, empty, bands, anchors, size, self.config, meta
        )


_first = itemgetter(0)


def prepare(settings: dict[str, int | str], todo: list[tuple[str, str, bytes]]) -> list[_Prepared]:
    """Fingerprint documents and keep only what is stored (module level: runs in workers)."""
    config = FingerprintConfig.from_dict(settings)
    out: list[_Prepared] = []
    for ident, text, th in todo:
        fp = fingerprint(text, config)
        row = (th, _digest(fp.key), len(fp.ids), len(text), fp.packed_ids(), fp.packed, ident)
        out.append(_Prepared(row, fp.buckets, fp.anchors))
    return out


@dataclass(frozen=True, slots=True)
class FingerprintChunk:
    """Documents to fingerprint on a worker: one task of the engines (picklable)."""

    settings: dict[str, int | str]
    todo: list[tuple[str, str, bytes]]
    seen: int
    """Input documents this chunk stands for (``todo`` leaves out unchanged ones)."""

    def __str__(self) -> str:  # how a failed task is named
        ids = [ident for ident, _, _ in self.todo]
        return f"documents {ids[0]} to {ids[-1]}" if ids else "documents"


def prepare_chunk(chunk: FingerprintChunk) -> list[_Prepared]:
    """:func:`prepare` for one chunk: the function the engines run on their workers."""
    return prepare(chunk.settings, chunk.todo) if chunk.todo else []


class _Fingerprinter:
    """Fingerprints chunks in order: here, on a process pool or on Dask (one writer: the caller)."""

    def __init__(self, workers: int | None, engine: str = "local", scheduler: str | None = None):
        self.workers = workers
        self.engine = engine
        self.scheduler = scheduler

    def map(
        self,
        settings: dict[str, int | str],
        chunks: Iterator[tuple[int, list[tuple[str, str, bytes]]]],
    ) -> Iterator[tuple[int, list[_Prepared]]]:
        if self.engine == "local" and (self.workers or 1) == 1:
            for n, todo in chunks:
                yield n, prepare(settings, todo) if todo else []
            return
        from ..corpus.engine import run_tasks, warm_imports

        warm_imports(__name__)
        tasks = (FingerprintChunk(settings, todo, n) for n, todo in chunks)
        for chunk, prepared in run_tasks(
            prepare_chunk,
            tasks,
            engine=self.engine,
            workers=self.workers,
            scheduler=self.scheduler,
            ordered=True,  # documents are written in input order
        ):
            yield chunk.seen, prepared


def _rensa_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("rensa")
    except PackageNotFoundError:  # pragma: no cover
        return "unknown"


def _environment() -> dict[str, int | str]:
    """The algorithm versions of this installation (key, Unicode data, MinHash)."""
    fresh = FingerprintConfig()
    return {"key": fresh.key, "unicode": fresh.unicode, "minhash": fresh.minhash}


def _explicit(config: FingerprintConfig | None) -> tuple[str, ...]:
    if config is None:
        return ()
    default = FingerprintConfig()
    return tuple(config.differences(default))
