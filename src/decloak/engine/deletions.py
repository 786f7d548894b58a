"""Deletions: backspaces, DELs and terminal escape sequences, applied as a reader saw them.

``ak<BS>re`` shows ``are`` on a terminal and in many viewers, so a filter that
reads the stored text sees a word nobody reads.  These run first in stage A:
every other judgement is made on what a reader still sees, so an erased letter
never gives context to anything (it cannot make a zero-width space legitimate,
nor a line right-to-left).
"""

from __future__ import annotations

import re

from .. import chardata as cd
from ..model import Kind
from ..unicode import COMBINING_MARK
from .classes import SPECIAL, label
from .limits import LIMITS, Limits
from .records import Rec

ANSI_RE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b\n]*(?:\x07|\x1b\\)?|[@-Z\\-_])")
"""A terminal escape sequence: CSI (colours, cursor moves), OSC (titles, links) or a
two-character escape."""

_ESCAPE_WHY = (
    "a terminal escape sequence: it restyles or moves the cursor on a terminal and is "
    "not part of the text"
)


class Eraser:
    """Applies backspaces and DELs left to right, in linear time overall.

    As on a terminal, an eraser steps back over what has no width (controls,
    zero-width and other invisible characters, text already erased) and takes
    one user-perceived character: a base letter with its combining marks.  It
    never crosses a line break.  Erased stretches are remembered as blocks
    (end -> start) so that later erasers jump over them instead of re-walking,
    and a line start already found empty is remembered too.
    """

    __slots__ = ("blocks", "consumed", "dead", "limits", "recs", "text")

    def __init__(
        self, text: str, recs: list[Rec], consumed: set[int], limits: Limits = LIMITS
    ) -> None:
        self.text = text
        self.recs = recs
        self.consumed = consumed
        self.limits = limits
        self.blocks: dict[int, int] = {}  # last position of an erased stretch -> its first
        self.dead = -1  # everything up to here (on its line) is already known empty

    def consume(self, a: int, b: int) -> None:
        """Mark ``a..b-1`` erased, merging with an erased stretch that ends at ``a-1``."""
        self.consumed.update(range(a, b))
        start = self.blocks.pop(a - 1, a)
        self.blocks[b - 1] = start

    def erase(self, i: int) -> int:
        """Apply the eraser at ``i``; returns the position after it."""
        text, consumed = self.text, self.consumed
        j = i - 1
        while j > self.dead:
            if j in self.blocks:
                j = self.blocks[j] - 1
            elif j in consumed or (text[j] in SPECIAL and text[j] not in "\n\r"):
                j -= 1
            else:
                break
        if j > self.dead and text[j] not in "\n\r":
            while j > 0 and text[j] in COMBINING_MARK and (j - 1) not in consumed:
                j -= 1
            k = j + 1
            while k < i and text[k] in COMBINING_MARK and k - j < self.limits.quote_marks:
                k += 1
            erased = text[j:k]
            why = (
                f"{label(text[i])} erases {erased!r} before it: a reader sees the text without both"
            )
            self.consume(j, i + 1)
            self.recs.append(Rec(j, i + 1, Kind.DELETION, "", 0.9, why))
        else:
            self.dead = i  # nothing visible before i on this line: remember it
            self.consume(i, i + 1)
            self.recs.append(
                Rec(
                    i,
                    i + 1,
                    Kind.DELETION,
                    "",
                    0.9,
                    f"{label(text[i])} has nothing before it to erase: it shows nothing",
                )
            )
        return i + 1

    def escape(self, i: int) -> int:
        """Remove the escape sequence starting at ``i``; returns the position after it."""
        em = ANSI_RE.match(self.text, i)
        stop = em.end() if em else i + 1
        self.consume(i, stop)
        self.recs.append(Rec(i, stop, Kind.DELETION, "", 0.85, _ESCAPE_WHY))
        return stop


def apply_deletions(
    text: str, runs: list[tuple[int, int]], recs: list[Rec], consumed: set[int], limits: Limits
) -> None:
    """Apply every eraser and escape sequence in the special-character ``runs``,
    left to right, recording what they take into ``recs`` and ``consumed``."""
    eraser = Eraser(text, recs, consumed, limits)
    for i, end in runs:
        while i < end:
            ch = text[i]
            if i in consumed:
                i += 1
            elif ch in cd.ERASERS:
                i = eraser.erase(i)
            elif ch == cd.ESCAPE:
                i = eraser.escape(i)
            else:
                i += 1
