"""Disguise campaigns: documents disguised the same way, and where they were copied from.

A content farm runs one script over thousands of scraped articles: every ``a``
from the middle of the text on becomes Cyrillic ``а``, or a zero-width space goes
into every word.  The articles differ; the way they are disguised does not.  A
document's :class:`~decloak.patterns.Pattern` values reduce here to a
:class:`Signature` that keeps only what the farm chose, in coarse buckets, and
nothing of the article's words or length, so copies of different articles get
the same signature and different farms different ones.

A signature is a sorted tuple of :class:`Trait` values, one per *family* of
disguise:

``letters``
    look-alike letters (``homoglyph``, ``compat-letter`` and ``ascii-lookalike``
    together: which of them the engine reports may depend on the context, the
    farm's choice does not).  Each swap of a :data:`COMMON_LETTERS` letter is
    kept with its own rate (``'a' -> Cyrillic 'а', every``); swaps of every other
    letter, or of whole ligatures, fold into ``other_letters`` with one rate for
    them all.  Why: a letter that is rare in running text (``x``, ``q``, or a
    capital) is present in one article and absent from the next, so a farm that
    swaps it would otherwise split into as many signatures as there are
    combinations of rare letters; the common letters occur in any span of prose
    a few hundred letters long.
``invisible``
    the set of invisible characters and their density (per code point of the
    document);
any other kind (``bidi``, ``deletion``, the three payload kinds)
    how many there are.

Each trait also has a *placement* (:func:`placement`): whether it starts in the
first quarter of the document and whether it runs into the last.  Invisibles and
other kinds are placed by code point offsets.  Letters swapped in a region (every
or most of them) are too, but start at the start (run to the end) when no
occurrence of the letter is left before (after) them; letters swapped at a rate
are placed among the letter's own occurrences (:attr:`Pattern.before
<decloak.patterns.Pattern.before>`, ``after``), since where a random draw first
falls depends on where the article uses the letter.

Buckets (:func:`letter_rate`, :func:`density`, :func:`count_bucket`) are wide on
purpose: a farm that swaps 30% of the ``e`` at random gives 20-40% in each
article, inside one bucket.  A farm whose rate sits on a bucket's edge, or whose
inserts are so sparse that short articles hold one or two, splits into two or
three signatures; that is the price of exact, hashable signatures.

Documents without findings (clean text, and legitimate text in any script:
Russian, Greek, Persian with ZWNJ, Hindi with ZWJ, emoji ZWJ sequences, which
decloak leaves alone) have no signature: :func:`signature` returns ``None``.

:class:`SignatureCounter` counts documents per signature in bounded memory (at
most :data:`MAX_SIGNATURES` distinct ones, the rest counted as ``other``), for
``decloak corpus``'s ``stats.json``.  :func:`group_campaigns` groups documents by
signature and by source (a provenance index match or a near-duplicate cluster),
for ``decloak campaigns``.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from .config import Config, get_config
from .errors import InputError, UsageError
from .model import Kind
from .patterns import Pattern, describe_char, quote_char

__all__ = [
    "COMMON_LETTERS",
    "MAX_SIGNATURES",
    "Campaign",
    "CampaignGroups",
    "CampaignReport",
    "Signature",
    "SignatureCounter",
    "Swap",
    "Trait",
    "find_campaigns",
    "group_campaigns",
    "signature",
]

SIGNATURE_VERSION = 1
"""Part of every signature's canonical form: bumped when the buckets change, so old ids
never pass for new ones."""

COMMON_LETTERS = frozenset("aeinorst")
"""Letters whose swaps a signature names one by one.

