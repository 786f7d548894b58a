"""``decloak corpus`` in a real subprocess: outputs, stats, progress, one-line errors, kill + resume."""

from __future__ import annotations

import gzip
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from _corpus_builders import docs, make_corpus, output_ids, read_jsonl, tree_bytes, write_jsonl
from conftest import run_cli

from decloak.corpus import run_corpus
from decloak.corpus.formats import supported

pytest.importorskip("pyarrow")

PROGRESS = re.compile(
    r"^decloak corpus: \d+/\d+ shards, [\d,]+ docs \([\d,]+ changed, [\d,]+ dropped, "
    r"[\d,]+ rejected\), [\d.,]+ MB, [\d,]+ docs/s, [\d.,]+ MB/s, [\d,]+ s$"
)
SUMMARY = re.compile(
    r"^decloak corpus: \d+ shards?( \(\d+ resumed\))?, [\d,]+ documents?: [\d,]+ changed, "
    r"[\d,]+ suspicious, [\d,]+ dropped, [\d,]+ rejected; [\d,]+ docs/s, [\d.,]+ MB/s; "
    r"stats in .+/stats\.json$"
)


def test_run_writes_outputs_stats_and_progress(tmp_path: Path) -> None:
    expected = make_corpus(tmp_path / "in")
    out = tmp_path / "out"
    r = run_cli(
        "corpus",
        str(tmp_path / "in"),
        "-o",
        str(out),
        "--workers",
        "2",
        "--progress-interval",
        "0.05",
    )
    assert r.code == 0, r.err
    assert r.out == b""
    lines = r.err.splitlines()
    assert lines and SUMMARY.match(lines[-1]), r.err
    progress = lines[:-1]
    assert progress and all(PROGRESS.match(line) for line in progress), r.err
    stats = json.loads((out / "stats.json").read_text())
    assert stats["complete"] is True and stats["error"] is None
    assert stats["documents"] == sum(len(v) for v in expected.values())
    assert stats["written"] == stats["documents"] and stats["rejected"] == 6
    assert stats["changed"] == stats["suspicious"] > 0
    assert set(stats["findings"]) == {"homoglyph", "invisible", "tag-payload"}
    assert stats["shards_total"] == stats["shards_done"] == 6 and stats["shards_resumed"] == 0
    assert stats["seconds"] > 0 and stats["docs_per_second"] > 0 and stats["mb_per_second"] > 0
    assert stats["bytes"] > 0 and stats["input_bytes"] > stats["bytes"] / 10
    assert stats["engine"] == "local" and stats["workers"] == 2
    assert stats["settings"]["mode"] == "fix" and stats["settings"]["text_key"] == "text"
    per = {s["shard"]: s for s in stats["shards"]}
    assert sorted(per) == sorted(expected)
    assert per["a.jsonl"]["documents"] == 30 and per["a.jsonl"]["rejected"] == 2
    assert per["a.jsonl"]["rejects_file"] == "rejects/a.jsonl"
    assert per["crawl/w.warc.gz"]["output"] == "crawl/w.jsonl.gz"
    assert per["crawl/w.warc.gz"]["skipped"] == 9  # requests and the image response
    assert sum(s["documents"] for s in stats["shards"]) == stats["documents"]
    assert len(output_ids(out)) == 6
    markers = sorted(
        p.relative_to(out / ".decloak/done").as_posix()
        for p in out.rglob("*.json")
        if ".decloak/done" in p.as_posix()
    )
    assert markers == [
        "a.json",
        "crawl/w.json",
        "crawl/x.json",
        "p.json",
        "sub/b.json",
        "sub/deeper/c.json",
    ]


