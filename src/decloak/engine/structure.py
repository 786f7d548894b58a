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

from .. import kernel
from ..unicode import BIDI_RTL, RangeSet
from .classes import RTL_RE, SPACELESS, SPACELESS_RE, TABLES
from .limits import LIMITS, Limits
from .records import Rec

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
