"""Fuzz ``decloak lint`` on one file: any bytes, any name (binary, odd encodings, BOMs).

Invariants: a file that is not UTF-8 text is skipped with a one-line reason;
findings lie inside the text with 1-based lines/columns that match their offsets;
``--fix`` writes valid UTF-8, is idempotent, leaves no fixable finding, and does
not touch a file it has nothing to fix.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import fuzz_main

NAMES = ["a.py", "a.js", "a.rs", "a.go", "a.c", "a.md", "a.txt", "a.json", "Makefile", "noext"]
_SCRATCH = Path(tempfile.mkdtemp(prefix="decloak-fuzz-lint-"))


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def TestOneInput(data: bytes) -> None:
    from decloak.lint.files import Discovered
    from decloak.lint.run import lint_file

    if not data:
        return
    path = _SCRATCH / NAMES[data[0] % len(NAMES)]
    body = data[1:]
    path.write_bytes(body)
    item = Discovered(path.name, str(path))
    res = lint_file(item)
    if res.skipped is not None:
        assert "\n" not in res.skipped
        try:
            body.decode("utf-8")
        except UnicodeDecodeError:
            return
        assert b"\0" in body[:8192], f"valid UTF-8 skipped: {res.skipped}"
        return
    text = body.decode("utf-8")
    n = len(text)
    for f in res.findings:
        assert 0 <= f.start <= f.end <= n, (f.start, f.end, n)
        assert (f.line, f.column) == _line_col(text, f.start), (f, _line_col(text, f.start))
        assert "\n" not in f.message
        for a, b in f.fix:
            assert f.start <= a <= b <= max(f.end, b) <= n
    fixed = lint_file(item, fix=True)
    after = path.read_bytes()
    if not fixed.fixed:
        assert after == body, "--fix changed a file it had nothing to fix"
        return
    new_text = after.decode("utf-8")
    assert all(not f.fix for f in fixed.findings), "a fixable finding survived --fix"
    again = lint_file(item, fix=True)
    assert not again.fixed and path.read_bytes() == after, "--fix is not idempotent"
    assert len(new_text) < n


if __name__ == "__main__":
    fuzz_main(TestOneInput, "decloak.lint.run", "decloak.lint.check", "decloak.lint.lexer")