Each makes up 5% or more of the letters of running English, French, Spanish,
Italian and Portuguese text (``o`` 2.5% in German), so any span of a few hundred
letters holds it and a farm's swap of it shows in every article.  Swaps of the
other letters are summarised (see the module docstring)."""

LETTERS = "letters"
INVISIBLE = "invisible"
_LETTER_KINDS = frozenset({Kind.HOMOGLYPH, Kind.COMPAT_LETTER, Kind.ASCII_LOOKALIKE})

# --- buckets -------------------------------------------------------------------------------

RATE_EVERY = "every"
RATE_MOST = "most"
RATE_SOME = "some"
RATE_FEW = "few"
ONCE = "once"
A_FEW = "a few"
MANY = "many"
DENSE = "dense"
FREQUENT = "frequent"
SPARSE = "sparse"

_RATE_WORDS = {
    RATE_EVERY: "every",
    RATE_MOST: "most (50-90%)",
    RATE_SOME: "some (10-50%)",
    RATE_FEW: "a few (under 10%)",
    ONCE: "one",
}
_DENSITY_WORDS = {
    DENSE: "dense (one per 40 characters or more)",
    FREQUENT: "frequent (one per 40-400 characters)",
    SPARSE: "sparse (under one per 400 characters)",
    A_FEW: "a few (2-7)",
    ONCE: "one",
}

FEW_UNITS = 8
"""Below this many units a trait's rate is a count (``once``, ``a few``), not a density:
a handful of inserts says nothing about a rate."""

THROUGHOUT = "throughout"
FROM_MID = "from mid-text on"
AT_START = "at the start"
IN_MIDDLE = "in the middle"

EDGE = 0.25
"""A trait starting before this share of the text starts "at the start"; one ending after
``1 - EDGE`` runs "to the end".  Wide, so that where the first swapped letter happens
to fall does not move a trait across the line."""


def letter_rate(share: float, count: int) -> str:
    """The bucket of a letter swap's share: every (90% or more), most, some, few, once."""
    if count == 1:
        return ONCE  # one unit is its own span: its share says nothing
    if share >= 0.9:
        return RATE_EVERY
    if share >= 0.5:
        return RATE_MOST
    if share >= 0.1:
        return RATE_SOME
    return RATE_FEW


def density(count: int, length: int) -> str:
    """The bucket of invisible characters: by count under :data:`FEW_UNITS`, else per code point."""
    if count == 1:
        return ONCE
    if count < FEW_UNITS:
        return A_FEW
    per = count / max(length, 1)
    if per >= 1 / 40:
        return DENSE
    if per >= 1 / 400:
        return FREQUENT
    return SPARSE


def count_bucket(count: int) -> str:
    """The bucket of whole findings (bidi runs, deletions, payloads): once, a few, many."""
    return ONCE if count == 1 else A_FEW if count < FEW_UNITS else MANY


def placement(start: int, end: int, length: int) -> str:
    """Where a trait lies: throughout, from mid-text on, at the start, in the middle.

    Two questions, each with a wide margin: does it start in the first quarter, does
    it run into the last one.  "From mid-text on" is any later start that runs to
    the end: where exactly the first swapped letter falls depends on the article (a
    paragraph of capitals holds no small ``a``), not on the farm.
    """
    n = max(length, 1)
    s, e = start / n, end / n
    to_end = e > 1 - EDGE
    if s < EDGE:
        return THROUGHOUT if to_end else AT_START
    return FROM_MID if to_end else IN_MIDDLE


# --- the signature ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Swap:
    """One character standing for another: ``intended`` -> ``disguise`` at ``rate``.

    For invisibles ``intended`` is ``""`` and ``rate`` is ``""`` (the trait's density
    covers them all)."""

    intended: str
    disguise: str
    rate: str

    def canonical(self) -> list[str]:
        return [self.intended, self.disguise, self.rate]


