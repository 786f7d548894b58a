"""Fuzz the ``decloak`` command in-process: ``decloak.cli.main(argv)`` with fuzzed input and options.

The first byte picks a command line from :data:`COMMANDS`; the input is sent on
standard input, and bytes after a ``\\xff\\xfe\\xfd`` marker become extra arguments
(split on NUL).  Invariants: a documented exit code (0, 1, 2; never 3, never a
traceback), one line on stderr for an error; ``clean`` writes exactly the library's
output; invalid UTF-8 is refused naming the byte offset Python's decoder names.

Arguments are kept inside a scratch folder (no ``/`` or ``..``) and commands that
start servers or write elsewhere (``serve``, ``corpus``, ``dedup``, ``index add``)
are not reachable, nor ``lint --fix`` and ``--jobs`` (no option starting with ``-f``,
``-j`` or ``-w``): fuzzing must never touch anything but its own files.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import check_cli_result, fuzz_main, run_cli

COMMANDS: list[list[str]] = [
    ["clean"],
    ["clean", "-"],
    ["clean", "--errors", "replace"],
    ["clean", "-p", "strict", "--stats"],
    ["scan"],
    ["scan", "--json"],
    ["scan", "--jsonl", "-p", "report"],
    ["scan", "--fail-on-findings", "--color"],
    ["explain", "-"],
    ["explain", "--json", "--all", "-"],
    ["scan", "input.txt"],
    ["lint", "input.txt"],
    ["lint", "--format", "json", "input.txt"],
]
MARK = b"\xff\xfe\xfd"
SAFE_COMMANDS = {"clean", "scan", "explain", "lint"}

_SCRATCH = tempfile.mkdtemp(prefix="decloak-fuzz-cli-")


def _safe(arg: str) -> bool:
    return "/" not in arg and ".." not in arg and not arg.startswith("~") and "\x00" not in arg


def TestOneInput(data: bytes) -> None:
    import decloak

    if not data:
        return
    argv = list(COMMANDS[data[0] % len(COMMANDS)])
    body = data[1:]
    extra: list[str] = []
    if MARK in body:
        body, tail = body.split(MARK, 1)
        extra = [a for a in tail.decode("utf-8", "replace").split("\x00") if a][:6]
        if not all(map(_safe, extra)) or any(a.lstrip("-")[:1] in {"f", "j", "w"} for a in extra):
            return
    argv += extra
    os.chdir(_SCRATCH)
    Path("input.txt").write_bytes(body)
    code, out, err = run_cli(argv, stdin=body)
    check_cli_result(argv, code, err)
    if extra:
        return
    try:
        text: str | None = body.decode("utf-8")
    except UnicodeDecodeError as e:
        text = None
        bad_at = e.start
    wide = body[:2] in (b"\xff\xfe", b"\xfe\xff") or body[:4] == b"\x00\x00\xfe\xff"
    strict = argv[0] in {"clean", "scan", "explain"} and "replace" not in argv
    if strict and not wide and text is None:
        assert code == 2 and f"byte offset {bad_at} " in err, (argv, err)
        assert out == b"" or argv[0] == "clean"
    if argv[0] == "clean" and text is not None and not wide and len(argv) <= 2:
        assert code == 0, err
        assert out == decloak.clean(text).text.encode("utf-8")


if __name__ == "__main__":
    fuzz_main(
        TestOneInput,
        "decloak.cli",
        "decloak.stream",
        "decloak.textio",
        "decloak.lint.cli",
        "decloak.lint.check",
    )
