"""A whole corpus run: find the shards, skip the finished ones, schedule the rest.

The run is the same whatever is done to each shard: :func:`run_step` takes a
pipeline step (:mod:`decloak.corpus.step`): cleaning for ``decloak corpus``
(:func:`run_corpus`), matching against a provenance index for ``decloak match
-o`` (:mod:`decloak.provenance.batch`).

The state of a run lives in files, never in memory, so a run killed at any
moment (``SIGKILL``, a lost machine) can be resumed:

``OUTDIR/.decloak/run.json``
    the settings of the run (the step's: mode, format, keys, profile, decloak
    version for cleaning); a resume with different settings is refused, since it
    would mix two outputs.
``OUTDIR/.decloak/done/<stem>.json``
    one done-marker per finished shard, written after its outputs were renamed
    into place: ``{"format": 1, "input": {"size", "mtime_ns"}, "stats": {...}}``.
``OUTDIR/.decloak/lock``
    held (``flock``) while a run writes, so two runs cannot share a folder.

A shard counts as done when its marker exists, its input still has the size
and modification time recorded there, and every file it lists exists.
"""

from __future__ import annotations

import contextlib
import glob
import importlib
import json
import os
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from ..config import Config, get_config
from ..errors import DecloakError, InputError, OutputError, UsageError
from .engine import default_workers, run_tasks, warm_imports
from .formats import (
    OutputFormat,
    remove_tmp_files,
    split_suffix,
    supported,
    write_atomic,
)
from .shard import (
    DONE_DIR,
    MARKER_FORMAT,
    STATE_DIR,
    ShardOptions,
    ShardStats,
    shard_paths,
)
from .step import CleanStep, ShardStep, reader_modules

STATS_FILE = "stats.json"
MB = 1_000_000


# --- tasks -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ShardTask:
    """One unit of work for an engine: a shard, its output, and the step to do."""

    src: str
    dst: str
    step: ShardStep

    def __str__(self) -> str:
        return self.src  # errors name the shard as the user wrote it


def run_shard(task: ShardTask) -> ShardStats:
    """Module-level entry point for the engines (it must be importable by name)."""
    return task.step.process(task.src, task.dst)


# --- finding shards ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Shard:
    """An input shard: its path as given, and its name relative to its input root."""

    path: str
    rel: str


def _is_shard_name(name: str) -> bool:
    return split_suffix(name) is not None


@dataclass(frozen=True, slots=True)
class InputTypes:
    """Which files a command takes from its inputs, and how its errors name them.

    ``decloak corpus`` takes corpus shards (:data:`SHARDS`); other commands walk
    folders the same way with their own types (``dedup``: JSONL and Parquet;
    ``index add``: every file, a text file being one document).
    """

    noun: str
    """What one input is called in errors ("shard", "file")."""
    accepts: Callable[[str], bool]
    """Whether a file name is one of these inputs."""
    expected: str
    """The accepted names, for errors ("expected ...", "looked for ...")."""


SHARDS = InputTypes("shard", _is_shard_name, supported())
"""The shards ``decloak corpus`` reads."""


