"""Provenance evaluation: are disguised copies traced to their source?

Usage: ``python eval/provenance.py [--sources 1200] [--copies 200] [--unrelated 100]``
(``make eval-provenance``).  Data: ``eval/provenance_data.py`` (offline text on this
machine, disguises written from the Unicode files, no decloak involved).

Three systems answer each query with a ranked list of sources:

- **decloak**: ``decloak match`` as shipped: an SQLite index of comparison keys,
  candidates from LSH bands and containment anchors, exact verification,
  reported when the containment score is at least ``--threshold``;
- **decloak, bands only**: the same keys without the anchor pass (what the
  anchors add, for excerpts);
- **plain MinHash**: what corpus pipelines do: case fold, punctuation out, word
  5-grams of the raw text, the same rensa MinHash (128 permutations, seed 1),
  the same 16 x 8 LSH bands, candidates ranked by estimated Jaccard.  Its top
  candidate counts whatever its score (the most generous reading).

Recall@1: the source is ranked first.  MRR: mean of 1/rank of the source (0 if
absent from the top 10).  False matches: unrelated texts (Python docstrings,
a family absent from the index) for which the system reports any source
(plain MinHash: any LSH candidate with estimate >= threshold).
"""

from __future__ import annotations

import argparse
import platform
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import provenance_data as data
from common import git_stamp

from decloak.provenance.index import ProvenanceIndex
from decloak.provenance.key import plain_words
from decloak.provenance.match import match_text, verify_candidates
from decloak.provenance.minhash import (
    FingerprintConfig,
    band_buckets,
    estimate,
    fingerprint,
    shingle_hashes,
    signatures,
)

TOP = 10


class PlainMinHash:
    """The baseline: MinHash LSH over case-folded raw words, in memory."""

    def __init__(self, config: FingerprintConfig) -> None:
        self.config = config
        self.buckets: dict[int, list[str]] = defaultdict(list)
        self.sigs: dict[str, tuple[int, ...]] = {}

    def _sig(self, texts: list[str]) -> list[tuple[int, ...]]:
        hashed = shingle_hashes([plain_words(t) or ["-"] for t in texts], self.config.shingle_size)
        return [tuple(r) for r in signatures(hashed, self.config)]

    def add(self, docs: list[data.Doc]) -> None:
        for doc, sig in zip(docs, self._sig([d.text for d in docs]), strict=True):
            self.sigs[doc.id] = sig
            for b in band_buckets(sig, self.config):
                self.buckets[b].append(doc.id)

    def query(self, text: str) -> list[tuple[str, float]]:
        (sig,) = self._sig([text])
        cands = {d for b in band_buckets(sig, self.config) for d in self.buckets.get(b, ())}
        ranked = sorted(((d, estimate(sig, self.sigs[d])) for d in cands), key=lambda x: -x[1])
        return ranked[:TOP]


def reciprocal_rank(ids: list[str], source: str) -> float:
    return 1.0 / (ids.index(source) + 1) if source in ids else 0.0