@dataclass(frozen=True, slots=True)
class Trait:
    """One family of a document's disguise (see the module docstring)."""

    family: str
    """``letters``, ``invisible`` or a kind (``bidi``, ``tag-payload``, ...)."""
    swaps: tuple[Swap, ...]
    """Letters: the swaps of common letters; invisible: one per character; else empty."""
    rate: str
    """Letters: the rate of the other letters' swaps (``""`` when there are none);
    invisible: the density; other kinds: the count bucket."""
    placement: str

    @property
    def other_letters(self) -> bool:
        return self.family == LETTERS and bool(self.rate)

    def canonical(self) -> list[Any]:
        return [self.family, [s.canonical() for s in self.swaps], self.rate, self.placement]

    def describe(self) -> str:
        if self.family == LETTERS:
            by_letter: dict[str, list[Swap]] = {}
            for s in self.swaps:
                by_letter.setdefault(s.intended, []).append(s)
            parts = [
                f"{_RATE_WORDS[swaps[0].rate]} {quote_char(c)} -> "
                + " or ".join(describe_char(s.disguise) for s in swaps)
                for c, swaps in by_letter.items()
            ]
            if self.rate:
                parts.append(f"{_RATE_WORDS[self.rate]} of other letters swapped")
            return f"{'; '.join(parts)}, {self.placement}"
        if self.family == INVISIBLE:
            chars = ", ".join(describe_char(s.disguise) for s in self.swaps)
            return f"invisible {chars}: {_DENSITY_WORDS[self.rate]}, {self.placement}"
        return f"{self.family}: {self.rate}, {self.placement}"


def _digest(traits: Sequence[Trait]) -> str:
    canonical = json.dumps(
        [SIGNATURE_VERSION, [t.canonical() for t in traits]],
        ensure_ascii=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()[:12]


@dataclass(frozen=True, slots=True)
class Signature:
    """How a document is disguised, without what it says: equal for one farm's copies.

    ``id`` is the first 12 hex digits of the SHA-256 of the canonical form (the
    traits as JSON with :data:`SIGNATURE_VERSION`), stable across runs, machines
    and kernels; ``description`` is one line for people.  Make one with
    :meth:`of` or :func:`signature`.
    """

    traits: tuple[Trait, ...]
    id: str = field(compare=False)
    description: str = field(compare=False)

    @classmethod
    def of(cls, traits: Iterable[Trait]) -> Signature:
        ordered = tuple(sorted(traits, key=lambda t: json.dumps(t.canonical())))
        return cls(ordered, _digest(ordered), " | ".join(t.describe() for t in ordered))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "description": self.description,
            "traits": [
                {
                    "family": t.family,
                    "swaps": [
                        {"from": s.intended, "to": s.disguise, "rate": s.rate} for s in t.swaps
                    ],
                    "rate": t.rate,
                    "placement": t.placement,
                }
                for t in self.traits
            ],
        }


class _ReportLike(Protocol):
    """What a signature needs of a report (a :class:`~decloak.model.Report`)."""

    @property
    def length(self) -> int: ...
    @property
    def patterns(self) -> tuple[Pattern, ...]: ...


def signature(report: _ReportLike) -> Signature | None:
    """The signature of a scanned document, ``None`` when it has no finding.

    >>> import decloak
    >>> text = "A plain start. " * 20 + "Th\\u0430t w\\u0430s \\u0430ll. " * 20
    >>> print(signature(decloak.scan(text)).description)
    every 'a' -> Cyrillic 'а' U+0430, from mid-text on
    >>> signature(decloak.scan("Привет, мир")) is None
    True
    """
    return signature_of(report.patterns, report.length)


