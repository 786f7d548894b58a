"""Provenance benchmark: indexing throughput and match latency on a 100,000-document index.

Usage: ``python benchmarks/provenance_bench.py [--docs 100000] [--queries 1000] [--reuse-index]``

What is measured, and why:

- **fingerprinting** (documents/s of CPU time, one process): clean + comparison
  key + shingles + rensa signature + bands + anchors, the work every document
  costs whatever the storage;
- **indexing** (documents/s, one process, into a fresh SQLite index in batches of
  256): the above plus compression and the SQLite writes.  Reported per CPU
  second (the "per core" figure, robust to other load on the machine) and per
  wall second;
- **match latency** (p50/p95/p99 wall milliseconds, one query at a time, top 5):
  half of the queries are disguised copies or excerpts of indexed documents,
  half are new documents with no source.  The copies' Recall@1 is printed as a
  sanity check.

Documents: an order-2 word Markov chain trained on the offline text of this
machine (``/usr/share/common-licenses``, ``/usr/share/doc/*/copyright``),
500-3000 characters each, from a fixed seed; written once to
``benchmarks/data/provenance/`` (git-ignored) and reused.  Boilerplate-rich
training text makes many documents share phrases, which is the hard case for
the containment anchors; it also makes some documents contain the same long
passage, so a copy of one can be an equally good copy of another (hence the
second Recall@1 figure, counting ties at the top score).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import sqlite3
import statistics
import sys
import time
from collections import defaultdict
from importlib.metadata import version
from pathlib import Path

from hostinfo import cpu_model, git_stamp, stamp_line

HERE = Path(__file__).resolve().parent
DATA = HERE / "data" / "provenance"
RESULTS = HERE / "results" / "provenance.md"
DATA_VERSION = "1"


# --- data --------------------------------------------------------------------------------


def training_text() -> str:
    parts = []
    for p in sorted(Path("/usr/share/common-licenses").iterdir()):
        if p.is_file():
            parts.append(p.read_text(encoding="utf-8", errors="replace"))
    seen: set[str] = set()
    for p in sorted(Path("/usr/share/doc").glob("*/copyright")):
        for line in p.read_text(encoding="utf-8", errors="replace").splitlines():
            if line not in seen:  # copyright files repeat licences verbatim
                seen.add(line)
                parts.append(line)
    return "\n".join(parts)


def markov_docs(n: int, seed: int) -> list[str]:
    words = re.findall(r"\S+", training_text())
    succ: dict[tuple[str, str], list[str]] = defaultdict(list)
    for a, b, c in zip(words, words[1:], words[2:], strict=False):
        succ[(a, b)].append(c)
    starts = [k for k in succ if k[0][:1].isupper()]
    rng = random.Random(seed)
    docs = []
    for _ in range(n):
        target = rng.randint(500, 3000)
        a, b = rng.choice(starts)
        out = [a, b]
        size = len(a) + len(b) + 1
        while size < target:
            nxt = succ.get((a, b))
            if not nxt:
                a, b = rng.choice(starts)
                out[-1] += "."
                continue
            c = rng.choice(nxt)
            out.append(c)
            size += len(c) + 1
            a, b = b, c
            if rng.random() < 0.02:
                out.append("\n\n")
        docs.append(" ".join(out).replace(" \n\n ", "\n\n"))
    return docs


def load_docs(n: int) -> list[tuple[str, str]]:
    path = DATA / f"docs-v{DATA_VERSION}-{n}.jsonl"
    if not path.exists():
        DATA.mkdir(parents=True, exist_ok=True)
        t = time.perf_counter()
        docs = markov_docs(n + 2000, seed=20240)  # 2000 extra: queries without a source
        tmp = path.with_suffix(".tmp")
        with tmp.open("w", encoding="utf-8") as fh:
            for i, d in enumerate(docs):
                fh.write(json.dumps({"id": f"doc{i:06d}", "text": d}) + "\n")
        os.replace(tmp, path)
        print(f"built {path} in {time.perf_counter() - t:.0f} s", file=sys.stderr)
    with path.open(encoding="utf-8") as fh:
        return [(r["id"], r["text"]) for r in map(json.loads, fh)]


# --- measurements ------------------------------------------------------------------------


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(len(s) * p))]


def main() -> None:
    from decloak.provenance.disguise import DISGUISES
    from decloak.provenance.index import ProvenanceIndex
    from decloak.provenance.match import match_text
    from decloak.provenance.minhash import FingerprintConfig, fingerprints

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=1000)
    ap.add_argument("--reuse-index", action="store_true", help="Keep an index built before.")
    ap.add_argument("--out", default=str(RESULTS))
    args = ap.parse_args()
    load0 = os.getloadavg()[0]

    all_docs = load_docs(args.docs)
    docs, spare = all_docs[: args.docs], all_docs[args.docs :]
    config = FingerprintConfig()
    mean_chars = statistics.mean(len(t) for _, t in docs)

    # fingerprinting alone
    sample = [t for _, t in docs[:5000]]
    c0 = time.process_time()
    fingerprints(sample, config)
    fp_rate = len(sample) / (time.process_time() - c0)
    print(f"fingerprinting: {fp_rate:,.0f} docs/s (CPU)", file=sys.stderr)

    # indexing
    db = DATA / f"index-{args.docs}.db"
    built = False
    if not (args.reuse_index and db.exists()):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        index = ProvenanceIndex.create(db, config)
        c0, w0 = time.process_time(), time.perf_counter()
        done = 0

        def progress(n: int) -> None:
            nonlocal done
            done += n
            if done % 10_000 < n:
                print(f"  indexed {done:,}", file=sys.stderr)

        index.add(docs, progress=progress)
        idx_cpu, idx_wall = time.process_time() - c0, time.perf_counter() - w0
        index.close()
        built = True
        print(f"indexing: {args.docs / idx_cpu:,.0f} docs/s CPU", file=sys.stderr)
    # the same with fingerprinting on two processes (one writer), on a sample
    par_docs = docs[:20_000]
    par_db = DATA / "index-parallel.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{par_db}{suffix}").unlink(missing_ok=True)
    with ProvenanceIndex.create(par_db, config) as par:
        w0 = time.perf_counter()
        par.add(par_docs, workers=2)
        par_wall = time.perf_counter() - w0
    for suffix in ("", "-wal", "-shm"):
        Path(f"{par_db}{suffix}").unlink(missing_ok=True)
    print(f"indexing, 2 workers: {len(par_docs) / par_wall:,.0f} docs/s wall", file=sys.stderr)

    index = ProvenanceIndex.open(db)
    st = index.stats()

    # queries: disguised copies/excerpts of indexed documents, and documents with no source
    rng = random.Random(7)
    names = list(DISGUISES)
    queries: list[tuple[str, str | None, str]] = []
    for i in range(args.queries // 2):
        ident, text = docs[rng.randrange(len(docs))]
        name = names[i % len(names)]
        queries.append((DISGUISES[name](text, rng), ident, name))
    for _, text in spare[: args.queries - len(queries)]:
        queries.append((text, None, "no source"))
    rng.shuffle(queries)
    for text, _, _ in queries[:20]:  # warm the page cache
        match_text(index, text)
    lat: dict[str, list[float]] = defaultdict(list)
    hits = tied = total = 0
    for text, source, _kind in queries:
        t = time.perf_counter()
        res = match_text(index, text, top=5)
        ms = (time.perf_counter() - t) * 1000
        lat["all"].append(ms)
        lat["copies" if source else "no source"].append(ms)
        if source:
            total += 1
            hits += bool(res.matches) and res.matches[0].id == source
            top = [m.id for m in res.matches if res.matches[0].score - m.score < 1e-9]
            tied += source in top
    index.close()
    load1 = os.getloadavg()[0]

    lines = [
        "# Provenance benchmark",
        "",
        "Command: `python benchmarks/provenance_bench.py`"
        + (f" --docs {args.docs}" if args.docs != 100_000 else "")
        + (f" --queries {args.queries}" if args.queries != 1000 else ""),
        "",
        f"Machine: {cpu_model()}, {os.cpu_count()} cores, {platform.platform()}; "
        f"load average {load0:.1f} at the start, {load1:.1f} at the end (other jobs were "
        "running: wall times are pessimistic, CPU times less so).",
        "",
        f"Versions: Python {platform.python_version()}, decloak {version('decloak')}, "
        f"rensa {version('rensa')}, SQLite {sqlite3.sqlite_version}; {stamp_line(git_stamp())}.",
        "",
        f"Documents: {args.docs:,} (Markov text from this machine's licences and copyright "
        f"files, mean {mean_chars:,.0f} characters). Settings: {config.describe()}.",
        "",
        "| measurement | result | target |",
        "|---|---:|---:|",
        f"| fingerprinting (clean + key + MinHash + bands + anchors), per CPU second "
        f"| {fp_rate:,.0f} docs/s | |",
    ]
    if built:
        lines += [
            f"| indexing into SQLite, per CPU second (one core) | {args.docs / idx_cpu:,.0f} "
            "docs/s | >= 2,000 docs/s |",
            f"| indexing into SQLite, per wall second | {args.docs / idx_wall:,.0f} docs/s | |",
        ]
    lines += [
        f"| indexing with `--workers 2` (fingerprints on 2 processes, 1 writer), first "
        f"{len(par_docs):,} documents, per wall second | {len(par_docs) / par_wall:,.0f} "
        "docs/s | |",
    ]
    lines += [
        f"| match latency p50, {st.documents:,}-document index | {pct(lat['all'], 0.5):.1f} ms | |",
        f"| match latency p95 | {pct(lat['all'], 0.95):.1f} ms | < 50 ms |",
        f"| match latency p99 | {pct(lat['all'], 0.99):.1f} ms | |",
        f"| p50 / p95, disguised copies and excerpts | {pct(lat['copies'], 0.5):.1f} / "
        f"{pct(lat['copies'], 0.95):.1f} ms | |",
        f"| p50 / p95, texts with no source | {pct(lat['no source'], 0.5):.1f} / "
        f"{pct(lat['no source'], 0.95):.1f} ms | |",
        f"| Recall@1 of the {total} copies (sanity check) | {hits / max(1, total):.3f} "
        f"({tied / max(1, total):.3f} counting sources tied at the top score) | |",
        f"| index size | {st.bytes / 1e6:,.0f} MB ({st.band_rows:,} band rows, "
        f"{st.anchor_rows:,} anchors) | |",
        "",
    ]
    report = "\n".join(lines)
    print(report)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(report, encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