def find_inputs(
    inputs: Sequence[str],
    exclude: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | None = None,
    *,
    types: InputTypes = SHARDS,
) -> list[Shard]:
    """Expand files, folders (recursive, hidden names skipped) and globs, in the order given.

    A folder's files come sorted by their names relative to it, a glob's matches
    sorted too.  A file is named by its base name, a folder's files relative to the folder,
    a glob's matches relative to the glob's fixed leading folders.  Anything
    under ``exclude`` (an output folder, an index file) is ignored, so re-running
    over a folder that holds its own output does not read the output.  A file
    named explicitly must be one of ``types``; in folders and globs, other files
    are passed over.  Nothing is deduplicated: see :func:`discover`.
    """
    if exclude is None:
        skips: list[str] = []
    elif isinstance(exclude, str | os.PathLike):
        skips = [os.path.abspath(exclude)]
    else:
        skips = [os.path.abspath(x) for x in exclude]
    out: list[Shard] = []

    def add(path: str, rel: str) -> None:
        if not any(_inside(os.path.abspath(path), skip) for skip in skips):
            out.append(Shard(path, Path(rel).as_posix()))

    for inp in inputs:
        if glob.has_magic(inp):
            root = _glob_root(inp)
            matches = [
                m
                for m in sorted(glob.glob(inp, recursive=True))
                if os.path.isfile(m) and types.accepts(os.path.basename(m))
            ]
            if not matches:
                raise InputError(f"{inp}: no {types.noun} matches this pattern")
            for m in matches:
                add(m, os.path.relpath(m, root))
        elif os.path.isdir(inp):
            n = len(out)
            # in the order of their names relative to the folder (a.jsonl, b/c.jsonl, d.jsonl)
            found = [
                (Path(os.path.relpath(p, inp)).as_posix(), p)
                for p in _walk(inp, skips, types.accepts)
            ]
            for rel, path in sorted(found):
                add(path, rel)
            if len(out) == n:
                raise InputError(
                    f"{inp}: no {types.noun}s in this folder (looked for {types.expected})"
                )
        elif os.path.isfile(inp):
            if not types.accepts(os.path.basename(inp)):
                raise UsageError(
                    f"{inp}: unsupported {types.noun} type (expected {types.expected})"
                )
            add(inp, os.path.basename(inp))
        else:
            raise InputError(f"{inp}: no such file or directory")
    return out


def discover(inputs: Sequence[str], exclude: str | os.PathLike[str] | None = None) -> list[Shard]:
    """The shards of ``inputs`` (see :func:`find_inputs`), once each, sorted by name.

    Two different files that would be written under the same name are refused.
    """
    found: dict[str, Shard] = {}
    for shard in find_inputs(inputs, exclude):
        prev = found.get(shard.rel)
        if prev is not None and os.path.abspath(prev.path) != os.path.abspath(shard.path):
            raise UsageError(f"{prev.path} and {shard.path} would both be written as {shard.rel}")
        found[shard.rel] = shard
    return [found[k] for k in sorted(found)]


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _glob_root(pattern: str) -> str:
    parts = Path(pattern).parts
    fixed: list[str] = []
    for p in parts[:-1]:
        if glob.has_magic(p):
            break
        fixed.append(p)
    return str(Path(*fixed)) if fixed else "."


def _walk(top: str, skips: Sequence[str], accepts: Callable[[str], bool]) -> Iterator[str]:
    for dirpath, dirs, files in os.walk(top):
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".")
            and not any(_inside(os.path.abspath(os.path.join(dirpath, d)), s) for s in skips)
        )
        for name in sorted(files):
            if not name.startswith(".") and accepts(name):
                yield os.path.join(dirpath, name)


# --- results -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CorpusResult:
    """A finished (or failed) run; :meth:`to_dict` is the content of ``stats.json``."""

    shards: tuple[ShardStats, ...]
    """Every finished shard, this run's and resumed ones, sorted by name."""
    total_shards: int
    resumed: frozenset[str]
    """Names of the shards an earlier run had finished (not redone now)."""
    seconds: float
    engine: str
    workers: int
    settings: dict[str, Any] = field(default_factory=dict)
    error: str | None = None
    step: ShardStep | None = None
    """The step the run did; ``None``: cleaning."""

    def total(self, name: str) -> int:
        return sum(int(getattr(s, name)) for s in self.shards)

    @property
    def findings(self) -> dict[str, int]:
        c: Counter[str] = Counter()
        for s in self.shards:
            c.update(dict(s.findings))
        return dict(sorted(c.items()))

    def rates(self) -> tuple[float, float]:
        """Documents/s and MB/s of the shards processed in this run (resumed ones excluded)."""
        done = [s for s in self.shards if s.shard not in self.resumed]
        docs = sum(s.documents for s in done)
        mbytes = sum(s.bytes for s in done) / MB
        secs = max(self.seconds, 1e-9)
        return docs / secs, mbytes / secs

    def to_dict(self) -> dict[str, Any]:
        docs_s, mb_s = self.rates()
        step = self.step or CleanStep(get_config(None), ShardOptions())
        return {
            "complete": self.error is None and len(self.shards) == self.total_shards,
            "error": self.error,
            **step.totals(self.shards),
            "shards_total": self.total_shards,
            "shards_done": len(self.shards),
            "shards_resumed": len(self.resumed),
            "seconds": round(self.seconds, 3),
            f"{step.noun}_per_second": round(docs_s, 1),
            "mb_per_second": round(mb_s, 3),
            "engine": self.engine,
            "workers": self.workers,
            "settings": self.settings,
            "shards": [step.shard_dict(s) for s in self.shards],
        }


