"""Worker processes that end when the process that started them ends.

A worker left behind by a driver killed with ``SIGKILL`` (or by the OOM killer)
keeps running, keeps its CPU and memory, and keeps the driver's inherited file
descriptors open: ``decloak corpus ... | tee log`` or ``decloak serve | tee log``
would then never see end of file.  :func:`die_with_parent`, called first thing in
a worker (a pool's initializer), prevents that.  ``decloak corpus``, ``match``,
``index add`` and ``serve`` all use it.

Two mechanisms, since a pool's workers may be children of a fork server rather
than of the driver itself:

* on Linux, ``prctl(PR_SET_PDEATHSIG)``: the kernel kills the worker when its
  parent (the fork server, or the driver under ``spawn``) dies, immediately and
  even while the worker is deep inside C code;
* a daemon thread that waits for the driver itself to exit (a pidfd on Linux,
  which also sees a driver that is dead but not reaped yet; elsewhere a poll of
  ``os.kill(driver, 0)`` and of the parent id) and then calls ``os._exit``.  A
  driver that died before the worker started is seen the same way.
"""

from __future__ import annotations

import ctypes
import os
import select
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1
"""``prctl`` option from ``<linux/prctl.h>``: a signal to receive when the parent dies."""
POLL_SECONDS = 0.5
"""How often the watcher checks the driver where it cannot wait on a pidfd."""
EXIT_PARENT_GONE = 1
"""A worker's exit status when its driver died under it."""


def die_with_parent(driver: int) -> None:
    """End this process as soon as process ``driver`` (the one that started the pool) ends.

    Meant for the first lines of a worker process; never for a library call, since
    it changes how the whole process dies.  On Linux the parent-death signal is tied
    to the *thread* that created the worker: create workers from a thread that lives
    as long as the driver (the main thread, the event loop's thread).  Work in
    progress is lost; corpus shards leave only a temporary file, which ``--resume``
    deletes.
    """
    _set_pdeathsig(signal.SIGKILL)
    parent = os.getppid()
    threading.Thread(
        target=_watch, args=(driver, parent), name="decloak-lifeline", daemon=True
    ).start()


def _set_pdeathsig(sig: int) -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, int(sig), 0, 0, 0)
    except (OSError, AttributeError):  # pragma: no cover - a libc without prctl
        pass


def _watch(driver: int, parent: int) -> None:
    try:
        fd = os.pidfd_open(driver)
    except (AttributeError, OSError):
        fd = None  # not Linux, or the driver is already gone (ESRCH): the poll below sees it
    if fd is not None:
        select.select([fd], [], [])  # readable once the driver has exited
        os._exit(EXIT_PARENT_GONE)
    while _alive(driver) and os.getppid() == parent:
        time.sleep(POLL_SECONDS)
    os._exit(EXIT_PARENT_GONE)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, but is not ours to signal
    return True
