"""Text structure: lines and units, the stretches every judgement is local to.

Two partitions of a text matter to the detectors:

*Lines* (bidi paragraphs, ended by ``\\n`` or ``\\r``): whether a line holds
right-to-left letters decides whether a bidi mark does anything; bidi controls are
balanced and displayed line by line, as the Unicode Bidirectional Algorithm does;
a backspace never erases across a line break.

*Units*: a paragraph (text between blank lines), or, for a paragraph longer than
``Limits.unit_max``, a window of it measured from its start and ending at the last
line break (else space) of its second half.  A unit's script and whether it shows
a disguise are judged per unit, so results depend only on the unit, and the
streaming cleaner can cut at unit boundaries and produce exactly what cleaning the
whole text at once produces.
"""

from __future__ import annotations

import bisect
import re
from collections import deque
from collections.abc import Iterator

from .. import kernel
from ..unicode import BIDI_RTL, RangeSet
from .classes import RTL_RE, SPACELESS, SPACELESS_RE, TABLES
from .limits import LIMITS, Limits
from .records import Rec, map_forward

_EOL_RE = re.compile(r"[\n\r]")


class Lines:
    """Bounds of the line around non-decreasing positions, in linear time overall:
    each query only searches text not searched before."""

    __slots__ = ("e", "s", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.s = 0
        self.e = 0  # end of the line last returned (exclusive); 0: none yet

    def at(self, i: int) -> tuple[int, int]:
        """(start, end) of the line holding ``i``; a line break is a line of its own."""
        if self.s <= i < self.e:
            return self.s, self.e
        t = self.text
        lo = self.e if i >= self.e else 0
        s = max(t.rfind("\n", lo, i), t.rfind("\r", lo, i)) + 1
        if s == 0:
            s = lo
        m = _EOL_RE.search(t, i)
        self.s, self.e = s, (m.start() if m else len(t))
        if self.e == i:  # ``i`` is itself a line break: a line of its own
            self.e = i + 1
        return self.s, self.e


class UnitCursor(kernel.UnitCursor):
    """Walks the partition of a text into units, left to right (see the module
    docstring for what a unit is; the walk itself is the kernel's, whose C twin
    finds the units holding a candidate in one call)."""

    __slots__ = ()

    def __init__(self, text: str, start: int = 0, limits: Limits = LIMITS) -> None:
        super().__init__(text, start, limits.unit_max, TABLES)


def window_end(t: str, s: int, limits: Limits = LIMITS) -> int:
    """End of the window starting at ``s``: after the last line break (else space)
    in ``t[s + unit_max // 2 : s + unit_max]``; never inside a word."""
    return kernel.window_end(t, s, limits.unit_max, TABLES)


def _last(matches: Iterator[re.Match[str]]) -> re.Match[str] | None:
    tail = deque(matches, maxlen=1)
    return tail[0] if tail else None


_NONBLANK_RE = re.compile(r"[^ \t\r\f\v\n]")


def long_paragraph_cuts(text: str, limits: Limits = LIMITS) -> list[int]:
    """The unit boundaries strictly inside paragraphs longer than ``limits.paragraph_max``.

    Cheap on ordinary text: it looks for a paragraph break in the second half of each
    ``paragraph_max`` stretch and jumps there (about 30 searches per megabyte).  Only
    a stretch with no break at all can lie in a long paragraph; there the unit
    cursor, which walks paragraphs exactly as every other part of decloak does,
    says where the paragraph starts and ends and where its units end.
    """
    n, most = len(text), limits.paragraph_max
    cuts: list[int] = []
    cursor = UnitCursor(text, limits=limits)
    p = 0  # at or near a paragraph start
    while p + most < n:
        m = kernel.PARA_SEP_RE.search(text, p + most // 2, p + most + 1)
        if m is None:  # the last break that starts in the stretch, if any
            m = _last(kernel.PARA_SEP_RE.finditer(text, p, p + most + 1))
        if m is not None:
            p = m.end()
            continue
        q = _NONBLANK_RE.search(text, p)
        if q is None:
            break
        _, ue = cursor.unit_at(q.start())
        ps, pe = cursor.paragraph
        if pe - ps > most:
            while ue < pe:
                cuts.append(ue)
                _, ue = cursor.unit_at(ue)
        p = max(pe, q.start() + 1)
    return cuts


class Partition:
    """The input's units, seen from a text derived from it by edits.

    Every judgement made per unit (a unit's script, whether it shows a disguise)
    uses the partition of the *input*, even when it looks at text that stage A has
    already edited: removing a control can move a window's end or join two
    paragraphs, and the streaming cleaner cuts the input at the input's units, so
    units must not depend on what was removed.  ``edits`` lead from the input to the
    text this partition is asked about (none for the first pass; the first pass's
    repairs for the second pass over a bidi-repaired text).
    """

    def __init__(self, text: str, edits: list[Rec] | None = None, limits: Limits = LIMITS) -> None:
        self.text = text
        self.edits = edits or []
        self.limits = limits
        self._bounds: list[int] | None = None  # unit starts and ends, mapped (edits only)

    def _mapped_bounds(self) -> list[int]:
        if self._bounds is None:
            cursor = UnitCursor(self.text, limits=self.limits)
            xs: list[int] = []
            while cursor.position < len(self.text):
                s = cursor.position
                xs += (s, cursor.next_boundary())
            self._bounds = map_forward(self.edits, xs)
        return self._bounds

    def units_with(self, recs: list[Rec], starts: list[int]) -> list[Rec]:
        """The records whose unit holds one of the sorted positions ``starts``."""
        if not self.edits:
            return in_units_with(self.text, recs, starts, self.limits)
        bounds = self._mapped_bounds()
        out = []
        for r in recs:
            k = bisect.bisect_right(bounds, r.start, 0, len(bounds)) - 1
            k -= k % 2  # the unit (start, end) pair holding r.start
            if k < 0:
                continue
            us, ue = bounds[k], bounds[k + 1]
            j = bisect.bisect_left(starts, us)
            if j < len(starts) and starts[j] < ue:
                out.append(r)
        return out

    def letter_units(self, t: str, edits: list[Rec], start: int) -> list[kernel.Unit]:
        """The units holding a letters-stage candidate, in the coordinates of ``t`` (the
        text asked about with ``edits`` applied), each with the letter counts of ``t``."""
        if t.isascii():
            return []
        if not self.edits:
            units = kernel.units(self.text, start, TABLES, self.limits.unit_max)
            if not edits or not units:
                return units
            spans = map_forward(edits, [x for u in units for x in (u[0], u[1])])
        else:  # rare: the second pass over a bidi-repaired text
            spans = map_forward(edits, self._mapped_bounds())
        out: list[kernel.Unit] = []
        for s, e in zip(spans[0::2], spans[1::2], strict=True):
            if self.edits and kernel.find(t, s, e, TABLES, special=False) < 0:
                continue
            out.append((s, e, *kernel.counts(t, s, e, TABLES)[:5]))
        return out


def in_units_with(
    text: str, recs: list[Rec], starts: list[int], limits: Limits = LIMITS
) -> list[Rec]:
    """The records of ``recs`` whose unit holds one of the sorted positions ``starts``."""
    cursor = UnitCursor(text, limits=limits)
    out = []
    for r in sorted(recs):
        us, ue = cursor.unit_at(r.start)
        k = bisect.bisect_left(starts, us)
        if k < len(starts) and starts[k] < ue:
            out.append(r)
    return out


class LineFacts:
    """What a line holds that changes how its invisibles are judged, answered once per line.

    Letters a backspace erased (``consumed``) give no context: a reader does not see them.
    """

    __slots__ = ("_consumed", "_lines", "_rtl", "_spaceless", "_text")

    def __init__(self, text: str, consumed: set[int]) -> None:
        self._text = text
        self._consumed = consumed
        self._lines = Lines(text)
        self._rtl: dict[int, bool] = {}
        self._spaceless: dict[int, bool] = {}

    def _holds(self, i: int, rx: re.Pattern[str], members: RangeSet, memo: dict[int, bool]) -> bool:
        ls, le = self._lines.at(i)
        v = memo.get(ls)
        if v is None:
            v = memo[ls] = any(
                m.start() not in self._consumed and m.group() in members
                for m in rx.finditer(self._text, ls, le)
            )
        return v

    def rtl(self, i: int) -> bool:
        """Whether the line around ``i`` holds right-to-left letters."""
        return self._holds(i, RTL_RE, BIDI_RTL, self._rtl)

    def spaceless(self, i: int) -> bool:
        """Whether the line around ``i`` holds letters of a script written without spaces (Thai...)."""
        return self._holds(i, SPACELESS_RE, SPACELESS, self._spaceless)
