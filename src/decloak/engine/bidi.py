"""Bidi controls: text whose displayed order differs from its stored order.

A reader sees the displayed order; filters, diff tools and compilers read the
stored one (Trojan Source, CVE-2021-42574).  Each line holding explicit bidi
controls is displayed with python-bidi's implementation of the Unicode
Bidirectional Algorithm; where the display differs from the stored text in a line
with no right-to-left letters, the differing run is rewritten in displayed order
and the controls go.  In right-to-left lines the controls are ordinary (Arabic and
Hebrew UI strings need them): only overrides that reverse left-to-right letters
and unbalanced controls are undone.
"""

from __future__ import annotations

import bisect
from itertools import chain

from bidi import get_display

from .. import chardata as cd
from ..config import Config
from ..model import Kind
from ..unicode import BIDI_RTL, LETTER
from .classes import ATTACHER_RE, ATTACHERS, RTL_RE, label, search_verified
from .records import Rec
from .structure import Lines

_BIDI_EXPLICIT = sorted(cd.BIDI_EXPLICIT)


def strip_bidi(s: str) -> str:
    """``s`` without explicit bidi controls (a search per control: a long line holds few)."""
    for c in _BIDI_EXPLICIT:
        if c in s:
            s = s.replace(c, "")
    return s


def _common_prefix(a: str, b: str) -> int:
    """Length of the common prefix of ``a`` and ``b``, by halving (comparisons in C)."""
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[lo:mid] == b[lo:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def bidi_lines(
    text: str, positions: list[int], consumed: set[int], recs: list[Rec], cfg: Config
) -> list[Rec]:
    """Judge the explicit bidi controls at ``positions``, line by line.

    ``recs`` are stage A's other records: what they remove is not part of the line
    a reader sees.
    """
    out: list[Rec] = []
    removed = set(consumed)
    for r in recs:
        if r.replacement == "":
            removed.update(range(r.start, r.end))
    positions = [p for p in positions if p not in removed]  # erased by a backspace
    gone = sorted(removed)
    lines = Lines(text)
    k = 0
    while k < len(positions):
        ls, le = lines.at(positions[k])
        line_ctrls = []
        while k < len(positions) and positions[k] < le:
            line_ctrls.append(positions[k])
            k += 1
        a, b = bisect.bisect_left(gone, ls), bisect.bisect_left(gone, le)
        out.extend(_bidi_line(text, ls, le, line_ctrls, gone[a:b], removed, cfg))
    return out


def _stretches(ls: int, le: int, holes: list[int]) -> list[tuple[int, int]]:
    """``ls..le`` without the sorted positions ``holes``, as (start, end) stretches."""
    out = []
    pos = ls
    for h in holes:
        if h > pos:
            out.append((pos, h))
        pos = h + 1
    if le > pos:
        out.append((pos, le))
    return out


def balance(text: str, ctrls: list[int]) -> tuple[list[int], list[int], dict[int, int]]:
    """Match openers and closers as UAX #9 does.

    Returns (unmatched closers, unclosed openers, each embedding or override
    opener mapped to the PDF that closes it).  A PDF closes only an embedding
    opened inside the innermost open isolate, and a PDI closes its isolate with
    every embedding still open inside it (those get no PDF), so an opener..PDF
    range never cuts an isolate in two: rewriting it cannot unbalance the rest
    of the line (clean stays idempotent).  Linear: ``isolates`` holds the stack
    indexes of open isolates, so a PDI finds its isolate without searching.
    """
    stack: list[int] = []
    isolates: list[int] = []
    stray: list[int] = []
    pairs: dict[int, int] = {}
    for p in ctrls:
        c = text[p]
        if c in cd.BIDI_OPENERS_ISOLATE:
            isolates.append(len(stack))
            stack.append(p)
        elif c in cd.BIDI_OPENERS_EMBED:
            stack.append(p)
        elif c == cd.PDF:
            if stack and (not isolates or isolates[-1] < len(stack) - 1):
                pairs[stack.pop()] = p  # an embedding opened inside the innermost isolate
            else:
                stray.append(p)
        elif c == cd.PDI:
            if isolates:
                # PDI closes the last isolate and every embedding opened inside it
                del stack[isolates.pop() :]
            else:
                stray.append(p)
    return stray, stack, pairs


def _each(ctrls: list[int], text: str, conf: float, why: str) -> list[Rec]:
    """One removal per control, explained by ``why`` after the control's label."""
    return [Rec(p, p + 1, Kind.BIDI, "", conf, f"{label(text[p])}{why}") for p in ctrls]


def _bidi_line(
    text: str,
    ls: int,
    le: int,
    ctrls: list[int],
    gone: list[int],
    removed: set[int],
    cfg: Config,
) -> list[Rec]:
    """One line: ``gone`` are the positions in it that other repairs remove (sorted)."""
    # the line as displayed and as stored, built from stretches (no step per character)
    line = "".join(text[a:b] for a, b in _stretches(ls, le, gone))
    logical_parts = _stretches(ls, le, sorted([*gone, *ctrls]))
    logical = "".join(text[a:b] for a, b in logical_parts)
    stray, unclosed, pairs = balance(text, ctrls)
    rtl = search_verified(RTL_RE, BIDI_RTL, logical, 0, len(logical))
    out: list[Rec] = []
    if not rtl and cfg.bidi == "reorder":
        display = strip_bidi(get_display(line, base_dir="L"))
        if display != logical:
            logical_pos = list(chain.from_iterable(range(a, b) for a, b in logical_parts))
            return _reorder(text, ctrls, logical, logical_pos, display)
    if rtl and cfg.bidi != "off":
        out.extend(_rtl_overrides(text, ctrls, removed, pairs))
    if cfg.bidi == "strip" and not rtl:
        display = strip_bidi(get_display(line, base_dir="L"))
        if display != logical:
            return _each(ctrls, text, 0.8, " reorders this line")
    if not rtl and cfg.bidi != "off" and any(text[p] in cd.BIDI_OVERRIDES for p in ctrls):
        # An override in left-to-right text reorders nothing visible here (the
        # run reads the same both ways) but has no business in it: it goes.
        return _each(ctrls, text, 0.7, ": a bidi override in left-to-right text")
    out.extend(_each(stray, text, 0.6, " closes nothing: an unbalanced bidi control"))
    if not rtl:
        # An unclosed opener in left-to-right text changes nothing visible today
        # but reorders whatever is appended to the line (Trojan Source).  In
        # right-to-left text the end of the line closes it, as translators expect.
        # An embedding that opens the line and changes nothing visible (judged alone:
        # the other controls go) is how translation catalogues right-align a string
        # ("\u202bText"): it stays when nothing else in the line is unbalanced.
        # (``out`` holds only stray closers here, never an opener: no overlap.)
        if (
            unclosed
            and not out
            and unclosed[0] == ls
            and text[ls] in (cd.RLE, cd.LRE)
            and strip_bidi(get_display(text[ls] + logical, base_dir="L")) == logical
        ):
            unclosed = unclosed[1:]
        out.extend(_each(unclosed, text, 0.7, " is never closed: an unbalanced bidi control"))
    return out


def _reorder(
    text: str, ctrls: list[int], logical: str, logical_pos: list[int], display: str
) -> list[Rec]:
    """Rewrite the run whose display differs from its storage in displayed order."""
    n = len(logical)
    k = _common_prefix(logical, display)
    j = min(_common_prefix(logical[::-1], display[::-1]), n - k, len(display) - k)
    if len(display) != n or search_verified(ATTACHER_RE, ATTACHERS, logical, k, n - j):
        # python-bidi reverses code points, not grapheme clusters (UAX #9
        # rule L3 is optional): marks and selectors would land before
        # their base.  Drop the controls and keep the stored order.
        return _each(
            ctrls,
            text,
            0.8,
            " reorders this line (controls removed, order kept: the run holds "
            "combining characters)",
        )
    rs = min(ctrls[0], logical_pos[k]) if k < n else ctrls[0]
    last = logical_pos[n - 1 - j] + 1 if n - j > k else rs
    re_ = max(ctrls[-1] + 1, last)
    a = bisect.bisect_left(logical_pos, rs)
    b = bisect.bisect_left(logical_pos, re_)
    out = [
        Rec(
            rs,
            re_,
            Kind.BIDI,
            display[a:b],
            0.95,
            f"bidi controls make this run display as {display[a:b]!r} while it is "
            f"stored as {logical[a:b]!r}; rewritten in displayed order",
        )
    ]
    # controls outside the rewritten run still go
    out.extend(_each([p for p in ctrls if p < rs or p >= re_], text, 0.8, " in a line it reorders"))
    return out


def _rtl_overrides(
    text: str, ctrls: list[int], removed: set[int], match: dict[int, int]
) -> list[Rec]:
    """In right-to-left lines, only overrides that reverse left-to-right letters are undone.

    ``match`` pairs openers with their PDF (from :func:`balance`); only outermost
    override segments are examined, so nested ones cost nothing extra.
    """
    out: list[Rec] = []
    done = -1
    for p in ctrls:
        if p <= done or text[p] != cd.RLO or p not in match:
            continue
        close = match[p]
        done = close
        inner = "".join(
            text[i]
            for i in range(p + 1, close)
            if i not in removed and text[i] not in cd.BIDI_EXPLICIT
        )
        if (
            search_verified(RTL_RE, BIDI_RTL, inner, 0, len(inner))
            or sum(ch in LETTER for ch in inner) < 2
        ):
            continue
        shown = inner[::-1]
        out.append(
            Rec(
                p,
                close + 1,
                Kind.BIDI,
                shown,
                0.9,
                f"a right-to-left override shows {shown!r} for the stored {inner!r}",
            )
        )
    return out


def idle_mark(i: int, ch: str) -> Rec:
    """A bidi mark in a line with no right-to-left letters: it does nothing visible."""
    return Rec(
        i,
        i + 1,
        Kind.INVISIBLE,
        "",
        0.6,
        f"{label(ch)} in a line with no right-to-left letters, where it does nothing visible",
    )
