"""The library's front door: :func:`scan`, :func:`clean`, :func:`apply_plan`, :func:`explain`.

The CLI, the corpus engines and the HTTP service are thin layers over these
four functions.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from operator import attrgetter

from .config import Config, get_config
from .engine import Rec, analyze, apply_recs, explain_record
from .model import CharInfo, Cleaned, Finding, Kind, Plan, PlanStep, Report
from .patterns import find_patterns
from .unicode import char_name, script_of

__all__ = ["CharVerdict", "apply_plan", "clean", "explain", "scan"]

MAX_CHARS_PER_FINDING = 64
"""A finding lists at most this many of its characters (a 10^5 tag run stays readable)."""


def _check_text(text: object) -> str:
    if not isinstance(text, str):
        raise TypeError(f"decloak works on str, not {type(text).__name__}; decode bytes first")
    return text


_CHAR_INFO: dict[str, CharInfo] = {}


def _char_info(ch: str) -> CharInfo:
    info = _CHAR_INFO.get(ch)
    if info is None:
        info = CharInfo(ord(ch), char_name(ch), script_of(ch))
        if len(_CHAR_INFO) < 1 << 16:
            _CHAR_INFO[ch] = info
    return info


def _char_infos(text: str, start: int, end: int) -> tuple[CharInfo, ...]:
    out: list[CharInfo] = []
    seen: set[str] = set()
    for ch in text[start:end]:
        if ch in seen or " " <= ch <= "~":  # printable ASCII needs no description
            continue
        seen.add(ch)
        out.append(_char_info(ch))
        if len(out) >= MAX_CHARS_PER_FINDING:
            break
    return tuple(out)


def _findings(text: str, recs: Iterable[Rec], cfg: Config) -> tuple[Finding, ...]:
    return tuple(
        Finding(
            start=r.start,
            end=r.end,
            kind=r.kind,
            text=text[r.start : r.end],
            replacement=r.replacement,
            confidence=r.confidence,
            explanation=explain_record(text, r),
            chars=_char_infos(text, r.start, r.end),
            payload=r.payload,
            repaired=bool(cfg.repair and r.repair and r.replacement is not None),
        )
        for r in recs
    )


def _score(recs: list[Rec]) -> float:
    """Probability-style union of the findings' confidences: 1 - prod(1 - c).

    Confidences take a handful of values, so they are counted first (a C-level
    pass) and each value's logarithm is taken once: an attacked text has one
    record per few hundred characters, and a Python step per record made
    ``scan`` slower than ``clean`` there.
    """
    return score_of_counts(Counter(map(_CONFIDENCE, recs)))


def score_of_counts(counts: Counter[float]) -> float:
    """:func:`_score` from confidences already counted (a stream counts them piece by piece).

    The counter's order (first appearance) fixes the order of the sum, so a
    stream's counts give the very float the whole text gives.
    """
    if not counts:
        return 0.0
    log_keep = sum(n * math.log1p(-min(c, 0.999)) for c, n in counts.items())
    return 1.0 - math.exp(log_keep)


_CONFIDENCE = attrgetter("confidence")


def scan(text: str, config: Config | str | None = None) -> Report:
    """Find every disguise in ``text``; change nothing.

    >>> r = scan("Pay with your cаrd")       # Cyrillic а
    >>> r.suspicious, r.findings[0].kind.value, r.findings[0].replacement
    (True, 'homoglyph', 'a')
    """
    text = _check_text(text)
    cfg = get_config(config)
    recs = analyze(text, cfg)
    score = _score(recs)
    return Report(
        lambda: _findings(text, recs, cfg),
        score,
        score >= cfg.threshold,
        len(text),
        lambda: find_patterns(text, recs),
    )


def clean(text: str, config: Config | str | None = None) -> Cleaned:
    """Restore what a human reads; legitimate text comes back byte-identical.

    >>> clean("Pay with your cаrd").text
    'Pay with your card'
    >>> clean("Привет, мир").text == "Привет, мир"
    True
    """
    text = _check_text(text)
    cfg = get_config(config)
    recs = analyze(text, cfg)
    if cfg.repair:
        out, edits = apply_recs(text, recs)
    else:
        out, edits = text, []

    def steps() -> tuple[PlanStep, ...]:
        return tuple(
            PlanStep(r.start, r.end, text[r.start : r.end], r.replacement or "", r.kind)
            for r in edits
        )

    cache: list[tuple[Finding, ...]] = []

    def findings() -> tuple[Finding, ...]:
        if not cache:
            cache.append(_findings(text, recs, cfg))
        return cache[0]

    def report() -> Report:
        score = _score(recs)
        return Report(
            findings, score, score >= cfg.threshold, len(text), lambda: find_patterns(text, recs)
        )

    return Cleaned(out, Plan(len(text), steps, len(edits)), findings, report)


def apply_plan(text: str, plan: Plan) -> str:
    """Replay a repair plan on the text it was made for.

    Raises ``ValueError`` when the plan does not fit (another text, overlapping steps).
    """
    text = _check_text(text)
    if len(text) != plan.input_length:
        raise ValueError(
            f"plan is for a text of {plan.input_length} code points, this one has {len(text)}"
        )
    parts: list[str] = []
    pos = 0
    for k, s in enumerate(plan.steps):
        if s.start < pos or s.end < s.start or s.end > len(text):
            raise ValueError(f"plan step {k} ({s.start}..{s.end}) overlaps or leaves the text")
        if text[s.start : s.end] != s.before:
            raise ValueError(f"plan step {k} expects {s.before!r} at {s.start}, the text differs")
        parts.append(text[pos : s.start])
        parts.append(s.after)
        pos = s.end
    parts.append(text[pos:])
    return "".join(parts)


@dataclass(frozen=True, slots=True)
class CharVerdict:
    """One row of :func:`explain`: a non-ASCII or invisible code point and its verdict."""

    position: int
    codepoint: int
    name: str
    script: str
    verdict: str  # "ok" or the kind of the finding that covers it
    finding: Finding | None

    def to_dict(self) -> dict[str, object]:
        return {
            "position": self.position,
            "codepoint": f"U+{self.codepoint:04X}",
            "name": self.name,
            "script": self.script,
            "verdict": self.verdict,
        }


def explain(text: str, config: Config | str | None = None) -> tuple[CharVerdict, ...]:
    """Every non-ASCII, control or invisible code point with its verdict."""
    report = scan(text, config)
    spans = sorted(report.findings, key=lambda f: (f.start, -f.end))
    rows: list[CharVerdict] = []
    k = 0
    active: list[Finding] = []
    for i, ch in enumerate(text):
        if " " <= ch <= "~" or ch in "\n\t":  # printable ASCII, tab, newline
            continue
        while k < len(spans) and spans[k].start <= i:
            active.append(spans[k])
            k += 1
        active = [f for f in active if f.end > i]
        hit = active[0] if active else None
        rows.append(
            CharVerdict(
                i,
                ord(ch),
                char_name(ch),
                script_of(ch),
                hit.kind.value if hit else "ok",
                hit,
            )
        )
    return tuple(rows)


def kinds() -> tuple[str, ...]:
    return tuple(k.value for k in Kind)