def signature_of(patterns: Sequence[Pattern], length: int) -> Signature | None:
    """The signature of a document of ``length`` code points with these patterns."""
    if not patterns:
        return None
    common: dict[str, _Letter] = {}
    others: dict[str, _Letter] = {}
    uncounted = 0  # letter units with no one intended letter (ligatures, no replacement)
    spans: dict[str, list[int]] = {}  # family -> [first start, last end] in code points
    invisibles: dict[str, int] = {}
    counts: Counter[str] = Counter()
    for p in patterns:
        if p.kind in _LETTER_KINDS:
            family = LETTERS
            if len(p.intended) == 1 and p.disguise:
                table = common if p.intended in COMMON_LETTERS else others
                table.setdefault(p.intended, _Letter()).add(p)
            else:
                uncounted += p.count
        elif p.kind is Kind.INVISIBLE:
            family = INVISIBLE
            invisibles[p.disguise] = invisibles.get(p.disguise, 0) + p.count
        else:
            family = p.kind.value
        counts[family] += p.count
        span = spans.get(family)
        if span is None:
            spans[family] = [p.start, p.end]
        else:
            span[0], span[1] = min(span[0], p.start), max(span[1], p.end)
    traits: list[Trait] = []
    for family, (start, end) in spans.items():
        if family == LETTERS:
            swaps = tuple(
                Swap(c, d, letter.rate())
                for c, letter in sorted(common.items())
                for d in sorted(letter.disguises)
            )
            rate = ""
            if others or uncounted:
                n = sum(x.count for x in others.values()) + uncounted
                left = sum(x.left_inside() for x in others.values())
                rate = letter_rate(n / (n + left), n)
            placed = list(common.values()) or list(others.values())
            if placed:
                first = min(x.first_share(length) for x in placed)
                last = max(x.last_share(length) for x in placed)
                where = placement(round(first * 1000), round(last * 1000), 1000)
            else:
                where = placement(start, end, length)
            traits.append(Trait(family, swaps, rate, where))
        elif family == INVISIBLE:
            chars = tuple(Swap("", ch, "") for ch in sorted(invisibles))
            traits.append(
                Trait(family, chars, density(counts[family], length), placement(start, end, length))
            )
        else:
            traits.append(
                Trait(family, (), count_bucket(counts[family]), placement(start, end, length))
            )
    return Signature.of(traits)


@dataclass(slots=True)
class _Letter:
    """Every disguise of one intended letter in a document, from its patterns.

    Each pattern of the letter knows the letter's occurrences left as they are
    before its first unit, inside its span and after its last unit; together
    these add up to every undisguised occurrence, whichever pattern they come from.
    """

    disguises: set[str] = field(default_factory=set)
    count: int = 0
    undisguised: int = 0
    before: int = -1
    after: int = -1
    start: int = -1
    end: int = 0

    def add(self, p: Pattern) -> None:
        self.disguises.add(p.disguise)
        self.count += p.count
        self.start = p.start if self.start < 0 else min(self.start, p.start)
        self.end = max(self.end, p.end)
        inside = round(p.count / p.share) - p.count if p.share > 0 else 0
        self.undisguised = max(self.undisguised, p.before + inside + p.after)
        self.before = p.before if self.before < 0 else min(self.before, p.before)
        self.after = p.after if self.after < 0 else min(self.after, p.after)

    def left_inside(self) -> int:
        """Occurrences left as they are between the first and the last disguise."""
        return max(self.undisguised - self.before - self.after, 0)

    def rate(self) -> str:
        return letter_rate(self.count / (self.count + self.left_inside()), self.count)

    def _region(self) -> bool:
        """Whether (nearly) every occurrence in the span is disguised: a region the farm
        chose, not random draws."""
        return self.rate() in (RATE_EVERY, RATE_MOST)

    def first_share(self, length: int) -> float:
        """Where the disguise starts, as a share of the text.

        A region starts where its first unit is (in code points: "from the middle
        on" is a place in the text), or at the start when no occurrence of the
        letter comes before it.  Units drawn at a rate are placed among the letter's
        occurrences instead: whether the first draw falls early in the text depends
        on where the article happens to use the letter (a block of capitals first),
        not on the farm.
        """
        if self._region():
            return 0.0 if self.before == 0 else self.start / max(length, 1)
        return self.before / (self.count + self.undisguised)

    def last_share(self, length: int) -> float:
        """Where the disguise ends, as a share of the text (see :meth:`first_share`)."""
        if self._region():
            return 1.0 if self.after == 0 else self.end / max(length, 1)
        return 1 - self.after / (self.count + self.undisguised)


