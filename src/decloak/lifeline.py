"""Worker processes that end when the process that started them ends.

A worker left behind by a parent killed with ``SIGKILL`` (or by the OOM killer)
keeps running, keeps its CPU and memory, and keeps the parent's inherited file
descriptors open: ``decloak serve | tee log`` would then never see end of file.
:func:`die_with_parent`, called first thing in a worker, prevents that.

On Linux it asks the kernel for ``SIGKILL`` when the parent goes
(``prctl(PR_SET_PDEATHSIG)``): immediate, and it works even while the worker is
deep inside C code.  Elsewhere a daemon thread watches the parent's process id
and exits the worker within a second of the parent's death.  Either way the
parent may already be gone by the time the worker starts (the request is
made after the fork), so that case is checked once, right after.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading

PR_SET_PDEATHSIG = 1
"""``prctl`` option from ``<linux/prctl.h>``."""
POLL_SECONDS = 1.0
"""How often the fallback thread checks that the parent is alive."""


def die_with_parent(parent: int) -> None:
    """End this process when process ``parent`` (the one that started it) ends.

    Meant for the first lines of a worker process (a pool's initializer); not
    for a library call, since it changes how the whole process dies.  On Linux
    the signal is tied to the *thread* that created the worker: create workers
    from a thread that lives as long as the parent (the main thread, the event
    loop's thread), not from a short-lived helper thread.
    """
    if not _pdeathsig():
        threading.Thread(
            target=_watch, args=(parent,), name="decloak-lifeline", daemon=True
        ).start()
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def _pdeathsig() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False


def _watch(parent: int) -> None:
    stop = threading.Event()
    while not stop.wait(POLL_SECONDS):
        if os.getppid() != parent:
            os._exit(1)
