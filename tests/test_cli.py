"""The CLI in a real subprocess: exact bytes out, exact one-line errors, exit codes."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

import decloak
from tests.conftest import run_cli

ROOT = Path(__file__).resolve().parent.parent


def test_clean_stdin_to_stdout_exact_bytes() -> None:
    r = run_cli("clean", stdin="Тhe brоwn fox".encode())
    assert (r.code, r.text, r.err) == (0, "The brown fox", "")
    r = run_cli("clean", stdin=b"no newline at end")
    assert r.out == b"no newline at end"
    r = run_cli("clean", stdin=b"two\n\n")
    assert r.out == b"two\n\n"


def test_clean_file_to_output_file(tmp_path: Path) -> None:
    src = tmp_path / "in.txt"
    src.write_text("pass\u200bword\r\nline two\r\n", encoding="utf-8", newline="")
    dst = tmp_path / "out.txt"
    r = run_cli("clean", str(src), "-o", str(dst), "--stats")
    assert r.code == 0
    assert dst.read_bytes() == b"password\r\nline two\r\n"
    assert r.err == "decloak: 21 code points, 1 edit (invisible=1)\n"


def test_invalid_utf8_is_one_line_exit_2() -> None:
    r = run_cli("clean", stdin=b"ok\n\xc3\x28 bad")
    assert r.code == 2
    assert r.err == (
        "decloak: error: <stdin>: invalid UTF-8 at byte offset 3 (0xC3); "
        "use --errors replace to go on\n"
    )
    assert r.out == b""
    r = run_cli("clean", "--errors", "replace", stdin=b"ok\n\xc3\x28 bad")
    assert (r.code, r.text) == (0, "ok\n\ufffd( bad")


def test_scan_invalid_utf8_and_missing_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"abc\xff")
    r = run_cli("scan", str(bad))
    assert (r.code, r.err) == (
        2,
        f"decloak: error: {bad}: invalid UTF-8 at byte offset 3 (0xFF); use --errors replace to go on\n",
    )
    r = run_cli("scan", str(tmp_path / "nope.txt"))
    assert r.code == 2
    assert r.err == f"decloak: error: {tmp_path / 'nope.txt'}: No such file or directory\n"


def test_utf16_input_is_reported() -> None:
    r = run_cli("scan", stdin="hello".encode("utf-16"))
    assert r.code == 2
    assert r.err == (
        "decloak: error: <stdin>: looks like UTF-16LE (byte order mark at offset 0); "
        "decloak reads UTF-8 (convert it first: iconv -f UTF-16 -t UTF-8)\n"
    )


def test_scan_json_matches_library() -> None:
    text = "Pay with your cаrd\u200b now"
    r = run_cli("scan", "--json", stdin=text.encode())
    assert r.code == 0
    obj = json.loads(r.text)
    assert obj["suspicious"] is True
    assert [(f["start"], f["end"], f["kind"]) for f in obj["findings"]] == [
        (15, 16, "homoglyph"),
        (18, 19, "invisible"),
    ]
    lib = decloak.scan(text).to_dict()
    assert obj == json.loads(json.dumps(lib, ensure_ascii=False))
    f0 = obj["findings"][0]
    assert {"start", "end", "kind", "text", "replacement", "explanation"} <= set(f0)


def test_scan_jsonl_and_several_files(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("clean text", encoding="utf-8")
    b.write_text("dirty tеxt", encoding="utf-8")
    r = run_cli("scan", "--jsonl", str(a), str(b))
    lines = [json.loads(x) for x in r.text.splitlines()]
    assert [(x["path"], x["suspicious"]) for x in lines] == [(str(a), False), (str(b), True)]
    r = run_cli("scan", "--json", str(a), str(b))
    assert [x["path"] for x in json.loads(r.text)] == [str(a), str(b)]


def test_fail_on_findings_exit_codes() -> None:
    assert run_cli("scan", "--fail-on-findings", stdin=b"plain").code == 0
    assert run_cli("scan", "--fail-on-findings", stdin="plаin".encode()).code == 1


def test_scan_human_output_names_code_points() -> None:
    r = run_cli("scan", stdin="tеst\u200b".encode())
    assert r.code == 0
    assert "homoglyph" in r.text and "U+0435 CYRILLIC SMALL LETTER IE" in r.text
    assert "<U+200B>" in r.text and "U+200B ZERO WIDTH SPACE" in r.text
    assert "\u200b" not in r.text  # invisibles are shown, never emitted raw


def test_explain_table() -> None:
    r = run_cli("explain", "--all", "--text", "cаt é")
    assert r.code == 0
    lines = r.text.splitlines()
    assert lines[0].split() == ["pos", "code", "script", "verdict", "name"]
    assert lines[1].split() == [
        "1",
        "U+0430",
        "Cyrillic",
        "homoglyph",
        "CYRILLIC",
        "SMALL",
        "LETTER",
        "A",
    ]
    assert lines[2].split()[:4] == ["4", "U+00E9", "Latin", "ok"]
    r = run_cli("explain", "--json", "-", stdin="x\u200by".encode())
    assert json.loads(r.text) == [
        {
            "position": 1,
            "codepoint": "U+200B",
            "name": "ZERO WIDTH SPACE",
            "script": "Common",
            "verdict": "invisible",
        }
    ]


def test_usage_errors_exit_2_one_line() -> None:
    r = run_cli("scan", "--json", "--jsonl", stdin=b"x")
    assert (r.code, r.err) == (2, "decloak: error: --json and --jsonl cannot be used together\n")
    r = run_cli("clean", "--profile", "loose", stdin=b"x")
    assert r.code == 2
    assert r.err.startswith(
        "decloak: error: Invalid value for '--profile' / '-p': 'loose' is not one of"
    )
    assert r.err.count("\n") == 1
    r = run_cli("frobnicate")
    assert (r.code, r.err) == (2, "decloak: error: No such command 'frobnicate'.\n")


def test_version_names_unicode_and_the_kernel() -> None:
    r = run_cli("--version")
    assert r.code == 0
    want = f"decloak {decloak.__version__} (Unicode 18.0.0, {decloak.kernel.describe()})\n"
    assert r.text == want
    assert ("C kernel" in r.text) is decloak.kernel.HAVE_C


def test_binary_input_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    png = tmp_path / "x.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    r = run_cli("clean", str(png))
    assert r.code == 2
    assert r.err == (
        f"decloak: error: {png}: invalid UTF-8 at byte offset 0 (0x89); use --errors replace to go on\n"
    )
    assert "Traceback" not in r.err


# --- explain -------------------------------------------------------------------------------


def test_explain_reads_a_file_or_stdin_and_refuses_what_is_not_one(tmp_path: Path) -> None:
    """A path that is not a file was once taken for the text itself: "nothing to explain",
    exit 0, for a typo.  FILE is a file or "-" (stdin, also the default); --text is text."""
    missing = tmp_path / "missing.txt"
    r = run_cli("explain", str(missing))
    assert (r.code, r.out) == (2, b"")
    assert r.err == (
        f"decloak: error: {missing}: No such file or directory (to explain text itself: --text)\n"
    )
    r = run_cli("explain", str(tmp_path))
    assert (r.code, r.out, r.err) == (2, b"", f"decloak: error: {tmp_path}: Is a directory\n")
    r = run_cli("explain", stdin="x\u200by".encode())
    assert r.code == 0
    assert r.text.splitlines()[1].split()[:4] == ["1", "U+200B", "Common", "invisible"]
    f = tmp_path / "f.txt"
    f.write_text("c\u0430t\n", encoding="utf-8")
    assert run_cli("explain", str(f)).text == run_cli("explain", "--text", "c\u0430t\n").text
    r = run_cli("explain", str(f), "--text", "x")
    assert (r.code, r.err) == (2, "decloak: error: give FILE or --text, not both\n")


def test_explain_all_adds_the_code_points_judged_ok() -> None:
    r = run_cli("explain", "--text", "cаt é")
    assert r.code == 0
    assert [line.split()[:4] for line in r.text.splitlines()[1:]] == [
        ["1", "U+0430", "Cyrillic", "homoglyph"]
    ]
    r = run_cli("explain", "--all", "--text", "cаt é")
    assert [line.split()[:4] for line in r.text.splitlines()[1:]] == [
        ["1", "U+0430", "Cyrillic", "homoglyph"],
        ["4", "U+00E9", "Latin", "ok"],
    ]
    r = run_cli("explain", "--text", "Привет, мир")
    assert (
        r.text == "no disguise: 9 non-ASCII or invisible code points judged ok (--all lists them)\n"
    )
    r = run_cli("explain", "--json", "--text", "é")
    assert json.loads(r.text) == []
    r = run_cli("explain", "--json", "--all", "--text", "é")
    assert [row["verdict"] for row in json.loads(r.text)] == ["ok"]
    r = run_cli("explain", "--text", "plain")
    assert r.text == "only printable ASCII: nothing to explain\n"


def test_explain_help_names_the_columns_in_output_order() -> None:
    help_text = " ".join(run_cli("explain", "--help").text.split())
    listed = help_text.split("Columns: ", 1)[1].split(". ", 1)[0]
    names = [re.sub(r"\s*\(.*?\)", "", c).strip() for c in listed.split(", ")]
    header = run_cli("explain", "--text", "c\u0430t").text.splitlines()[0].split()
    assert names == header == ["pos", "code", "script", "verdict", "name"]


# --- UTF-16 and UTF-32 without a byte order mark --------------------------------------------


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
@pytest.mark.parametrize("command", ["clean", "scan", "explain"])
def test_wide_encodings_without_a_bom_are_refused(codec: str, command: str) -> None:
    """``Hello c\\u0430rd`` in UTF-16LE once came out ``Hello c0rd`` (NULs and a control
    character dropped).  Every command that reads text refuses it in one line."""
    name = codec.upper().replace("-LE", "LE").replace("-BE", "BE")
    r = run_cli(command, stdin="Hello c\u0430rd".encode(codec))
    assert (r.code, r.out) == (2, b"")
    assert r.err == (
        f"decloak: error: <stdin>: looks like {name} without a byte order mark (NUL bytes "
        f"between the letters); decloak reads UTF-8 (convert it first: iconv -f {name} -t UTF-8)\n"
    )


def test_russian_in_utf16_without_a_bom_is_refused_from_a_file(tmp_path: Path) -> None:
    p = tmp_path / "notes.txt"
    p.write_bytes("Привет, мир! Как дела?\n".encode("utf-16-le"))
    r = run_cli("scan", str(p))
    assert r.code == 2
    assert r.err.startswith(f"decloak: error: {p}: looks like UTF-16LE without a byte order mark")


def test_corpus_refuses_a_utf16_jsonl_shard_without_a_bom(tmp_path: Path) -> None:
    shard = tmp_path / "in" / "a.jsonl"
    shard.parent.mkdir()
    shard.write_bytes('{"id": 1, "text": "Hello c\u0430rd"}\n'.encode("utf-16-le"))
    r = run_cli("corpus", str(shard.parent), "-o", str(tmp_path / "out"), "-q")
    assert r.code == 2
    assert r.err == (
        f"decloak: error: {shard}: looks like UTF-16LE without a byte order mark (NUL bytes "
        "between the letters); decloak reads UTF-8 (convert it first: iconv -f UTF-16LE -t UTF-8)\n"
    )


def test_utf8_with_stray_nul_bytes_is_still_read() -> None:
    r = run_cli("clean", stdin=b"a\x00b and c\x00\x00d\n")
    assert (r.code, r.out) == (0, b"ab and cd\n")


# --- a reader that goes away ----------------------------------------------------------------


@pytest.mark.parametrize("command", ["scan", "clean", "explain"])
def test_closed_pipe_ends_quietly_like_coreutils(command: str) -> None:
    """``decloak scan big.txt | head`` once exited 1 (the findings code).  Now, like ``cat``
    or ``grep``, decloak ends by SIGPIPE (a shell shows 141), with nothing on stderr."""
    text = "Pay with your c\u0430rd at the front desk, p\u0430ypal.com/\u200bverify.\n" * 4000
    proc = subprocess.Popen(
        [sys.executable, "-m", "decloak", command],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=dict(os.environ, PYTHONIOENCODING="utf-8", NO_COLOR="1"),
    )
    assert proc.stdin is not None and proc.stdout is not None and proc.stderr is not None
    with proc:
        proc.stdin.write(text.encode())
        proc.stdin.close()
        assert proc.stdout.readline()
        proc.stdout.close()
        err = proc.stderr.read()
        assert proc.wait(timeout=120) == -signal.SIGPIPE
    assert err == b""


# --- make demo ------------------------------------------------------------------------------


def test_demo_ends_by_saying_how_to_run_decloak() -> None:
    """After ``make demo``, ``decloak scan message.txt`` was "command not found"."""
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "demo.py")],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    tail = proc.stdout.rstrip().splitlines()[-3:]
    assert any(". .venv/bin/activate" in line for line in tail), tail
    assert any(".venv/bin/decloak scan" in line for line in tail), tail
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert ". .venv/bin/activate" in readme and ".venv/bin/decloak" in readme
