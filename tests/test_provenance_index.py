"""decloak index add/stats and decloak match, through the CLI in a subprocess."""

from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from decloak.provenance.disguise import excerpt, half_swap, lookalike_swap, zero_width
from decloak.provenance.index import ProvenanceIndex, SettingsMismatchError
from decloak.provenance.match import match_text
from decloak.provenance.minhash import FingerprintConfig
from tests.conftest import run_cli

SYLLABLES = ("ka", "ren", "to", "mi", "sa", "lo", "vet", "an", "dor", "pel", "ish", "um", "qua")


def vocabulary(rng: random.Random, n: int = 600) -> list[str]:
    return sorted(
        {"".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 3))) for _ in range(n)}
    )


def paragraph(rng: random.Random, vocab: list[str], words: int) -> str:
    out = []
    for i in range(words):
        w = rng.choice(vocab)
        out.append(w.capitalize() if i % 12 == 0 else w)
        if i % 12 == 11:
            out[-1] += "."
    return " ".join(out) + "."


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """30 source texts (one per file) and a JSONL of 20 more; all distinct."""
    root = tmp_path_factory.mktemp("corpus")
    rng = random.Random(5)
    vocab = vocabulary(rng)
    (root / "src").mkdir()
    for i in range(30):
        (root / "src" / f"doc{i:02d}.txt").write_text(
            paragraph(rng, vocab, rng.randint(150, 300)), encoding="utf-8"
        )
    with (root / "more.jsonl").open("w", encoding="utf-8") as fh:
        for i in range(20):
            fh.write(json.dumps({"id": f"j{i}", "text": paragraph(rng, vocab, 200)}) + "\n")
    return root


