"""The pipeline: scan for candidates, run the detectors, merge what they decide.

Two stages, both on code point offsets of the input:

Stage A, *structure*: the kernel finds the runs of special characters (controls,
invisibles, bidi, tags, selectors); deletions are applied first (:mod:`.deletions`),
then every special character left is judged against what a reader sees around it
(:mod:`.invisibles`), and lines whose bidi controls make the display differ from
the storage are judged last (:mod:`.bidi`).

Stage B, *letters* (:mod:`.letters`), runs on the text as stage A leaves it,
only on units that hold a candidate (a look-alike, a compatibility letter).
Its records are brought back to input coordinates (:func:`.records.fold_back`).

Clean text pays for one ``isascii()`` or one table scan and nothing else.
"""

from __future__ import annotations

from .. import kernel
from ..config import Config
from ..model import Kind
from .asciilook import find_ascii_lookalikes, find_vertical_lines
from .bidi import bidi_lines
from .classes import TABLES
from .deletions import apply_deletions
from .invisibles import SpecialFindings, judge_specials
from .letters import stage_b
from .limits import LIMITS, Limits
from .records import (
    DISGUISE_KINDS,
    INVISIBLE_KINDS,
    Rec,
    apply_recs,
    edit_marks,
    fold_back,
    gate,
    merge_adjacent,
    order,
    per_char,
    shifted,
)
from .structure import Partition, long_paragraph_cuts


def _promote_soft(
    units: Partition, soft: list[Rec], definite: list[Rec], kinds: frozenset[Kind]
) -> list[Rec]:
    """Soft keeps become removals when their unit holds a definite disguise of ``kinds``."""
    starts = sorted(r.start for r in definite if r.kind in kinds and r.repair)
    return units.units_with(sorted(soft), starts)


def stage_a(
    text: str,
    cfg: Config,
    start: int = 0,
    limits: Limits = LIMITS,
    line_start: bool = True,
    units: Partition | None = None,
) -> tuple[list[Rec], list[Rec]]:
    """Structure stage from ``start`` on; returns (records, soft keeps not promoted yet).

    ``units``: the input's partition (by default ``text``'s own; see :class:`Partition`).
    """
    if units is None:
        units = Partition(text, limits=limits)
    consumed: set[int] = set()  # input positions already erased by a backspace/escape
    found = SpecialFindings()
    runs = kernel.special_runs(text, start, TABLES)
    # Erasers first: everything else is judged on what a reader still sees.
    apply_deletions(text, runs, found.recs, consumed, limits)
    judge_specials(text, runs, consumed, cfg, limits, found, line_start)
    recs = found.recs
    pending: list[Rec] = []
    if found.soft:  # before bidi: a rewritten line must not carry what is being removed
        promoted = _promote_soft(units, found.soft, recs, INVISIBLE_KINDS)
        recs.extend(promoted)
        chosen = set(promoted)
        pending = [r for r in found.soft if r not in chosen]
    if found.bidi_positions and cfg.bidi != "off":
        recs.extend(bidi_lines(text, found.bidi_positions, consumed, recs, cfg))
    recs.sort(key=order)
    return gate(recs, cfg), gate(pending, cfg)


def _ascii_fast(
    text: str, cfg: Config, limits: Limits, line_start: bool, units: Partition
) -> list[Rec] | None:
    """ASCII text can only hide controls, a vertical line for an l (``va|ue``) and
    ASCII look-alikes (strict only)."""
    if not text.isascii():
        return None
    recs: list[Rec] = []
    # the C table scan, not SPECIAL_RE.search: that pattern has no prefix the
    # regex engine can skip to, so it tries a match at every character
    if kernel.find(text, 0, len(text), TABLES, cand=False) >= 0:
        recs, _ = stage_a(text, cfg, 0, limits, line_start, units)
    more = gate(find_vertical_lines(text, cfg), cfg)
    if cfg.ascii_lookalikes:
        more += find_ascii_lookalikes(text, cfg)
    if more:
        recs.extend(more)
        recs.sort(key=order)
    return recs


