"""Fuzz ``decloak.apply_plan`` with plans made for one text and replayed on another.

The plan of ``clean(a)`` replayed on ``a`` gives ``clean(a).text``; replayed on a
different text ``b`` it either raises ``ValueError`` (the documented refusal) or
succeeds only where every step's expected text is found in place.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import decode_text, fuzz_main


def TestOneInput(data: bytes) -> None:
    import decloak

    cut = data.find(b"\xff\xff")
    a_raw, b_raw = (data, data) if cut < 0 else (data[:cut], data[cut + 2 :])
    a, b = decode_text(a_raw), decode_text(b_raw)
    c = decloak.clean(a)
    assert decloak.apply_plan(a, c.plan) == c.text
    try:
        out = decloak.apply_plan(b, c.plan)
    except ValueError as e:
        assert "\n" not in str(e)
        return
    assert len(b) == len(a)
    for s in c.plan.steps:
        assert b[s.start : s.end] == s.before
    out.encode("utf-8", "surrogatepass")


if __name__ == "__main__":
    fuzz_main(TestOneInput, "decloak.api", "decloak.engine")
