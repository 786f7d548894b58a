"""Corpus mode: clean sharded corpora (JSONL, Parquet, WARC/WET) at scale.

* :func:`process_shard` - the pure unit of work: one input shard to one output shard;
* :func:`run_corpus` - a whole run with resume, progress and ``stats.json``
  (what ``decloak corpus`` calls); :func:`run_step` - the same run for any
  pipeline step (:class:`ShardStep`: :class:`CleanStep`, or ``decloak match``'s);
* :func:`run_tasks` - the scheduling primitive (process pool or Dask), shared
  with other corpus tools;
* :mod:`decloak.corpus.hf` and :mod:`decloak.corpus.datatrove` - steps for
  ``datasets.Dataset.map`` and datatrove pipelines.

Importing this package imports no optional dependency; pyarrow, warcio,
zstandard and dask are loaded only by the code paths that need them.
"""

from __future__ import annotations

from .engine import TaskError, run_tasks
from .runner import (
    CorpusResult,
    Progress,
    Shard,
    ShardTask,
    discover,
    run_corpus,
    run_shard,
    run_step,
)
from .shard import (
    ALL_KINDS,
    COLUMNS,
    MODES,
    Annotation,
    ShardOptions,
    ShardStats,
    annotate,
    process_shard,
)
from .step import CleanStep, ShardStep

__all__ = [
    "ALL_KINDS",
    "COLUMNS",
    "MODES",
    "Annotation",
    "CleanStep",
    "CorpusResult",
    "Progress",
    "Shard",
    "ShardOptions",
    "ShardStats",
    "ShardStep",
    "ShardTask",
    "TaskError",
    "annotate",
    "discover",
    "process_shard",
    "run_corpus",
    "run_shard",
    "run_step",
    "run_tasks",
]
