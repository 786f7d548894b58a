"""``decloak match -o``: match shards of queries on a process pool or Dask.

A publisher checking a crawl against its archive has millions of queries in
shards.  This is ``decloak corpus``'s run with another pipeline step: the same
shard formats (JSONL, Parquet, WARC/WET), the same output folder layout (one
output shard per input shard, ``rejects/``, ``stats.json``), the same
``--resume`` after a crash and the same engines (:func:`run_step`).  Only the
work on one shard differs (:class:`MatchStep`): each query is matched against
the index and its result written as one JSON line, in input order, the object
``decloak match --json`` prints.

Each worker opens the index read-only (SQLite ``mode=ro``): any number of
workers, on any engine, can read it while nothing can write to it through
them.  A result depends only on the query and the index, so the output bytes
are the same whatever the engine and the number of workers.  Results reflect
the index as it is when each shard runs: add no documents during a run whose
output must be consistent.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from ..corpus.formats import JsonlWriter, output_name
from ..corpus.runner import CorpusResult, Progress, run_step
from ..corpus.shard import ShardContext, ShardOptions, ShardStats, run_shard_work
from ..corpus.step import ShardStep, sum_counts, sum_field
from ..errors import UsageError
from .index import ProvenanceIndex
from .match import match_text

__all__ = ["MatchStep", "run_match"]


def _query_id(obj: Mapping[str, Any], key: str, label: str, n: int) -> str:
    """The record's id field (as text), or ``SHARD:N`` (line, record or row number)."""
    value = obj.get(key)
    if value is None:
        return f"{label}:{n}"
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


@dataclass(frozen=True, slots=True)
class MatchStep(ShardStep):
    """Match every query of a shard against the index at ``index``; one JSON line per query."""

    name: ClassVar[str] = "match"
    label: ClassVar[str] = "decloak match"
    noun: ClassVar[str] = "queries"

    index: str
    """Absolute path of the index: every worker must see the file at this path."""
    options: ShardOptions
    top: int = 5
    threshold: float = 0.5
    explain: bool = False
    fingerprints: tuple[tuple[str, int | str], ...] = ()
    """The index's fingerprint settings (recorded in ``run.json``)."""

    def settings(self) -> dict[str, Any]:
        from .. import __version__

        return {
            "step": self.name,
            "index": self.index,
            "top": self.top,
            "threshold": self.threshold,
            "explain": self.explain,
            "text_key": self.options.text_key,
            "id_key": self.options.id_key,
            "fingerprints": dict(self.fingerprints),
            "decloak": __version__,
        }

    def output_name(self, rel: str) -> str:
        return output_name(rel, "jsonl")

    def process(self, src: str, dst: str) -> ShardStats:
        return run_shard_work(src, dst, self.options, self._match_shard)

    def _match_shard(self, ctx: ShardContext) -> JsonlWriter:
        out = JsonlWriter(ctx.dst, ctx.out_comp)
        tally = ctx.tally
        try:
            with ProvenanceIndex.open(self.index, read_only=True) as index:
                for n, obj, _raw, text in ctx.texts():
                    qid = _query_id(obj, self.options.id_key, ctx.label, n)
                    result = match_text(
                        index,
                        text,
                        query_id=qid,
                        top=self.top,
                        threshold=self.threshold,
                        explain=self.explain,
                    )
                    tally.add_text(text)
                    if result.matches:
                        tally.counts["matched"] += 1
                    out.write(result.to_dict())
                    tally.written += 1
        except BaseException:
            out.discard()
            raise
        return out

    def totals(self, shards: Sequence[ShardStats]) -> dict[str, Any]:
        return {
            "queries": sum_field(shards, "documents"),
            "matched": sum_counts(shards)["matched"],
            "rejected": sum_field(shards, "rejected"),
            "skipped_records": sum_field(shards, "skipped"),
            "bytes": sum_field(shards, "bytes"),
            "input_bytes": sum_field(shards, "input_bytes"),
        }

    def shard_dict(self, stats: ShardStats) -> dict[str, Any]:
        return {
            "shard": stats.shard,
            "output": stats.output,
            "queries": stats.documents,
            "matched": dict(stats.counts).get("matched", 0),
            "rejected": stats.rejected,
            "skipped": stats.skipped,
            "bytes": stats.bytes,
            "input_bytes": stats.input_bytes,
            "seconds": round(stats.seconds, 4),
            "rejects_file": stats.rejects_file,
        }

    def progress_detail(self, counts: Mapping[str, int]) -> str:
        return f"{counts.get('matched', 0):,} matched, {counts.get('rejected', 0):,} rejected"

    def modules(self) -> tuple[str, ...]:
        return (__name__,)


def run_match(
    inputs: Sequence[str],
    outdir: str | os.PathLike[str],
    index: str | os.PathLike[str],
    *,
    top: int = 5,
    threshold: float = 0.5,
    explain: bool = False,
    text_key: str = "text",
    id_key: str = "id",
    engine: str = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    resume: bool = False,
    progress: Progress | None = None,
) -> CorpusResult:
    """Match every query of the shards ``inputs`` against ``index``; outputs in ``outdir``.

    The index is opened here first (read-only), so a missing or foreign index is
    one error before any work starts.  Otherwise as
    :func:`decloak.corpus.run_corpus`: ``outdir/stats.json``, ``rejects/``,
    ``resume`` after an interruption.
    """
    if top < 1:
        raise UsageError("top must be at least 1")
    if not 0.0 <= threshold <= 1.0:
        raise UsageError("threshold must be between 0 and 1")
    path = os.path.abspath(index)
    with ProvenanceIndex.open(path, read_only=True) as idx:
        fingerprints = tuple(idx.config.to_dict().items())
    step = MatchStep(
        index=path,
        options=ShardOptions(text_key=text_key, id_key=id_key, outdir=str(Path(outdir))),
        top=top,
        threshold=threshold,
        explain=explain,
        fingerprints=fingerprints,
    )
    return run_step(
        inputs,
        step,
        engine=engine,
        workers=workers,
        scheduler=scheduler,
        resume=resume,
        progress=progress,
    )
