"""Shared pieces of the fuzz harnesses: seeds from the evaluation data, text decoding, invariants.

Every harness is a plain module with a ``TestOneInput(data: bytes)`` function, so the
same code runs under atheris (coverage-guided, ``fuzz/run.py``) and from pytest
(``tests/test_hardening.py`` drives the same invariants with hypothesis and keeps
every crash the campaign found as a named regression case).
An invariant violation is an ``AssertionError``: atheris then saves the input as a
crash file, exactly as for an unexpected exception.
"""

from __future__ import annotations

import io
import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL_DATA = ROOT / "eval" / "data"
WORK = Path(os.environ.get("DECLOAK_FUZZ_WORK", Path(__file__).resolve().parent / ".work"))

# The documented exit codes of the CLI (src/decloak/cli.py): anything else is a bug.
CLI_EXIT_CODES = {0, 1, 2}
"""0 ok, 1 findings, 2 usage or input error; 3 (internal error) is what fuzzing hunts."""


@cache
def eval_texts(name: str = "negative.jsonl", limit: int | None = None) -> tuple[str, ...]:
    """The ``input`` texts of an evaluation file (legitimate texts: ``negative.jsonl``)."""
    path = EVAL_DATA / name
    if not path.exists():
        return ()
    out: list[str] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                out.append(json.loads(line)["input"])
            if limit is not None and len(out) >= limit:
                break
    return tuple(out)


@cache
def legitimate_set() -> frozenset[str]:
    """Legitimate texts: cleaning any of them must give it back byte-identical."""
    return frozenset(eval_texts("negative.jsonl"))


