"""Near-duplicate clusters over corpus shards: map (fingerprints), reduce (bands + union-find).

The classic MinHash-dedup pipeline (datatrove, text-dedup), with two changes:
documents are compared by their *comparison key*, so a copy disguised with
look-alike letters or invisible characters is a duplicate of its source; and
every candidate pair from the LSH bands is **verified by exact Jaccard
similarity** of the keys' shingle sets before it joins a cluster, so a band
collision between unrelated documents never merges them.

Stages (each shard is a task; the engine is a process pool or Dask):

1. **map**: per shard, fingerprint every record and write ``map-NNNNN.parquet``
   (row, id, band buckets, shingle ids) into ``OUTDIR/.decloak-dedup/``.  A
   shard whose map file exists for the same input file and settings is not
   fingerprinted again: a rerun after a crash resumes.  JSONL is read as
   ``decloak corpus`` reads it: a line that holds no document goes to
   ``OUTDIR/rejects/<shard>.jsonl`` with its line number and the reason.
2. **reduce** (in this process): group documents by band bucket, verify the
   pairs, join them with union-find.  A cluster keeps its first document in
   input order (shards in the order given, rows in file order); cluster ids are
   that document's ordinal.  Everything is sorted before use, so the clusters do
   not depend on the engine or on the order in which tasks finish.
3. **write**: per shard, the records with ``dup_cluster_id``, ``dup_of`` and
   ``dup_jaccard`` added (nothing removed), then ``OUTDIR/clusters.parquet``.

Time and memory are linear in the corpus except for the shingle sets held for
verification, which are loaded only for documents that share a bucket with
another one.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..corpus.formats import AtomicFile, LazyJsonl
from ..corpus.runner import InputTypes, Shard, find_inputs
from ..corpus.shard import RejectSink, ShardOptions, jsonl_documents, shard_paths
from ..errors import WRITE_ERRNOS, InputError, OutputError, UsageError
from .minhash import FingerprintConfig, fingerprints, jaccard
from .sources import Record, is_jsonl, is_parquet, read_parquet, record_id

__all__ = ["DedupResult", "MapTask", "UnionFind", "WriteTask", "dedup"]

WORK_DIR = ".decloak-dedup"
BATCH = 512
"""Records fingerprinted per call into rensa."""
MAX_CENTRES = 16
"""Per bucket, a document is compared with at most this many unmatched members."""


SHARDS = InputTypes(
    "shard",
    lambda name: is_jsonl(name) or is_parquet(name),
    "JSONL or Parquet: .jsonl, .jsonl.gz, .ndjson, .ndjson.gz, .parquet",
)
"""What ``dedup`` reads from its inputs (folders are walked as ``decloak corpus`` walks them)."""

REJECTED_META = b"decloak-rejected"
"""Map-file metadata: how many lines of the shard went to rejects/ (kept for a rerun)."""


@dataclass(frozen=True, slots=True)
class DedupResult:
    documents: int
    clusters: int
    duplicates: int
    seconds: float
    outdir: str
    shards: int = 0
    rejected: int = 0
    """Lines of JSONL shards that hold no document, written to ``OUTDIR/rejects/``."""


@dataclass(frozen=True, slots=True)
class MapTask:
    """Fingerprint one shard into ``out``."""

    shard: int
    path: str
    out: str
    settings: str  # JSON of the config and record keys: part of the resume check
    id_key: str
    text_key: str
    rejects: str | None = None
    """Where lines that hold no document go; None: such a line is an error."""
    label: str = ""
    """The shard's name in rejects (relative to its input root, as in corpus)."""

    def __str__(self) -> str:  # how the task runner names a failed task
        return self.path


@dataclass(frozen=True, slots=True)
class WriteTask:
    """Write one shard with its duplicate annotations (read from ``annotations``)."""

    shard: int
    path: str
    out: str
    annotations: str
    id_key: str
    text_key: str

    def __str__(self) -> str:
        return self.path


