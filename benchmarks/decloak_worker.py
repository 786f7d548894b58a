"""Time decloak or a floor on one input, in a fresh process (run by ``run.py``).

Why a subprocess per measurement: the pure-Python kernel is chosen at import
time (``DECLOAK_PURE_PYTHON=1``), an adversarial input must never hang the suite
(the parent kills a call that passes the CPU cap), and every measurement starts
from the same clean heap.  Prints JSON lines (see ``timing.py``).

Tools: ``decloak.clean`` (``clean(text).text``), ``decloak.scan`` (``scan(text)``
and its verdict: ``.score``, ``.suspicious``), ``decloak.scan-findings`` (the
same and the ``.findings`` list materialised), ``floor.re`` (a compiled ``re``
scan of non-ASCII runs, consumed in a loop: the realistic pure-Python floor),
``floor.nfkc`` (``unicodedata.normalize("NFKC", text)``), and ``debug.spin``
(never returns; the smoke test uses it to check that the CPU cap works).

``pair.scan-clean`` times ``scan`` and ``clean`` back to back in each call
(alternating which goes first) and reports both: the scan ÷ clean target is
the median of these paired ratios, because on a shared machine the speed of
the whole process drifts by more than the difference being measured.
"""

from __future__ import annotations

import gc
import re
import sys
import time
import unicodedata
from typing import Any

from timing import Fn, emit, worker_main

_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _floor_re(text: str) -> int:
    n = 0
    for _ in _NON_ASCII.finditer(text):
        n += 1
    return n


def _spin(text: str) -> None:
    while True:
        pass


def resolve(tool: str) -> tuple[Fn, dict[str, Any]]:
    if tool == "floor.re":
        return _floor_re, {}
    if tool == "floor.nfkc":
        return (lambda t: unicodedata.normalize("NFKC", t)), {}
    if tool == "debug.spin":
        return _spin, {}

    import decloak
    from decloak import kernel

    info = {"version": decloak.__version__, "have_c": kernel.HAVE_C}
    if tool == "decloak.clean":
        return (lambda t: decloak.clean(t).text), info
    if tool == "decloak.scan":

        def scan(t: str) -> tuple[float, bool]:
            r = decloak.scan(t)
            return r.score, r.suspicious

        return scan, info
    if tool == "decloak.scan-findings":

        def scan_findings(t: str) -> int:
            r = decloak.scan(t)
            return len(r.findings)

        return scan_findings, info
    if tool == "pair.scan-clean":
        calls = [0]

        def timed(which: str, t: str) -> float:
            """CPU seconds of one call, as the single-tool rows time it (the result
            is dropped inside the timed span there too)."""
            gc.collect()
            c0 = time.process_time()
            if which == "scan":
                r = decloak.scan(t)
                verdict = (r.score, r.suspicious)
                del r
            else:
                verdict = decloak.clean(t).text
            del verdict
            return time.process_time() - c0

        def pair(t: str) -> None:
            order = ("scan", "clean") if calls[0] % 2 == 0 else ("clean", "scan")
            calls[0] += 1
            got = {which: timed(which, t) for which in order}
            emit({"event": "pair", **got})

        return pair, info
    raise SystemExit(f"unknown tool {tool!r}")


if __name__ == "__main__":
    sys.exit(worker_main(resolve, sys.argv[1:]))
