"""Time one peer tool's ``clean`` on one input; runs inside ``eval/.venv-peers``.

Why reuse the evaluation adapters (``eval/adapters/<tool>.py``): each documents
the most favourable reasonable call for its tool, chosen after reading the tool's
source, so the speed measured here is the speed of the same repair whose quality
``eval/`` scores.  Only the standard library and the adapter are imported; decloak
is not installed in that venv.  Prints JSON lines (see ``timing.py``).

Adapters that memoise between calls (``confusable_homoglyphs`` keeps a per-word
``_cache``, ``glyphguard`` remembers its last ``detect``) get those module-level
caches emptied before every timed call: repeated runs over the same file would
otherwise time dictionary look-ups, not the tool.  Caching within one call (the
corpus repeats its paragraphs) is kept; that is what a user would see.

Usage: ``eval/.venv-peers/bin/python benchmarks/peer_worker.py --tool ftfy --file F``.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Any

from timing import Fn, worker_main

EVAL = Path(__file__).resolve().parent.parent / "eval"


_adapter: Any = None


def resolve(tool: str) -> tuple[Fn, dict[str, Any]]:
    global _adapter
    sys.path.insert(0, str(EVAL))
    _adapter = importlib.import_module("adapters." + tool.replace("-", "_"))
    return _adapter.clean, {"version": str(_adapter.VERSION), "note": str(_adapter.NOTE)}


def reset() -> None:
    """Empty the adapter's memo between timed calls (see the module docstring)."""
    cache = getattr(_adapter, "_cache", None)
    if isinstance(cache, dict):
        cache.clear()
    if hasattr(_adapter, "_last"):
        _adapter._last = None


if __name__ == "__main__":
    sys.exit(worker_main(resolve, sys.argv[1:], reset))