class UnionFind:
    """Disjoint sets over 0..n-1; the root of a set is always its smallest member."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        parent = self.parent
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:  # path compression
            parent[x], x = root, parent[x]
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            lo, hi = (ra, rb) if ra < rb else (rb, ra)
            self.parent[hi] = lo


# --- the stages ------------------------------------------------------------------------


def _source_stamp(path: str) -> dict[str, Any]:
    st = os.stat(path)
    return {"path": os.path.abspath(path), "size": st.st_size, "mtime_ns": st.st_mtime_ns}


def map_shard(task: MapTask) -> int:
    """Stage 1 for one shard: fingerprints to a Parquet file; returns the record count."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    config = FingerprintConfig.from_dict(json.loads(task.settings)["config"])
    rows: list[int] = []
    ids: list[str] = []
    buckets: list[list[int]] = []
    hashes: list[list[int]] = []

    def flush(batch: list[tuple[int, str, str]]) -> None:
        fps = fingerprints([t for _, _, t in batch], config)
        for (row, ident, _), fp in zip(batch, fps, strict=True):
            rows.append(row)
            ids.append(ident)
            buckets.append(list(fp.buckets))
            hashes.append(list(fp.ids))

    rejects = LazyJsonl(Path(task.rejects)) if task.rejects else None

    def reject(line: int, error: str, raw: str) -> None:
        if rejects is None:
            raise InputError(f"{task.path}:{line}: {error}")
        rejects.write({"shard": task.label, "line": line, "error": error, "raw": raw})

    try:
        batch: list[tuple[int, str, str]] = []
        for rec in shard_records(task.path, task.id_key, task.text_key, reject):
            batch.append((rec.row, rec.id, rec.text))
            if len(batch) >= BATCH:
                flush(batch)
                batch = []
        if batch:
            flush(batch)
        table = pa.table(
            {
                "row": pa.array(rows, pa.int64()),
                "id": pa.array(ids, pa.string()),
                "buckets": pa.array(buckets, pa.list_(pa.int64())),
                "hashes": pa.array(hashes, pa.list_(pa.uint32())),
            }
        )
        rejected = rejects.count if rejects is not None else 0
        table = table.replace_schema_metadata(
            {"decloak": task.settings, REJECTED_META: str(rejected)}
        )
        if rejects is not None:
            rejects.commit()  # before the map file, whose presence means "shard done"
        with AtomicFile(Path(task.out)) as f:
            pq.write_table(table, f.fh)
    except BaseException:
        if rejects is not None:
            rejects.discard()
        raise
    return len(rows)


def shard_records(path: str, id_key: str, text_key: str, reject: RejectSink) -> Iterator[Record]:
    """The documents of a dedup shard; JSONL lines without one go to ``reject``."""
    if is_parquet(path):
        yield from read_parquet(path, id_key, text_key)
        return
    for n, obj, text in jsonl_documents(path, text_key, reject):
        yield Record(record_id(obj, id_key, path, n), text, n - 1)


def _no_rejects(line: int, error: str, raw: str) -> None:
    """The write stage reads shards again: their rejects were written by the map stage."""


def _rejected(task: MapTask) -> int:
    import pyarrow.parquet as pq

    meta = pq.read_schema(task.out).metadata or {}
    return int(meta.get(REJECTED_META, b"0"))


def _map_is_current(task: MapTask) -> bool:
    if not os.path.exists(task.out):
        return False
    import pyarrow.parquet as pq

    try:
        meta = pq.read_schema(task.out).metadata or {}
    except (OSError, ValueError):
        return False
    return bool(meta.get(b"decloak", b"").decode() == task.settings)