# --- progress ----------------------------------------------------------------------------


class Progress:
    """Progress on stderr: a tqdm bar on a terminal, else one plain line every ``interval`` s.

    Updated once per finished shard (the engines report shards, not documents);
    the plain line is printed by a timer so that a long shard still shows life.
    """

    def __init__(
        self,
        *,
        stream: IO[str] | None = None,
        interval: float = 10.0,
        bar: bool | None = None,
    ) -> None:
        self.step: ShardStep = CleanStep(get_config(None), ShardOptions())
        self.counts: Counter[str] = Counter()
        self.stream = stream or sys.stderr
        self.total_shards = 0
        self.total_bytes = 0
        self.interval = interval
        self.bar_on = bar if bar is not None else _isatty(self.stream)
        self.shards = self.docs = self.changed = self.rejected = self.dropped = 0
        self.bytes = self.input_bytes = 0
        self.run_docs = self.run_bytes = 0
        self.started = time.perf_counter()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._bar: Any = None

    def start(
        self,
        total_shards: int,
        total_bytes: int,
        resumed: Sequence[ShardStats] = (),
        step: ShardStep | None = None,
    ) -> None:
        """Begin showing progress; ``resumed`` shards count as done from the start.

        ``step`` decides the wording (cleaning when not given)."""
        if step is not None:
            self.step = step
        self.total_shards = total_shards
        self.total_bytes = total_bytes
        for s in resumed:
            self._count(s)
        self.started = time.perf_counter()
        if self.bar_on:
            tqdm: Any = importlib.import_module("tqdm").tqdm  # untyped library

            self._bar = tqdm(
                total=self.total_bytes,
                initial=self.input_bytes,
                unit="B",
                unit_scale=True,
                desc=self.step.label,
                file=self.stream,
                dynamic_ncols=True,
            )
            self._bar.set_postfix_str(self._postfix(), refresh=True)
        else:
            self._thread = threading.Thread(target=self._tick, name="decloak-progress", daemon=True)
            self._thread.start()

    def _count(self, s: ShardStats) -> None:
        self.counts.update(dict(s.counts))
        self.shards += 1
        self.docs += s.documents
        self.changed += s.changed
        self.rejected += s.rejected
        self.dropped += s.dropped
        self.bytes += s.bytes
        self.input_bytes += s.input_bytes

    def update(self, s: ShardStats) -> None:
        with self._lock:
            self._count(s)
            self.run_docs += s.documents
            self.run_bytes += s.bytes
        if self._bar is not None:
            self._bar.update(s.input_bytes)
            self._bar.set_postfix_str(self._postfix(), refresh=False)

    def _postfix(self) -> str:
        return f"{self.shards}/{self.total_shards} shards, {self.docs:,} {self.step.noun}"

    def line(self) -> str:
        with self._lock:
            elapsed = time.perf_counter() - self.started
            secs = max(elapsed, 1e-9)
            counts = {
                **self.counts,
                "changed": self.changed,
                "dropped": self.dropped,
                "rejected": self.rejected,
            }
            noun = self.step.noun
            return (
                f"{self.step.label}: {self.shards}/{self.total_shards} shards, "
                f"{self.docs:,} {noun} ({self.step.progress_detail(counts)}), "
                f"{self.bytes / MB:,.1f} MB, {self.run_docs / secs:,.0f} {noun}/s, "
                f"{self.run_bytes / MB / secs:,.2f} MB/s, {elapsed:,.0f} s"
            )

    def _tick(self) -> None:
        while not self._stop.wait(self.interval):
            self._print(self.line())

    def _print(self, text: str) -> None:
        with contextlib.suppress(OSError, ValueError):
            print(text, file=self.stream, flush=True)

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        if self._bar is not None:
            self._bar.close()


