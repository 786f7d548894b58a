"""Seed inputs for every target, made at run time from the evaluation data (nothing binary
is committed): legitimate texts and attacks, valid shards of every corpus format, a
real provenance index, source files, and one input per class of invalid UTF-8.
"""

from __future__ import annotations

import gzip
import io
import json
import tempfile
from collections.abc import Callable
from pathlib import Path

from _common import eval_texts, run_cli, text_seeds

INVALID_UTF8 = [
    b"abc\xe2\x82",  # truncated sequence at the end
    b"a\xe2\x82b",  # truncated sequence in the middle
    b"a\xc0\xafb",  # overlong encoding of '/'
    b"a\xe0\x80\xafb",  # overlong, three bytes
    b"x\xed\xa0\x80y",  # a surrogate encoded as UTF-8
    b"x\xf4\x90\x80\x80y",  # a code point above U+10FFFF
    b"x\x80y",  # stray continuation byte
    b"x\xf5\x80\x80\x80",  # a byte that never starts a sequence
    b"\xff\xfeh\x00i\x00",  # UTF-16LE with a BOM
    b"\xfe\xff\x00h\x00i",  # UTF-16BE with a BOM
]

ADVERSARIAL = [
    "а" + "\u0301" * 300,
    "\u202e" * 50 + "x" + "\u202c" * 50,
    "\u2066" * 50 + "x" + "\u2069" * 50,
    "x" + "".join(chr(0xE0020 + k % 90) for k in range(200)),
    "a" + "".join(chr(0xFE00 + k % 16) for k in range(100)),
    "a" + "\u200b\u200c" * 100 + "b",
    "x" + "\u200b" * 50 + "\b" * 50,
    "\x00" * 64 + "text\x00",
    "line\r\nmixed\rends\n\r\n",
    "\ufeffBOM then \ufeff again",
    "Тһе quісk brоwn fох јumрѕ",
    "\x1b[31mred\x1b[0m",
]

SOURCES = {
    "a.py": "def is_admin(user):\n    return user == 'admin\u202e \u2066# user\u2069 \u2066'\n",
    "a.js": "var a\u200b = 1; // ok\nconst pаth = '\U000e0061';\n",
    "a.c": "/* \u202e } \u2066if (isAdmin)\u2069 \u2066 begin admins only */\nint x;\n",
    "a.md": "Привет, мир. می\u200cخواهم. 👨\u200d👩\u200d👧\n",
    "a.txt": "plain text\n",
}


def _texts() -> list[str]:
    return [s[1:].decode("utf-8") for s in text_seeds(200)] + ADVERSARIAL


def _with_head(head: int, texts: list[str]) -> list[bytes]:
    return [bytes([head]) + t.encode("utf-8") for t in texts]


def seeds_text() -> list[bytes]:
    return text_seeds(400) + _with_head(0, ADVERSARIAL) + [b"\x00" + b for b in INVALID_UTF8]


def seeds_stream() -> list[bytes]:
    out = [bytes([k * 7 % 64]) + t.encode("utf-8") for k, t in enumerate(_texts())]
    return out + [bytes([k]) + b for k, b in enumerate(INVALID_UTF8)]


def seeds_cli() -> list[bytes]:
    texts = _texts()[:120]
    out = [bytes([k % 13]) + t.encode("utf-8") for k, t in enumerate(texts)]
    return out + [bytes([k]) + b for k, b in enumerate(INVALID_UTF8)]


def seeds_lint() -> list[bytes]:
    from fuzz_lint import NAMES

    out = []
    for name, src in SOURCES.items():
        out.append(bytes([NAMES.index(name)]) + src.encode("utf-8"))
    out += [bytes([6]) + b for b in INVALID_UTF8]
    out += [bytes([0]) + b"\x00binary\x00", bytes([5]) + "\ufeffBOM\n".encode()]
    out += [bytes([k % 10]) + t.encode("utf-8") for k, t in enumerate(_texts()[:60])]
    return out