def text_seeds(limit: int = 400) -> list[bytes]:
    """Seed inputs for the text targets: legitimate texts and attacks, UTF-8 encoded.

    A leading byte picks the decoding of :func:`decode_text` (0: plain UTF-8), so the
    seeds start as the real texts and the fuzzer mutates from there.
    """
    neg = eval_texts("negative.jsonl")
    atk = eval_texts("attacks.jsonl")
    step_n = max(1, len(neg) // (limit // 2 or 1))
    step_a = max(1, len(atk) // (limit // 2 or 1))
    picked = list(neg[::step_n]) + list(atk[::step_a])
    return [b"\x00" + t.encode("utf-8") for t in picked]


def decode_text(data: bytes) -> str:
    """Turn fuzzer bytes into a ``str`` in one of three ways chosen by the first byte.

    0: UTF-8 with U+FFFD for bad bytes (keeps seeds readable); 1: UTF-8 with lone
    surrogates let through (``str`` can hold them; decloak must cope); 2: every three
    bytes one code point anywhere in U+0000..U+10FFFF (reaches astral planes: tags,
    variation selectors supplement, mathematical letters).
    """
    if not data:
        return ""
    mode, body = data[0] % 3, data[1:]
    if mode == 0:
        return body.decode("utf-8", "replace")
    if mode == 1:
        return (
            body.decode("utf-8", "surrogatepass")
            if _decodes(body)
            else body.decode("utf-8", "replace")
        )
    cps = [int.from_bytes(body[k : k + 3], "big") % 0x110000 for k in range(0, len(body) - 2, 3)]
    return "".join(map(chr, cps))


def _decodes(b: bytes) -> bool:
    try:
        b.decode("utf-8", "surrogatepass")
    except UnicodeDecodeError:
        return False
    return True


def known_issue(text: str) -> str | None:
    """The open bug an input hits, if any, so that fuzzing goes on to find new ones.

    None are open.  When the campaign finds one that cannot be fixed at once,
    return its name here for the inputs it covers, with a strict ``xfail`` test
    pinning it, and remove the entry when it is fixed.
    """
    del text
    return None


def check_text_invariants(text: str) -> None:
    """The library's contract on one input (raises ``AssertionError`` on a violation).

    - every finding and plan step lies inside the input, in order;
    - ``apply_plan(text, plan) == clean(text).text``;
    - ``clean`` is idempotent;
    - the output is valid UTF-8 (no lone surrogate survives);
    - legitimate text (from ``eval/data/negative.jsonl``) comes back byte-identical;
    - ``explain`` rows point inside the input;
    - ``scan`` agrees with ``clean`` on the findings.
    """
    import decloak

    c = decloak.clean(text)
    out = c.text
    n = len(text)
    assert isinstance(out, str)
    out.encode("utf-8")  # UnicodeEncodeError on a lone surrogate: a real bug
    assert decloak.apply_plan(text, c.plan) == out, "apply_plan differs from clean"
    pos = 0
    for s in c.plan.steps:
        assert pos <= s.start <= s.end <= n, f"plan step {s.start}..{s.end} outside 0..{n}"
        pos = s.end
    for f in c.findings:
        assert 0 <= f.start <= f.end <= n, f"finding {f.start}..{f.end} outside 0..{n}"
        assert text[f.start : f.end] == f.text
    again = decloak.clean(out).text
    if known_issue(text) is None:
        assert again == out, "clean is not idempotent"
    if text in legitimate_set():
        assert out == text, "legitimate text changed"
    r = decloak.scan(text)
    assert 0.0 <= r.score <= 1.0
    assert [(f.start, f.end, f.kind) for f in r.findings] == [
        (f.start, f.end, f.kind) for f in c.findings
    ], "scan and clean disagree"
    # A finding quotes the input, so a report is valid UTF-8 whenever the input is
    # (decoded payloads included: they must never produce a lone surrogate).
    if is_valid_unicode(text):
        json.dumps(r.to_dict(), ensure_ascii=False).encode("utf-8")


def is_valid_unicode(text: str) -> bool:
    """Whether ``text`` encodes to UTF-8 (holds no lone surrogate)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


class _KeptBytes(io.BytesIO):
    """A BytesIO that outlives the TextIOWrapper around it (which closes it when freed)."""

    def close(self) -> None:
        pass


@contextmanager
def captured_cli(stdin: bytes = b"") -> Iterator[tuple[io.BytesIO, io.StringIO]]:
    """Run code with stdin/stdout/stderr swapped for in-memory buffers.

    Yields ``(stdout_bytes, stderr_text)``; the CLI writes bytes to
    ``sys.stdout.buffer`` and its messages to ``sys.stderr``.
    """
    out_b = _KeptBytes()
    err = io.StringIO()
    saved = sys.stdin, sys.stdout, sys.stderr
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    sys.stdout = io.TextIOWrapper(out_b, encoding="utf-8", write_through=True)
    sys.stderr = err
    try:
        yield out_b, err
    finally:
        try:
            sys.stdout.flush()
        finally:
            sys.stdin, sys.stdout, sys.stderr = saved


def run_cli(argv: list[str], stdin: bytes = b"") -> tuple[int, bytes, str]:
    """``decloak.cli.main(argv)`` in-process: ``(exit code, stdout bytes, stderr text)``."""
    from decloak.cli import main

    code: int = 0
    with captured_cli(stdin) as (out, err):
        try:
            main(argv)
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    return code, out.getvalue(), err.getvalue()


def check_stream_invariants(body: bytes, read_size: int) -> None:
    """``clean_stream`` on raw bytes writes exactly ``clean(whole text)`` for valid UTF-8,
    and for invalid UTF-8 raises the same one-line error (same byte offset) as
    decoding the whole input at once.  The stream is read as ``decloak clean`` reads
    it: through :class:`decloak.textio.CheckedReader`, which refuses UTF-16/32 by
    the same first bytes as decoding the whole input does."""
    import decloak
    from decloak.config import get_config
    from decloak.errors import InputError
    from decloak.stream import clean_stream
    from decloak.textio import CheckedReader, decode_bytes

    try:
        expected: str | None = decode_bytes(body, "strict", "x")
        whole_err = None
    except InputError as e:
        expected, whole_err = None, str(e)
    out = io.BytesIO()
    try:
        fin = CheckedReader(io.BytesIO(body), "x")
        clean_stream(fin, out, get_config(None), name="x", read_size=read_size)
    except InputError as e:
        assert whole_err is not None, f"stream refused valid input: {e}"
        assert str(e) == whole_err, (str(e), whole_err)
        assert "\n" not in str(e)
        return
    assert whole_err is None, f"stream accepted what decoding refuses: {whole_err}"
    assert expected is not None
    assert out.getvalue() == decloak.clean(expected).text.encode("utf-8")


# ``decloak clean SRC -o DST`` in a child that reports its own peak resident memory
# (VmHWM) on its last stderr line, whether or not the command succeeded.
_PEAK_CHILD = """
import sys
sys.argv = ["decloak", "clean", sys.argv[1], "-o", sys.argv[2]]
try:
    from decloak.cli import main
    main()
finally:
    status = open("/proc/self/status").read()
    print("peak", int(status.split("VmHWM:")[1].split()[0]) * 1024, file=sys.stderr)
"""


def clean_in_child(
    src: Path, dst: Path, timeout: float | None = None
) -> tuple[int, list[str], int]:
    """Run ``decloak clean SRC -o DST`` in a child: (exit code, stderr lines, peak bytes)."""
    import subprocess

    proc = subprocess.run(
        [sys.executable, "-c", _PEAK_CHILD, str(src), str(dst)],
        capture_output=True,
        timeout=timeout,
        check=False,
    )
    err = proc.stderr.decode(errors="replace").strip().splitlines()
    peak = int(err.pop().split()[1]) if err and err[-1].startswith("peak ") else 0
    return proc.returncode, err, peak


def check_cli_result(argv: list[str], code: int, err: str) -> None:
    """A documented exit code, and on failure exactly one line on stderr, no traceback."""
    assert code in CLI_EXIT_CODES, f"exit {code} for {argv!r}: {err!r}"
    assert "Traceback" not in err, err
    if code == 2:
        lines = err.rstrip("\n").split("\n")
        assert len(lines) == 1, f"{len(lines)} lines on stderr for {argv!r}: {err!r}"
        assert lines[0].startswith(("decloak: error: ", "decloak ")), err


def fuzz_main(test_one_input: Callable[[bytes], None], *instrument: str) -> None:
    """Run a harness under atheris with the named packages instrumented for coverage."""
    import importlib

    import atheris

    # Only decloak's own code is instrumented: instrumenting the standard library too
    # makes every execution several times slower for coverage that is not ours.
    with atheris.instrument_imports(include=["decloak"]):
        for name in ("decloak", *instrument):
            importlib.import_module(name)
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