def _isatty(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


# --- the run -----------------------------------------------------------------------------


def settings_of(config: Config, options: ShardOptions, fmt: OutputFormat | None) -> dict[str, Any]:
    """What the output of cleaning depends on: a resume must use the same values."""
    return CleanStep(config, options, fmt).settings()


def run_corpus(
    inputs: Sequence[str],
    outdir: str | os.PathLike[str],
    *,
    config: Config | str | None = None,
    text_key: str = "text",
    id_key: str = "id",
    mode: str = "fix",
    fmt: OutputFormat | None = None,
    keep_original: bool = False,
    engine: str = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    resume: bool = False,
    progress: Progress | None = None,
) -> CorpusResult:
    """Clean every shard of ``inputs`` into ``outdir`` and write ``outdir/stats.json``.

    Raises :class:`~decloak.errors.UsageError` when ``outdir`` holds an earlier
    run and ``resume`` is false (or its settings differ), and the first shard's
    error (naming the shard) when one fails; shards finished by then keep their
    output and markers, so a ``resume`` picks up from there.  A
    :exc:`KeyboardInterrupt` is re-raised too, after ``stats.json`` was written
    with ``"complete": false`` and ``"error": "interrupted"``.
    """
    cfg = get_config(config)
    if fmt not in (None, "jsonl", "parquet"):
        raise UsageError(f"format must be jsonl or parquet, not {fmt!r}")
    options = ShardOptions(
        text_key=text_key,
        id_key=id_key,
        mode=mode,  # type: ignore[arg-type]  # checked by ShardOptions
        keep_original=keep_original,
        outdir=str(Path(outdir)),
    )
    return run_step(
        inputs,
        CleanStep(cfg, options, fmt),
        engine=engine,
        workers=workers,
        scheduler=scheduler,
        resume=resume,
        progress=progress,
    )


def run_step(
    inputs: Sequence[str],
    step: ShardStep,
    *,
    engine: str = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    resume: bool = False,
    progress: Progress | None = None,
) -> CorpusResult:
    """Do ``step`` on every shard of ``inputs`` into ``step.options.outdir``; write ``stats.json``.

    Everything but the work on one shard: finding the shards, their output
    names, the lock, resuming, scheduling, progress and the statistics.  Errors
    as for :func:`run_corpus`.
    """
    if step.options.outdir is None:
        raise UsageError("a run needs an output folder (ShardOptions.outdir)")
    out = Path(step.options.outdir)
    n_workers = workers or default_workers()
    shards = discover(inputs, exclude=out)
    tasks = _tasks(shards, out, step)
    settings = step.settings()
    warm_imports(
        *step.modules(), *sorted(set().union(*(reader_modules(t.src, t.dst) for t in tasks)))
    )

    if out.exists() and not out.is_dir():
        raise UsageError(f"{out}: exists and is not a folder")
    state = out / STATE_DIR
    state.mkdir(parents=True, exist_ok=True)
    with _locked(state / "lock", out, step):
        done_dir = state / DONE_DIR
        markers = sum(1 for _ in done_dir.rglob("*.json")) if done_dir.is_dir() else 0
        if markers and not resume:
            raise UsageError(
                f"{out}: holds an earlier run ({markers} shards done); "
                "pass --resume to continue it, or choose an empty folder"
            )
        run_file = state / "run.json"
        if resume and markers and run_file.is_file():
            _check_settings(run_file, settings, out)
        remove_tmp_files(out)
        write_atomic(run_file, json.dumps({"settings": settings}, indent=1).encode() + b"\n")

        finished: list[ShardStats] = []
        todo: list[ShardTask] = []
        for task in tasks:
            prev = _finished(task, out) if resume else None
            if prev is not None:
                finished.append(prev)
            else:
                todo.append(task)
        resumed = {s.shard for s in finished}

        started = time.perf_counter()
        error: DecloakError | None = None
        interrupted: KeyboardInterrupt | None = None
        if progress is not None:
            progress.start(len(tasks), sum(_size(t.src) for t in tasks), finished, step)
        try:
            for _task, stats in run_tasks(
                run_shard, todo, engine=engine, workers=n_workers, scheduler=scheduler
            ):
                finished.append(stats)
                if progress is not None:
                    progress.update(stats)
        except DecloakError as e:
            error = e
        except KeyboardInterrupt as e:
            # Ctrl-C: stats.json still tells what is done, then the interrupt goes on
            interrupted = e
        finally:
            if progress is not None:
                progress.close()
        if error is not None or interrupted is not None:
            # shards that ran to their end while the engine stopped count too: a
            # resume will skip them, so stats.json must not say they are missing
            reported = {s.shard for s in finished}
            for task in todo:
                late = _finished(task, out)
                if late is not None and late.shard not in reported:
                    finished.append(late)
        result = CorpusResult(
            shards=tuple(sorted(finished, key=lambda s: s.shard)),
            total_shards=len(tasks),
            resumed=frozenset(resumed),
            seconds=time.perf_counter() - started,
            engine=engine,
            workers=n_workers,
            settings=settings,
            error=str(error) if error else ("interrupted" if interrupted else None),
            step=step,
        )
        try:
            write_atomic(
                out / STATS_FILE,
                json.dumps(result.to_dict(), indent=1, ensure_ascii=False).encode("utf-8") + b"\n",
            )
        except OSError as e:
            # a full disk fails this write too: the shard's error is the one to tell
            if interrupted is not None:
                raise interrupted from None
            raise error or OutputError(f"{out / STATS_FILE}: {e.strerror or e}") from None
        if interrupted is not None:
            raise interrupted
        if error is not None:
            raise error
        return result


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def _tasks(shards: Sequence[Shard], out: Path, step: ShardStep) -> list[ShardTask]:
    tasks: list[ShardTask] = []
    stems: dict[str, str] = {}
    for s in shards:
        dst = out / step.output_name(s.rel)
        paths = shard_paths(Path(s.path), dst, step.options)
        key = paths.output
        stem_parts = split_suffix(key)
        stem = stem_parts[0] if stem_parts else key
        if stem in stems:
            raise UsageError(
                f"{stems[stem]} and {s.path} would share the output name {stem} "
                "(rename one, or clean them in separate runs)"
            )
        stems[stem] = s.path
        tasks.append(ShardTask(s.path, str(dst), step))
    return tasks


def _finished(task: ShardTask, out: Path) -> ShardStats | None:
    """The stats of a shard an earlier run finished, or ``None`` if it must be (re)done."""
    paths = shard_paths(Path(task.src), Path(task.dst), task.step.options)
    if paths.marker is None:
        return None
    try:
        data = json.loads(paths.marker.read_text(encoding="utf-8"))
        if data.get("format") != MARKER_FORMAT:
            return None
        stats = ShardStats.from_dict(data["stats"])
        st = os.stat(task.src)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if data.get("input") != {"size": st.st_size, "mtime_ns": st.st_mtime_ns}:
        return None  # the input changed since: redo it
    for rel in (stats.output, stats.rejects_file, stats.dropped_file):
        if rel is not None and not (out / rel).is_file():
            return None
    return stats


def _check_settings(run_file: Path, settings: dict[str, Any], out: Path) -> None:
    try:
        old = json.loads(run_file.read_text(encoding="utf-8")).get("settings", {})
    except (OSError, ValueError):
        return
    now = json.loads(json.dumps(settings))
    was, is_ = old.get("step", CleanStep.name), now.get("step", CleanStep.name)
    if was != is_:
        raise UsageError(
            f"{out}: holds an earlier run of another command ({was}, not {is_}); "
            "choose an empty folder"
        )
    diffs = [k for k in now if old.get(k) != now[k]]
    if diffs:
        shown = ", ".join(f"{k} was {_short(old.get(k))}" for k in diffs)
        raise UsageError(
            f"{out}: the earlier run used other settings ({shown}); "
            "resume with the same options, or choose an empty folder"
        )


def _short(v: object) -> str:
    if isinstance(v, dict):
        return "a different profile"
    return json.dumps(v)


@contextlib.contextmanager
def _locked(path: Path, out: Path, step: ShardStep) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (released by the kernel if we are killed)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: no protection, as before
        yield
        return
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise UsageError(f"{out}: another {step.label} run is writing here") from None
        yield
    finally:
        os.close(fd)