# --- counting in bounded memory -----------------------------------------------------------

MAX_SIGNATURES = 1000
"""Distinct signatures a :class:`SignatureCounter` keeps; documents of later new ones are
counted as ``other``.  A farm's signature is one of few; the long tail is mostly
single stray look-alikes, so 1,000 keeps every campaign of a real corpus in a few
hundred kilobytes."""


@dataclass(slots=True)
class SignatureCounter:
    """Documents per signature, for at most ``cap`` distinct signatures (the first seen).

    Exact for every signature kept; the documents of signatures first seen once the
    counter is full are counted in :attr:`other`.  Counters of shards merge with
    :meth:`merge`, which keeps the ``cap`` largest (ties by id), so a merged count
    does not depend on the order in which shards finished.
    """

    cap: int = MAX_SIGNATURES
    counts: dict[str, int] = field(default_factory=dict)
    descriptions: dict[str, str] = field(default_factory=dict)
    other: int = 0

    def add(self, sig: Signature | None, n: int = 1) -> None:
        if sig is None:
            return
        self.add_id(sig.id, sig.description, n)

    def add_id(self, ident: str, description: str, n: int = 1) -> None:
        if ident in self.counts:
            self.counts[ident] += n
        elif len(self.counts) < self.cap:
            self.counts[ident] = n
            self.descriptions[ident] = description
        else:
            self.other += n

    def rows(self) -> tuple[tuple[str, str, int], ...]:
        """``(id, description, documents)``, the most documents first (ties by id)."""
        return tuple(
            (i, self.descriptions[i], n)
            for i, n in sorted(self.counts.items(), key=lambda kv: (-kv[1], kv[0]))
        )

    @classmethod
    def merge(
        cls,
        parts: Iterable[tuple[Iterable[tuple[str, str, int]], int]],
        cap: int = MAX_SIGNATURES,
    ) -> SignatureCounter:
        """One counter from ``(rows, other)`` of several, the ``cap`` largest kept."""
        counts: Counter[str] = Counter()
        descriptions: dict[str, str] = {}
        other = 0
        for rows, rest in parts:
            other += rest
            for ident, description, n in rows:
                counts[ident] += n
                descriptions.setdefault(ident, description)
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        out = cls(cap)
        for ident, n in ranked[:cap]:
            out.counts[ident] = n
            out.descriptions[ident] = descriptions[ident]
        out.other = other + sum(n for _, n in ranked[cap:])
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "signatures": [{"id": i, "description": d, "documents": n} for i, d, n in self.rows()],
            "signatures_other": self.other,
        }


# --- grouping ------------------------------------------------------------------------------

MAX_SOURCES = 1000
"""Distinct sources kept per campaign; documents of later new ones count as ``other``."""


@dataclass(frozen=True, slots=True)
class Campaign:
    """Documents disguised the same way, and what they were copied from."""

    signature: Signature
    documents: int
    sources: tuple[tuple[str, int], ...]
    """``(source id, documents)``, the most documents first (ties by id)."""
    unsourced: int
    """Documents whose source was not found (no index match, no near-duplicate)."""
    other_sources: int
    """Documents of sources beyond :data:`MAX_SOURCES` (counted, not named)."""
    members: tuple[str, ...]
    """Document ids, in input order: all of them, or the first few (see ``members``
    of :func:`group_campaigns`)."""

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.signature.to_dict(),
            "documents": self.documents,
            "sources": [{"source": s, "documents": n} for s, n in self.sources],
            "unsourced": self.unsourced,
            "other_sources": self.other_sources,
            "members": list(self.members),
        }


