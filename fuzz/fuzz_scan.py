"""Fuzz ``decloak.scan`` and ``decloak.explain``: rows and findings point inside the input.

``explain`` must list every non-ASCII, control or invisible code point once, in
order, with its own code point, and a verdict that is ``ok`` or a finding's kind.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import decode_text, fuzz_main, is_valid_unicode


def _errors(text: str) -> str:
    """Strict UTF-8 for valid input; a lone surrogate quoted from the input is its own."""
    return "strict" if is_valid_unicode(text) else "surrogatepass"


def TestOneInput(data: bytes) -> None:
    import decloak
    from decloak.model import Kind

    text = decode_text(data)
    profile = ("default", "strict", "report")[data[0] % 3] if data else "default"
    report = decloak.scan(text, profile)
    n = len(text)
    assert 0.0 <= report.score <= 1.0
    for f in report.findings:
        assert 0 <= f.start <= f.end <= n
        assert text[f.start : f.end] == f.text
        assert f.explanation and "\n" not in f.explanation
    json.dumps(report.to_dict(), ensure_ascii=False).encode("utf-8", _errors(text))
    kinds = {k.value for k in Kind} | {"ok"}
    last = -1
    for row in decloak.explain(text, profile):
        assert last < row.position < n, (last, row.position, n)
        assert row.codepoint == ord(text[row.position])
        assert row.verdict in kinds, row.verdict
        last = row.position
        json.dumps(row.to_dict(), ensure_ascii=False).encode("utf-8", _errors(text))


if __name__ == "__main__":
    fuzz_main(TestOneInput, "decloak.api", "decloak.engine", "decloak.kernel")
