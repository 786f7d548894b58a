"""Fault injection: SIGKILL at random points, a full disk, a read-only folder, two writers.

Every command that writes files must either finish or leave nothing that looks
finished: a killed run resumes to the bytes of an uninterrupted one (nothing
lost, nothing doubled); a full disk or a read-only folder is one line on stderr
with exit 2, and no truncated output is left under its final name.

A full disk is a real tmpfs of a few kilobytes, mounted by the test when it runs
as root (as CI does); elsewhere the child gets ``RLIMIT_FSIZE`` instead, which
makes writes past the limit fail with ``EFBIG``.  A read-only folder is a tmpfs
remounted read-only (root ignores permission bits), else a ``chmod 555`` folder.
Kill points are drawn from a seeded generator (``DECLOAK_FAULT_SEED``) and
printed in every assertion message, so a failure can be replayed.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import resource
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from _corpus_builders import docs, output_ids, tree_bytes, write_jsonl

pytest.importorskip("pyarrow")

SEED = int(os.environ.get("DECLOAK_FAULT_SEED", "8"))
ENV = dict(os.environ, PYTHONIOENCODING="utf-8", NO_COLOR="1")
ATTACK = "Please confirm your pаssword at the bаnk"  # Cyrillic а


def run(args: list[str], cwd: Path | None = None, fsize: int | None = None) -> tuple[int, str]:
    """``python -m decloak ARGS``; (exit code, stderr).  ``fsize`` caps file sizes."""

    def limit() -> None:
        if fsize is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of a kill
            resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))

    proc = subprocess.run(
        [sys.executable, "-m", "decloak", *args],
        capture_output=True,
        cwd=cwd,
        env=ENV,
        timeout=300,
        check=False,
        preexec_fn=limit if fsize is not None else None,
    )
    return proc.returncode, proc.stderr.decode("utf-8", "replace")


def assert_one_line_error(code: int, err: str, *needles: str) -> None:
    assert code == 2, (code, err)
    assert err.count("\n") == 1 and err.startswith("decloak: error: "), err
    assert "Traceback" not in err and "internal error" not in err, err
    for n in needles:
        assert n in err, (n, err)


# --- a small full disk and a read-only folder ------------------------------------------------


@contextlib.contextmanager
def tmpfs(path: Path, size: int, *, read_only: bool = False) -> Iterator[bool]:
    """Mount a tmpfs of ``size`` bytes on ``path``; yields False when that is not possible."""
    path.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        yield False
        return
    opts = f"size={size},mode=0777"
    r = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", opts, "tmpfs", str(path)], capture_output=True, check=False
    )
    if r.returncode != 0:
        yield False
        return
    try:
        if read_only:
            subprocess.run(["mount", "-o", "remount,ro", str(path)], check=True)
        yield True
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def remount(path: Path, size: int) -> None:
    subprocess.run(["mount", "-o", f"remount,size={size}", str(path)], check=True)


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[tuple[Path, int | None]]:
    """(folder with ~96 KiB free, RLIMIT_FSIZE to use instead, or None)."""
    mnt = tmp_path / "small-disk"
    with tmpfs(mnt, 96 * 1024) as mounted:
        yield mnt, (None if mounted else 96 * 1024)


@pytest.fixture
def read_only(tmp_path: Path) -> Iterator[Path]:
    mnt = tmp_path / "read-only"
    with tmpfs(mnt, 1 << 20, read_only=True) as mounted:
        if not mounted:
            mnt.chmod(0o555)
            if os.access(mnt, os.W_OK):
                pytest.skip("cannot make a read-only folder here")
        yield mnt
        if not mounted:
            mnt.chmod(0o755)


def fill(path: Path) -> None:
    """Fill the disk holding ``path`` to the last byte."""
    with path.open("wb", buffering=0) as fh:
        for size in (4096, 512, 1):
            with contextlib.suppress(OSError):
                while True:
                    fh.write(b"\0" * size)


def big_text(tmp_path: Path) -> Path:
    p = tmp_path / "big.txt"
    p.write_text((f"{ATTACK}, and zero\u200bwidth here.\n") * 6000, encoding="utf-8")
    return p


def files_under(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_clean_on_a_full_disk_leaves_no_truncated_output(
    tmp_path: Path, full_disk: tuple[Path, int | None]
) -> None:
    disk, fsize = full_disk
    src = big_text(tmp_path)
    out = disk / "out.txt"
    code, err = run(["clean", str(src), "-o", str(out)], fsize=fsize)
    assert_one_line_error(code, err, str(out))
    assert files_under(disk) == [], "a truncated output was left behind"


def test_clean_over_an_existing_file_keeps_it_when_the_disk_is_full(
    tmp_path: Path, full_disk: tuple[Path, int | None]
) -> None:
    disk, fsize = full_disk
    out = disk / "out.txt"
    out.write_bytes(b"the previous, complete output\n")
    code, err = run(["clean", str(big_text(tmp_path)), "-o", str(out)], fsize=fsize)
    assert_one_line_error(code, err, str(out))
    assert out.read_bytes() == b"the previous, complete output\n"
    assert files_under(disk) == ["out.txt"]


def test_clean_in_place_is_safe(tmp_path: Path) -> None:
    """``-o`` naming the input: the output replaces it only once complete."""
    p = tmp_path / "a.txt"
    p.write_text(ATTACK + "\n", encoding="utf-8")
    p.chmod(0o640)
    code, err = run(["clean", str(p), "-o", str(p)])
    assert code == 0, err
    assert p.read_text(encoding="utf-8") == ATTACK.replace("а", "a") + "\n"
    assert p.stat().st_mode & 0o777 == 0o640
    assert files_under(tmp_path) == ["a.txt"]


def test_clean_into_a_read_only_folder(tmp_path: Path, read_only: Path) -> None:
    out = read_only / "out.txt"
    code, err = run(["clean", str(big_text(tmp_path)), "-o", str(out)])
    assert_one_line_error(code, err, str(out))


def test_clean_to_dev_null_writes_in_place(tmp_path: Path) -> None:
    code, err = run(["clean", str(big_text(tmp_path)), "-o", os.devnull])
    assert code == 0, err
    assert Path(os.devnull).is_char_device()


def _corpus_input(root: Path, shards: int, per_shard: int) -> Path:
    src = root / "in"
    for i in range(shards):
        name = f"s{i:02d}.jsonl.gz" if i % 3 == 0 else f"s{i:02d}.jsonl"
        write_jsonl(
            src / name,
            docs(per_shard, prefix=f"s{i:02d}", seed=i),
            extra_lines=[b"{oops\n"] if i % 4 == 0 else [],
        )
    return src


def _finished_outputs_have_markers(
    out: Path, *, killed: bool = False, reference: Path | None = None
) -> None:
    """Every output shard present has its done-marker: nothing half-written looks complete.

    A killed run may leave temporary files (hidden, ``.decloak-tmp``): nothing can
    remove them at SIGKILL, and the next run does; any other exit must not.  A kill
    between a shard's rename and its marker leaves a complete output without a
    marker (the rename is atomic): it must be byte-identical to the uninterrupted
    run's, and ``--resume`` redoes it.
    """
    done = out / ".decloak" / "done"
    for rel in files_under(out):
        top = rel.split("/")[0]
        if top in (".decloak", "rejects", "dropped", "stats.json"):
            continue
        if rel.endswith(".decloak-tmp"):
            assert killed, f"{rel} left behind"
            continue
        stem = rel.split(".")[0]
        if killed and reference is not None and not (done / f"{stem}.json").exists():
            assert (out / rel).read_bytes() == (reference / rel).read_bytes(), (
                f"{rel} has no done-marker and is not complete"
            )
            continue
        assert (done / f"{stem}.json").exists(), f"{rel} has no done-marker"


def test_corpus_on_a_full_disk_then_resume(
    tmp_path: Path, full_disk: tuple[Path, int | None]
) -> None:
    disk, fsize = full_disk
    src = _corpus_input(tmp_path, 8, 150)
    out = disk / "out"
    code, err = run(["corpus", str(src), "-o", str(out), "--workers", "1", "-q"], fsize=fsize)
    assert_one_line_error(code, err)
    assert "No space left" in err or "too large" in err, err
    _finished_outputs_have_markers(out)
    if fsize is not None:
        return  # the limit stays with the process: no bigger disk to resume on
    remount(disk, 64 << 20)
    code, err = run(["corpus", str(src), "-o", str(out), "--resume", "--workers", "1", "-q"])
    assert code == 0, err
    reference = tmp_path / "reference"
    code, err = run(["corpus", str(src), "-o", str(reference), "--workers", "1", "-q"])
    assert code == 0, err
    assert tree_bytes(out) == tree_bytes(reference)


def test_corpus_into_a_read_only_folder(tmp_path: Path, read_only: Path) -> None:
    src = _corpus_input(tmp_path, 2, 10)
    code, err = run(["corpus", str(src), "-o", str(read_only / "out"), "-q"])
    assert_one_line_error(code, err, str(read_only / "out"))


def test_lint_fix_on_a_full_disk_keeps_the_file(
    tmp_path: Path, full_disk: tuple[Path, int | None]
) -> None:
    disk, fsize = full_disk
    p = disk / "a.py"
    body = ("x = 1  # zero\u200bwidth\n" * 2000).encode()  # ~48 KB: a copy does not fit
    p.write_bytes(body)
    if fsize is None:
        fill(disk / "filler")
    code, err = run(["lint", "--fix", str(p)], fsize=fsize if fsize is None else len(body) // 2)
    assert code == 2, (code, err)
    assert "Traceback" not in err and "internal error" not in err, err
    assert [ln for ln in err.splitlines() if ln.startswith("decloak: error:")], err
    assert p.read_bytes() == body
    assert files_under(disk) == (["a.py", "filler"] if fsize is None else ["a.py"])


# --- the provenance index ------------------------------------------------------------------


def index_content(db: Path) -> dict[str, Any]:
    """The index's logical content: per document id, its hashes, signature, buckets, anchors.

    Internal row numbers are left out (a resumed run may number documents
    differently); new-row tables are folded into the main ones.
    """
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        names = dict(con.execute("SELECT doc, id FROM docs"))
        out: dict[str, Any] = {
            i: {"row": row[1:]}
            for i, row in (
                (r[0], r)
                for r in con.execute(
                    "SELECT id, text_hash, key_hash, shingles, chars, shingle_ids, sig FROM docs"
                )
            )
        }
        tables = {t for (t,) in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        for col, group in (
            ("bucket", ("bands", "bands_new")),
            ("anchor", ("anchors", "anchors_new")),
        ):
            for t in group:
                if t not in tables:
                    continue
                for key, doc in con.execute(f"SELECT {col}, doc FROM {t}"):
                    out[names[doc]].setdefault(col, set()).add(key)
        return out
    finally:
        con.close()


def _index_sources(root: Path, n: int) -> Path:
    rng = random.Random(3)
    words = [
        "river",
        "park",
        "bridge",
        "council",
        "harbour",
        "garden",
        "table",
        "summer",
        "evening",
        "city",
    ]
    recs = [
        {"id": f"doc{i}", "text": " ".join(rng.choice(words) for _ in range(120))} for i in range(n)
    ]
    p = root / "sources.jsonl"
    write_jsonl(p, recs)
    return p


def test_index_add_on_a_full_disk(tmp_path: Path, full_disk: tuple[Path, int | None]) -> None:
    disk, fsize = full_disk
    src = _index_sources(tmp_path, 300)
    db = disk / "idx.db"
    code, err = run(["index", "add", "--db", str(db), "-q", str(src)], fsize=fsize)
    assert code in (1, 2), (code, err)  # a runtime error (1) or an input error (2)
    assert err.count("\n") == 1 and "Traceback" not in err and "internal error" not in err, err
    assert str(db) in err
    assert "not a decloak index" not in err, f"a full disk is not a foreign file: {err}"


def _popen(args: list[str], cwd: Path | None = None) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "decloak", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=cwd,
        env=ENV,
        start_new_session=True,
    )


def kill_when(
    proc: subprocess.Popen[bytes], ready: Callable[[], bool], jitter: float, limit: float = 120
) -> bool:
    """SIGKILL the process group once ``ready()`` holds plus ``jitter`` seconds.

    Returns whether the kill hit a running process (False: it had finished).
    """
    deadline = time.monotonic() + limit
    try:
        while time.monotonic() < deadline and proc.poll() is None and not ready():
            time.sleep(0.005)
        time.sleep(jitter)
    finally:
        alive = proc.poll() is None
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    return alive


def test_index_add_killed_at_random_points_then_rerun(tmp_path: Path) -> None:
    src = _index_sources(tmp_path, 1200)
    ref = tmp_path / "ref.db"
    code, err = run(["index", "add", "--db", str(ref), "-q", "--batch-size", "50", str(src)])
    assert code == 0, err
    rng = random.Random(SEED)
    db = tmp_path / "idx.db"
    args = ["index", "add", "--db", str(db), "-q", "--batch-size", "50", str(src)]
    kills = []
    for _ in range(3):
        jitter = rng.uniform(0.0, 1.5)
        kills.append(round(jitter, 3))
        kill_when(_popen(args), lambda: db.exists() and db.stat().st_size > 0, jitter)
    code, err = run(args)
    assert code == 0, (kills, err)
    got, want = index_content(db), index_content(ref)
    assert sorted(got) == sorted(want), f"seed {SEED}, kills {kills}: documents lost or doubled"
    assert got == want, f"seed {SEED}, kills {kills}"


def test_two_processes_add_overlapping_documents(tmp_path: Path) -> None:
    src_a = _index_sources(tmp_path, 600)
    lines = src_a.read_text(encoding="utf-8").splitlines(keepends=True)
    src_b = tmp_path / "b.jsonl"
    src_b.write_text("".join(lines[300:] + lines[:300]), encoding="utf-8")  # same docs, other order
    db = tmp_path / "idx.db"
    ref = tmp_path / "ref.db"
    assert run(["index", "add", "--db", str(ref), "-q", str(src_a)])[0] == 0
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "decloak",
                "index",
                "add",
                "--db",
                str(db),
                "-q",
                "--batch-size",
                "64",
                str(s),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=ENV,
        )
        for s in (src_a, src_b)
    ]
    errs = [p.communicate(timeout=300)[1].decode() for p in procs]
    assert [p.returncode for p in procs] == [0, 0], errs
    assert index_content(db) == index_content(ref)


# --- kill -9 at random points: corpus and dedup --------------------------------------------


def test_corpus_killed_at_random_points_resumes_identical(tmp_path: Path) -> None:
    n_shards, per_shard = 24, 200
    src = _corpus_input(tmp_path, n_shards, per_shard)
    reference = tmp_path / "reference"
    code, err = run(["corpus", str(src), "-o", str(reference), "--workers", "2", "-q"])
    assert code == 0, err
    out = tmp_path / "out"
    done = out / ".decloak" / "done"
    rng = random.Random(SEED)
    kills = []
    for k in range(3):
        target = rng.randint(0, n_shards - 1)
        jitter = rng.uniform(0.0, 0.05)
        kills.append((target, round(jitter, 3)))
        args = ["corpus", str(src), "-o", str(out), "--workers", "2", "-q"]
        if k:
            args.append("--resume")

        def reached(t: int = target) -> bool:
            return done.is_dir() and len(list(done.glob("*.json"))) >= t

        kill_when(_popen(args), reached, jitter)
        _finished_outputs_have_markers(out, killed=True, reference=reference)
    code, err = run(["corpus", str(src), "-o", str(out), "--resume", "--workers", "2", "-q"])
    assert code == 0, (kills, err)
    assert not list(out.rglob("*.decloak-tmp"))
    assert tree_bytes(out) == tree_bytes(reference), f"seed {SEED}, kills {kills}"
    every = [i for ids in output_ids(out).values() for i in ids]
    assert len(every) == len(set(every)) == n_shards * per_shard, f"seed {SEED}, kills {kills}"
    stats = json.loads((out / "stats.json").read_text())
    assert stats["complete"] and stats["documents"] == n_shards * per_shard


def _dedup_input(root: Path, shards: int, per_shard: int) -> list[str]:
    rng = random.Random(5)
    words = ["ka", "ren", "to", "mi", "sa", "lo", "vet", "an", "dor", "pel", "ish", "um", "qua"]
    paths = []
    for s in range(shards):
        recs = []
        for i in range(per_shard):
            text = " ".join(rng.choice(words) * rng.randint(1, 2) for _ in range(80))
            recs.append({"id": f"s{s}-{i}", "text": text})
            if i % 5 == 0:  # a disguised copy in the same shard
                recs.append({"id": f"s{s}-{i}-copy", "text": text.replace("a", "а")})
        p = root / "dd" / f"part{s:02d}.jsonl"
        write_jsonl(p, recs)
        paths.append(str(p))
    return paths


def test_dedup_killed_at_random_points_reruns_identical(tmp_path: Path) -> None:
    paths = _dedup_input(tmp_path, 8, 150)
    reference = tmp_path / "reference"
    code, err = run(["dedup", *paths, "-o", str(reference), "--workers", "2", "-q"])
    assert code == 0, err
    out = tmp_path / "out"
    work = out / ".decloak-dedup"
    rng = random.Random(SEED)
    kills = []
    for _ in range(3):
        target = rng.randint(0, len(paths))
        jitter = rng.uniform(0.0, 0.3)
        kills.append((target, round(jitter, 3)))

        def reached(t: int = target) -> bool:
            return work.is_dir() and len(list(work.glob("map-*.parquet"))) >= t

        kill_when(
            _popen(["dedup", *paths, "-o", str(out), "--workers", "2", "-q"]), reached, jitter
        )
    code, err = run(["dedup", *paths, "-o", str(out), "--workers", "2", "-q"])
    assert code == 0, (kills, err)
    got = {k: v for k, v in tree_bytes(out).items() if not k.startswith(".decloak-dedup/")}
    want = {k: v for k, v in tree_bytes(reference).items() if not k.startswith(".decloak-dedup/")}
    assert sorted(got) == sorted(want), (
        f"seed {SEED}, kills {kills}: {sorted(set(got) ^ set(want))}"
    )
    assert got == want, f"seed {SEED}, kills {kills}"


def test_dedup_on_a_full_disk(tmp_path: Path, full_disk: tuple[Path, int | None]) -> None:
    disk, fsize = full_disk
    paths = _dedup_input(tmp_path, 2, 200)
    out = disk / "out"
    code, err = run(["dedup", *paths, "-o", str(out), "--workers", "1", "-q"], fsize=fsize)
    assert_one_line_error(code, err)
    leftovers = (
        [f for f in files_under(out) if ".tmp" in f or f.endswith(".decloak-tmp")]
        if out.exists()
        else []
    )
    assert leftovers == [], leftovers


def test_clean_through_a_symlink_keeps_the_link(tmp_path: Path) -> None:
    """The atomic rename replaces the link's target, not the link."""
    target = tmp_path / "real.txt"
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    src = tmp_path / "in.txt"
    src.write_text("c\u0430rd\n", encoding="utf-8")
    code, err = run(["clean", str(src), "-o", str(link)])
    assert code == 0, err
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == "card\n"
