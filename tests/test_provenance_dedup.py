"""decloak dedup: clusters of disguised copies, identical on the local and Dask engines."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from decloak.provenance.clusters import UnionFind, dedup
from decloak.provenance.disguise import half_swap, lookalike_swap, math_bold, zero_width
from tests.conftest import run_cli

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

SYLLABLES = ("ka", "ren", "to", "mi", "sa", "lo", "vet", "an", "dor", "pel", "ish", "um", "qua")
ATTACKS = (half_swap, lookalike_swap, zero_width, math_bold)


def paragraph(rng: random.Random, words: int) -> str:
    return " ".join(
        "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 3))) for _ in range(words)
    )


@pytest.fixture(scope="module")
def shards(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], dict[str, str]]:
    """Three shards (JSONL, JSONL, Parquet): 60 originals and 20 disguised copies.

    Returns the shard paths and, for each copy, the id of its original.
    """
    root = tmp_path_factory.mktemp("shards")
    rng = random.Random(4)
    docs = [{"id": f"o{i}", "text": paragraph(rng, rng.randint(80, 160))} for i in range(60)]
    copy_of = {}
    for i in range(20):
        src = docs[i * 3]
        attack = ATTACKS[i % len(ATTACKS)]
        docs.append({"id": f"c{i}", "text": attack(src["text"], rng), "n": i})
        copy_of[f"c{i}"] = src["id"]
    rng.shuffle(docs)
    paths = []
    for s in range(3):
        part = docs[s::3]
        if s < 2:
            p = root / f"part{s}.jsonl"
            p.write_text(
                "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in part), encoding="utf-8"
            )
        else:
            p = root / "part2.parquet"
            pq.write_table(
                pa.table({"id": [d["id"] for d in part], "text": [d["text"] for d in part]}), p
            )
        paths.append(str(p))
    return paths, copy_of


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """One LocalCluster (2 single-threaded workers) for every Dask test of the module."""
    pytest.importorskip("distributed")
    from decloak.corpus.engine import start_local_cluster

    cluster = start_local_cluster(2)
    try:
        yield str(cluster.scheduler_address)
    finally:
        cluster.close()


@pytest.fixture(scope="module")
def local_run(
    shards: tuple[list[str], dict[str, str]], tmp_path_factory: pytest.TempPathFactory
) -> Path:
    out = tmp_path_factory.mktemp("local")
    dedup(shards[0], out, engine="local", workers=2)
    return out


def clusters(out: Path) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = pq.read_table(out / "clusters.parquet").to_pylist()
    return rows


def test_copies_cluster_with_their_originals(
    local_run: Path, shards: tuple[list[str], dict[str, str]]
) -> None:
    paths, copy_of = shards
    rows = clusters(local_run)
    assert len(rows) == 80
    assert set(rows[0]) == {"id", "shard", "row", "dup_cluster_id", "kept", "dup_of", "dup_jaccard"}
    by_id = {r["id"]: r for r in rows}
    for copy, orig in copy_of.items():
        assert by_id[copy]["dup_cluster_id"] == by_id[orig]["dup_cluster_id"], copy
    dups = [r for r in rows if not r["kept"]]
    assert len(dups) == 20
    for r in dups:
        assert r["dup_jaccard"] == 1.0  # the keys of the copies equal their originals'
        kept = by_id[r["dup_of"]]
        assert kept["kept"] and kept["dup_of"] is None and kept["dup_jaccard"] is None
        # the kept member is the first in input order (shard order, then row)
        assert (paths.index(kept["shard"]), kept["row"]) < (paths.index(r["shard"]), r["row"])
    singles = [r for r in rows if r["id"].startswith("o") and int(r["id"][1:]) % 3]
    assert all(r["kept"] for r in singles)
    assert len({r["dup_cluster_id"] for r in rows}) == 60


def test_annotated_shards_keep_every_record(
    local_run: Path, shards: tuple[list[str], dict[str, str]]
) -> None:
    paths, _ = shards
    lines = (local_run / "part0.jsonl").read_text(encoding="utf-8").splitlines()
    src = Path(paths[0]).read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(src)
    for out_line, in_line in zip(lines, src, strict=True):
        rec, orig = json.loads(out_line), json.loads(in_line)
        assert {k: rec[k] for k in orig} == orig  # other fields untouched
        assert {"dup_cluster_id", "dup_of", "dup_jaccard"} <= set(rec)
    table = pq.read_table(local_run / "part2.parquet")
    assert table.column_names == ["id", "text", "dup_cluster_id", "dup_of", "dup_jaccard"]


def test_local_and_dask_give_the_same_clusters(
    local_run: Path,
    shards: tuple[list[str], dict[str, str]],
    scheduler: str,
    tmp_path: Path,
) -> None:
    result = dedup(shards[0], tmp_path, engine="dask", scheduler=scheduler)
    assert result.documents == 80 and result.duplicates == 20
    assert clusters(tmp_path) == clusters(local_run)
    for name in ("part0.jsonl", "part1.jsonl"):
        assert (tmp_path / name).read_bytes() == (local_run / name).read_bytes()
    assert pq.read_table(tmp_path / "part2.parquet").equals(
        pq.read_table(local_run / "part2.parquet")
    )


def test_rerun_resumes_from_finished_shards(
    shards: tuple[list[str], dict[str, str]], tmp_path: Path
) -> None:
    dedup(shards[0], tmp_path, workers=1)
    maps = sorted((tmp_path / ".decloak-dedup").glob("map-*.parquet"))
    stamps = [m.stat().st_mtime_ns for m in maps]
    first = clusters(tmp_path)
    dedup(shards[0], tmp_path, workers=1)
    assert [m.stat().st_mtime_ns for m in maps] == stamps  # not fingerprinted again
    assert clusters(tmp_path) == first


def test_cli_dedup_and_errors(shards: tuple[list[str], dict[str, str]], tmp_path: Path) -> None:
    paths, _ = shards
    r = run_cli("dedup", paths[0], paths[2], "-o", str(tmp_path / "o"), "--workers", "1")
    assert r.code == 0, r.err
    assert "duplicate clusters" in r.err
    assert (tmp_path / "o" / "clusters.parquet").exists()
    txt = tmp_path / "a.txt"
    txt.write_text("hello", encoding="utf-8")
    r = run_cli("dedup", str(txt), "-o", str(tmp_path / "o2"))
    assert r.code == 2 and r.err.count("\n") == 1 and "JSONL or Parquet" in r.err


def test_dedup_walks_folders_like_corpus(
    shards: tuple[list[str], dict[str, str]], local_run: Path, tmp_path: Path
) -> None:
    """A folder of shards is walked as ``decloak corpus`` walks it; outputs keep relative names."""
    paths, _ = shards
    root = tmp_path / "in"
    (root / "b").mkdir(parents=True)
    (root / "a.jsonl").write_bytes(Path(paths[0]).read_bytes())  # sorted: a.jsonl, b/..., c...
    (root / "b" / "part1.jsonl").write_bytes(Path(paths[1]).read_bytes())
    (root / "c.parquet").write_bytes(Path(paths[2]).read_bytes())
    (root / "README.md").write_text("not a shard", encoding="utf-8")
    (root / ".hidden.jsonl").write_text("{oops\n", encoding="utf-8")
    out = tmp_path / "out"
    r = run_cli("dedup", str(root), "-o", str(out), "--workers", "1")
    assert r.code == 0, r.err
    assert "80 documents in 3 shards" in r.err
    assert (out / "a.jsonl").read_bytes() == (local_run / "part0.jsonl").read_bytes()
    assert (out / "b" / "part1.jsonl").read_bytes() == (local_run / "part1.jsonl").read_bytes()
    assert (out / "c.parquet").exists() and not (out / "README.md").exists()
    rows = clusters(out)
    assert [r["shard"] for r in rows][:1] == [str(root / "a.jsonl")]
    assert {r["id"]: r["dup_of"] for r in rows} == {
        r["id"]: r["dup_of"] for r in clusters(local_run)
    }
    # the output folder is never read as input, even inside the folder given
    again = run_cli("dedup", str(root), "-o", str(root / "out"), "--workers", "1")
    assert again.code == 0 and "in 3 shards" in again.err, again.err


def test_dedup_sends_bad_lines_to_rejects_as_corpus_does(
    shards: tuple[list[str], dict[str, str]], local_run: Path, tmp_path: Path
) -> None:
    paths, _ = shards
    good = Path(paths[0]).read_bytes().splitlines(keepends=True)
    bad = [b"{not json\n", b'{"id": "x1", "title": "no text field"}\n', b"[1, 2]\n"]
    shard = tmp_path / "part0.jsonl"
    shard.write_bytes(good[0] + bad[0] + b"".join(good[1:5]) + bad[1] + b"".join(good[5:]) + bad[2])
    out = tmp_path / "out"
    r = run_cli("dedup", str(shard), paths[1], paths[2], "-o", str(out), "--workers", "1")
    assert r.code == 0, r.err
    assert "80 documents" in r.err and "3 rejected" in r.err
    rejects = [
        json.loads(line) for line in (out / "rejects" / "part0.jsonl").read_text().splitlines()
    ]
    assert [(x["shard"], x["line"]) for x in rejects] == [
        ("part0.jsonl", 2),
        ("part0.jsonl", 7),
        ("part0.jsonl", len(good) + 3),
    ]
    assert rejects[0]["error"].startswith("invalid JSON") and rejects[0]["raw"] == "{not json"
    assert rejects[1]["error"] == "no 'text' field"
    assert rejects[2]["error"] == "not a JSON object (array)"
    # the good records are deduplicated exactly as without the bad lines
    assert (out / "part0.jsonl").read_bytes() == (local_run / "part0.jsonl").read_bytes()
    by_id = {r["id"]: r["dup_of"] for r in clusters(out)}
    assert by_id == {r["id"]: r["dup_of"] for r in clusters(local_run)}
    # as in corpus: a shard where no record has the text field is an error, not 300 rejects
    (tmp_path / "wrong.jsonl").write_text('{"id": 1, "body": "x"}\n', encoding="utf-8")
    r = run_cli("dedup", str(tmp_path / "wrong.jsonl"), "-o", str(tmp_path / "o2"))
    assert r.code == 2 and r.err.count("\n") == 1 and "no record has the text field" in r.err


def test_dedup_help_explains_every_option() -> None:
    r = run_cli("dedup", "--help")
    assert r.code == 0
    options = r.text.split("Options:\n", 1)[1]
    assert "-o, --output OUTDIR Output folder: the annotated shards" in " ".join(options.split())
    assert "OUTPUT" not in r.text  # the usage and the text name the folder alike
    from decloak.provenance.cli import dedup_cmd

    assert all(p.help for p in dedup_cmd.params if p.param_type_name == "option")


def test_union_find_roots_are_smallest() -> None:
    uf = UnionFind(6)
    uf.union(4, 2)
    uf.union(5, 4)
    uf.union(3, 1)
    assert [uf.find(i) for i in range(6)] == [0, 1, 2, 1, 2, 2]
