"""CPU cost of one call, measured the way :mod:`timeit` measures: best of a few runs,
with the cyclic garbage collector paused during each run.

The linear-cost tests compare a call on n characters with the same call on 4n.  The
collector's own work grows with every live object in the test process (whatever
earlier tests left behind), not with decloak's algorithm, and made those ratios drift
from about 4 to over 8 on a loaded machine.  A quadratic algorithm still shows about
16 with the collector paused; that is what the tests are for.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable


def cpu_cost(fn: Callable[[], object], repeat: int = 3, floor: float = 1e-4) -> float:
    """The least CPU time, in seconds, of ``repeat`` calls of ``fn`` (at least ``floor``)."""
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            t0 = time.process_time()
            fn()
            best = min(best, time.process_time() - t0)
        finally:
            if was_enabled:
                gc.enable()
    return max(best, floor)