def write_shard(task: WriteTask) -> int:
    """Stage 3 for one shard: the records plus dup_cluster_id, dup_of, dup_jaccard."""
    import pyarrow.parquet as pq

    ann = pq.ParquetFile(task.annotations).read()
    cluster = ann.column("dup_cluster_id").to_pylist()
    dup_of = ann.column("dup_of").to_pylist()
    dup_j = ann.column("dup_jaccard").to_pylist()
    with AtomicFile(Path(task.out)) as f:
        if is_parquet(task.path):
            table = pq.ParquetFile(task.path).read()
            for name in ("dup_cluster_id", "dup_of", "dup_jaccard"):
                if name in table.column_names:
                    table = table.drop_columns([name])
            table = table.append_column("dup_cluster_id", ann.column("dup_cluster_id"))
            table = table.append_column("dup_of", ann.column("dup_of"))
            table = table.append_column("dup_jaccard", ann.column("dup_jaccard"))
            pq.write_table(table, f.fh)
            n = int(table.num_rows)
        else:
            n = 0
            docs = jsonl_documents(task.path, task.text_key, _no_rejects)
            for k, (_line, rec, _text) in enumerate(docs):
                rec["dup_cluster_id"] = cluster[k]
                rec["dup_of"] = dup_of[k]
                rec["dup_jaccard"] = dup_j[k]
                f.fh.write((json.dumps(rec, ensure_ascii=False) + "\n").encode("utf-8"))
                n += 1
        if n != len(cluster):
            raise InputError(
                f"{task.path}: changed while deduplicating ({n} records, {len(cluster)})"
            )
    return n


# --- the driver --------------------------------------------------------------------------


def _run(
    func: Callable[[Any], int],
    tasks: Sequence[Any],
    engine: str,
    workers: int | None,
    scheduler: str | None,
) -> None:
    """Run a stage on the corpus task runner (in this process for a single local task)."""
    if not tasks:
        return
    if engine == "local" and (len(tasks) == 1 or workers == 1):
        for t in tasks:  # starting a process pool would cost more than the task
            func(t)
        return
    from ..corpus.engine import run_tasks

    for _ in run_tasks(func, tasks, engine=engine, workers=workers, scheduler=scheduler):
        pass


@contextlib.contextmanager
def _cluster(engine: str, workers: int | None, scheduler: str | None) -> Iterator[str | None]:
    """One Dask LocalCluster for both distributed stages (unless a scheduler is given)."""
    if engine != "dask" or scheduler is not None:
        yield scheduler
        return
    from ..corpus.engine import start_local_cluster

    cluster = start_local_cluster(workers)  # the cluster run_tasks would start, once
    try:
        yield str(cluster.scheduler_address)
    finally:
        cluster.close()


def _output_names(shards: Sequence[Shard]) -> list[str]:
    seen: dict[str, str] = {}
    for s in shards:
        if s.rel in seen:
            raise UsageError(
                f"{seen[s.rel]} and {s.path} would both be written as {s.rel}: rename one"
            )
        seen[s.rel] = s.path
        if s.rel == "clusters.parquet":
            raise UsageError(f"{s.path}: an input named clusters.parquet would be overwritten")
    return [s.rel for s in shards]


def dedup(
    inputs: Sequence[str],
    outdir: str | os.PathLike[str],
    *,
    config: FingerprintConfig | None = None,
    threshold: float = 0.8,
    engine: str = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    id_key: str = "id",
    text_key: str = "text",
) -> DedupResult:
    """Cluster near-duplicates of ``inputs`` and write them to ``outdir``.

    ``inputs`` are JSONL/Parquet shards, folders (walked as ``decloak corpus``
    walks them: recursively, sorted, hidden names and ``outdir`` left out) and
    globs; each output keeps its name relative to its input root.
    """
    t0 = time.perf_counter()
    config = config or FingerprintConfig()
    if scheduler is not None and engine != "dask":
        raise UsageError("a scheduler address needs the dask engine (--engine dask)")
    if engine not in ("local", "dask"):
        raise UsageError(f"unknown engine {engine!r} (choose local or dask)")
    shards = find_inputs(inputs, exclude=outdir, types=SHARDS)
    names = _output_names(shards)
    out = Path(outdir)
    work = out / WORK_DIR
    try:
        work.mkdir(parents=True, exist_ok=True)
        with _cluster(engine, workers, scheduler) as address:
            return _dedup(
                [s.path for s in shards],
                names,
                out,
                work,
                config,
                threshold,
                engine,
                workers,
                address,
                id_key,
                text_key,
                t0,
            )
    except OSError as e:
        if e.errno not in _WRITE_ERRNOS or not _under(e.filename, out):
            raise
        # a full disk, a size limit or a read-only folder: one line, not a traceback
        raise OutputError(f"{out}: cannot write the output: {e.strerror or e}") from None


