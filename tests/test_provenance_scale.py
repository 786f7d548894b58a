"""Provenance past one process: ``decloak match -o`` over shards, ``index add --engine dask``.

The same bytes on every engine and worker count (a real Dask ``LocalCluster`` on
loopback), ``kill -9`` then ``--resume`` with no query lost or repeated, and the
index never written by the matching workers.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from _corpus_builders import read_jsonl, tree_bytes, write_jsonl, write_parquet, write_warc
from conftest import run_cli

from decloak.provenance.batch import run_match
from decloak.provenance.index import ProvenanceIndex
from decloak.provenance.match import match_text

pytest.importorskip("rensa")
pytest.importorskip("pyarrow")

CYRILLIC_A = "\N{CYRILLIC SMALL LETTER A}"
N_SOURCES = 120


def vocabulary(rng: random.Random) -> list[str]:
    letters = "abcdefghijklmnoprstuvw"
    return ["".join(rng.choice(letters) for _ in range(rng.randint(3, 9))) for _ in range(900)]


def sources(n: int = N_SOURCES, seed: int = 3) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    words = vocabulary(rng)
    return [
        (f"src-{i:03d}", " ".join(rng.choices(words, k=rng.randint(80, 160)))) for i in range(n)
    ]


def queries(n: int, seed: int, srcs: list[tuple[str, str]]) -> list[dict[str, Any]]:
    """Disguised copies, excerpts and unrelated texts, with their expected source."""
    rng = random.Random(seed)
    words = vocabulary(random.Random(seed + 1000))
    out = []
    for i in range(n):
        ident, text = srcs[rng.randrange(len(srcs))]
        kind = i % 3
        if kind == 0:
            half = len(text) // 2
            q = text[:half] + text[half:].replace("a", CYRILLIC_A)
        elif kind == 1:
            ws = text.split()
            q = " ".join(ws[10:50]).replace("e", "\N{CYRILLIC SMALL LETTER IE}")
        else:
            q, ident = " ".join(rng.choices(words, k=60)), ""
        out.append({"id": f"q{seed}-{i}", "text": q, "expect": ident})
    return out


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """One 2-worker LocalCluster on 127.0.0.1 for the module (as the corpus tests do)."""
    pytest.importorskip("distributed")
    from decloak.corpus.engine import start_local_cluster

    cluster = start_local_cluster(2)
    try:
        yield str(cluster.scheduler_address)
    finally:
        cluster.close()


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("index") / "idx.db"
    with ProvenanceIndex.create(db) as idx:
        idx.add(sources())
    return db


def query_shards(root: Path) -> dict[str, list[dict[str, Any]]]:
    """Shards in every format, with malformed records; returns the good queries per shard."""
    srcs = sources()
    shards = {
        "a.jsonl": queries(30, 1, srcs),
        "sub/b.jsonl.gz": queries(30, 2, srcs),
        "c.parquet": queries(30, 3, srcs),
        "crawl/d.warc.gz": queries(12, 4, srcs),
    }
    write_jsonl(
        root / "a.jsonl",
        shards["a.jsonl"],
        extra_lines=[b"{not json\n", b'{"id": "no-text"}\n', b'{"id": "n", "text": 5}\n'],
    )
    write_jsonl(root / "sub/b.jsonl.gz", shards["sub/b.jsonl.gz"])
    write_parquet(root / "c.parquet", shards["c.parquet"])
    write_warc(root / "crawl/d.warc.gz", shards["crawl/d.warc.gz"])
    return shards


def test_match_shards_are_the_same_bytes_on_every_engine(
    tmp_path: Path, index: Path, scheduler: str
) -> None:
    shards = query_shards(tmp_path / "in")
    before = index.read_bytes()
    one = run_match([str(tmp_path / "in")], tmp_path / "one", index, workers=1)
    two = run_match([str(tmp_path / "in")], tmp_path / "two", index, workers=2)
    dask = run_match(
        [str(tmp_path / "in")], tmp_path / "dask", index, engine="dask", scheduler=scheduler
    )
    a = tree_bytes(tmp_path / "one")
    assert a == tree_bytes(tmp_path / "two") == tree_bytes(tmp_path / "dask")
    assert sorted(a) == [
        "a.jsonl",
        "c.jsonl",
        "crawl/d.jsonl.gz",
        "rejects/a.jsonl",
        "sub/b.jsonl.gz",
    ]
    assert index.read_bytes() == before  # the workers only read it

    # every query once, in input order, as `decloak match --json` reports it
    with ProvenanceIndex.open(index) as idx:
        for name, out in (("a.jsonl", "a.jsonl"), ("c.parquet", "c.jsonl")):
            got = read_jsonl(tmp_path / "one" / out)
            assert [g["query"] for g in got] == [q["id"] for q in shards[name]]
            for q, g in zip(shards[name], got, strict=True):
                assert g == match_text(idx, q["text"], query_id=q["id"]).to_dict()
                best = g["matches"][0]["id"] if g["matches"] else ""
                assert best == q["expect"], (q, g)
    warc = read_jsonl(tmp_path / "one/crawl/d.jsonl.gz")
    assert len(warc) == 12 and all(g["query"].startswith("<urn:uuid:") for g in warc)
    rejects = read_jsonl(tmp_path / "one/rejects/a.jsonl")
    assert [(r["line"], r["error"]) for r in rejects] == [
        (31, "invalid JSON: Expecting property name enclosed in double quotes (column 2)"),
        (32, "no 'text' field"),
        (33, "'text' is number, not a string"),
    ]
    for result in (one, two, dask):
        d = result.to_dict()
        assert d["complete"] and d["queries"] == 102 and d["rejected"] == 3
        assert d["matched"] == sum(1 for s in shards.values() for q in s if q["expect"])
    assert dask.to_dict()["engine"] == "dask" and two.to_dict()["workers"] == 2


def test_match_cli_writes_shards_and_a_summary(tmp_path: Path, index: Path) -> None:
    query_shards(tmp_path / "in")
    r = run_cli("match", "--db", str(index), "in", "-o", "out", "--workers", "2", cwd=tmp_path)
    assert r.code == 0, r.err
    assert r.err.splitlines()[-1].startswith("decloak match: 4 shards, 102 queries: ")
    stats = json.loads((tmp_path / "out/stats.json").read_text())
    assert stats["settings"]["step"] == "match" and stats["queries"] == 102
    assert stats["shards"][0]["shard"] == "a.jsonl" and stats["shards"][0]["rejected"] == 3
    # the same folder again without --resume: refused, as decloak corpus does
    r = run_cli("match", "--db", str(index), "in", "-o", "out", cwd=tmp_path)
    assert r.code == 2 and "pass --resume" in r.err
    # decloak corpus cannot resume a match run (or the reverse)
    r = run_cli("corpus", "in", "-o", "out", "--resume", cwd=tmp_path)
    assert r.code == 2 and "another command (match, not clean)" in r.err, r.err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("q.jsonl", "--workers", "2"),
            "--workers: only with -o OUTDIR (matching shards of queries)",
        ),
        (
            ("q.jsonl", "--engine", "dask"),
            "--engine: only with -o OUTDIR (matching shards of queries)",
        ),
        (("q.jsonl", "-o", "out", "--scheduler", "tcp://x:1"), "--scheduler needs --engine dask"),
        (("-", "-o", "out"), "standard input cannot be one"),
        (("qdir",), "qdir: is a directory (match its shards with -o OUTDIR)"),
        (("q.jsonl", "-o", "out", "--db", "nope.db"), "nope.db: no such index"),
    ],
)
def test_match_usage_errors(
    tmp_path: Path, index: Path, args: tuple[str, ...], message: str
) -> None:
    write_jsonl(tmp_path / "q.jsonl", [{"id": "x", "text": "a few words of text here"}])
    (tmp_path / "qdir").mkdir()
    r = run_cli("match", "--db", str(index), *args, cwd=tmp_path)
    assert r.code == 2, r.err
    assert r.err.count("\n") == 1 and message in r.err, r.err


def test_single_file_match_still_prints(tmp_path: Path, index: Path) -> None:
    srcs = sources()
    write_jsonl(tmp_path / "q.jsonl", [{"id": "x", "text": srcs[5][1]}])
    (tmp_path / "q.txt").write_text(srcs[7][1], encoding="utf-8")
    r = run_cli(
        "match", "--db", str(index), "q.jsonl", "q.txt", "--json", "--top", "1", cwd=tmp_path
    )
    assert r.code == 0, r.err
    lines = [json.loads(line) for line in r.out.splitlines()]
    assert [(d["query"], d["matches"][0]["id"]) for d in lines] == [
        ("x", "src-005"),
        ("q.txt", "src-007"),
    ]


# --- kill -9 and --resume ------------------------------------------------------------------

N_SHARDS = 24
QUERIES_PER_SHARD = 60


def test_match_sigkill_then_resume_loses_and_repeats_nothing(tmp_path: Path, index: Path) -> None:
    srcs = sources()
    src = tmp_path / "in"
    expected: list[str] = []
    for i in range(N_SHARDS):
        qs = queries(QUERIES_PER_SHARD, 100 + i, srcs)
        name = f"s{i:02d}.jsonl.gz" if i % 3 == 0 else f"s{i:02d}.jsonl"
        write_jsonl(src / name, qs, extra_lines=[b"{oops\n"] if i % 4 == 0 else [])
        expected += [q["id"] for q in qs]
    reference = tmp_path / "reference"
    run_match([str(src)], reference, index, workers=2)

    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "decloak", "match", "--db", str(index), str(src), "-o", str(out)]
    cmd += ["--workers", "2"]
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, start_new_session=True
    )
    done = out / ".decloak" / "done"
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if done.is_dir() and len(list(done.glob("*.json"))) >= 3:
                break
            time.sleep(0.01)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the whole run: parent and workers, like a crash
        proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the run ended before it could be killed"
    finished = len(list(done.glob("*.json")))
    assert 3 <= finished < N_SHARDS, finished

    r = run_cli("match", "--db", str(index), str(src), "-o", str(out), "--resume", "--workers", "2")
    assert r.code == 0, r.err
    assert f"{N_SHARDS} shards ({finished} resumed)" in r.err.splitlines()[-1]
    assert not list(out.rglob("*.decloak-tmp"))
    assert tree_bytes(out) == tree_bytes(reference)
    got = [
        line["query"]
        for name in sorted(p.name for p in out.glob("s*.jsonl*"))
        for line in read_jsonl(out / name)
    ]
    assert got == expected  # every query once, in order: none dropped, none twice
    stats = json.loads((out / "stats.json").read_text())
    assert stats["queries"] == N_SHARDS * QUERIES_PER_SHARD and stats["complete"]
    assert stats["rejected"] == N_SHARDS // 4 and stats["shards_resumed"] == finished


# --- index add on Dask ---------------------------------------------------------------------


@pytest.mark.parametrize("engine", ["local", "dask"])
def test_run_tasks_in_task_order(engine: str, scheduler: str) -> None:
    from _corpus_builders import slow_first

    from decloak.corpus.engine import run_tasks

    where: dict[str, Any] = {"scheduler": scheduler} if engine == "dask" else {"workers": 2}
    got = [t for t, _ in run_tasks(slow_first, range(8), engine=engine, **where)]
    assert got != list(range(8))  # completion order
    got = list(run_tasks(slow_first, range(8), engine=engine, ordered=True, **where))
    assert got == [(i, i * i) for i in range(8)]


def index_rows(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    conn = sqlite3.connect(db)
    try:
        return {
            t: conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()
            for t in ("docs", "bands", "anchors", "bands_new", "anchors_new")
        }
    finally:
        conn.close()


def test_index_add_on_dask_equals_local(tmp_path: Path, scheduler: str) -> None:
    records = [{"id": ident, "text": text} for ident, text in sources(300, seed=9)]
    records.insert(7, {"id": "src-000", "text": "a changed text for an id seen before " * 5})
    write_jsonl(tmp_path / "docs.jsonl", records)
    local = run_cli("index", "add", "--db", "local.db", "docs.jsonl", "-q", cwd=tmp_path)
    assert local.code == 0, local.err
    dask = run_cli(
        "index",
        "add",
        "--db",
        "dask.db",
        "docs.jsonl",
        "--engine",
        "dask",
        "--scheduler",
        scheduler,
        "--batch-size",
        "64",
        cwd=tmp_path,
    )
    assert dask.code == 0, dask.err
    assert "300 added, 1 updated, 0 unchanged; the index holds 300" in dask.err
    assert index_rows(tmp_path / "local.db") == index_rows(tmp_path / "dask.db")
    # the id given twice with two texts: the first text differs from the one stored
    args = ("docs.jsonl", "--engine", "dask", "--scheduler", scheduler)
    again = run_cli("index", "add", "--db", "dask.db", *args, cwd=tmp_path)
    assert again.code == 0 and "0 added, 1 updated, 300 unchanged" in again.err, again.err


def test_index_add_with_two_local_workers_equals_one(tmp_path: Path) -> None:
    records = [{"id": ident, "text": text} for ident, text in sources(300, seed=11)]
    write_jsonl(tmp_path / "docs.jsonl", records)
    for db, workers in (("one.db", "1"), ("two.db", "2")):
        args = ("docs.jsonl", "--workers", workers, "--batch-size", "50")
        r = run_cli("index", "add", "--db", db, *args, cwd=tmp_path)
        assert r.code == 0, r.err
    assert index_rows(tmp_path / "one.db") == index_rows(tmp_path / "two.db")


def test_match_summary_counts_in_words(tmp_path: Path, index: Path) -> None:
    """One shard of one query says "1 shard, 1 query", as decloak corpus does (issue 15:
    "1 findings")."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in/a.jsonl").write_text('{"id": "q", "text": "hello"}\n', encoding="utf-8")
    r = run_cli("match", "--db", str(index), "in", "-o", "out", cwd=tmp_path)
    assert r.code == 0, r.err
    assert r.err.splitlines()[-1].startswith("decloak match: 1 shard, 1 query: "), r.err
