"""Run independent tasks on a local process pool or a Dask cluster: :func:`run_tasks`.

This is the one scheduling primitive of decloak's corpus tools (cleaning, and
deduplication built on the same shards).  It deliberately knows nothing about
shards or text: a *task* is any picklable value, the *function* a module-level
callable that does the whole job for one task and returns a picklable result.

Why so small an interface:

* **Engines stay interchangeable.**  A function that depends only on its task
  gives the same result in a worker process, a Dask worker or the caller, so
  both engines produce byte-identical outputs and tests can compare them.
* **Bounded memory.**  Tasks are drawn from the iterable lazily, a few per
  worker ahead, so a generator over a million shards is never materialised.
* **Failures name the task.**  An exception in a task comes back as a
  :class:`TaskError` (a :class:`~decloak.errors.DecloakError`) whose message
  names the task, with the original exception as ``__cause__``.  Remaining
  tasks are cancelled; tasks already running finish (their own outputs, if
  written atomically, stay valid), then the error is raised.

Signature stability: ``run_tasks(func, tasks, *, engine, workers, scheduler)``
is public API shared with other decloak commands; new options will only ever
be added as keyword arguments with defaults.
"""

from __future__ import annotations

import importlib
import os
import pickle
import signal
import uuid
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Literal, TypeVar

from ..errors import DecloakError, UsageError
from ..lifeline import die_with_parent

T = TypeVar("T")
R = TypeVar("R")

Engine = Literal["local", "dask"]
ENGINES: tuple[Engine, ...] = ("local", "dask")

AHEAD_PER_WORKER = 2
"""Tasks submitted per worker ahead of completion: keeps workers busy, memory flat."""


