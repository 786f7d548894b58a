"""A document's findings reduced to patterns: what happened to the document as a whole.

A scraped article whose second half has every ``a`` swapped for Cyrillic ``а``
gives 183 findings, one per letter; its one pattern says "from line 14 to the
end, every 'a' (183 of 183) is Cyrillic 'а' U+0430".

What counts as one disguised unit, and its pattern key ``(kind, from, to)``:

- look-alike letters (``homoglyph``, ``compat-letter``, ``ascii-lookalike``):
  each character that differs from its replacement, ``from`` the intended
  character and ``to`` the disguise (``pаypаl`` gives two units ``a`` -> ``а``).
  A finding whose replacement has another length (a ligature ``ﬁ`` for ``fi``)
  is split where NFKC lines the characters up, else it is one unit; one with
  no replacement has ``from`` ``""``;
- ``invisible``: each character of the finding, ``from`` ``""``, ``to`` the
  invisible character;
- the others (``bidi``, ``deletion`` and the three payload kinds): each
  finding, with ``from`` and ``to`` both ``""``.

A pattern's span runs from its first unit to the end of its last, in code
points (``start``, ``end``) and 1-based lines (``line_start``, ``line_end``).
``share`` is ``count / (count + u)`` where ``u`` counts the intended character
left as it is inside the span; it is 1.0 when ``from`` is not one character
(nothing to compare with).  Other disguises of the same letter (Greek ``α``
for ``a`` beside Cyrillic ``а``) have their own pattern and count in neither.

:class:`PatternCounter` works in one pass over a document given in pieces (a
stream), in time linear in the text and memory bounded by the number of
distinct keys (at most :data:`MAX_KEYS`; later new keys fold into one per kind).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from .model import Kind
from .unicode import char_name, is_printable, nfkc, script_of

__all__ = [
    "MAX_KEYS",
    "Pattern",
    "PatternCounter",
    "describe_char",
    "find_patterns",
    "quote_char",
]

MAX_KEYS = 1024
"""Distinct ``(kind, from, to)`` keys kept per document; more fold into ``(kind, "", "")``."""

_LETTER_KINDS = frozenset({Kind.HOMOGLYPH, Kind.COMPAT_LETTER, Kind.ASCII_LOOKALIKE})
_NAMED_SCRIPTS_SKIPPED = frozenset({"Latin", "Common", "Inherited", "Unknown"})

_WHOLE_FINDING_NOUNS: dict[Kind, tuple[str, str]] = {
    Kind.BIDI: ("run of bidi controls", "runs of bidi controls"),
    Kind.DELETION: (
        "deletion by backspace, DEL or an escape sequence",
        "deletions by backspace, DEL or escape sequences",
    ),
    Kind.TAG_PAYLOAD: ("payload hidden in tag characters", "payloads hidden in tag characters"),
    Kind.VARIATION_PAYLOAD: (
        "payload hidden in variation selectors",
        "payloads hidden in variation selectors",
    ),
    Kind.ZERO_WIDTH_PAYLOAD: (
        "payload hidden in zero-width characters",
        "payloads hidden in zero-width characters",
    ),
}


@dataclass(frozen=True, slots=True)
class Pattern:
    """One way a document is disguised: which character stands for which, how often, where.

    ``intended`` and ``disguise`` are the JSON ``from`` and ``to`` (see the module
    docstring for what they hold for each kind).  ``summary`` is the sentence the
    ``scan`` report leads with.
    """

    kind: Kind
    intended: str
    disguise: str
    count: int
    share: float
    start: int
    end: int
    line_start: int
    line_end: int
    summary: str
    before: int = field(default=0, compare=False)
    """How many of the intended letter are left as they are before the first unit (0 when
    ``from`` is not one letter): where in the letter's occurrences the pattern starts,
    which, unlike a code point offset, does not move with paragraphs that lack the
    letter (a block of capitals in a farm that swaps small letters).  Exact for a
    document given whole (:func:`find_patterns`, :func:`decloak.scan`); a stream
    counts from the start of the piece where the letter was first disguised, so it
    is not compared and not in :meth:`to_dict`."""
    after: int = field(default=0, compare=False)
    """How many of the intended letter are left as they are after the last unit."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "from": self.intended,
            "to": self.disguise,
            "count": self.count,
            "share": round(self.share, 4),
            "start": self.start,
            "end": self.end,
            "line_start": self.line_start,
            "line_end": self.line_end,
            "summary": self.summary,
        }


