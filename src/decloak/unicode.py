"""The one door to Unicode character data: Unicode 18.0, whatever the interpreter's is.

Python's own ``unicodedata`` and ``str.isprintable()``, ``isupper()``... answer
from the interpreter's Unicode version (14.0 for Python 3.11): a letter added
since, such as Garay U+10D50, is "not printable" to them.  decloak promises
Unicode 18 answers, so every character property it uses comes from here: from
the generated tables in :mod:`decloak._tables`, or from ``unicodedata2`` (pinned
to the 18.0 series and checked at import).  A test and a ruff rule forbid the
standard library's ``unicodedata`` and ``str.is*()`` on non-ASCII text anywhere
else in ``src/``.

The generated modules hold flat range tuples; this module turns them into the
two shapes the engine needs: O(log n) membership and script look-ups for single
characters, and regular-expression character classes so that scanning stays
inside the compiled ``re`` engine (no per-character Python loop over clean text).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Sequence

import unicodedata2

from ._tables import UNICODE_VERSION
from ._tables import properties as _props
from ._tables import scripts as _scripts

if not str(unicodedata2.unidata_version).startswith(UNICODE_VERSION.rsplit(".", 1)[0] + "."):
    raise ImportError(
        f"decloak needs unicodedata2 for Unicode {UNICODE_VERSION}, found "
        f"{unicodedata2.unidata_version}: pip install 'unicodedata2~={UNICODE_VERSION}'"
    )

__all__ = [
    "UNICODE_VERSION",
    "RangeSet",
    "category",
    "char_name",
    "is_alnum",
    "is_alpha",
    "is_digit",
    "is_lower",
    "is_printable",
    "is_space",
    "is_upper",
    "nfkc",
    "normalize",
    "regex_class",
    "script_extensions",
    "script_of",
]


MEMO_SIZE = 4096
"""Characters each :class:`RangeSet` remembers the answer for."""


class RangeSet:
    """A set of code points stored as sorted inclusive ranges."""

    __slots__ = ("_ends", "_flat", "_memo", "_starts")

    def __init__(self, flat: Sequence[int]) -> None:
        self._flat = tuple(flat)
        self._starts = self._flat[0::2]
        self._ends = self._flat[1::2]
        self._memo: dict[str, bool] = {}

    def __contains__(self, ch: object) -> bool:
        if not isinstance(ch, str):
            return False
        hit = self._memo.get(ch)
        if hit is not None:
            return hit
        if len(ch) != 1:
            return False
        cp = ord(ch)
        i = bisect.bisect_right(self._starts, cp) - 1
        found = i >= 0 and cp <= self._ends[i]
        if len(self._memo) < MEMO_SIZE:  # text uses few distinct characters: memoise them
            self._memo[ch] = found
        return found

    def chars(self) -> Iterable[str]:
        for s, e in self.ranges():
            for cp in range(s, e + 1):
                yield chr(cp)

    def ranges(self) -> Iterable[tuple[int, int]]:
        return zip(self._starts, self._ends, strict=True)

    def __or__(self, other: RangeSet) -> RangeSet:
        return RangeSet(_merge(list(self.ranges()) + list(other.ranges())))

    def __sub__(self, other: RangeSet) -> RangeSet:
        out: list[tuple[int, int]] = []
        cut = sorted(other.ranges())
        for s, e in self.ranges():
            cur = s
            for cs, ce in cut:
                if ce < cur or cs > e:
                    continue
                if cs > cur:
                    out.append((cur, cs - 1))
                cur = max(cur, ce + 1)
                if cur > e:
                    break
            if cur <= e:
                out.append((cur, e))
        return RangeSet(_merge(out))

    def __and__(self, other: RangeSet) -> RangeSet:
        return self - (self - other)

    @classmethod
    def of(cls, chars: Iterable[str]) -> RangeSet:
        return cls(_merge((ord(c), ord(c)) for c in chars))

    def regex(self) -> str:
        """The body of a ``[...]`` character class matching this set."""
        return regex_class(self.ranges())

    def fast_regex(self) -> str:
        """Like :meth:`regex`, but astral ranges collapse into one covering range.

        ``re`` tests a character against a class's astral ranges one by one, so
        a class with dozens of them scans ten times slower than one without.
        Callers of this over-approximation check astral hits against the set.
        """
        bmp = [(s, e) for s, e in self.ranges() if e <= 0xFFFF]
        astral = [(max(s, 0x10000), e) for s, e in self.ranges() if e > 0xFFFF]
        if astral:
            bmp.append((astral[0][0], astral[-1][1]))
        return regex_class(bmp)


def _merge(pairs: Iterable[tuple[int, int]]) -> tuple[int, ...]:
    out: list[list[int]] = []
    for s, e in sorted(pairs):
        if out and s <= out[-1][1] + 1:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return tuple(x for pair in out for x in pair)


def _esc(cp: int) -> str:
    # Literal characters parse an order of magnitude faster than \\uXXXX escapes
    # (import time); ASCII punctuation is escaped so no class syntax can form.
    ch = chr(cp)
    return re.escape(ch) if cp < 0x80 else ch


def regex_class(ranges: Iterable[tuple[int, int]]) -> str:
    """Render code point ranges as the inside of a regex character class."""
    parts = []
    for s, e in ranges:
        parts.append(_esc(s) if s == e else f"{_esc(s)}-{_esc(e)}")
    return "".join(parts)


# --- scripts ------------------------------------------------------------------------------

_SCRIPT_STARTS = _scripts.SCRIPT_RANGES[0::3]
_SCRIPT_ENDS = _scripts.SCRIPT_RANGES[1::3]
_SCRIPT_IDX = _scripts.SCRIPT_RANGES[2::3]
_EXT_STARTS = _scripts.SCRIPT_EXTENSIONS[0::3]
_EXT_ENDS = _scripts.SCRIPT_EXTENSIONS[1::3]
_EXT_IDX = _scripts.SCRIPT_EXTENSIONS[2::3]
SCRIPT_NAMES = _scripts.SCRIPT_NAMES


@functools.lru_cache(maxsize=65536)
def script_of(ch: str) -> str:
    """The Script property of ``ch`` (``"Unknown"`` for unassigned code points)."""
    cp = ord(ch)
    i = bisect.bisect_right(_SCRIPT_STARTS, cp) - 1
    if i >= 0 and cp <= _SCRIPT_ENDS[i]:
        return SCRIPT_NAMES[_SCRIPT_IDX[i]]
    return "Unknown"


@functools.lru_cache(maxsize=65536)
def script_extensions(ch: str) -> frozenset[str]:
    """Script_Extensions of ``ch``: the scripts it is used with."""
    cp = ord(ch)
    i = bisect.bisect_right(_EXT_STARTS, cp) - 1
    if i >= 0 and cp <= _EXT_ENDS[i]:
        return frozenset(SCRIPT_NAMES[j] for j in _scripts.SCRIPT_EXTENSION_SETS[_EXT_IDX[i]])
    return frozenset({script_of(ch)})


def script_ranges(name: str) -> RangeSet:
    """All code points whose Script is ``name``."""
    idx = SCRIPT_NAMES.index(name)
    pairs = [
        (s, e)
        for s, e, i in zip(_SCRIPT_STARTS, _SCRIPT_ENDS, _SCRIPT_IDX, strict=True)
        if i == idx
    ]
    return RangeSet(_merge(pairs))


def char_name(ch: str) -> str:
    """The character's name, or a stand-in for unnamed code points (controls...)."""
    name: str = unicodedata2.name(ch, "")
    if name:
        return name
    cp = ord(ch)
    if cp < 0x20 or 0x7F <= cp <= 0x9F:
        return _CONTROL_NAMES.get(ch, f"<control-{cp:04X}>")
    return f"<unnamed-{cp:04X}>"