def test_modes_and_keep_original(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in/a.jsonl", docs(16))
    r = run_cli(
        "corpus", str(src), "-o", str(tmp_path / "drop"), "--mode", "drop", "-q", "--workers", "1"
    )
    assert r.code == 0 and r.err == ""
    kept, dropped = (
        read_jsonl(tmp_path / "drop/a.jsonl"),
        read_jsonl(tmp_path / "drop/dropped/a.jsonl"),
    )
    assert len(kept) + len(dropped) == 16 and len(dropped) == 6
    stats = json.loads((tmp_path / "drop/stats.json").read_text())
    assert stats["dropped"] == 6 and stats["written"] == 10

    r = run_cli(
        "corpus",
        str(src),
        "-o",
        str(tmp_path / "ann"),
        "--mode",
        "annotate",
        "--keep-original",
        "--format",
        "parquet",
        "-q",
        "--workers",
        "1",
    )
    assert r.code == 0, r.err
    import pyarrow.parquet as pq

    t = pq.read_table(tmp_path / "ann/a.parquet").to_pylist()
    assert [row["text"] for row in t] == [d["text"] for d in docs(16)]
    assert [row["decloak_original"] for row in t] == [d["text"] for d in docs(16)]


def test_dask_engine_with_its_own_cluster_matches_local(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    make_corpus(tmp_path / "in", docs_per_shard=10)
    run_corpus([str(tmp_path / "in")], tmp_path / "local", workers=1)
    r = run_cli(
        "corpus",
        str(tmp_path / "in"),
        "-o",
        str(tmp_path / "dask"),
        "--engine",
        "dask",
        "--workers",
        "2",
        "-q",
    )
    assert r.code == 0, r.err
    assert r.err == ""  # no Dask log noise
    assert tree_bytes(tmp_path / "local") == tree_bytes(tmp_path / "dask")
    assert json.loads((tmp_path / "dask/stats.json").read_text())["engine"] == "dask"


# --- one-line errors ---------------------------------------------------------------------


def error_of(*args: str, cwd: Path) -> tuple[int, str]:
    r = run_cli("corpus", *args, cwd=cwd)
    return r.code, r.err


def test_missing_text_field_error(tmp_path: Path) -> None:
    write_jsonl(tmp_path / "in/a.jsonl", [{"id": 1, "content": "hello"}] * 3)
    code, err = error_of("in/a.jsonl", "-o", "out", "-q", "--workers", "1", cwd=tmp_path)
    assert (code, err) == (
        2,
        "decloak: error: in/a.jsonl: no record has the text field 'text' "
        "(fields seen: id, content); name the right one with --text-key\n",
    )
    code, err = error_of(
        "in/a.jsonl", "-o", "out2", "-q", "--text-key", "content", "--workers", "1", cwd=tmp_path
    )
    assert (code, err) == (0, "")


def test_usage_errors_are_one_line(tmp_path: Path) -> None:
    write_jsonl(tmp_path / "in/a.jsonl", docs(2))
    (tmp_path / "notes.txt").write_text("x")
    cases = [
        (("nope.jsonl", "-o", "out"), "decloak: error: nope.jsonl: no such file or directory\n"),
        (
            ("notes.txt", "-o", "out"),
            f"decloak: error: notes.txt: unsupported shard type (expected {supported()})\n",
        ),
        (
            ("'in/*.parquet'".strip("'"), "-o", "out"),
            "decloak: error: in/*.parquet: no shard matches this pattern\n",
        ),
        (
            ("in", "-o", "out", "--scheduler", "tcp://127.0.0.1:1"),
            "decloak: error: --scheduler needs --engine dask\n",
        ),
        (
            ("in", "-o", "out", "--workers", "0"),
            "decloak: error: Invalid value for '--workers': 0 is not in the range x>=1.\n",
        ),
        (("in",), "decloak: error: Missing option '-o' / '--output'.\n"),
        (
            ("in", "-o", "out", "--mode", "zap"),
            "decloak: error: Invalid value for '--mode': 'zap' is not one of 'fix', 'annotate', 'drop'.\n",
        ),
    ]
    for args, expected in cases:
        code, err = error_of(*args, cwd=tmp_path)
        assert (code, err) == (2, expected), args


def test_existing_run_needs_resume_and_same_settings(tmp_path: Path) -> None:
    write_jsonl(tmp_path / "in/a.jsonl", docs(4))
    write_jsonl(tmp_path / "in/b.jsonl", docs(4))
    assert error_of("in", "-o", "out", "-q", "--workers", "1", cwd=tmp_path) == (0, "")
    code, err = error_of("in", "-o", "out", "-q", cwd=tmp_path)
    assert (code, err) == (
        2,
        "decloak: error: out: holds an earlier run (2 shards done); pass --resume to continue "
        "it, or choose an empty folder\n",
    )
    code, err = error_of("in", "-o", "out", "-q", "--resume", "--mode", "annotate", cwd=tmp_path)
    assert (code, err) == (
        2,
        'decloak: error: out: the earlier run used other settings (mode was "fix"); resume with '
        "the same options, or choose an empty folder\n",
    )
    r = run_cli("corpus", "in", "-o", "out", "--resume", "--workers", "1", cwd=tmp_path)
    assert r.code == 0 and "2 shards (2 resumed)" in r.err
    stats = json.loads((tmp_path / "out/stats.json").read_text())
    assert stats["shards_resumed"] == 2 and stats["documents"] == 8 and stats["complete"]


def test_truncated_shard_fails_alone_and_resume_finishes(tmp_path: Path) -> None:
    write_jsonl(tmp_path / "in/a.jsonl", docs(5))
    write_jsonl(tmp_path / "in/b.jsonl.zst", docs(5))
    full = gzip.compress(b"".join(json.dumps(d).encode() + b"\n" for d in docs(300)), mtime=0)
    (tmp_path / "in/z.jsonl.gz").write_bytes(full[: len(full) // 2])
    code, err = error_of("in", "-o", "out", "-q", "--workers", "1", cwd=tmp_path)
    assert (code, err) == (
        2,
        "decloak: error: in/z.jsonl.gz: truncated file: Compressed file ended before the "
        "end-of-stream marker was reached\n",
    )
    out = tmp_path / "out"
    assert read_jsonl(out / "a.jsonl") and read_jsonl(out / "b.jsonl.zst")  # others kept
    assert not (out / "z.jsonl.gz").exists()
    stats = json.loads((out / "stats.json").read_text())
    assert stats["complete"] is False and stats["error"].startswith("in/z.jsonl.gz: truncated")
    assert stats["shards_done"] == 2

    (tmp_path / "in/z.jsonl.gz").write_bytes(full)  # the shard is repaired
    r = run_cli("corpus", "in", "-o", "out", "--resume", "--workers", "1", cwd=tmp_path)
    assert r.code == 0, r.err
    assert "3 shards (2 resumed)" in r.err.splitlines()[-1]
    assert len(read_jsonl(out / "z.jsonl.gz")) == 300


# --- kill -9 and resume ------------------------------------------------------------------

N_SHARDS = 40
DOCS_PER_SHARD = 300


def test_sigkill_then_resume_is_byte_identical(tmp_path: Path) -> None:
    src = tmp_path / "in"
    for i in range(N_SHARDS):
        name = f"s{i:02d}.jsonl.gz" if i % 3 == 0 else f"s{i:02d}.jsonl"
        write_jsonl(
            src / name,
            docs(DOCS_PER_SHARD, prefix=f"s{i:02d}", seed=i),
            extra_lines=[b"{oops\n"] if i % 4 == 0 else [],
        )
    reference = tmp_path / "reference"
    run_corpus([str(src)], reference, workers=2)

    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "decloak", "corpus", str(src), "-o", str(out), "--workers", "2"]
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, start_new_session=True
    )
    done = out / ".decloak" / "done"
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if done.is_dir() and len(list(done.glob("*.json"))) >= 4:
                break
            time.sleep(0.01)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the whole run: parent and workers, like a crash
        proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the run ended before it could be killed"
    finished = len(list(done.glob("*.json")))
    assert 4 <= finished < N_SHARDS, finished

    r = run_cli("corpus", str(src), "-o", str(out), "--resume", "--workers", "2")
    assert r.code == 0, r.err
    assert f"{N_SHARDS} shards ({finished} resumed)" in r.err.splitlines()[-1]
    assert not list(out.rglob("*.decloak-tmp"))
    assert tree_bytes(out) == tree_bytes(reference)
    ids = output_ids(out)
    every = [i for shard in ids.values() for i in shard]
    assert len(every) == len(set(every)) == N_SHARDS * DOCS_PER_SHARD
    stats = json.loads((out / "stats.json").read_text())
    assert stats["documents"] == N_SHARDS * DOCS_PER_SHARD and stats["complete"]
    assert stats["rejected"] == N_SHARDS // 4 and stats["shards_resumed"] == finished


def test_help_is_fast_and_lists_corpus(tmp_path: Path) -> None:
    code = (
        "import sys, decloak.cli; "
        "heavy = ('pyarrow', 'dask', 'distributed', 'warcio', 'zstandard', 'tqdm', 'pandas'); "
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    r = run_cli("--help")
    assert r.code == 0 and "corpus" in r.text
    r = run_cli("corpus", "--help")
    assert r.code == 0 and "--resume" in r.text and "--scheduler" in r.text