def analyze(text: str, cfg: Config, limits: Limits = LIMITS, line_start: bool = True) -> list[Rec]:
    """All findings for ``text`` as records in input coordinates, sorted by position.

    A paragraph longer than ``limits.paragraph_max`` is cut at every unit boundary
    inside it and the pieces are judged apart (see :class:`Limits`), which is what
    the streaming cleaner does too.  ``line_start=False`` says ``text`` is such a
    piece, continuing a line of a longer text: a byte order mark at its offset 0 is
    then inside a line.

    A line rewritten into displayed order (a bidi attack) gives some characters
    new neighbours, and an invisible that was legitimate beside its old ones may
    be stray beside the new ones; removing some bidi controls can change how the
    others display.  So when bidi controls were repaired, the repaired text
    is judged once more and what that finds is folded back into input
    coordinates: ``clean`` stays idempotent.  Ordinary text never pays for this.
    """
    kernel.warn_if_missing()
    cuts = long_paragraph_cuts(text, limits)
    if not cuts:
        return _analyze_piece(text, cfg, limits, line_start)
    out: list[Rec] = []
    prev = 0
    for cut in [*cuts, len(text)]:
        starts = text[prev - 1] in "\n\r" if prev else line_start
        recs = _analyze_piece(text[prev:cut], cfg, limits, starts)
        out.extend(shifted(recs, prev) if prev else recs)
        prev = cut
    return out


def _analyze_piece(text: str, cfg: Config, limits: Limits, line_start: bool) -> list[Rec]:
    """:func:`analyze` on a text with no paragraph longer than ``limits.paragraph_max``."""
    recs, bidi_repaired = _analyze_pass(
        text, cfg, limits, line_start, Partition(text, limits=limits)
    )
    if not bidi_repaired:
        return recs
    out, edits = apply_recs(text, recs)
    again, _ = _analyze_pass(out, cfg, limits, line_start, Partition(text, edits, limits))
    more = [r for r in again if r.repair and r.replacement is not None]
    if not more:
        return recs
    recs, mapped = fold_back(recs, edits, more)
    merged = recs + mapped
    merged.sort(key=order)
    return merged


def _analyze_pass(
    text: str, cfg: Config, limits: Limits, line_start: bool, units: Partition
) -> tuple[list[Rec], bool]:
    """One pass of both stages over ``text`` (units: the input's), and whether it
    repairs bidi controls.

    Only stage A makes bidi records (ASCII has no bidi controls), so that is
    answered from its few records, not from every record of an attacked text.
    """
    fast = _ascii_fast(text, cfg, limits, line_start, units)
    if fast is not None:
        return fast, False
    n = len(text)
    first = kernel.find(text, 0, n, TABLES)
    if first < 0 and not cfg.ascii_lookalikes:
        # the common case: one scan over clean text (and a vertical line for an l)
        return gate(find_vertical_lines(text, cfg), cfg), False
    start = first if first >= 0 else n
    special = kernel.find(text, start, n, TABLES, cand=False) >= 0
    recs_a, pending = stage_a(text, cfg, start, limits, line_start, units) if special else ([], [])
    bidi = any(r.kind is Kind.BIDI and r.repair for r in recs_a)
    t1, edits_a = apply_recs(text, recs_a)
    # no stage-B candidate lies before ``start`` (a backspace erases what precedes
    # it, but never adds a candidate)
    recs_b = stage_b(t1, cfg, units.letter_units(t1, edits_a, start), edit_marks(edits_a))
    if cfg.ascii_lookalikes:
        recs_b.extend(find_ascii_lookalikes(t1, cfg))
    bars = find_vertical_lines(t1, cfg)
    if bars:
        recs_b.extend(bars)
        recs_b.sort(key=order)
    recs_b = gate(recs_b, cfg)
    if not recs_b:
        return recs_a, bidi
    if not edits_a:
        return _finish(recs_a, recs_b, pending, units), bidi
    # Stage B ran on t1: bring its records back to input coordinates.
    recs_a, mapped = fold_back(recs_a, edits_a, per_char(recs_b))
    return _finish(recs_a, merge_adjacent(mapped), pending, units), bidi


def _finish(
    recs_a: list[Rec], recs_b: list[Rec], pending: list[Rec], units: Partition
) -> list[Rec]:
    """Merge both stages (each sorted); soft keeps go too where letters showed a disguise."""
    if not recs_a and not pending:
        return recs_b
    merged = recs_a + recs_b
    if pending:
        merged += _promote_soft(units, pending, recs_b, DISGUISE_KINDS)
    merged.sort(key=order)
    return merged