_WRITE_ERRNOS = WRITE_ERRNOS | {errno.EACCES}
"""Errors that say the output cannot be written (a read-only folder too: the inputs were
checked readable before any work)."""


def _under(filename: object, out: Path) -> bool:
    """Whether an error's file is in the output folder (pyarrow's errors name no file)."""
    if not isinstance(filename, str | os.PathLike):
        return True
    try:
        return Path(filename).resolve().is_relative_to(out.resolve())
    except (OSError, ValueError):
        return True


def _dedup(
    inputs: list[str],
    names: list[str],
    out: Path,
    work: Path,
    config: FingerprintConfig,
    threshold: float,
    engine: str,
    workers: int | None,
    scheduler: str | None,
    id_key: str,
    text_key: str,
    t0: float,
) -> DedupResult:
    import pyarrow as pa
    import pyarrow.parquet as pq

    # 1. map ------------------------------------------------------------------------------
    side = ShardOptions(outdir=str(out))
    sides = [shard_paths(Path(p), out / name, side) for p, name in zip(inputs, names, strict=True)]
    tasks = [
        MapTask(
            i,
            p,
            str(work / f"map-{i:05d}.parquet"),
            json.dumps(
                {
                    "config": config.to_dict(),
                    "id_key": id_key,
                    "text_key": text_key,
                    "source": _source_stamp(p),
                },
                sort_keys=True,
            ),
            id_key,
            text_key,
            str(sides[i].rejects),
            sides[i].shard,
        )
        for i, p in enumerate(inputs)
    ]
    _run(map_shard, [t for t in tasks if not _map_is_current(t)], engine, workers, scheduler)

    # 2. reduce ---------------------------------------------------------------------------
    maps = [pq.ParquetFile(t.out).read(columns=["row", "id", "buckets"]) for t in tasks]
    sizes = [m.num_rows for m in maps]
    offsets = [0]
    for n in sizes:
        offsets.append(offsets[-1] + n)
    total = offsets[-1]
    ids: list[str] = []
    for m in maps:
        ids.extend(m.column("id").to_pylist())
    groups = _bucket_groups(maps, offsets)
    needed = sorted({d for g in groups for d in g})
    sets = _load_sets(tasks, offsets, needed)
    uf = UnionFind(total)
    for group in groups:
        centres: list[int] = []
        for d in group:
            if any(uf.find(c) == uf.find(d) for c in centres):
                continue
            for c in centres:
                if jaccard(sets[c], sets[d]) >= threshold:
                    uf.union(c, d)
                    break
            else:
                if len(centres) < MAX_CENTRES:
                    centres.append(d)
    roots = [uf.find(d) for d in range(total)]
    sizes_by_root: dict[int, int] = {}
    for r in roots:
        sizes_by_root[r] = sizes_by_root.get(r, 0) + 1
    dup_of: list[str | None] = []
    dup_j: list[float | None] = []
    for d, r in enumerate(roots):
        if r == d:
            dup_of.append(None)
            dup_j.append(None)
        else:
            dup_of.append(ids[r])
            dup_j.append(round(jaccard(sets[d], sets[r]), 6))
    clusters = sum(1 for n in sizes_by_root.values() if n > 1)
    duplicates = sum(1 for d, r in enumerate(roots) if r != d)

    # 3. write ----------------------------------------------------------------------------
    writes = []
    for t, name in zip(tasks, names, strict=True):
        lo, hi = offsets[t.shard], offsets[t.shard + 1]
        ann = work / f"ann-{t.shard:05d}.parquet"
        with AtomicFile(ann) as f:
            pq.write_table(
                pa.table(
                    {
                        "dup_cluster_id": pa.array(roots[lo:hi], pa.int64()),
                        "dup_of": pa.array(dup_of[lo:hi], pa.string()),
                        "dup_jaccard": pa.array(dup_j[lo:hi], pa.float64()),
                    }
                ),
                f.fh,
            )
        writes.append(WriteTask(t.shard, t.path, str(out / name), str(ann), id_key, text_key))
    _run(write_shard, writes, engine, workers, scheduler)
    shard_col: list[str] = []
    row_col: list[int] = []
    for t, m in zip(tasks, maps, strict=True):
        shard_col.extend([t.path] * m.num_rows)
        row_col.extend(m.column("row").to_pylist())
    table = pa.table(
        {
            "id": pa.array(ids, pa.string()),
            "shard": pa.array(shard_col, pa.string()),
            "row": pa.array(row_col, pa.int64()),
            "dup_cluster_id": pa.array(roots, pa.int64()),
            "kept": pa.array([r == d for d, r in enumerate(roots)], pa.bool_()),
            "dup_of": pa.array(dup_of, pa.string()),
            "dup_jaccard": pa.array(dup_j, pa.float64()),
        }
    )
    with AtomicFile(out / "clusters.parquet") as f:
        pq.write_table(table, f.fh)
    rejected = sum(_rejected(t) for t in tasks)
    return DedupResult(
        total, clusters, duplicates, time.perf_counter() - t0, str(out), len(tasks), rejected
    )