@dataclass(frozen=True, slots=True)
class CampaignGroups:
    """The result of :func:`group_campaigns`."""

    documents: int
    disguised: int
    """Documents with a signature (at least one finding)."""
    campaigns: tuple[Campaign, ...]
    """Groups of at least ``min_size`` documents, the largest first (ties by signature id)."""
    smaller: int
    """Documents in groups under ``min_size`` (not listed)."""
    other: int
    """Documents of signatures beyond :data:`MAX_SIGNATURES` (counted, not grouped)."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "disguised": self.disguised,
            "campaigns": [c.to_dict() for c in self.campaigns],
            "in_smaller_groups": self.smaller,
            "signatures_other": self.other,
        }


@dataclass(slots=True)
class _Group:
    signature: Signature
    documents: int = 0
    sources: dict[str, int] = field(default_factory=dict)
    unsourced: int = 0
    other_sources: int = 0
    members: list[str] = field(default_factory=list)


def group_campaigns(
    documents: Iterable[tuple[str, Signature | None, str | None]],
    *,
    min_size: int = 2,
    members: int | None = 5,
    cap: int = MAX_SIGNATURES,
) -> CampaignGroups:
    """Group ``(id, signature, source)`` triples by signature, and each group by source.

    ``source`` is the id of the document it was copied from, or ``None``.  Groups smaller
    than ``min_size`` are counted, not listed.  ``members`` ids are kept per group
    (``None``: every id; memory then grows with the disguised documents); at most
    ``cap`` distinct signatures are grouped (the first seen).
    """
    groups: dict[str, _Group] = {}
    total = disguised = other = 0
    for ident, sig, src in documents:
        total += 1
        if sig is None:
            continue
        disguised += 1
        g = groups.get(sig.id)
        if g is None:
            if len(groups) >= cap:
                other += 1
                continue
            g = groups[sig.id] = _Group(sig)
        g.documents += 1
        if members is None or len(g.members) < members:
            g.members.append(ident)
        if src is None:
            g.unsourced += 1
        elif src in g.sources:
            g.sources[src] += 1
        elif len(g.sources) < MAX_SOURCES:
            g.sources[src] = 1
        else:
            g.other_sources += 1
    listed = [g for g in groups.values() if g.documents >= min_size]
    listed.sort(key=lambda g: (-g.documents, g.signature.id))
    smaller = sum(g.documents for g in groups.values() if g.documents < min_size)
    return CampaignGroups(
        total,
        disguised,
        tuple(
            Campaign(
                g.signature,
                g.documents,
                tuple(sorted(g.sources.items(), key=lambda kv: (-kv[1], kv[0]))),
                g.unsourced,
                g.other_sources,
                tuple(g.members),
            )
            for g in listed
        ),
        smaller,
        other,
    )


# --- over shards: what ``decloak campaigns`` runs ----------------------------------------------

SOURCES = ("clusters", "index", "none")
"""Where a document's source comes from: near-duplicate clusters (``decloak dedup``),
the best match in a provenance index (``decloak match``), or nowhere."""


@dataclass(frozen=True, slots=True)
class CampaignReport:
    """:func:`find_campaigns`' result: the groups, and how they were made."""

    groups: CampaignGroups
    shards: int
    rejected: int
    """JSONL lines that hold no document (skipped, as ``decloak dedup`` skips them)."""
    sources: str
    """``clusters``, ``index`` or ``none`` (:data:`SOURCES`)."""
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.groups.to_dict(),
            "shards": self.shards,
            "rejected": self.rejected,
            "sources_from": self.sources,
            "seconds": round(self.seconds, 3),
        }