def _stamp_line(stamp: dict[str, object]) -> str:
    """``commit abc1234`` (plus a warning when the tree had uncommitted changes)."""
    commit = stamp.get("commit")
    if not isinstance(commit, str):
        return "commit unknown (not a git checkout)"
    return f"commit {commit[:7]}" + (" (with uncommitted changes)" if stamp.get("dirty") else "")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sources", type=int, default=1200)
    ap.add_argument("--copies", type=int, default=200)
    ap.add_argument("--unrelated", type=int, default=100)
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--out", default=str(Path(__file__).parent / "results" / "provenance.md"))
    args = ap.parse_args()

    t0 = time.perf_counter()
    sources, queries = data.dataset(args.sources, args.copies, args.unrelated)
    t_data = time.perf_counter() - t0
    config = FingerprintConfig()

    systems: dict[str, Callable[[str], list[tuple[str, float]]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        index = ProvenanceIndex.create(Path(tmp) / "sources.db", config)
        t1 = time.perf_counter()
        index.add((d.id, d.text) for d in sources)
        t_index = time.perf_counter() - t1
        plain = PlainMinHash(config)
        plain.add(sources)
        latencies: list[float] = []

        def decloak_match(text: str) -> list[tuple[str, float]]:
            t = time.perf_counter()
            res = match_text(index, text, top=TOP, threshold=args.threshold)
            latencies.append(time.perf_counter() - t)
            return [(m.id, m.score) for m in res.matches]

        def bands_only(text: str) -> list[tuple[str, float]]:
            fp = fingerprint(text, config)
            cands = index.band_candidates(fp, 64)
            docs = index.load(sorted(cands))
            ranked = verify_candidates(fp, docs, {d: ("bands",) for d in cands})
            return [(m.id, m.score) for m in ranked if m.score >= args.threshold][:TOP]

        systems = {
            "decloak match": decloak_match,
            "decloak, bands only": bands_only,
            "plain MinHash (baseline)": plain.query,
        }
        answers = {name: [f(q.text) for q in queries] for name, f in systems.items()}
        index.close()

    disguises = list(data.DISGUISES)
    rows = []
    per_disguise: dict[str, dict[str, float]] = {}
    for name, ans in answers.items():
        rr, hit1 = [], []
        by_kind: dict[str, list[int]] = defaultdict(list)
        false = 0
        for q, a in zip(queries, ans, strict=True):
            ids = [i for i, _ in a]
            if q.source is None:
                if name.startswith("plain"):
                    false += any(s >= args.threshold for _, s in a)
                else:
                    false += bool(a)
                continue
            rr.append(reciprocal_rank(ids, q.source))
            hit1.append(int(bool(ids) and ids[0] == q.source))
            by_kind[q.disguise].append(hit1[-1])
        rows.append((name, statistics.mean(hit1), statistics.mean(rr), false))
        per_disguise[name] = {k: statistics.mean(v) for k, v in by_kind.items()}

    n_copies = sum(1 for q in queries if q.source)
    n_unrel = len(queries) - n_copies
    families: dict[str, int] = defaultdict(int)
    for d in sources:
        families[d.id.split("/")[0]] += 1
    lat = sorted(latencies[:n_copies])
    p50 = lat[len(lat) // 2] * 1000
    p95 = lat[int(len(lat) * 0.95)] * 1000

    lines = [
        "# Provenance evaluation",
        "",
        "Command: `make eval-provenance` (= `python eval/provenance.py`"
        + (
            ""
            if (args.sources, args.copies, args.unrelated) == (1200, 200, 100)
            else f" --sources {args.sources} --copies {args.copies} --unrelated {args.unrelated}"
        )
        + ")",
        "",
        f"Data: {len(sources)} sources ("
        + ", ".join(f"{n} {k}" for k, n in sorted(families.items()))
        + f"; mean {statistics.mean(len(d.text) for d in sources):.0f} characters), "
        f"{n_copies} disguised copies, {n_unrel} unrelated texts (Python docstrings). "
        "How they are made: `eval/provenance_data.py`.",
        "",
        f"Settings: {config.describe()}; match threshold {args.threshold}.",
        "",
        f"| system | Recall@1 | MRR | false matches / {n_unrel} unrelated |",
        "|---|---:|---:|---:|",
        *[f"| {n} | {r1:.3f} | {mrr:.3f} | {fm} |" for n, r1, mrr, fm in rows],
        "",
        "Recall@1 by disguise:",
        "",
        "| disguise | n | " + " | ".join(answers) + " |",
        "|---|---:|" + "---:|" * len(answers),
    ]
    counts = defaultdict(int)
    for q in queries:
        if q.source:
            counts[q.disguise] += 1
    for k in disguises:
        lines.append(
            f"| {k} | {counts[k]} | "
            + " | ".join(f"{per_disguise[n].get(k, 0):.3f}" for n in answers)
            + " |"
        )
    lines += [
        "",
        f"Indexing {len(sources)} sources: {t_index:.2f} s ({len(sources) / t_index:,.0f} docs/s, "
        f"one process); decloak match latency p50 {p50:.1f} ms, p95 {p95:.1f} ms "
        f"(index of {len(sources)}; see benchmarks/ for 100,000). Data built in {t_data:.0f} s.",
        "",
        f"Machine: {platform.platform()}, {platform.processor() or platform.machine()}, "
        f"Python {platform.python_version()}, decloak {version('decloak')}, "
        f"rensa {version('rensa')}, SQLite {sqlite3.sqlite_version}.",
        "",
        "Code: " + _stamp_line(git_stamp()) + ".",
        "",
    ]
    report = "\n".join(lines)
    print(report)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(report, encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
