"""Fuzz the streaming cleaner on raw bytes with random read sizes.

Invariant: ``clean_stream`` writes exactly ``clean(whole text)`` for valid UTF-8,
and for invalid UTF-8 raises the same one-line error (same byte offset) as
decoding the whole input at once, having written nothing past the bad byte.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import check_stream_invariants, fuzz_main


def TestOneInput(data: bytes) -> None:
    read_size = 1 + (data[0] if data else 0) % 64
    check_stream_invariants(data[1:], read_size)


if __name__ == "__main__":
    fuzz_main(TestOneInput, "decloak.stream", "decloak.engine", "decloak.textio")