_CONTROL_NAMES = {
    "\x00": "NULL",
    "\x07": "BELL",
    "\x08": "BACKSPACE",
    "\x09": "CHARACTER TABULATION",
    "\x0a": "LINE FEED",
    "\x0b": "LINE TABULATION",
    "\x0c": "FORM FEED",
    "\x0d": "CARRIAGE RETURN",
    "\x1b": "ESCAPE",
    "\x7f": "DELETE",
    "\x85": "NEXT LINE",
}


def category(ch: str) -> str:
    """General_Category of ``ch`` (``"Lu"``, ``"Cf"``...)."""
    return str(unicodedata2.category(ch))


def normalize(form: str, text: str) -> str:
    """``text`` in normalisation form ``form`` (``"NFC"``, ``"NFD"``, ``"NFKC"``, ``"NFKD"``)."""
    return str(unicodedata2.normalize(form, text))


def nfkc(text: str) -> str:
    """NFKC normalisation of ``text``."""
    return normalize("NFKC", text)


def is_alpha(ch: str) -> bool:
    """A letter (General_Category L*)."""
    return category(ch)[0] == "L"


def is_alnum(ch: str) -> bool:
    """A letter or a number (General_Category L* or N*)."""
    return category(ch)[0] in "LN"


def is_digit(ch: str) -> bool:
    """A decimal digit of any script (General_Category Nd)."""
    return category(ch) == "Nd"


def is_upper(ch: str) -> bool:
    """An uppercase or titlecase letter (General_Category Lu or Lt)."""
    return category(ch) in ("Lu", "Lt")


def is_lower(ch: str) -> bool:
    """A lowercase letter (General_Category Ll)."""
    return category(ch) == "Ll"


def is_space(ch: str) -> bool:
    """What ``str.isspace()`` says, from Unicode 18: a space separator (Zs) or a
    character of bidi class WS, B or S (tab, line breaks)."""
    return category(ch) == "Zs" or unicodedata2.bidirectional(ch) in ("WS", "B", "S")


_UNPRINTABLE = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp", "Zs"})


def is_printable(ch: str) -> bool:
    """What ``str.isprintable()`` says, from Unicode 18: not a control, format,
    surrogate, private-use, unassigned or separator character (the space excepted)."""
    return ch == " " or category(ch) not in _UNPRINTABLE


# --- property sets used by the engine ------------------------------------------------------

DEFAULT_IGNORABLE = RangeSet(_props.DEFAULT_IGNORABLE)
BIDI_CONTROL = RangeSet(_props.BIDI_CONTROL)
VARIATION_SELECTOR = RangeSet(_props.VARIATION_SELECTOR)
EXTENDED_PICTOGRAPHIC = RangeSet(_props.EXTENDED_PICTOGRAPHIC)
EMOJI = RangeSet(_props.EMOJI)
EMOJI_MODIFIER = RangeSet(_props.EMOJI_MODIFIER)
REGIONAL_INDICATOR = RangeSet(_props.REGIONAL_INDICATOR)
BIDI_RTL = RangeSet(_props.BIDI_RTL)
COMBINING_MARK = RangeSet(_props.COMBINING_MARK)
LETTER = RangeSet(_props.LETTER)
DIGIT = RangeSet(_props.DIGIT)
FORMAT = RangeSet(_props.FORMAT)
VIRAMA = RangeSet(_props.VIRAMA)
