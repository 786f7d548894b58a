"""Settings that belong to a process decloak owns, never to a library call.

The command line and the corpus workers own their process; a library call must
not change how the interpreter behaves for the code around it (the service's
threads, the caller's program).  So process-wide settings live here and are
applied only by those owners.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for a batch job; restore it as found.

    Why: cleaning a long attacked text makes a record every few characters
    (tuples that form no cycles), and each batch of allocations starts a
    collection that walks every object alive, so the cost per character grows
    with the text (measured on 0.5 to 4 MB of disguised prose in one call: 0.16
    to 0.20 s per million characters with the collector on, flat at 0.15 with it
    paused).  Reference counting still frees everything meanwhile.  For a
    long-running server this would be wrong (cycles made by a framework would
    wait), so ``decloak serve`` does not use it.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
