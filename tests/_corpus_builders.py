"""Builders for the corpus tests: documents, shards in every format, task functions.

Kept in a module (not a test file) so that worker processes of the engines can
import the task functions by name.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import random
from pathlib import Path
from typing import Any

from decloak.errors import InputError

ATTACK = "Please confirm your pаssword at the bаnk"  # Cyrillic а
TEXTS = [
    "The quick brown fox jumps over the lazy dog.",
    ATTACK,
    "Привет, мир! Это обычный русский текст.",  # legitimate Russian: untouched
    "zero\u200bwidth\u200b inside words here",
    "می\u200cخواهم",  # Persian ZWNJ: untouched
    "hidden \U000e0069\U000e0067\U000e006e\U000e006f\U000e0072\U000e0065 tags",
    "👨\u200d👩\u200d👧 family emoji stays",
    "plain ASCII line number two",
]


def docs(n: int, prefix: str = "d", seed: int = 0) -> list[dict[str, Any]]:
    """``n`` records with an id, a text, and extra fields (a nested object, a list)."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        text = TEXTS[i % len(TEXTS)]
        out.append(
            {
                "id": f"{prefix}-{i}",
                "text": f"{text} #{i}",
                "meta": {"source": "test", "rank": rng.randint(0, 9), "tags": ["a", "b"]},
                "n": i,
            }
        )
    return out


def write_jsonl(path: Path, records: list[Any], extra_lines: list[bytes] = ()) -> Path:  # type: ignore[assignment]
    data = b"".join(json.dumps(r, ensure_ascii=False).encode() + b"\n" for r in records)
    data += b"".join(extra_lines)
    path.parent.mkdir(parents=True, exist_ok=True)
    name = path.name
    if name.endswith(".gz"):
        data = gzip.compress(data, mtime=0)
    elif name.endswith(".zst"):
        import zstandard

        data = zstandard.ZstdCompressor().compress(data)
    path.write_bytes(data)
    return path


def write_parquet(path: Path, records: list[dict[str, Any]], row_group_size: int = 10) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pylist(records)
    table = table.replace_schema_metadata({"origin": "decloak-tests"})
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, path, row_group_size=row_group_size, compression="zstd")
    return path


def write_warc(path: Path, records: list[dict[str, Any]], *, wet: bool = False) -> list[str]:
    """A WARC (response records, plus requests and a non-text response) or a WET
    (conversion records); returns the record ids of the text records, in order."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=path.name.endswith(".gz"))
    ids = []
    writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))
    for i, r in enumerate(records):
        url = f"https://example.test/{r['id']}"
        payload = r["text"].encode("utf-8")
        if wet:
            rec = writer.create_warc_record(
                url,
                "conversion",
                payload=io.BytesIO(payload),
                length=len(payload),  # known length: warcio needs no (unclosed) temp file
                warc_content_type="text/plain",
            )
        else:
            req = writer.create_warc_record(
                url,
                "request",
                payload=io.BytesIO(b""),
                length=0,
                http_headers=StatusAndHeaders(
                    "GET / HTTP/1.1", [("Host", "example.test")], is_http_request=True
                ),
            )
            writer.write_record(req)
            http = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            rec = writer.create_warc_record(
                url, "response", payload=io.BytesIO(payload), length=len(payload), http_headers=http
            )
            if i == 0:  # a non-text response: skipped, not a document
                img = StatusAndHeaders(
                    "200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1"
                )
                writer.write_record(
                    writer.create_warc_record(
                        url + ".png",
                        "response",
                        payload=io.BytesIO(b"\x89PNG"),
                        length=4,
                        http_headers=img,
                    )
                )
        ids.append(rec.rec_headers.get_header("WARC-Record-ID"))
        writer.write_record(rec)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buf.getvalue())
    return ids


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    data = path.read_bytes()
    if path.name.endswith(".gz"):
        data = gzip.decompress(data)
    elif path.name.endswith(".zst"):
        import zstandard

        data = zstandard.ZstdDecompressor().decompressobj().decompress(data)
    return [json.loads(line) for line in data.splitlines() if line.strip()]


def tree_bytes(root: Path, *, skip_state: bool = True) -> dict[str, bytes]:
    """Every file under ``root`` by relative name (run state and stats.json left out)."""
    out = {}
    for dirpath, _dirs, files in os.walk(root):
        for name in files:
            p = Path(dirpath, name)
            rel = p.relative_to(root).as_posix()
            if skip_state and (rel.startswith(".decloak/") or rel == "stats.json"):
                continue
            out[rel] = p.read_bytes()
    return out


# --- task functions for run_tasks (module level: workers import them by name) -------------


def square(x: int) -> int:
    return x * x


def fail_on_three(x: int) -> int:
    if x == 3:
        raise InputError(f"item {x} is unreadable")
    return x


def crash_on_two(x: int) -> int:
    if x == 2:
        raise ZeroDivisionError("division by zero")
    return x


def slow_first(x: int) -> int:
    """Square ``x``, the first items taking longest: they finish out of order."""
    import time

    time.sleep(max(0, 4 - x) * 0.1)
    return x * x


def make_corpus(root: Path, *, docs_per_shard: int = 30) -> dict[str, list[str]]:
    """Shards in every input format, in nested folders; returns the expected ids per shard.

    JSONL shards also carry malformed lines (rejected, never silently dropped).
    """
    expected: dict[str, list[str]] = {}
    bad = [b"{broken\n", b'{"id": "no-text"}\n']
    for rel in ("a.jsonl", "sub/b.jsonl.gz", "sub/deeper/c.jsonl.zst"):
        recs = docs(docs_per_shard, prefix=Path(rel).name.split(".")[0])
        write_jsonl(root / rel, recs, extra_lines=bad)
        expected[rel] = [r["id"] for r in recs]
    recs = docs(docs_per_shard, prefix="p")
    write_parquet(root / "p.parquet", recs, row_group_size=max(docs_per_shard // 3, 1))
    expected["p.parquet"] = [r["id"] for r in recs]
    expected["crawl/w.warc.gz"] = write_warc(root / "crawl/w.warc.gz", docs(8, prefix="w"))
    expected["crawl/x.wet"] = write_warc(root / "crawl/x.wet", docs(8, prefix="x"), wet=True)
    return expected


def output_ids(out: Path, *, id_key: str = "id") -> dict[str, list[str]]:
    """Ids of the documents in every output shard under ``out`` (by input-style stem)."""
    import pyarrow.parquet as pq

    ids: dict[str, list[str]] = {}
    for p in sorted(out.rglob("*")):
        rel = p.relative_to(out).as_posix()
        if not p.is_file() or rel.split("/")[0] in (".decloak", "rejects", "dropped"):
            continue
        if rel == "stats.json" or rel.endswith(".decloak-tmp"):
            continue
        if rel.endswith(".parquet"):
            ids[rel] = [str(v) for v in pq.read_table(p).column(id_key).to_pylist()]
        else:
            ids[rel] = [str(r[id_key]) for r in read_jsonl(p)]
    return ids
