"""Tracing a text to its sources: candidates from the index, then exact verification.

Two candidate generators, because two questions are asked:

- **LSH bands** find near-duplicates (whole copies, disguised or not): a
  document sharing one of the query's band buckets.  Cheap, and tuned for
  Jaccard similarity around 0.7 and above.
- **Anchors** find excerpts.  An excerpt covering 60% of a source has Jaccard
  similarity 0.6 with it, which LSH bands tuned for near-duplicates catch only a
  quarter of the time.  But every shingle of the excerpt is a shingle of the
  source, and anchors are chosen by the shingle's own hash, so the excerpt's
  anchors are a subset of the source's: a lookup in the anchor table finds the
  source whenever the excerpt has at least one anchor (40 shingles miss all of
  them with probability (7/8)**40 = 0.5%), whatever the excerpt's size relative
  to the source.

Candidates are then **verified exactly**: the source's shingle ids are read and
the exact Jaccard similarity and containment ``|Q ∩ S| / |Q|`` computed, so the
score is a measurement, not an estimate (the MinHash estimate is reported next
to it).  The score is the containment of the query in the source: "how much of
this text comes from there", which is the provenance question and works for
whole copies and excerpts alike; ties go to the higher Jaccard similarity, i.e.
to the source closest in size.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..api import scan
from ..model import Finding
from .index import ProvenanceIndex, StoredDoc
from .key import fold_char, located_key_words
from .minhash import (
    Fingerprint,
    containment,
    estimate,
    fingerprint,
    jaccard,
    shingle_hashes,
    shingles,
)

__all__ = [
    "Explanation",
    "FoldedShingle",
    "Match",
    "QueryResult",
    "explain_match",
    "match_text",
    "verify_candidates",
]

BAND_CANDIDATES = 64
"""Band candidates verified at most (most shared bands first)."""
ANCHOR_CANDIDATES = 32
"""Anchor candidates verified at most (most shared anchors first)."""
ANCHOR_SLACK = 0.5
"""A source is verified when it holds this share of the anchors the threshold implies.

The share of the query's anchors found in a source estimates the containment
(anchors are a hash-chosen sample of the query's shingles); with 20 anchors the
estimate's standard deviation is about 0.11, so half the threshold keeps true
sources with a wide margin while dropping most documents that merely share a
phrase."""


@dataclass(frozen=True, slots=True)
class Match:
    """One source of a query, with exact measurements.

    ``score`` = ``containment`` (share of the query's shingles found in the
    source); ``coverage`` is the reverse share (how much of the source the query
    holds); ``estimate`` is the MinHash estimate of ``jaccard`` from signatures;
    ``via`` says which generator proposed the candidate.
    """

    id: str
    score: float
    containment: float
    jaccard: float
    coverage: float
    estimate: float
    shared: int
    query_shingles: int
    source_shingles: int
    via: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "score": round(self.score, 4),
            "containment": round(self.containment, 4),
            "jaccard": round(self.jaccard, 4),
            "coverage": round(self.coverage, 4),
            "estimate": round(self.estimate, 4),
            "shared_shingles": self.shared,
            "query_shingles": self.query_shingles,
            "source_shingles": self.source_shingles,
            "via": list(self.via),
        }


@dataclass(frozen=True, slots=True)
class FoldedShingle:
    """A shared shingle whose query text carried a disguise: it matched only after folding.

    ``text`` is the query as written (``start``..``end``), ``cleaned`` what
    :func:`decloak.clean` restores there, ``key`` the folded matching form (not
    for reading: ``m`` is ``rn`` in it, Cyrillic words are a jumble).
    """

    start: int
    end: int
    text: str
    cleaned: str
    key: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "cleaned": self.cleaned,
            "key": self.key,
        }


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why the query differs from its best source: the disguise, and its effect on shingles."""

    source: str
    findings: tuple[Finding, ...]
    shared: int
    folded: int
    examples: tuple[FoldedShingle, ...]

    @property
    def kinds(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for f in self.findings:
            out[f.kind.value] = out.get(f.kind.value, 0) + 1
        return dict(sorted(out.items()))

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "kinds": self.kinds,
            "findings": [f.to_dict() for f in self.findings],
            "shared_shingles": self.shared,
            "folded_shingles": self.folded,
            "examples": [e.to_dict() for e in self.examples],
        }


@dataclass(frozen=True, slots=True)
class QueryResult:
    """The ranked sources of one query."""

    query: str
    shingles: int
    matches: tuple[Match, ...]
    explanation: Explanation | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "query": self.query,
            "shingles": self.shingles,
            "matches": [m.to_dict() for m in self.matches],
        }
        if self.explanation is not None:
            out["explain"] = self.explanation.to_dict()
        return out


