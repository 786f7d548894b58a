"""Fuzz ``decloak.clean``: offsets inside, plan replays, idempotent, UTF-8 out, legit text kept.

Inputs starting with ``L`` are built only from legitimate texts (two paragraphs of
``eval/data/negative.jsonl`` picked by the next bytes, joined by a blank line, so
that each is judged on its own): cleaning them must change nothing.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import check_text_invariants, decode_text, eval_texts, fuzz_main


def legitimate_pair(data: bytes) -> str | None:
    """Two legitimate paragraphs chosen by ``data[1:5]``, or ``None`` without eval data."""
    neg = eval_texts("negative.jsonl")
    if not neg or len(data) < 5:
        return None
    a = int.from_bytes(data[1:3], "big") % len(neg)
    b = int.from_bytes(data[3:5], "big") % len(neg)
    sep = ("\n\n", "\r\n\r\n", "\n\n\n")[data[4] % 3]
    return neg[a] + sep + neg[b]


def TestOneInput(data: bytes) -> None:
    if data[:1] == b"L":
        text = legitimate_pair(data)
        if text is not None:
            import decloak

            out = decloak.clean(text).text
            assert out == text, f"legitimate paragraphs changed: {text!r} -> {out!r}"
            return
    check_text_invariants(decode_text(data))


if __name__ == "__main__":
    fuzz_main(TestOneInput, "decloak.api", "decloak.engine", "decloak.kernel")