def _docs() -> list[dict[str, object]]:
    texts = list(eval_texts("negative.jsonl", 6)) + list(eval_texts("attacks.jsonl", 6))
    return [{"id": f"d{i}", "text": t, "n": i} for i, t in enumerate(texts)]


def _jsonl() -> bytes:
    lines = [json.dumps(d, ensure_ascii=False).encode() for d in _docs()]
    return b"\n".join([*lines, b"not json", b'{"id": "x", "text": 3}', b""])


def _parquet() -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    buf = io.BytesIO()
    pq.write_table(pa.Table.from_pylist(_docs()), buf, row_group_size=4)
    return buf.getvalue()


def _warc(wet: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=False)
    for d in _docs()[:6]:
        payload = str(d["text"]).encode()
        if wet:
            rec = writer.create_warc_record(
                f"http://example.invalid/{d['id']}",
                "conversion",
                payload=io.BytesIO(payload),
                warc_content_type="text/plain",
            )
        else:
            http = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            rec = writer.create_warc_record(
                f"http://example.invalid/{d['id']}",
                "response",
                payload=io.BytesIO(payload),
                http_headers=http,
            )
        writer.write_record(rec)
    return buf.getvalue()


def seeds_corpus() -> list[bytes]:
    import zstandard
    from fuzz_corpus import NAMES

    jsonl = _jsonl()
    by_name: dict[str, bytes] = {
        "a.jsonl": jsonl,
        "a.jsonl.gz": gzip.compress(jsonl, mtime=0),
        "a.jsonl.zst": zstandard.ZstdCompressor().compress(jsonl),
        "a.parquet": _parquet(),
        "a.warc": _warc(False),
        "a.warc.gz": gzip.compress(_warc(False), mtime=0),
        "a.wet": _warc(True),
        "a.wet.gz": gzip.compress(_warc(True), mtime=0),
    }
    out = []
    for name, data in by_name.items():
        k = NAMES.index(name)
        for head in (k, k + 8, k + 16, k + 24):  # fix/annotate/drop, and to Parquet
            out.append(bytes([head]) + data)
        out.append(bytes([k]) + data[: len(data) // 2])  # truncated
    return out


def seeds_index() -> list[bytes]:
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        files = []
        for i, t in enumerate(_texts()[:40]):
            p = d / f"doc{i}.txt"
            p.write_text(t + "\n", encoding="utf-8")
            files.append(str(p))
        db = d / "idx.db"
        code, _, err = run_cli(["index", "add", "--db", str(db), "--quiet", *files])
        if code != 0:
            raise RuntimeError(f"cannot build the seed index: {err}")
        data = db.read_bytes()
    return [data, data[: len(data) // 2], data[:100], data[:4096], b"SQLite format 3\x00"]


def seeds_service() -> list[bytes]:
    texts = _texts()[:150]
    out = [bytes([k % 12]) + t.encode("utf-8") for k, t in enumerate(texts)]
    raw = [b'{"text": "x", "profile": "strict"}', b"[" * 40, b'{"text": "\\ud800"}', b"\xff"]
    return out + [bytes([3]) + r for r in raw]


SEEDS: dict[str, Callable[[], list[bytes]]] = {
    "clean": seeds_text,
    "scan": seeds_text,
    "apply_plan": seeds_text,
    "stream": seeds_stream,
    "cli": seeds_cli,
    "corpus": seeds_corpus,
    "index": seeds_index,
    "lint": seeds_lint,
    "service": seeds_service,
}


def write_seeds(target: str, folder: Path) -> int:
    """Write the seeds of ``target`` as files in ``folder``; returns how many."""
    folder.mkdir(parents=True, exist_ok=True)
    seeds = SEEDS[target]()
    for k, data in enumerate(seeds):
        (folder / f"seed-{k:04d}").write_bytes(data)
    return len(seeds)