def verify_candidates(
    fp: Fingerprint, docs: Sequence[StoredDoc], via: dict[int, tuple[str, ...]]
) -> list[Match]:
    """Exact Jaccard and containment of the query against each candidate, best first."""
    out = []
    q = fp.hashes
    for d in docs:
        inter = len(q & d.hashes)
        if not inter:
            continue
        cont = containment(q, d.hashes)
        out.append(
            Match(
                id=d.id,
                score=cont,
                containment=cont,
                jaccard=jaccard(q, d.hashes),
                coverage=inter / len(d.hashes),
                estimate=estimate(fp.signature, d.signature),
                shared=inter,
                query_shingles=len(q),
                source_shingles=len(d.hashes),
                via=via[d.doc],
            )
        )
    out.sort(key=lambda m: (-m.score, -m.jaccard, -m.estimate, m.id))
    return out


def match_text(
    index: ProvenanceIndex,
    text: str,
    *,
    query_id: str = "<query>",
    top: int = 5,
    threshold: float = 0.5,
    explain: bool = False,
) -> QueryResult:
    """The sources of ``text`` in ``index`` with score >= ``threshold``, best first."""
    fp = fingerprint(text, index.config)
    with index._guard():
        bands = index.band_candidates(fp, max(BAND_CANDIDATES, 4 * top))
        # anchors shared estimate the containment (they are a sample of the
        # query's shingles): verify only sources that could reach the threshold
        anchors = index.anchor_candidates(
            fp, max(ANCHOR_CANDIDATES, 4 * top), threshold * ANCHOR_SLACK
        )
        via: dict[int, tuple[str, ...]] = {}
        for doc in bands:
            via[doc] = ("bands",)
        for doc in anchors:
            via[doc] = (*via.get(doc, ()), "anchors")
        docs = index.load(sorted(via))
    ranked = [m for m in verify_candidates(fp, docs, via) if m.score >= threshold][:top]
    explanation = None
    if explain and ranked:
        best = next(d for d in docs if d.id == ranked[0].id)
        explanation = explain_match(text, best, index.config.shingle_size)
    return QueryResult(query_id, len(fp.ids), tuple(ranked), explanation)


def _disguise_marks(text: str, findings: Sequence[Finding]) -> list[int]:
    """Prefix counts of disguised characters: ``marks[e] - marks[s]`` > 0 iff text[s:e] has one.

    A character is disguised when a finding covers it, or when it is not ASCII
    and the key folds it away (invisible) or to ASCII letters it does not case-fold
    to (a look-alike or compatibility form).  Built once, in linear time, so that
    asking about every shingle costs O(1) each.
    """
    flags = bytearray(len(text) + 1)
    for f in findings:
        flags[f.start : f.end] = b"\x01" * (f.end - f.start)
    for i, ch in enumerate(text):
        if not flags[i] and not ch.isascii():
            folded = fold_char(ch)
            if folded == "" or (folded.isascii() and folded != ch.casefold()):
                flags[i] = 1
    marks = [0]
    for b in flags[: len(text)]:
        marks.append(marks[-1] + b)
    return marks


def explain_match(text: str, source: StoredDoc, size: int, examples: int = 5) -> Explanation:
    """The disguise in ``text`` (decloak.scan findings) and which shared shingles needed folding.

    A shared shingle "matched only after folding" when the stretch of the query
    it came from holds a finding, an invisible character or a look-alike letter:
    without the comparison key a corpus pipeline would have hashed it differently
    from the source's.
    """
    report = scan(text)
    marks = _disguise_marks(text, report.findings)
    cleaned, words = located_key_words(text)
    grams = shingles([w.word for w in words], size)
    hashes = [h >> 32 for h in shingle_hashes([[w.word for w in words]], size)[0]]  # in order
    n = len(words)
    shared = folded = 0
    shown: list[FoldedShingle] = []
    seen: set[int] = set()
    for i, (g, h) in enumerate(zip(grams, hashes, strict=True)):
        if h not in source.hashes or h in seen:
            continue
        seen.add(h)
        shared += 1
        first, last = words[i], words[min(i + size, n) - 1]
        if marks[last.end] > marks[first.start]:
            folded += 1
            if len(shown) < examples:
                shown.append(
                    FoldedShingle(
                        first.start,
                        last.end,
                        text[first.start : last.end],
                        cleaned[first.clean_start : last.clean_end],
                        g,
                    )
                )
    return Explanation(source.id, report.findings, shared, folded, tuple(shown))