def find_campaigns(
    inputs: Sequence[str],
    *,
    config: Config | str | None = None,
    db: str | None = None,
    clusters: str | None = None,
    dedup_sources: bool = True,
    threshold: float | None = None,
    min_size: int = 2,
    members: int | None = 5,
    id_key: str = "id",
    text_key: str = "text",
    workers: int | None = None,
) -> CampaignReport:
    """Group the documents of JSONL/Parquet shards by signature, then by source.

    ``inputs`` are read as ``decloak dedup`` reads them (shards, folders, quoted
    globs; a JSONL line that holds no document is skipped and counted) and scanned
    one shard per task on ``workers`` processes (the corpus task runner; ``1``:
    here, in this process).  The source of a disguised document is:

    - with ``db``: its best match in that provenance index, as ``decloak match``
      finds it (score at least ``threshold``, default 0.5);
    - with ``clusters``: the kept document of its near-duplicate cluster in that
      ``clusters.parquet``, written by ``decloak dedup`` over the same inputs;
    - else, with ``dedup_sources``, the same from ``decloak dedup`` run here into
      a temporary folder (``threshold`` default 0.8, also on ``workers`` processes);
      without it, no document has a source.

    A document alone in its cluster, or without a match, has no source.
    """
    if db is not None and clusters is not None:
        raise UsageError("give an index (--db) or a clusters file (--clusters), not both")
    if min_size < 1:
        raise UsageError("the least group size must be at least 1")
    from .corpus.runner import find_inputs
    from .provenance.clusters import SHARDS

    t0 = time.perf_counter()
    cfg = get_config(config)
    shards = [s.path for s in find_inputs(inputs, types=SHARDS)]
    run = functools.partial(
        _grouped,
        shards,
        t0=t0,
        min_size=min_size,
        members=members,
        workers=workers,
        make_task=functools.partial(
            _ShardTask,
            config=cfg,
            id_key=id_key,
            text_key=text_key,
            db=db,
            threshold=0.5 if threshold is None else threshold,
        ),
    )
    if db is not None:
        from .provenance.index import ProvenanceIndex

        with ProvenanceIndex.open(db, read_only=True):
            pass  # a missing or foreign index is an error before any work
        return run("index", None)
    if clusters is not None:
        return run("clusters", _ClusterSource(clusters))
    if not dedup_sources:
        return run("none", None)
    from .provenance.clusters import dedup

    with tempfile.TemporaryDirectory(prefix="decloak-campaigns-") as work:
        dedup(
            shards,
            work,
            threshold=0.8 if threshold is None else threshold,
            workers=workers,
            id_key=id_key,
            text_key=text_key,
        )
        return run("clusters", _ClusterSource(os.path.join(work, "clusters.parquet")))


@dataclass(frozen=True, slots=True)
class _ShardTask:
    """Scan one shard (and look its disguised documents up in ``db``, if given)."""

    path: str
    config: Config
    id_key: str
    text_key: str
    db: str | None
    threshold: float

    def __str__(self) -> str:  # how the task runner names a failed task
        return self.path


@dataclass(frozen=True, slots=True)
class _ShardResult:
    rows: tuple[tuple[int, str, Signature | None, str | None], ...]
    """``(row, id, signature, source from the index)`` per document, in file order."""
    rejected: int


def scan_shard(task: _ShardTask) -> _ShardResult:
    """The signatures of one shard's documents (a task of the corpus task runner).

    Module-level so that worker processes can import it.  With an index, each
    disguised document is looked up in it, opened read-only here as ``decloak
    match -o`` opens it in each worker.  Equal signatures are shared, so a shard's
    result costs one small tuple per document.
    """
    from .api import scan
    from .provenance.clusters import shard_records

    rejected = 0

    def reject(line: int, error: str, raw: str) -> None:
        nonlocal rejected
        rejected += 1

    with contextlib.ExitStack() as stack:
        index = None
        if task.db is not None:
            from .provenance.index import ProvenanceIndex
            from .provenance.match import match_text

            index = stack.enter_context(ProvenanceIndex.open(task.db, read_only=True))
        seen: dict[str, Signature] = {}
        rows: list[tuple[int, str, Signature | None, str | None]] = []
        for rec in shard_records(task.path, task.id_key, task.text_key, reject):
            sig = signature(scan(rec.text, task.config))
            src = None
            if sig is not None:
                sig = seen.setdefault(sig.id, sig)
                if index is not None:
                    found = match_text(
                        index, rec.text, query_id=rec.id, top=1, threshold=task.threshold
                    )
                    src = found.matches[0].id if found.matches else None
            rows.append((rec.row, rec.id, sig, src))
    return _ShardResult(tuple(rows), rejected)