def _bucket_groups(maps: Sequence[Any], offsets: Sequence[int]) -> list[list[int]]:
    """Documents sharing a band bucket, each group sorted, groups sorted by first member."""
    import pyarrow as pa
    import pyarrow.compute as pc

    parts = []
    for m, base in zip(maps, offsets, strict=False):
        col = m.column("buckets").combine_chunks()
        flat = pc.list_flatten(col)
        parents = pc.add(pc.list_parent_indices(col), pa.scalar(base, pa.int64()))
        parts.append(pa.table({"bucket": flat, "doc": parents.cast(pa.int64())}))
    if not parts:
        return []
    table = pa.concat_tables(parts)
    grouped = table.group_by("bucket").aggregate([("doc", "count"), ("doc", "list")])
    grouped = grouped.filter(pc.greater(grouped.column("doc_count"), 1))
    groups = [sorted(set(g)) for g in grouped.column("doc_list").to_pylist()]
    groups = [g for g in groups if len(g) > 1]
    groups.sort()
    return groups


def _load_sets(
    tasks: Sequence[MapTask], offsets: Sequence[int], needed: Sequence[int]
) -> dict[int, frozenset[int]]:
    """Shingle-hash sets of the documents that share a bucket, read shard by shard."""
    import pyarrow.parquet as pq

    out: dict[int, frozenset[int]] = {}
    k = 0
    for t in tasks:
        lo, hi = offsets[t.shard], offsets[t.shard + 1]
        local = []
        while k < len(needed) and needed[k] < hi:
            local.append(needed[k] - lo)
            k += 1
        if not local:
            continue
        table = pq.ParquetFile(t.out).read(columns=["hashes"])
        col = table.column("hashes").take(local).to_pylist()
        for i, hs in zip(local, col, strict=True):
            out[lo + i] = frozenset(hs)
    return out