class _FindingLike(Protocol):
    """What a pattern needs of a finding (a :class:`~decloak.model.Finding` or an engine record)."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def kind(self) -> Kind: ...
    @property
    def replacement(self) -> str | None: ...


_Key = tuple[Kind, str, str]


class _Seen:
    """What is known of one key so far (global offsets; ``p_*`` are counts of its ``from``)."""

    __slots__ = (
        "count",
        "first",
        "first_line",
        "last",
        "last_end",
        "last_line",
        "p_first",
        "p_last",
    )

    def __init__(self) -> None:
        self.count = 0
        self.first = self.last = self.last_end = -1
        self.first_line = self.last_line = 0
        self.p_first = self.p_last = 0


class PatternCounter:
    """Reduces a document's findings to :class:`Pattern` values, piece after piece.

    Feed every piece of the document in order with :meth:`add` (its findings in
    the piece's own offsets), then call :meth:`patterns`.  Each piece is looked
    at a bounded number of times per tracked character (the intended letters
    seen so far), so the cost is linear in the text.
    """

    def __init__(self) -> None:
        self._offset = 0
        self._newlines = 0
        self._ends_with_newline = False
        self._keys: dict[_Key, _Seen] = {}
        # occurrences of each tracked intended character since it was first needed
        self._tracked: dict[str, int] = {}

    def add(self, piece: str, findings: Iterable[_FindingLike]) -> None:
        """Take the findings of ``piece`` (offsets into ``piece``), then move past it."""
        touched: dict[_Key, list[int]] = {}  # key -> [first pos, last pos, last end, count]
        for f in findings:
            s = f.start
            if f.end - s == 1 and f.kind in _LETTER_KINDS:  # one letter: the usual case
                rep = f.replacement
                if rep and len(rep) == 1 and rep != piece[s]:
                    units: Iterable[tuple[int, int, _Key]] = ((s, s + 1, (f.kind, rep, piece[s])),)
                else:
                    units = _units(piece, f)
            else:
                units = _units(piece, f)
            for pos, end, key in units:
                t = touched.get(key)
                if t is None:
                    if key not in self._keys and len(self._keys) + len(touched) >= MAX_KEYS:
                        key = (key[0], "", "")
                        t = touched.get(key)
                    if t is None:
                        touched[key] = [pos, pos, end, 1]
                        continue
                if pos < t[0]:
                    t[0] = pos
                if pos >= t[1]:
                    t[1], t[2] = pos, end
                t[3] += 1
        if touched:
            self._merge(piece, touched)
        else:
            self._skip(piece, ())
        self._offset += len(piece)
        self._newlines += piece.count("\n")
        if piece:
            self._ends_with_newline = piece.endswith("\n")

    def _merge(self, piece: str, touched: dict[_Key, list[int]]) -> None:
        # positions in the piece where a line number or a count of a tracked
        # character is needed, visited in order with one cursor each
        wants: list[tuple[int, int, _Key]] = []  # (pos, 0 first / 1 last, key)
        for key, t in touched.items():
            if key not in self._keys:
                wants.append((t[0], 0, key))
            wants.append((t[1], 1, key))
        wants.sort(key=lambda w: (w[0], w[1]))
        line_pos, line = 0, self._newlines + 1
        cursors: dict[str, int] = {}
        counts = self._tracked
        for pos, which, key in wants:
            line += piece.count("\n", line_pos, pos)
            line_pos = pos
            c = key[1] if key[0] in _LETTER_KINDS and len(key[1]) == 1 else ""
            p = 0
            if c:
                if c in cursors:
                    counts[c] += piece.count(c, cursors[c], pos)
                elif c in counts:
                    counts[c] += piece.count(c, 0, pos)
                else:
                    # from the start of this piece: the whole document when it is one piece
                    counts[c] = piece.count(c, 0, pos)
                cursors[c] = pos
                p = counts[c]
            seen = self._keys.get(key)
            if seen is None:
                seen = self._keys[key] = _Seen()
            t = touched[key]
            if which == 0:
                seen.first, seen.first_line, seen.p_first = self._offset + pos, line, p
            else:
                seen.last, seen.last_end = self._offset + pos, self._offset + t[2]
                seen.last_line, seen.p_last = line, p
                seen.count += t[3]
        self._skip(piece, cursors.items())

    def _skip(self, piece: str, cursors: Iterable[tuple[str, int]]) -> None:
        """Count the tracked characters in the rest of ``piece``."""
        counts = self._tracked
        placed = dict(cursors)
        for c in counts:
            counts[c] += piece.count(c, placed.get(c, 0))

    def patterns(self) -> tuple[Pattern, ...]:
        """The patterns of everything added so far, the most frequent first."""
        last_line = self._newlines + (0 if self._ends_with_newline or not self._offset else 1)
        latest: dict[str, int] = {}  # intended character -> end of its last disguise, any key
        for key, seen in self._keys.items():
            latest[key[1]] = max(latest.get(key[1], -1), seen.last_end)
        out: list[Pattern] = []
        for key, seen in self._keys.items():
            kind, intended, disguise = key
            counted = kind in _LETTER_KINDS and len(intended) == 1
            undisguised = seen.p_last - seen.p_first if counted else 0
            after = 0
            if counted:
                after = self._tracked[intended] - seen.p_last
                to_end = after == 0 and latest[intended] <= seen.last_end
            else:
                to_end = seen.last_line == last_line
            summary = _summary(
                kind, intended, disguise, seen.count, undisguised, counted, seen, to_end
            )
            out.append(
                Pattern(
                    kind,
                    intended,
                    disguise,
                    seen.count,
                    seen.count / (seen.count + undisguised),
                    seen.first,
                    seen.last_end,
                    seen.first_line,
                    seen.last_line,
                    summary,
                    seen.p_first if counted else 0,
                    after,
                )
            )
        out.sort(key=lambda p: (-p.count, p.start, p.kind.value, p.intended, p.disguise))
        return tuple(out)


def find_patterns(text: str, findings: Iterable[_FindingLike]) -> tuple[Pattern, ...]:
    """The patterns of one whole document (``findings`` in its offsets)."""
    counter = PatternCounter()
    counter.add(text, findings)
    return counter.patterns()


# --- units ------------------------------------------------------------------------------


def _units(piece: str, f: _FindingLike) -> list[tuple[int, int, _Key]]:
    """The disguised units of one finding: ``(pos, end, key)`` in piece offsets."""
    kind, s, e = f.kind, f.start, f.end
    if kind in _LETTER_KINDS:
        text, rep = piece[s:e], f.replacement
        if not rep:
            return [(s, e, (kind, "", text))]
        if len(text) == len(rep):
            return [
                (s + k, s + k + 1, (kind, a, b))
                for k, (a, b) in enumerate(zip(rep, text, strict=True))
                if a != b
            ]
        return _aligned(kind, s, e, text, rep)
    if kind is Kind.INVISIBLE:
        return [(s + k, s + k + 1, (kind, "", ch)) for k, ch in enumerate(piece[s:e])]
    return [(s, e, (kind, "", ""))]


def _aligned(kind: Kind, s: int, e: int, text: str, rep: str) -> list[tuple[int, int, _Key]]:
    """Units of a finding whose replacement has another length, lined up by NFKC."""
    out: list[tuple[int, int, _Key]] = []
    j = 0
    for k, ch in enumerate(text):
        folded = nfkc(ch)
        if not folded or not rep.startswith(folded, j):
            return [(s, e, (kind, rep, text))]
        if folded != ch:
            out.append((s + k, s + k + 1, (kind, folded, ch)))
        j += len(folded)
    if j != len(rep):
        return [(s, e, (kind, rep, text))]
    return out


# --- the sentence -----------------------------------------------------------------------


def _quote(s: str) -> str:
    """``'a'``, with characters a terminal would hide shown as ``<U+XXXX>``."""
    return "'" + "".join(ch if is_printable(ch) else f"<U+{ord(ch):04X}>" for ch in s) + "'"


def _describe(s: str) -> str:
    """``Cyrillic 'а' U+0430``, or ``'ｍ' U+FF4D FULLWIDTH LATIN SMALL LETTER M``."""
    if len(s) != 1:
        return f"{_quote(s)} ({' '.join(f'U+{ord(ch):04X}' for ch in s)})"
    script = script_of(s)
    if script not in _NAMED_SCRIPTS_SKIPPED:
        return f"{script} {_quote(s)} U+{ord(s):04X}"
    return f"{_quote(s)} U+{ord(s):04X} {char_name(s)}"


def quote_char(s: str) -> str:
    """``'a'`` as the pattern sentences quote it (hidden characters as ``<U+XXXX>``)."""
    return _quote(s)


def describe_char(s: str) -> str:
    """A character as the pattern sentences name it: ``Cyrillic 'а' U+0430``.

    Public for :mod:`decloak.campaigns`, whose descriptions must read like these."""
    return _describe(s)


def _times(n: int) -> str:
    return "once" if n == 1 else f"{n:,} times"


def _summary(
    kind: Kind,
    intended: str,
    disguise: str,
    count: int,
    undisguised: int,
    counted: bool,
    seen: _Seen,
    to_end: bool,
) -> str:
    if seen.first_line == seen.last_line:
        where = f"on line {seen.first_line}"
    elif to_end:
        where = f"from line {seen.first_line} to the end"
    else:
        where = f"from line {seen.first_line} to line {seen.last_line}"
    if kind in _LETTER_KINDS:
        if not disguise:
            return f"{where}, {count:,} other {kind.value} letters"
        if not intended:
            return f"{where}, {_describe(disguise)} has no safe replacement ({_times(count)})"
        if not counted:
            return f"{where}, {_describe(disguise)} stands for {_quote(intended)} {_times(count)}"
        if count == 1:
            return f"{where}, one {_quote(intended)} is {_describe(disguise)}"
        if undisguised == 0:
            return f"{where}, every {_quote(intended)} ({count:,} of {count:,}) is {_describe(disguise)}"
        total = count + undisguised
        return (
            f"{where}, {count:,} of {total:,} {_quote(intended)} ({count / total:.0%}) "
            f"are {_describe(disguise)}"
        )
    if kind is Kind.INVISIBLE:
        label = (
            f"U+{ord(disguise):04X} {char_name(disguise)}" if len(disguise) == 1 else "characters"
        )
        return f"{where}, {'one' if count == 1 else f'{count:,}'} invisible {label}"
    one, many = _WHOLE_FINDING_NOUNS.get(kind, ("finding", "findings"))
    return f"{where}, {'one ' + one if count == 1 else f'{count:,} {many}'}"
