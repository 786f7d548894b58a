"""process_shard: every format, every mode, rejects, truncation, determinism (in-process)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from _corpus_builders import ATTACK, docs, read_jsonl, write_jsonl, write_parquet, write_warc

from decloak.corpus import ALL_KINDS, ShardOptions, ShardStats, process_shard
from decloak.errors import InputError

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")


def opts(tmp_path: Path, **kw: object) -> ShardOptions:
    return ShardOptions(outdir=str(tmp_path / "out"), **kw)  # type: ignore[arg-type]


def check_fixed(records: list[dict[str, object]], source: list[dict[str, object]]) -> None:
    """Ids in order, extra fields kept, attacks repaired, legitimate text untouched."""
    assert [r["id"] for r in records] == [s["id"] for s in source]
    for r, s in zip(records, source, strict=True):
        assert r["meta"] == s["meta"] and r["n"] == s["n"]
        if "pаssword" in str(s["text"]):
            assert r["text"] == str(s["text"]).replace("а", "a")
            assert r["decloak_suspicious"] is True
            assert r["decloak_kinds"] == ["homoglyph"]
            assert r["decloak_counts"] == {"homoglyph": 2}
            assert r["decloak_changed"] is True
        elif "\u200b" in str(s["text"]) or "\U000e0069" in str(s["text"]):
            assert r["text"] != s["text"] and r["decloak_changed"] is True
        else:
            assert r["text"] == s["text"], "legitimate text must stay byte-identical"
            assert r["decloak_changed"] is False and r["decloak_counts"] == {}
        assert set(r) == {*s, *("decloak_" + c for c in ("suspicious", "score", "kinds"))} | {
            "decloak_counts",
            "decloak_changed",
        }


@pytest.mark.parametrize("name", ["a.jsonl", "a.jsonl.gz", "a.jsonl.zst"])
def test_jsonl_fix_each_compression(tmp_path: Path, name: str) -> None:
    source = docs(40)
    src = write_jsonl(tmp_path / "in" / name, source)
    dst = tmp_path / "out" / name
    stats = process_shard(src, dst, None, opts(tmp_path))
    check_fixed(read_jsonl(dst), source)
    assert stats.documents == stats.written == 40
    assert (stats.changed, stats.suspicious, stats.rejected, stats.dropped) == (15, 15, 0, 0)
    assert dict(stats.findings) == {"homoglyph": 10, "invisible": 10, "tag-payload": 5}
    assert stats.shard == name and stats.output == name
    if name.endswith(".gz"):
        assert dst.read_bytes()[:2] == b"\x1f\x8b"
    marker = json.loads((tmp_path / "out/.decloak/done/a.json").read_text())
    assert marker["format"] == 1 and marker["stats"]["documents"] == 40
    assert ShardStats.from_dict(marker["stats"]).findings == stats.findings
    assert not list((tmp_path / "out").rglob("*.decloak-tmp"))


def test_output_is_deterministic(tmp_path: Path) -> None:
    source = docs(30)
    for name in ("a.jsonl.gz", "b.jsonl.zst", "c.parquet"):
        if name.endswith("parquet"):
            src = write_parquet(tmp_path / "in" / name, source)
        else:
            src = write_jsonl(tmp_path / "in" / name, source)
        one, two = tmp_path / "o1" / name, tmp_path / "o2" / name
        process_shard(src, one, None, ShardOptions(outdir=str(tmp_path / "o1")))
        process_shard(src, two, None, ShardOptions(outdir=str(tmp_path / "o2")))
        assert one.read_bytes() == two.read_bytes(), name


def test_annotate_keeps_text_and_keep_original(tmp_path: Path) -> None:
    source = docs(16)
    src = write_jsonl(tmp_path / "in/a.jsonl", source)
    dst = tmp_path / "out/a.jsonl"
    process_shard(src, dst, None, opts(tmp_path, mode="annotate", keep_original=True))
    out = read_jsonl(dst)
    assert [r["text"] for r in out] == [s["text"] for s in source]
    assert [r["decloak_original"] for r in out] == [s["text"] for s in source]
    assert out[1]["decloak_suspicious"] is True and out[1]["decloak_changed"] is True
    assert list(out[1])[-6:] == [
        "decloak_suspicious",
        "decloak_score",
        "decloak_kinds",
        "decloak_counts",
        "decloak_changed",
        "decloak_original",
    ]


def test_drop_mode_splits_documents(tmp_path: Path) -> None:
    source = docs(24)
    src = write_jsonl(tmp_path / "in/a.jsonl", source)
    dst = tmp_path / "out/a.jsonl"
    stats = process_shard(src, dst, None, opts(tmp_path, mode="drop"))
    kept = read_jsonl(dst)
    dropped = read_jsonl(tmp_path / "out/dropped/a.jsonl")
    assert stats.dropped == len(dropped) == 9 and stats.written == len(kept) == 15
    assert sorted(r["id"] for r in kept + dropped) == sorted(s["id"] for s in source)
    assert all(r["decloak_suspicious"] for r in dropped)
    assert not any(r["decloak_suspicious"] for r in kept)
    # dropped documents keep their original text: they are the evidence
    by_id = {s["id"]: s for s in source}
    assert all(r["text"] == by_id[r["id"]]["text"] for r in dropped)
    assert stats.dropped_file == "dropped/a.jsonl"


def test_rejects_are_counted_and_written(tmp_path: Path) -> None:
    good = docs(3)
    bad = [
        b"{not json\n",
        b"\n",  # blank line: no document, no reject
        b"[1, 2]\n",
        b'{"id": "x-1", "text": "caf\xe9"}\n',
        b'{"id": "x-2", "body": "no text field"}\n',
        b'{"id": "x-3", "text": 42}\n',
        b'{"id": "x-4", "text": NaN}\n',
    ]
    src = write_jsonl(tmp_path / "in/a.jsonl", good, extra_lines=bad)
    stats = process_shard(src, tmp_path / "out/a.jsonl", None, opts(tmp_path))
    rejects = read_jsonl(tmp_path / "out/rejects/a.jsonl")
    assert stats.rejected == 6 and stats.documents == 3
    assert [(r["line"], r["error"]) for r in rejects] == [
        (4, "invalid JSON: Expecting property name enclosed in double quotes (column 2)"),
        (6, "not a JSON object (array)"),
        (7, "invalid UTF-8 at byte 26 of the line (0xE9)"),
        (8, "no 'text' field"),
        (9, "'text' is number, not a string"),
        (10, "invalid JSON: NaN is not valid JSON"),
    ]
    assert {r["shard"] for r in rejects} == {"a.jsonl"}
    assert rejects[0]["raw"] == "{not json"
    assert rejects[2]["raw"] == '{"id": "x-1", "text": "caf\\xe9"}'
    assert stats.rejects_file == "rejects/a.jsonl"


def test_missing_text_field_everywhere_is_an_error(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in/a.jsonl", [{"id": 1, "content": "x", "url": "u"}] * 3)
    dst = tmp_path / "out/a.jsonl"
    with pytest.raises(InputError) as e:
        process_shard(src, dst, None, opts(tmp_path))
    assert str(e.value) == (
        f"{src}: no record has the text field 'text' (fields seen: id, content, url); "
        "name the right one with --text-key"
    )
    assert not dst.exists() and not (tmp_path / "out/rejects/a.jsonl").exists()
    assert not list((tmp_path / "out").rglob("*.decloak-tmp"))


def test_parquet_row_groups_schema_and_nested_columns(tmp_path: Path) -> None:
    source = docs(25)
    source[7]["text"] = None  # a null text: rejected, not lost
    src = write_parquet(tmp_path / "in/p.parquet", source, row_group_size=10)
    dst = tmp_path / "out/p.parquet"
    stats = process_shard(src, dst, None, opts(tmp_path, keep_original=True))
    pf = pq.ParquetFile(dst)
    assert pf.num_row_groups == 3
    schema = pf.schema_arrow
    in_schema = pq.ParquetFile(src).schema_arrow
    assert schema.names == [
        *in_schema.names,
        "decloak_suspicious",
        "decloak_score",
        "decloak_kinds",
        "decloak_counts",
        "decloak_changed",
        "decloak_original",
    ]
    for f in in_schema:
        assert schema.field(f.name).type == f.type
    assert schema.metadata == {b"origin": b"decloak-tests"}
    assert schema.field("decloak_counts").type == pa.struct(
        [pa.field(k, pa.int32()) for k in ALL_KINDS]
    )
    assert schema.field("decloak_kinds").type == pa.list_(pa.string())
    rows = pf.read().to_pylist()
    assert [r["id"] for r in rows] == [s["id"] for s in source if s["text"] is not None]
    assert rows[1]["text"] == ATTACK.replace("а", "a") + " #1"
    assert rows[1]["decloak_counts"]["homoglyph"] == 2 and rows[1]["decloak_counts"]["bidi"] == 0
    assert rows[1]["decloak_original"] == ATTACK + " #1"
    assert rows[1]["meta"] == source[1]["meta"]
    assert stats.rejected == 1 and stats.written == 24
    (reject,) = read_jsonl(tmp_path / "out/rejects/p.jsonl")
    assert reject["line"] == 8 and reject["error"] == "'text' is null, not a string"
    assert json.loads(reject["raw"])["id"] == "d-7"


def test_parquet_drop_and_annotate(tmp_path: Path) -> None:
    source = docs(20)
    src = write_parquet(tmp_path / "in/p.parquet", source, row_group_size=8)
    process_shard(src, tmp_path / "out/p.parquet", None, opts(tmp_path, mode="drop"))
    kept = pq.read_table(tmp_path / "out/p.parquet").to_pylist()
    dropped = read_jsonl(tmp_path / "out/dropped/p.jsonl")
    assert len(kept) + len(dropped) == 20 and len(dropped) == 8
    assert sorted(r["id"] for r in kept + dropped) == sorted(s["id"] for s in source)
    assert all(isinstance(r["decloak_counts"], dict) for r in dropped)

    dst = tmp_path / "ann/p.parquet"
    process_shard(src, dst, None, ShardOptions(outdir=str(tmp_path / "ann"), mode="annotate"))
    assert pq.read_table(dst).column("text").to_pylist() == [s["text"] for s in source]


def test_parquet_missing_or_non_string_text_column(tmp_path: Path) -> None:
    src = write_parquet(tmp_path / "in/p.parquet", [{"id": 1, "body": "x"}])
    with pytest.raises(
        InputError, match=r"no record has the text field 'text' \(fields seen: id, body\)"
    ):
        process_shard(src, tmp_path / "out/p.parquet", None, opts(tmp_path))
    with pytest.raises(InputError, match=r"the text field 'id' is int64, not a string column"):
        process_shard(src, tmp_path / "out/p.parquet", None, opts(tmp_path, text_key="id"))


def test_format_conversions(tmp_path: Path) -> None:
    source = docs(12)
    # a field that first appears late, and one that is null before it is a string
    source[0]["late"] = None
    source[11]["late"] = "here"
    source[11]["only_last"] = {"x": 1}
    src = write_jsonl(tmp_path / "in/a.jsonl.gz", source)
    dst = tmp_path / "out/a.parquet"
    process_shard(src, dst, None, opts(tmp_path, row_group_size=5))
    t = pq.read_table(dst)
    assert pq.ParquetFile(dst).num_row_groups == 3
    assert t.column("late").to_pylist()[-1] == "here"
    assert t.column("only_last").to_pylist()[-1] == {"x": 1}
    assert t.column("id").to_pylist() == [s["id"] for s in source]

    # back to JSONL, re-analysing decloak's own output: the columns are replaced, not doubled
    back = tmp_path / "out/b.jsonl"
    process_shard(dst, back, None, ShardOptions(mode="annotate"))
    rows = read_jsonl(back)
    assert rows[1]["text"] == ATTACK.replace("а", "a") + " #1"
    assert rows[1]["decloak_counts"] == {} and rows[1]["decloak_changed"] is False
    assert list(rows[1]).count("decloak_counts") == 1 and "late" in rows[1]


def test_jsonl_to_parquet_mixed_types_is_an_error(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in/a.jsonl", [{"text": "a", "v": 1}, {"text": "b", "v": "one"}])
    with pytest.raises(
        InputError, match=r"a\.jsonl: cannot write Parquet: field 'v' has mixed types"
    ):
        process_shard(src, tmp_path / "out/a.parquet", None, opts(tmp_path))


@pytest.mark.parametrize(
    ("name", "wet"), [("c.warc.gz", False), ("c.wet", True), ("c.warc", False)]
)
def test_warc_and_wet(tmp_path: Path, name: str, wet: bool) -> None:
    source = docs(9)
    src = tmp_path / "in" / name
    ids = write_warc(src, source, wet=wet)
    out_name = "c.jsonl.gz" if name.endswith(".gz") else "c.jsonl"
    dst = tmp_path / "out" / out_name
    stats = process_shard(src, dst, None, opts(tmp_path, id_key="warc_id"))
    rows = read_jsonl(dst)
    assert [r["warc_id"] for r in rows] == ids
    assert [r["url"] for r in rows] == [f"https://example.test/{s['id']}" for s in source]
    assert rows[1]["text"] == ATTACK.replace("а", "a") + " #1"
    assert rows[2]["text"] == source[2]["text"]
    assert stats.documents == 9
    assert stats.skipped == (0 if wet else 10)  # 9 requests + 1 image response


def test_truncated_and_corrupt_shards(tmp_path: Path) -> None:
    source = docs(400)
    cases = {}
    for name in ("t.jsonl.gz", "t.jsonl.zst"):
        full = write_jsonl(tmp_path / "full" / name, source).read_bytes()
        cut = tmp_path / "in" / name
        cut.parent.mkdir(parents=True, exist_ok=True)
        cut.write_bytes(full[: len(full) // 2])
        cases[name] = cut
    full = write_parquet(tmp_path / "full/t.parquet", source).read_bytes()
    (tmp_path / "in/t.parquet").write_bytes(full[: len(full) - 100])
    cases["t.parquet"] = tmp_path / "in/t.parquet"
    (tmp_path / "in/t.warc").write_bytes(b"this is not a WARC file\n" * 10)
    cases["t.warc"] = tmp_path / "in/t.warc"
    write_warc(tmp_path / "full/u.warc", source[:20], wet=True)
    full = (tmp_path / "full/u.warc").read_bytes()
    (tmp_path / "in/u.warc").write_bytes(full[: len(full) // 2])
    cases["u.warc"] = tmp_path / "in/u.warc"
    write_warc(tmp_path / "full/v.warc.gz", source[:20], wet=True)
    full = (tmp_path / "full/v.warc.gz").read_bytes()
    (tmp_path / "in/v.warc.gz").write_bytes(full[: len(full) // 2])
    cases["v.warc.gz"] = tmp_path / "in/v.warc.gz"
    expected = {
        "t.jsonl.gz": "truncated file: Compressed file ended before the end-of-stream marker",
        "t.jsonl.zst": "truncated file: zstd stream ended in the middle of a frame",
        "t.parquet": "unreadable Parquet file:",
        "t.warc": "unreadable WARC file: record 1 is not a WARC record (it parses only as ARC)",
        "u.warc": "truncated file: record ",
        "v.warc.gz": "truncated file: record ",
    }
    for name, src in cases.items():
        out_name = name.replace(".warc", ".jsonl")
        dst = tmp_path / "out" / out_name
        with pytest.raises(InputError) as e:
            process_shard(src, dst, None, opts(tmp_path))
        msg = str(e.value)
        assert msg.startswith(f"{src}: {expected[name]}"), msg
        assert "\n" not in msg
        assert not dst.exists()
    assert not list((tmp_path / "out").rglob("*.decloak-tmp"))


def test_utf16_shard_is_named(tmp_path: Path) -> None:
    src = tmp_path / "in/u.jsonl"
    src.parent.mkdir()
    src.write_bytes('{"text": "x"}\n'.encode("utf-16"))
    with pytest.raises(InputError, match=r"u\.jsonl: looks like UTF-16LE"):
        process_shard(src, tmp_path / "out/u.jsonl", None, opts(tmp_path))


def test_standalone_call_without_outdir(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "a.jsonl", [*docs(4), {"id": "z"}])
    dst = tmp_path / "clean" / "a.jsonl"
    stats = process_shard(src, dst, "strict", ShardOptions(mode="drop"))
    assert (tmp_path / "clean/a.rejects.jsonl").exists()
    assert (tmp_path / "clean/a.dropped.jsonl").exists()
    assert stats.rejects_file == "a.rejects.jsonl" and stats.written + stats.dropped == 4
    assert not (tmp_path / "clean/.decloak").exists()


def test_redo_replaces_stale_side_files(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in/a.jsonl", docs(3), extra_lines=[b"oops\n"])
    dst = tmp_path / "out/a.jsonl"
    process_shard(src, dst, None, opts(tmp_path))
    assert (tmp_path / "out/rejects/a.jsonl").exists()
    write_jsonl(src, docs(3))  # the input was fixed: the old rejects must go
    stats = process_shard(src, dst, None, opts(tmp_path))
    assert stats.rejected == 0 and not (tmp_path / "out/rejects/a.jsonl").exists()


def test_gzip_output_has_no_timestamp(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in/a.jsonl.gz", docs(2))
    dst = tmp_path / "out/a.jsonl.gz"
    process_shard(src, dst, None, opts(tmp_path))
    head = dst.read_bytes()[:10]
    assert head[4:8] == b"\0\0\0\0"  # mtime 0
    assert len(gzip.decompress(dst.read_bytes()).splitlines()) == 2
