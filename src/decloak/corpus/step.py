"""Pipeline steps: what a run does to each shard, and which statistics it keeps.

In the manner of datatrove's ``PipelineStep``: a step is a small value that
knows how to process one shard and how to add up what it counted; the runner
(:func:`decloak.corpus.runner.run_step`) does everything else the same way for
every step: finding shards, naming outputs, skipping finished shards on
``--resume``, scheduling on a process pool or Dask, progress, ``stats.json``.
Two steps exist: :class:`CleanStep` (``decloak corpus``) and
``decloak.provenance.batch.MatchStep`` (``decloak match -o``).

A step travels to the workers inside every task, so it is a frozen, picklable
dataclass of plain settings; its :meth:`~ShardStep.process` must depend on
nothing else, which is what makes the engines' outputs byte-identical.  The
per-shard work itself runs inside :func:`decloak.corpus.shard.run_shard_work`,
which owns the done-marker, the rejects and the atomic commit.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from ..campaigns import MAX_SIGNATURES, SignatureCounter
from ..config import Config
from .formats import OutputFormat, output_name, shard_kind
from .shard import ShardOptions, ShardStats, process_shard


class ShardStep(ABC):
    """One pipeline step applied to every shard of a run."""

    name: ClassVar[str]
    """What the run does, recorded in ``run.json`` for any step but cleaning."""
    label: ClassVar[str]
    """The command, as progress lines and errors name it (``decloak corpus``)."""
    noun: ClassVar[str] = "docs"
    """What the records are (``docs``, ``queries``): progress lines, ``<noun>_per_second``."""

    options: ShardOptions
    """Record fields and the output folder (``options.outdir``), shared by every shard."""

    @abstractmethod
    def settings(self) -> dict[str, Any]:
        """What the outputs depend on: written to ``run.json``; a resume must match it."""

    @abstractmethod
    def output_name(self, rel: str) -> str:
        """The output name of input shard ``rel`` (relative to the output folder)."""

    @abstractmethod
    def process(self, src: str, dst: str) -> ShardStats:
        """Do the step on shard ``src``, writing ``dst``: the unit every engine schedules."""

    @abstractmethod
    def totals(self, shards: Sequence[ShardStats]) -> dict[str, Any]:
        """The run's totals for ``stats.json``, from the finished shards."""

    def shard_dict(self, stats: ShardStats) -> dict[str, Any]:
        """One shard's entry in ``stats.json``."""
        return stats.to_dict()

    def progress_detail(self, counts: Mapping[str, int]) -> str:
        """The parenthesis of a progress line, from the totals so far (``ShardStats``
        field names and :attr:`ShardStats.counts` keys)."""
        return f"{counts.get('rejected', 0):,} rejected"

    def modules(self) -> tuple[str, ...]:
        """Modules every worker needs, imported once by the local engine's fork server."""
        return ()


def reader_modules(src: str, dst: str) -> set[str]:
    """The optional libraries reading ``src`` and writing ``dst`` need."""
    mods: set[str] = set()
    kind, comp = shard_kind(src)
    out_kind, _ = shard_kind(dst)
    if "parquet" in (kind, out_kind):
        # pyarrow imports pandas (when installed) on its first pa.array() call
        mods.update(("pyarrow.parquet", "pandas"))
    if kind == "warc":
        mods.add("warcio.archiveiterator")
    if comp == "zstd":
        mods.add("zstandard")
    return mods


def sum_field(shards: Sequence[ShardStats], name: str) -> int:
    return sum(int(getattr(s, name)) for s in shards)


def sum_counts(shards: Sequence[ShardStats]) -> Counter[str]:
    c: Counter[str] = Counter()
    for s in shards:
        c.update(dict(s.counts))
    return c


@dataclass(frozen=True, slots=True)
class CleanStep(ShardStep):
    """``decloak corpus``: clean (annotate, drop) every document of a shard."""

    name: ClassVar[str] = "clean"
    label: ClassVar[str] = "decloak corpus"

    config: Config
    options: ShardOptions
    fmt: OutputFormat | None = None

    def settings(self) -> dict[str, Any]:
        from .. import __version__

        return {
            "mode": self.options.mode,
            "format": self.fmt or "same as input",
            "text_key": self.options.text_key,
            "id_key": self.options.id_key,
            "keep_original": self.options.keep_original,
            "config": self.config.to_dict(),
            "decloak": __version__,
        }

    def output_name(self, rel: str) -> str:
        return output_name(rel, self.fmt)

    def process(self, src: str, dst: str) -> ShardStats:
        return process_shard(src, dst, self.config, self.options)

    def totals(self, shards: Sequence[ShardStats]) -> dict[str, Any]:
        findings: Counter[str] = Counter()
        for s in shards:
            findings.update(dict(s.findings))
        return {
            "documents": sum_field(shards, "documents"),
            "written": sum_field(shards, "written"),
            "changed": sum_field(shards, "changed"),
            "suspicious": sum_field(shards, "suspicious"),
            "dropped": sum_field(shards, "dropped"),
            "rejected": sum_field(shards, "rejected"),
            "skipped_records": sum_field(shards, "skipped"),
            "bytes": sum_field(shards, "bytes"),
            "input_bytes": sum_field(shards, "input_bytes"),
            "findings": dict(sorted(findings.items())),
            **SignatureCounter.merge((s.signatures, s.signatures_other) for s in shards).to_dict(),
            "signatures_cap": MAX_SIGNATURES,
        }

    def progress_detail(self, counts: Mapping[str, int]) -> str:
        return (
            f"{counts.get('changed', 0):,} changed, {counts.get('dropped', 0):,} dropped, "
            f"{counts.get('rejected', 0):,} rejected"
        )
