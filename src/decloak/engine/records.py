"""Records and plans: what a detector returns, and how records become edits.

Every detector reports a :class:`Rec`: a span of the input, its kind, what should
replace it (``None``: nothing to replace, only a finding), a confidence and why.
Records are cheap tuples; :mod:`decloak.api` turns them into
:class:`decloak.Finding` values only when asked.  A repair is the list of records
applied left to right (:func:`apply_recs`); records found on a text that was
already edited are brought back to input coordinates by :func:`fold_back`, so
that every finding and every plan step points into the caller's own string.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from typing import NamedTuple

from .. import kernel
from ..config import Config
from ..model import Kind


class Rec(NamedTuple):
    """An internal finding: cheap to make; turned into :class:`Finding` on demand."""

    start: int
    end: int
    kind: Kind
    replacement: str | None
    confidence: float
    explanation: str
    payload: str | None = None
    repair: bool = True


def order(r: Rec) -> tuple[int, int]:
    """Sort by start, the larger span first, so nested spans follow the one covering them."""
    return (r.start, -r.end)


INVISIBLE_KINDS = frozenset({Kind.INVISIBLE, Kind.ZERO_WIDTH_PAYLOAD})
DISGUISE_KINDS = frozenset(Kind) - {Kind.ASCII_LOOKALIKE}

_ALLOWED: dict[Kind, Callable[[Config], bool]] = {
    Kind.DELETION: lambda c: c.deletions,
    Kind.INVISIBLE: lambda c: c.invisibles,
    Kind.ZERO_WIDTH_PAYLOAD: lambda c: c.invisibles,
    Kind.TAG_PAYLOAD: lambda c: c.tags,
    Kind.VARIATION_PAYLOAD: lambda c: c.variation_selectors,
    Kind.BIDI: lambda c: c.bidi != "off",
    Kind.HOMOGLYPH: lambda c: c.homoglyphs,
    Kind.COMPAT_LETTER: lambda c: c.compat_letters != "off",
    Kind.ASCII_LOOKALIKE: lambda c: False,
}


def gate(recs: list[Rec], cfg: Config) -> list[Rec]:
    """Findings the config does not allow to repair stay findings, marked unrepaired."""
    barred = {k for k, allowed in _ALLOWED.items() if not allowed(cfg)}
    barred.discard(Kind.ASCII_LOOKALIKE)  # never repairable: made with repair=False
    if not barred or not any(r.repair and r.kind in barred for r in recs):
        return recs
    return [r._replace(repair=False) if r.kind in barred else r for r in recs]


def emit_runs(
    out: list[Rec], items: list[tuple[int, str, float]], kind: Kind, why: str, repair: bool = True
) -> None:
    """One record per run of adjacent characters ((position, replacement, confidence), sorted).

    The records are untracked by the garbage collector (:func:`decloak.kernel.untrack`):
    they live to the end of the call, and an attacked text makes hundreds per megabyte."""
    first = len(out)
    k = 0
    while k < len(items):
        start, rep, conf = items[k]
        end = start + 1
        parts = [rep]
        k += 1
        while k < len(items) and items[k][0] == end:
            parts.append(items[k][1])
            conf = max(conf, items[k][2])
            end += 1
            k += 1
        out.append(Rec(start, end, kind, "".join(parts), conf, why, repair=repair))
    kernel.untrack(out, first, Kind)


def apply_recs(text: str, recs: list[Rec]) -> tuple[str, list[Rec]]:
    """Apply the repairable records; return the new text and the edits used.

    Records nested inside an earlier, larger edit are dropped from the edits
    (their findings stay); overlapping records never reach here by construction.
    """
    edits: list[Rec] = kernel.edits(recs)
    if not edits:
        return text, edits
    return kernel.apply(text, edits), edits


def shifted(recs: list[Rec], by: int) -> list[Rec]:
    """The records moved ``by`` positions (found in a piece of a longer text)."""
    return kernel.shifted(recs, by)


def map_forward(edits: list[Rec], xs: list[int]) -> list[int]:
    """Sorted input positions ``xs`` moved into the edited text (``edits`` applied).

    A position inside an edit moves to the end of what replaced it, so a partition of
    the input stays a partition of the edited text.
    """
    out = []
    k = shift = 0
    for x in xs:
        while k < len(edits) and edits[k].end <= x:
            shift += len(edits[k].replacement or "") - (edits[k].end - edits[k].start)
            k += 1
        if k < len(edits) and edits[k].start < x:
            out.append(edits[k].start + shift + len(edits[k].replacement or ""))
        else:
            out.append(x + shift)
    return out


def edit_marks(edits: list[Rec]) -> list[int]:
    """Where each edit landed in the edited text (sorted)."""
    out = []
    shift = 0
    for r in edits:
        out.append(r.start + shift)
        shift += len(r.replacement or "") - (r.end - r.start)
    return out


class PositionMap:
    """Position map from an edited text back to the input (piecewise)."""

    __slots__ = ("ins", "lens", "outs", "reps")

    def __init__(self, edits: list[Rec]) -> None:
        self.outs: list[int] = []
        self.ins: list[int] = []
        self.lens: list[int] = []  # length of stretch in the edited text
        self.reps: list[Rec | None] = []  # None: copied stretch; else the edit it came from
        o = i = 0
        for r in edits:
            if r.start > i:
                self.outs.append(o)
                self.ins.append(i)
                self.lens.append(r.start - i)
                self.reps.append(None)
                o += r.start - i
            rep = r.replacement or ""
            if rep:
                self.outs.append(o)
                self.ins.append(r.start)
                self.lens.append(len(rep))
                self.reps.append(r)
                o += len(rep)
            i = r.end
        self.outs.append(o)
        self.ins.append(i)
        self.lens.append(1 << 62)
        self.reps.append(None)

    def locate(self, p: int) -> tuple[int, Rec | None, int]:
        """(input position, covering edit or None, offset inside that edit's output)."""
        k = bisect.bisect_right(self.outs, p) - 1
        off = p - self.outs[k]
        rep = self.reps[k]
        if rep is None:
            return self.ins[k] + off, None, 0
        return self.ins[k], rep, off


def fold_back(recs: list[Rec], edits: list[Rec], later: list[Rec]) -> tuple[list[Rec], list[Rec]]:
    """Records found on the edited text (``edits`` applied) brought back to input coordinates.

    A record on copied text moves to its input position.  One inside an edit that
    rewrote a span (a bidi rewrite) becomes a finding on that span, and its repair
    is folded into the span's replacement, character by character.  A repair that
    straddles copied and rewritten text (rare) is left out rather than guessed.
    Returns ``(recs with folded replacements, the moved records)``.
    """
    pmap = PositionMap(edits)
    patched: dict[Rec, dict[int, str]] = {}
    mapped: list[Rec] = []
    for r in later:
        n = r.end - r.start
        pos, cover, off = pmap.locate(r.start)
        last, cover_end, _ = pmap.locate(r.end - 1) if n > 1 else (pos, cover, off)
        fixes = r.repair and r.replacement is not None
        if cover is None:
            if not fixes or (cover_end is None and last - pos == max(n - 1, 0)):
                mapped.append(r._replace(start=pos, end=pos + n))
        elif cover_end is cover or not fixes:
            if fixes:
                rep = r.replacement or ""
                subs = patched.setdefault(cover, {})
                for k in range(max(n, 1)):
                    # a deletion empties each character, a one-to-one repair maps each
                    subs[off + k] = rep[k] if len(rep) == n else (rep if k == 0 else "")
            mapped.append(r._replace(start=cover.start, end=cover.end, repair=False))
    if patched:
        fixed = []
        for r in recs:
            found = patched.get(r)
            if found and r.replacement is not None:
                chars = list(r.replacement)
                for k, new in found.items():
                    chars[k] = new
                r = r._replace(replacement="".join(chars))
            fixed.append(r)
        recs = fixed
    return recs, mapped


def per_char(recs: list[Rec]) -> list[Rec]:
    """Split one-to-one repairs into single characters (a run in the edited text
    may straddle a character stage A removed from the input).  A finding that is
    not repaired (an ASCII look-alike) stays whole: it is reported, not applied."""
    out: list[Rec] = []
    for r in recs:
        rep = r.replacement
        if r.repair and r.end - r.start > 1 and rep is not None and len(rep) == r.end - r.start:
            out.extend(
                r._replace(start=k, end=k + 1, replacement=rep[k - r.start])
                for k in range(r.start, r.end)
            )
        else:
            out.append(r)
    return out


def merge_adjacent(recs: list[Rec]) -> list[Rec]:
    """Join per-letter records of one word into one finding again (after :func:`per_char`)."""
    recs = sorted(recs, key=order)
    out: list[Rec] = []
    for r in recs:
        if (
            out
            and r.kind in (Kind.HOMOGLYPH, Kind.COMPAT_LETTER)
            and out[-1].kind == r.kind
            and out[-1].end == r.start
            and out[-1].explanation == r.explanation
            and out[-1].repair == r.repair
            and r.replacement is not None
            and out[-1].replacement is not None
        ):
            prev = out[-1]
            out[-1] = prev._replace(
                end=r.end,
                replacement=prev.replacement + r.replacement,  # type: ignore[operator]
                confidence=max(prev.confidence, r.confidence),
            )
        else:
            out.append(r)
    return out


def quote(payload: str, limit: int = 120) -> str:
    """A payload as an explanation shows it: ``repr``, cut at ``limit`` characters."""
    shown = payload if len(payload) <= limit else payload[:limit] + "…"
    return repr(shown)