class _ClusterSource:
    """The kept document of a near-duplicate cluster, read alongside the documents.

    ``clusters.parquet`` lists the documents in input order (shards in the order
    given, rows in file order, lines that hold no document left out), which is the
    order they are read here: the file is streamed in step with them, and each row
    is checked against the document (shard name and row), so a file written for
    other inputs is an error, not a wrong answer.  Memory: the ids of the clusters
    that have duplicates.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        from .corpus.shard import one_line

        try:
            import pyarrow.parquet as pq

            self.file = pq.ParquetFile(path)
            names = set(self.file.schema_arrow.names)
        except (OSError, ValueError) as e:
            raise InputError(f"{path}: not a readable clusters file ({one_line(e)})") from None
        needed = {"id", "shard", "row", "dup_cluster_id", "kept"}
        if not needed <= names:
            missing = ", ".join(sorted(needed - names))
            raise InputError(f"{path}: not a clusters.parquet of decloak dedup (no {missing})")
        shared: set[int] = set()
        for batch in self.file.iter_batches(columns=["dup_cluster_id", "kept"]):
            for cid, kept in zip(
                batch.column(0).to_pylist(), batch.column(1).to_pylist(), strict=True
            ):
                if not kept:
                    shared.add(cid)
        self.shared = shared  # clusters with more than one document
        self.kept: dict[int, str] = {}  # cluster -> id of its kept (first) document
        self.rows = self._rows()
        self.seen = 0

    def _rows(self) -> Iterator[tuple[str, int, str, int]]:
        cols = ["shard", "row", "id", "dup_cluster_id"]
        for batch in self.file.iter_batches(columns=cols):
            yield from zip(*(batch.column(k).to_pylist() for k in range(4)), strict=True)

    def __call__(self, shard: str, row: int) -> str | None:
        """The source of the next document (called for every document, in input order)."""
        got = next(self.rows, None)
        self.seen += 1
        if got is None:
            raise InputError(
                f"{self.path}: lists {self.seen - 1} documents, the inputs hold more "
                "(give the inputs decloak dedup was given)"
            )
        c_shard, c_row, c_id, cid = got
        if c_row != row or os.path.basename(c_shard) != os.path.basename(shard):
            raise InputError(
                f"{self.path}: document {self.seen} is {c_shard} row {c_row} there, "
                f"{shard} row {row} here (give the inputs decloak dedup was given)"
            )
        if cid not in self.shared:
            return None
        # a cluster keeps its first document in input order: met before its duplicates
        return self.kept.setdefault(cid, str(c_id))

    def finish(self) -> None:
        if next(self.rows, None) is not None:
            raise InputError(
                f"{self.path}: lists more documents than the inputs hold "
                "(give the inputs decloak dedup was given)"
            )


def _grouped(
    shards: Sequence[str],
    sources: str,
    clusters: _ClusterSource | None,
    *,
    t0: float,
    min_size: int,
    members: int | None,
    workers: int | None,
    make_task: Callable[[str], _ShardTask],
) -> CampaignReport:
    from .corpus.engine import run_tasks

    tasks = [make_task(path) for path in shards]
    rejected = 0

    def documents() -> Iterator[tuple[str, Signature | None, str | None]]:
        nonlocal rejected
        # in input order: the clusters file is read in step with the documents
        for task, result in run_tasks(scan_shard, tasks, workers=workers, ordered=True):
            rejected += result.rejected
            for row, ident, sig, src in result.rows:
                if clusters is not None:
                    src = clusters(task.path, row)
                yield ident, sig, src
        if clusters is not None:
            clusters.finish()

    groups = group_campaigns(documents(), min_size=min_size, members=members)
    return CampaignReport(groups, len(shards), rejected, sources, time.perf_counter() - t0)
