"""decloak as a datatrove pipeline step: :class:`DecloakFilter`.

datatrove steps are lazy generators over ``Document`` objects (``text``, ``id``,
``metadata``) that keep counters through ``self.stat_update(...)``.  When
datatrove is installed, :class:`DecloakFilter` subclasses its ``PipelineStep``
and drops into any pipeline::

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from decloak.corpus.datatrove import DecloakFilter

    LocalPipelineExecutor(pipeline=[
        JsonlReader("data/"),
        DecloakFilter(mode="drop", exclusion_writer=JsonlWriter("dropped/")),
        JsonlWriter("clean/"),
    ], tasks=4).run()

Without datatrove a small stand-in base class with the same ``stat_update`` /
``track_time`` / ``run`` interface is used, so the step also works on any
objects with ``text`` and ``metadata`` attributes.
"""

from __future__ import annotations

import contextlib
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from ..config import Config, get_config
from ..errors import UsageError
from .shard import MODES, ORIGINAL, annotate

__all__ = ["DecloakFilter"]


class _StandInStep:
    """The part of datatrove's ``PipelineStep`` a step relies on, for use without datatrove."""

    name: str = ""
    type: str = ""

    def __init__(self) -> None:
        self.stats: Counter[str] = Counter()
        self.seconds = 0.0

    def stat_update(self, *labels: str, value: int = 1, unit: str | None = None) -> None:
        for label in labels:
            self.stats[label] += value

    def update_doc_stats(self, document: Any) -> None:
        self.stats["doc_len"] += len(document.text)

    @contextlib.contextmanager
    def track_time(self, unit: str | None = None) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds += time.perf_counter() - start

    def __call__(
        self, data: Iterable[Any] | None = None, rank: int = 0, world_size: int = 1
    ) -> Iterator[Any]:
        return self.run(data, rank, world_size)

    def run(self, data: Iterable[Any] | None, rank: int = 0, world_size: int = 1) -> Iterator[Any]:
        if data:
            yield from data


if TYPE_CHECKING:
    _Base = _StandInStep
else:
    try:
        from datatrove.pipeline.base import PipelineStep as _Base
    except ImportError:
        _Base = _StandInStep

DATATROVE = _Base is not _StandInStep
"""Whether the real datatrove ``PipelineStep`` is the base class."""


class DecloakFilter(_Base):
    """Clean each document's text and record decloak's verdict in its metadata.

    ``mode="fix"`` (default) replaces ``doc.text`` with the cleaned text;
    ``"annotate"`` only adds metadata; ``"drop"`` also removes suspicious
    documents, handing them (text untouched) to ``exclusion_writer`` if given,
    the way datatrove's filters do.  Metadata keys: ``decloak_suspicious``,
    ``decloak_score``, ``decloak_kinds``, ``decloak_counts``, ``decloak_changed``
    (and ``decloak_original`` with ``keep_original``).

    Counters: ``total``, ``forwarded``, ``dropped``, ``changed``, ``suspicious``
    and ``kind/<kind>`` for every finding kind seen.
    """

    name = "🕵 decloak"
    type = "🔻 - FILTER"

    def __init__(
        self,
        mode: str = "fix",
        config: Config | str | None = None,
        exclusion_writer: Any = None,
        keep_original: bool = False,
    ) -> None:
        super().__init__()
        if mode not in MODES:
            raise UsageError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
        self.mode = mode
        self.config = get_config(config)
        self.exclusion_writer = exclusion_writer
        self.keep_original = keep_original

    def run(self, data: Iterable[Any] | None, rank: int = 0, world_size: int = 1) -> Iterator[Any]:
        """Lazily clean ``data``; yield the documents that are kept."""
        if data is None:
            return
        writer_ctx = self.exclusion_writer or contextlib.nullcontext()
        with writer_ctx as writer:
            for doc in data:
                self.stat_update("total")
                with self.track_time():
                    text = doc.text
                    ann = annotate(text, self.config)
                    doc.metadata.update(ann.columns())
                    if self.keep_original:
                        doc.metadata[ORIGINAL] = text
                self.stat_update("changed", value=int(ann.changed))
                self.stat_update("suspicious", value=int(ann.suspicious))
                for kind, n in ann.counts:
                    self.stat_update(f"kind/{kind}", value=n)
                if self.mode == "drop" and ann.suspicious:
                    self.stat_update("dropped")
                    if writer is not None:
                        writer.write(doc, rank)
                    continue
                if self.mode != "annotate":
                    doc.text = ann.text
                self.stat_update("forwarded")
                self.update_doc_stats(doc)
                yield doc