@pytest.fixture(scope="module")
def index(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("index") / "sources.db"
    files = sorted(str(p) for p in (corpus / "src").iterdir())
    r = run_cli("index", "add", "--db", str(db), *files, str(corpus / "more.jsonl"))
    assert r.code == 0, r.err
    assert "50 added" in r.err and "the index holds 50" in r.err
    return db


def one_line_error(r: object, code: int, *needles: str) -> None:
    assert r.code == code, (r.code, r.err)  # type: ignore[attr-defined]
    lines = r.err.strip().splitlines()  # type: ignore[attr-defined]
    assert len(lines) == 1 and lines[0].startswith("decloak: error: "), r.err  # type: ignore[attr-defined]
    for n in needles:
        assert n in lines[0], lines[0]


def test_stats(index: Path) -> None:
    r = run_cli("index", "stats", "--db", str(index), "--json")
    assert r.code == 0, r.err
    st = json.loads(r.out)
    assert st["documents"] == 50 and st["distinct_keys"] == 50
    assert st["band_rows"] == 50 * 16
    assert st["settings"]["shingle_size"] == 5 and st["settings"]["bands"] == 16
    assert {"format_version", "created_by", "rensa", "sqlite"} <= set(st["versions"])
    human = run_cli("index", "stats", "--db", str(index))
    assert "documents  50" in human.text and "shingle_size=5" in human.text


def test_readd_is_idempotent_and_updates_changed_text(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "i.db"
    a, b = corpus / "src" / "doc00.txt", corpus / "src" / "doc01.txt"
    assert run_cli("index", "add", "--db", str(db), str(a), str(b)).code == 0
    again = run_cli("index", "add", "--db", str(db), str(a), str(b))
    assert "0 added, 0 updated, 2 unchanged" in again.err
    # same id, new text: replaced, and matched under the new text only
    with ProvenanceIndex.open(db) as idx:
        idx.add([(str(a), b.read_text(encoding="utf-8") + " extra words here")])
        assert len(idx) == 2
        assert idx.stats().band_rows == 32
        res = match_text(idx, a.read_text(encoding="utf-8"), threshold=0.9)
        assert [m.id for m in res.matches] == []
        res = match_text(idx, b.read_text(encoding="utf-8"), threshold=0.9)
        assert sorted(m.id for m in res.matches) == sorted([str(a), str(b)])


def test_settings_mismatch_is_refused_naming_both(corpus: Path, index: Path) -> None:
    r = run_cli(
        "index",
        "add",
        "--db",
        str(index),
        "--shingle-size",
        "3",
        "--bands",
        "16",
        str(corpus / "src" / "doc00.txt"),
    )
    one_line_error(r, 2, "built with shingle_size=5", "asks for shingle_size=3")
    assert "bands" not in r.err  # equal settings are not named
    same = run_cli(
        "index", "add", "--db", str(index), "--shingle-size", "5", str(corpus / "src" / "doc00.txt")
    )
    assert same.code == 0 and "1 unchanged" in same.err


def test_bad_index_files_give_one_line(corpus: Path, index: Path, tmp_path: Path) -> None:
    q = str(corpus / "src" / "doc00.txt")
    one_line_error(run_cli("match", "--db", str(tmp_path / "missing.db"), q), 2, "no such index")
    one_line_error(run_cli("index", "stats", "--db", str(tmp_path / "missing.db")), 2, "no such")
    assert not (tmp_path / "missing.db").exists()
    one_line_error(run_cli("match", "--db", q, q), 2, "not a decloak index", "not an SQLite")
    one_line_error(run_cli("index", "add", "--db", q, q), 2, "not a decloak index")
    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE t(x)")
    con.commit()
    con.close()
    one_line_error(run_cli("index", "add", "--db", str(other), q), 2, "of something else")
    cut = tmp_path / "cut.db"
    data = index.read_bytes()
    cut.write_bytes(data[: len(data) // 2])
    one_line_error(run_cli("match", "--db", str(cut), q), 2, "damaged index", "truncated")
    # a writer killed during a checkpoint leaves the same picture beside a
    # non-empty write-ahead log, from which SQLite recovers: not judged damaged
    from decloak.provenance.index import _sqlite_header_problem

    assert "truncated" in (_sqlite_header_problem(cut) or "")
    Path(f"{cut}-wal").write_bytes(b"\x37\x7f\x06\x82" + bytes(28))
    assert _sqlite_header_problem(cut) is None
    head = tmp_path / "head.db"
    head.write_bytes(data[:40])
    one_line_error(run_cli("index", "stats", "--db", str(head)), 2, "truncated")


def test_settings_from_another_minhash_version_are_refused(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    with ProvenanceIndex.create(db):
        pass
    con = sqlite3.connect(db)
    settings = json.loads(con.execute("SELECT value FROM meta WHERE name='settings'").fetchone()[0])
    settings["minhash"] = "rensa-rminhash/0"
    con.execute("UPDATE meta SET value=? WHERE name='settings'", (json.dumps(settings),))
    con.commit()
    con.close()
    one_line_error(
        run_cli("index", "stats", "--db", str(db)), 2, "minhash=rensa-rminhash/0", "rebuild"
    )


def test_two_processes_add_at_once(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "shared.db"
    rng = random.Random(9)
    vocab = vocabulary(rng)
    shards = []
    for s in range(2):
        p = tmp_path / f"shard{s}.jsonl"
        with p.open("w", encoding="utf-8") as fh:
            for i in range(1500):
                # ids 11200..11499 appear in both shards with the same text
                ident = i + 1200 * s if i < 1200 else 10_000 + i
                text = paragraph(random.Random(ident), vocab, 60)
                fh.write(json.dumps({"id": str(ident), "text": text}) + "\n")
        shards.append(p)
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
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
                "--batch-size",
                "16",
                str(p),
            ],
            stderr=subprocess.PIPE,
            env=env,
        )
        for p in shards
    ]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err.decode()
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    ids = {r[0] for r in con.execute("SELECT id FROM docs")}
    assert len(ids) == 2700 == con.execute("SELECT COUNT(*) FROM docs").fetchone()[0]
    assert con.execute("SELECT COUNT(*) FROM bands").fetchone()[0] == 2700 * 16
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    con.close()


def test_match_disguised_copies_and_partial_copies(
    corpus: Path, index: Path, tmp_path: Path
) -> None:
    rng = random.Random(2)
    queries = tmp_path / "q.jsonl"
    expected = {}
    with queries.open("w", encoding="utf-8") as fh:
        for i, attack in enumerate([half_swap, lookalike_swap, zero_width]):
            src = corpus / "src" / f"doc{i:02d}.txt"
            fh.write(
                json.dumps({"id": f"q{i}", "text": attack(src.read_text("utf-8"), rng)}) + "\n"
            )
            expected[f"q{i}"] = str(src)
        for i in range(3, 8):  # 60% excerpts, disguised
            src = corpus / "src" / f"doc{i:02d}.txt"
            text = zero_width(half_swap(excerpt(src.read_text("utf-8"), rng)), rng)
            fh.write(json.dumps({"id": f"q{i}", "text": text}) + "\n")
            expected[f"q{i}"] = str(src)
        fh.write(json.dumps({"id": "none", "text": paragraph(rng, vocabulary(rng), 100)}) + "\n")
    r = run_cli("match", "--db", str(index), str(queries), "--json", "--top", "3")
    assert r.code == 0, r.err
    results = [json.loads(line) for line in r.text.splitlines()]
    assert [x["query"] for x in results] == [*expected, "none"]
    for res in results[:-1]:
        best = res["matches"][0]
        assert best["id"] == expected[res["query"]], res
        assert best["containment"] >= 0.95 and best["score"] == best["containment"]
        assert set(best) >= {"id", "score", "containment", "jaccard", "estimate", "via"}
    partial = results[4]["matches"][0]
    assert partial["jaccard"] < 0.7 and "anchors" in partial["via"]
    assert results[-1]["matches"] == []


def test_match_text_file_human_output_and_explain(
    corpus: Path, index: Path, tmp_path: Path
) -> None:
    src = corpus / "src" / "doc07.txt"
    q = tmp_path / "copy.txt"
    q.write_text(half_swap(src.read_text("utf-8")), encoding="utf-8")
    r = run_cli("match", "--db", str(index), str(q), "--explain")
    assert r.code == 0, r.err
    out = r.text
    assert out.startswith(f"{q}: 1 match\n  1. {src}  score 1.000")
    assert "disguise (decloak scan):" in out and "homoglyph" in out
    assert "matched only after folding the key" in out
    r = run_cli("match", "--db", str(index), str(q), "--explain", "--json")
    ex = json.loads(r.out)["explain"]
    assert ex["source"] == str(src) and ex["kinds"]["homoglyph"] > 0
    assert 0 < ex["folded_shingles"] < ex["shared_shingles"]  # the first half is untouched
    assert all("\u0430" in e["text"] for e in ex["examples"])
    assert all("\u0430" not in e["cleaned"] for e in ex["examples"])  # what a reader sees


def test_match_usage_errors(index: Path, corpus: Path) -> None:
    q = str(corpus / "src" / "doc00.txt")
    one_line_error(run_cli("match", "--db", str(index), q, "--threshold", "2"), 2, "--threshold")
    one_line_error(run_cli("match", "--db", str(index), str(corpus / "nope.txt")), 2, "nope.txt")


def test_library_api_open_with_explicit_config(index: Path) -> None:
    config = FingerprintConfig(num_perm=64, bands=8)
    with pytest.raises(SettingsMismatchError, match="asks for num_perm=64"):
        ProvenanceIndex.open(index, config, requested=["num_perm"])
    with ProvenanceIndex.open(index, config) as idx:  # not requested: the index's own settings
        assert idx.config.num_perm == 128


def test_parallel_fingerprinting_writes_the_same_index(corpus: Path, tmp_path: Path) -> None:
    records = [(f"j{i}", json.loads(line)["text"]) for i, line in enumerate(
        (corpus / "more.jsonl").read_text(encoding="utf-8").splitlines()
    )]  # fmt: skip
    dumps = []
    for workers in (1, 2):
        with ProvenanceIndex.create(tmp_path / f"w{workers}.db") as idx:
            summary = idx.add(records * 2, batch_size=8, workers=workers)
            assert (summary.added, summary.unchanged) == (20, 20)
            dumps.append(
                [
                    idx.conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()
                    for t in ("bands", "anchors")
                ]
                + [idx.conn.execute("SELECT doc, id, shingle_ids, sig FROM docs").fetchall()]
            )
    assert dumps[0] == dumps[1]


def test_new_rows_are_searchable_before_and_after_the_merge(corpus: Path, tmp_path: Path) -> None:
    from decloak.provenance.index import _digest, prepare

    texts = [(p.name, p.read_text("utf-8")) for p in sorted((corpus / "src").iterdir())[:5]]
    query = zero_width(texts[2][1], random.Random(1))
    with ProvenanceIndex.create(tmp_path / "m.db") as idx:
        # what a writer that crashed before merging leaves behind
        prepared = prepare(idx.config.to_dict(), [(i, t, _digest(t)) for i, t in texts])
        idx._write(prepared, {"added": 0, "updated": 0, "unchanged": 0, "empty": 0})
        count = idx.conn.execute
        assert count("SELECT COUNT(*) FROM bands").fetchone()[0] == 0
        assert match_text(idx, query).matches[0].id == texts[2][0]
        idx.add([])  # the next writer merges
        assert count("SELECT COUNT(*) FROM bands_new").fetchone()[0] == 0
        assert count("SELECT COUNT(*) FROM bands").fetchone()[0] == 5 * 16
        assert match_text(idx, query).matches[0].id == texts[2][0]
        assert idx.stats().band_rows == 80


def test_batch_insert_equals_row_by_row(corpus: Path, tmp_path: Path) -> None:
    """The one-statement path for new ids writes what the row-by-row path writes; a
    batch holding a known id (here: the same id twice) falls back to it."""
    from decloak.provenance.index import _digest, prepare

    texts = [(p.name, p.read_text("utf-8")) for p in sorted((corpus / "src").iterdir())[:6]]
    dumps = []
    for name, method in (("fast", "_write"), ("each", "_write_each")):
        with ProvenanceIndex.create(tmp_path / f"{name}.db") as idx:
            prepared = prepare(idx.config.to_dict(), [(i, t, _digest(t)) for i, t in texts])
            counts = {"added": 0, "updated": 0, "unchanged": 0, "empty": 0}
            getattr(idx, method)(prepared, counts)
            idx.merge()
            assert counts["added"] == 6
            dumps.append(
                [
                    idx.conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()
                    for t in ("bands", "anchors", "docs")
                ]
            )
    assert dumps[0] == dumps[1]
    with ProvenanceIndex.create(tmp_path / "dup.db") as idx:
        twice = [("same", texts[0][1]), ("same", texts[1][1])]
        prepared = prepare(idx.config.to_dict(), [(i, t, _digest(t)) for i, t in twice])
        counts = {"added": 0, "updated": 0, "unchanged": 0, "empty": 0}
        idx._write(prepared, counts)
        assert (counts["added"], counts["updated"]) == (1, 1)
        assert idx.conn.execute("SELECT COUNT(*) FROM docs").fetchone()[0] == 1


def test_index_add_walks_folders_like_corpus(corpus: Path, tmp_path: Path) -> None:
    """A folder is walked as ``decloak corpus`` walks it: recursively, sorted, hidden names out.

    Every file found is read as if it had been named (JSONL/Parquet records, else one
    document whose id is its path); the index itself is never read as a document.
    """
    root = tmp_path / "sources"
    (root / "sub").mkdir(parents=True)
    for name in ("doc00.txt", "doc01.txt"):
        (root / name).write_bytes((corpus / "src" / name).read_bytes())
    (root / "sub" / "doc02.txt").write_bytes((corpus / "src" / "doc02.txt").read_bytes())
    (root / "sub" / "more.jsonl").write_bytes((corpus / "more.jsonl").read_bytes())
    (root / ".hidden.txt").write_text("never indexed", encoding="utf-8")
    (root / ".cache").mkdir()
    (root / ".cache" / "x.txt").write_text("never indexed", encoding="utf-8")
    db = root / "sources.db"  # inside the folder it indexes
    r = run_cli("index", "add", "--db", str(db), str(root))
    assert r.code == 0, r.err
    assert "23 added" in r.err and "the index holds 23" in r.err
    with ProvenanceIndex.open(db) as idx:
        res = match_text(idx, (corpus / "src" / "doc02.txt").read_text(encoding="utf-8"))
        assert [m.id for m in res.matches] == [str(root / "sub" / "doc02.txt")]
    again = run_cli("index", "add", "--db", str(db), str(root))  # the db (and its journal) skipped
    assert again.code == 0 and "23 unchanged" in again.err, again.err
    empty = tmp_path / "empty"
    empty.mkdir()
    one_line_error(
        run_cli("index", "add", "--db", str(db), str(empty)), 2, "no files in this folder"
    )