class TaskError(DecloakError):
    """A task failed.  ``task`` is the task; ``__cause__`` the original exception.

    ``exit_code`` is the cause's when the cause is a :class:`DecloakError`
    (an unreadable shard stays an input error, exit 2), else 1.
    """

    def __init__(self, task: object, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.task = task
        self.exit_code = exit_code

    def __reduce__(self) -> tuple[Any, ...]:
        return (TaskError, (self.task, str(self), self.exit_code))


def task_error(task: object, exc: BaseException) -> TaskError:
    """Wrap ``exc`` so that its one-line message names ``task``."""
    if isinstance(exc, TaskError):
        return exc
    label = str(task)
    if isinstance(exc, DecloakError):
        msg = str(exc)
        if label not in msg:
            msg = f"{label}: {msg}"
        err = TaskError(task, msg, exc.exit_code)
    else:
        detail = " ".join(str(exc).split())
        err = TaskError(task, f"{label}: {type(exc).__name__}: {detail}".rstrip(": "), 1)
    err.__cause__ = exc
    return err


def default_workers() -> int:
    return os.cpu_count() or 1


def run_tasks(
    func: Callable[[T], R],
    tasks: Iterable[T],
    *,
    engine: Engine | str = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    ordered: bool = False,
) -> Iterator[tuple[T, R]]:
    """Run ``func(task)`` for every task; yield ``(task, result)`` as each completes.

    ``engine="local"``: a :class:`~concurrent.futures.ProcessPoolExecutor` of
    ``workers`` processes (default ``os.cpu_count()``), forked from a fork server
    (``spawn`` where there is none) so that no lock or thread of the caller is
    copied into a worker.  With ``workers=1`` the tasks run one by one in the
    calling process: no pool to start (about a second), the same results.
    ``engine="dask"``: with ``scheduler=None`` a private ``LocalCluster`` of
    ``workers`` single-threaded worker processes on 127.0.0.1 (no dashboard),
    closed afterwards; with ``scheduler="tcp://host:port"`` the tasks go to that
    cluster, which is left running.

    ``func`` must be importable by name (a module-level function) and tasks and
    results picklable; the order of results is the order of completion, or the
    order of the tasks with ``ordered=True`` (results that finish early wait,
    within the same bound on tasks in flight).  Closing the iterator early
    cancels the tasks not started yet.

    Raises :class:`TaskError` naming the failed task, or
    :class:`~decloak.errors.UsageError` for bad arguments.
    """
    if engine not in ENGINES:
        raise UsageError(f"unknown engine {engine!r} (choose {' or '.join(ENGINES)})")
    if workers is not None and workers < 1:
        raise UsageError(f"workers must be at least 1, not {workers}")
    if scheduler is not None and engine != "dask":
        raise UsageError("a scheduler address needs the dask engine (--engine dask)")
    try:
        pickle.dumps(func)
    except Exception:
        raise UsageError(
            f"run_tasks needs a module-level function, and {func!r} cannot be pickled"
        ) from None
    n = workers or default_workers()
    if engine == "local":
        return _run_inline(func, tasks) if n == 1 else _run_local(func, tasks, n, ordered)
    return _run_dask(func, tasks, n, scheduler, ordered)


class _InOrder:
    """Results by task number, released in task order (for ``ordered=True``)."""

    def __init__(self) -> None:
        self.next = 0
        self.ready: dict[int, Any] = {}

    def add(self, number: int, item: Any) -> None:
        self.ready[number] = item

    def release(self) -> Iterator[Any]:
        while self.next in self.ready:
            yield self.ready.pop(self.next)
            self.next += 1


# --- local -------------------------------------------------------------------------------


def _run_inline(func: Callable[[T], R], tasks: Iterable[T]) -> Iterator[tuple[T, R]]:
    for task in tasks:
        try:
            result = func(task)
        except Exception as e:
            raise task_error(task, e) from e
        yield task, result


def _worker_init(driver: int) -> None:
    """Worker initializer: ignore Ctrl-C, and die with the ``driver`` process.

    Ctrl-C is the parent's to handle, once, without worker tracebacks.  Dying
    with the parent matters after a ``kill -9`` of ``decloak corpus``: a worker
    would otherwise finish its shard (minutes, or never on a stalled mount),
    reparented to PID 1, while holding the parent's stdout and stderr, so that
    ``decloak corpus ... | tee log`` or a CI step hangs.  Once the workers are
    gone, the fork server and the resource tracker end by themselves (they
    exit when the last process holding their pipes does).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent(driver)


_preload: list[str] = ["decloak.corpus.runner"]


def warm_imports(*modules: str) -> None:
    """Ask the local engine's fork server to import ``modules`` once for all workers.

    A hint, not a requirement: it takes effect only if the fork server of this
    process has not started yet, and modules that fail to import are skipped.
    Worth it for heavy readers (``pyarrow.parquet`` costs ~0.5 s per process).
    """
    for m in modules:
        if m not in _preload:
            _preload.append(m)


def _mp_context(multiprocessing: Any) -> Any:
    """``forkserver`` where available, else ``spawn``; never plain ``fork``.

    Forking the caller would copy its threads' locks (a Dask client, a progress
    thread) into the workers.  The fork server is a fresh single-threaded process
    that imports decloak once; every later pool forks its workers from it, which
    saves the ~1 s import per worker that ``spawn`` pays every time.
    """
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(list(_preload))
        return ctx
    return multiprocessing.get_context("spawn")


def _run_local(
    func: Callable[[T], R], tasks: Iterable[T], workers: int, ordered: bool = False
) -> Iterator[tuple[T, R]]:
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=_mp_context(multiprocessing),
        initializer=_worker_init,
        initargs=(os.getpid(),),
    )
    source = iter(tasks)
    pending: dict[Future[R], tuple[int, T]] = {}
    in_order = _InOrder()
    submitted = 0
    clean_exit = False

    def fill() -> None:
        nonlocal submitted
        while len(pending) + len(in_order.ready) < workers * AHEAD_PER_WORKER:
            try:
                task = next(source)
            except StopIteration:
                return
            pending[pool.submit(func, task)] = (submitted, task)
            submitted += 1

    try:
        fill()
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for fut in sorted(done, key=lambda f: pending[f][0]):
                number, task = pending.pop(fut)
                try:
                    result = fut.result()
                except BrokenProcessPool:
                    raise TaskError(
                        task, f"{task}: a worker process died (killed, or out of memory?)", 1
                    ) from None
                except Exception as e:
                    raise task_error(task, e) from e
                if ordered:
                    in_order.add(number, (task, result))
                else:
                    yield task, result
            if ordered:
                yield from in_order.release()
            fill()
        clean_exit = True
    finally:
        if clean_exit:
            pool.shutdown(wait=True)
        else:
            _stop_pool(pool)


def _stop_pool(pool: Any) -> None:
    """Cancel queued tasks; let running ones finish, unless interrupted again."""
    # the pool forgets its processes on shutdown: take the list first
    procs = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    try:
        for proc in procs:
            proc.join()
    except KeyboardInterrupt:
        for proc in procs:
            proc.terminate()
        raise


# --- dask --------------------------------------------------------------------------------


def start_local_cluster(workers: int | None = None) -> Any:
    """The Dask cluster ``run_tasks(engine="dask")`` starts when given no scheduler.

    ``workers`` single-threaded worker processes on 127.0.0.1, no dashboard.
    Even without a dashboard the scheduler serves HTTP (health checks); it is
    put on a free loopback port, since the default 8787 is often taken by a
    notebook's cluster (Dask would warn, and leak a socket).  Worker logs below
    CRITICAL are silenced: a failed task is reported once, by :class:`TaskError`.
    Exposed so that tests and benchmarks can start the very same cluster once.
    """
    import logging

    try:
        distributed: Any = importlib.import_module("distributed")
    except ImportError:
        raise UsageError(
            "the dask engine needs dask.distributed (pip install 'decloak[dask]')"
        ) from None
    blocked = _block_sigint()
    try:
        cluster = distributed.LocalCluster(
            n_workers=workers or default_workers(),
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            host="127.0.0.1",
            scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
            silence_logs=logging.CRITICAL,
        )
    except BaseException:
        _restore_sigmask(blocked)
        raise
    try:
        _restore_sigmask(blocked)  # a Ctrl-C pressed during the start is raised here
    except BaseException:
        cluster.close()
        raise
    return cluster


def _block_sigint() -> set[int | signal.Signals] | None:
    """Block SIGINT in this thread while a cluster starts; returns the mask to restore.

    Ctrl-C in a terminal signals every process of the foreground group, Dask's
    worker processes too, and each then prints two tracebacks (68 lines for two
    workers) before decloak's one line.  A blocked signal stays blocked in the
    threads created meanwhile (the cluster's event loop, and the threads it
    starts worker processes from, restarts included) and in the processes they
    start: the workers never see Ctrl-C, and are closed by the driver, which
    does.  The driver itself gets a Ctrl-C pressed during the start as soon as
    the mask is restored.
    """
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - not POSIX
        return None
    # multiprocessing unblocks SIGINT in this thread when it starts its resource
    # tracker (which the cluster needs): start it first, outside the window
    from multiprocessing import resource_tracker

    resource_tracker.ensure_running()
    return signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})


def _restore_sigmask(old: set[int | signal.Signals] | None) -> None:
    if old is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _run_dask(
    func: Callable[[T], R],
    tasks: Iterable[T],
    workers: int,
    scheduler: str | None,
    ordered: bool = False,
) -> Iterator[tuple[T, R]]:
    try:
        # as Any: distributed's partial annotations would make every call "untyped"
        distributed: Any = importlib.import_module("distributed")
    except ImportError:
        raise UsageError(
            "the dask engine needs dask.distributed (pip install 'decloak[dask]')"
        ) from None

    cluster: Any = None
    if scheduler is None:
        cluster = start_local_cluster(workers)
        client = distributed.Client(cluster)
    else:
        try:
            client = distributed.Client(scheduler, timeout="10s")
        except (OSError, TimeoutError) as e:
            raise UsageError(f"cannot reach the Dask scheduler at {scheduler}: {e}") from None
    pending: dict[str, tuple[Any, T, int]] = {}
    in_order = _InOrder()
    try:
        threads = sum(client.nthreads().values()) or workers
        window = max(threads * AHEAD_PER_WORKER, 2)
        name = getattr(func, "__name__", "task")
        source = iter(tasks)
        queue = distributed.as_completed()
        run_id = uuid.uuid4().hex[:12]  # keys stay unique on a shared scheduler
        submitted = 0

        def fill() -> None:
            nonlocal submitted
            while len(pending) + len(in_order.ready) < window:
                try:
                    task = next(source)
                except StopIteration:
                    return
                fut = client.submit(func, task, pure=False, key=f"{name}-{run_id}-{submitted}")
                pending[fut.key] = (fut, task, submitted)
                queue.add(fut)
                submitted += 1

        fill()
        while pending:
            fut = next(queue)
            _, task, number = pending.pop(fut.key)
            if fut.status == "error":
                exc = fut.exception()
                raise task_error(task, exc) from exc
            if fut.status == "cancelled":
                raise TaskError(task, f"{task}: the Dask task was cancelled (worker lost?)", 1)
            result = fut.result()
            fut.release()
            if ordered:
                in_order.add(number, (task, result))
                yield from in_order.release()
            else:
                yield task, result
            fill()
    finally:
        for fut, _task, _number in pending.values():
            fut.cancel()
        client.close()
        if cluster is not None:
            cluster.close()
