"""The analysis engine behind :func:`decloak.scan` and :func:`decloak.clean`.

Two stages, both working on code point offsets of the input:

Stage A, *structure*: one compiled pattern finds every control, invisible,
bidi, tag and selector character.  Each is judged against its neighbours
(a ZWNJ between Persian letters stays, one inside an English word goes),
payloads are decoded, backspaces applied, and lines whose bidi controls make
the displayed order differ from the stored order are rewritten in displayed
order with python-bidi's implementation of the Unicode Bidirectional Algorithm.

Stage B, *letters*, runs on the text as stage A leaves it, paragraph by
paragraph, and only on paragraphs where a compiled pattern finds a candidate
(a look-alike letter, a compatibility letter).  A paragraph's script is judged
from its unambiguous letters; each candidate word is then judged against that
context: a Cyrillic ``а`` inside ``lаrge`` in English goes back to Latin, a
Latin ``o`` inside a Russian word goes back to Cyrillic, Russian words in a
Russian paragraph and Latin brand names in it are left alone.

Clean text pays for one ``isascii()`` or one regex search and nothing else.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import gc
import re
import threading
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

from bidi import get_display

from . import chardata as cd
from . import kernel, lexicon
from ._tables import emoji as _emoji
from ._tables import lookalikes as _look
from ._tables import variants as _variants
from .config import Config
from .model import Kind
from .payloads import decode_selectors, decode_tags, decode_zero_width, selector_value
from .unicode import (
    BIDI_RTL,
    COMBINING_MARK,
    DEFAULT_IGNORABLE,
    EMOJI,
    EMOJI_MODIFIER,
    EXTENDED_PICTOGRAPHIC,
    LETTER,
    VARIATION_SELECTOR,
    RangeSet,
    category,
    char_name,
    script_of,
    script_ranges,
)

# ---------------------------------------------------------------------------------------
# Records
# ---------------------------------------------------------------------------------------


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


# ---------------------------------------------------------------------------------------
# Character classes, compiled once
# ---------------------------------------------------------------------------------------

# Look-alikes decloak restores: UTS #39 skeletons from left-to-right alphabets
# (see chardata.NON_LATINLIKE_SCRIPTS for the ones left out, and why).
TO_LATIN: dict[str, str] = {
    k: v
    for k, v in _look.TO_LATIN.items()
    if k not in BIDI_RTL and script_of(k) not in cd.NON_LATINLIKE_SCRIPTS
}
HIGH_CONFIDENCE: frozenset[str] = _look.HIGH_CONFIDENCE
_CONTEXT_SCRIPTS = [s for s in cd.CONTEXT_SCRIPTS if s in _look.FROM_LATIN]
FROM_LATIN: dict[str, dict[str, str]] = {s: _look.FROM_LATIN[s] for s in _CONTEXT_SCRIPTS}

_LOOKALIKE_SET = RangeSet.of(TO_LATIN)
_LETTER = LETTER
_LATIN_LETTER = script_ranges("Latin") & _LETTER
# Marks that occur inside words of the look-alike alphabets (decomposed ё, Greek
# tonos): the combining blocks of Latin, Cyrillic and Greek, not every mark.
_MARKS = COMBINING_MARK & RangeSet(
    (
        ord("\N{COMBINING GRAVE ACCENT}"),
        ord("\N{COMBINING LATIN SMALL LETTER X}"),
        ord("\N{COMBINING CYRILLIC TITLO}"),
        ord("\N{COMBINING CYRILLIC MILLIONS SIGN}"),
        ord("\N{COMBINING DOUBLED CIRCUMFLEX ACCENT}"),
        ord("\N{COMBINING LATIN SMALL LETTER INSULAR T}"),
        ord("\N{COMBINING DOTTED GRAVE ACCENT}"),
        ord("\N{COMBINING RIGHT ARROWHEAD AND DOWN ARROWHEAD BELOW}"),
        ord("\N{COMBINING LEFT HARPOON ABOVE}"),
        ord("\N{COMBINING ASTERISK ABOVE}"),
        ord("\N{COMBINING LIGATURE LEFT HALF}"),
        ord("\N{COMBINING CYRILLIC TITLO RIGHT HALF}"),
    )
)

# Alphabets whose native letters tell us a paragraph is written in them.
_SCRIPT_LETTERS = {s: script_ranges(s) & _LETTER for s in _CONTEXT_SCRIPTS}
_FOREIGN_LETTERS = RangeSet(())
for _rs in _SCRIPT_LETTERS.values():
    _FOREIGN_LETTERS = _FOREIGN_LETTERS | _rs

# Compatibility letter forms: fullwidth ASCII letters/digits, mathematical
# alphanumerics, enclosed letters, and letterlike symbols that fill the gaps of
# the mathematical alphabets (U+210E PLANCK CONSTANT is italic h).  Membership is
# decided from NFKC: a character whose NFKC form is one ASCII letter or digit.
_COMPAT_BLOCKS = (
    (ord("\N{FULLWIDTH DIGIT ZERO}"), ord("\N{FULLWIDTH LATIN SMALL LETTER Z}")),
    (ord("\N{MATHEMATICAL BOLD CAPITAL A}"), ord("\N{MATHEMATICAL MONOSPACE DIGIT NINE}")),
    (ord("\N{CIRCLED LATIN CAPITAL LETTER A}"), ord("\N{CIRCLED LATIN SMALL LETTER Z}")),
    (ord("\N{SQUARED LATIN CAPITAL LETTER A}"), ord("\N{NEGATIVE SQUARED LATIN CAPITAL LETTER Z}")),
    (ord("\N{DOUBLE-STRUCK CAPITAL C}"), ord("\N{DOUBLE-STRUCK ITALIC SMALL J}")),
)


def _compat_chars() -> dict[str, str]:
    out: dict[str, str] = {}
    for lo, hi in _COMPAT_BLOCKS:
        for cp in range(lo, hi + 1):
            ch = chr(cp)
            folded = unicodedata.normalize("NFKC", ch)
            if folded != ch and len(folded) == 1 and folded.isascii() and folded.isalnum():
                out[ch] = folded
    # Squared/negative enclosed letters have no NFKC decomposition for all of
    # them; map the remaining ones by name.
    for lo, hi in _COMPAT_BLOCKS[3:4]:
        for cp in range(lo, hi + 1):
            ch = chr(cp)
            if ch in out:
                continue
            name = unicodedata.name(ch, "")
            if name.endswith(tuple(f"LETTER {c}" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ")):
                out[ch] = name[-1]
    return out


COMPAT: dict[str, str] = _compat_chars()
_COMPAT_SET = RangeSet.of(COMPAT)
_FULLWIDTH = RangeSet((ord("\N{FULLWIDTH DIGIT ZERO}"), ord("\N{FULLWIDTH LATIN SMALL LETTER Z}")))
_MATH_ITALIC_NAMES = ("MATHEMATICAL ITALIC", "PLANCK CONSTANT")

# C0/C1 controls that are not layout.
_CONTROLS = RangeSet.of(
    chr(c)
    for c in [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)]
    if chr(c) not in cd.LAYOUT_CONTROLS
)
# Lone surrogates are not characters: they cannot be encoded, so they always go.
_SURROGATES = RangeSet((ord("\ud800"), ord("\udfff")))
_SPECIAL = _CONTROLS | DEFAULT_IGNORABLE | RangeSet.of(cd.BRAILLE_BLANK) | _SURROGATES
# Stage A tests every special character against these: plain sets, as a RangeSet's
# membership test is a Python-level call (a third of stage A's time on Persian,
# Hindi and emoji text, where every ZWNJ, ZWJ and selector is looked at).
_CONTROL_CHARS = frozenset(_CONTROLS.chars())
_SURROGATE_CHARS = frozenset(_SURROGATES.chars())
_SELECTOR_CHARS = frozenset(VARIATION_SELECTOR.chars())

# Word characters for stage B: letters, marks, compatibility letters and the
# joiners that legitimately live inside words (after stage A only legit ones remain).
_WORD = _LETTER | _MARKS | _COMPAT_SET | RangeSet.of((cd.ZWNJ, cd.ZWJ, cd.SOFT_HYPHEN, cd.CGJ))
_WORD_CLASS = _WORD.fast_regex()
WORD_RUN_RE = re.compile(f"[{_WORD_CLASS}]*")

# A stage-B candidate: any look-alike letter or compatibility letter (astral
# hits are re-checked).  ANY_CAND_RE finds either stage's candidates in one
# pass: clean non-ASCII text costs one scan.
_LETTER_CAND = _LOOKALIKE_SET | _COMPAT_SET
LETTER_CAND_RE = re.compile(f"[{_LETTER_CAND.fast_regex()}]")
ANY_CAND_RE = re.compile(f"[{(_LETTER_CAND | _SPECIAL).fast_regex()}]")

# What may sit between two letters of one word: marks and in-word joiners.
_GLUE = _MARKS | RangeSet.of((cd.ZWNJ, cd.ZWJ, cd.SOFT_HYPHEN, cd.CGJ))
# Compatibility letters (𝐀, Ａ) count as Latin: they read as Latin letters.
_COMPAT_LETTERS = RangeSet.of(c for c, v in COMPAT.items() if v.isalpha())
_LAT_CLASS = (_LATIN_LETTER | _COMPAT_LETTERS).fast_regex()

# Letter counts for a paragraph's context.  Only letters no repair can create
# count as evidence, so that cleaning never changes a paragraph's context (and
# ``clean`` stays idempotent): Latin letters that are not the reading of any
# look-alike (t, m, k, ß, ñ...), compatibility letters by their folded reading,
# and native letters of each alphabet that look like no Latin letter (д, л, λ).
_AMBIGUOUS_LATIN = frozenset(TO_LATIN.values())
_UNAMBIGUOUS_LATIN = RangeSet.of(
    c for c in (_LATIN_LETTER - _COMPAT_SET).chars() if c not in _AMBIGUOUS_LATIN
) | RangeSet.of(c for c, v in COMPAT.items() if v.isalpha() and v not in _AMBIGUOUS_LATIN)
_LATIN_RUN_RE = re.compile(f"[{_UNAMBIGUOUS_LATIN.fast_regex()}]+")
_ANY_LATIN_RE = re.compile(f"[{_LAT_CLASS}]")
_NATIVE_RUN_RE = {
    s: re.compile(f"[{(_SCRIPT_LETTERS[s] - _LOOKALIKE_SET).fast_regex()}]+")
    for s in _CONTEXT_SCRIPTS
}
_CJK_LETTERS = RangeSet(())
for _s in sorted(cd.CJK_SCRIPTS):
    _CJK_LETTERS = _CJK_LETTERS | (script_ranges(_s) & _LETTER)
_CJK_RE = re.compile(f"[{_CJK_LETTERS.fast_regex()}]")
_LATIN_OR_COMPAT = _LATIN_LETTER | _COMPAT_LETTERS

# Per-code-point tables for the letters-stage kernel (see decloak.kernel).
_NATIVE_LETTERS = RangeSet(())
for _s in _CONTEXT_SCRIPTS:
    _NATIVE_LETTERS = _NATIVE_LETTERS | (_SCRIPT_LETTERS[_s] - _LOOKALIKE_SET)
_KERNEL_SCRIPTS: dict[str, RangeSet] = {"Latin": _LATIN_OR_COMPAT}
_KERNEL_SCRIPTS.update((sc, _SCRIPT_LETTERS[sc] | RangeSet(())) for sc in _CONTEXT_SCRIPTS)
for _ch in sorted(TO_LATIN):
    _sc = script_of(_ch)
    if _sc not in _KERNEL_SCRIPTS:
        _KERNEL_SCRIPTS[_sc] = RangeSet(())
    if _sc not in _CONTEXT_SCRIPTS and _sc != "Latin":
        _KERNEL_SCRIPTS[_sc] = _KERNEL_SCRIPTS[_sc] | RangeSet.of(_ch)
TABLES = kernel.Tables(
    {
        kernel.F_WORD: _WORD,
        kernel.F_LETTER: _LETTER | _COMPAT_LETTERS,
        kernel.F_LATIN: _LATIN_OR_COMPAT,
        kernel.F_LOOK: _LOOKALIKE_SET,
        kernel.F_NATIVE: _NATIVE_LETTERS,
        kernel.F_COMPAT: _COMPAT_SET,
        kernel.F_UNAMB: _UNAMBIGUOUS_LATIN,
        kernel.F_CJK: _CJK_LETTERS,
    },
    _KERNEL_SCRIPTS,
    TO_LATIN,
    HIGH_CONFIDENCE,
    _SPECIAL,
)
_TO_LATIN_TRANS = str.maketrans(TO_LATIN)
# Runs of special characters, exactly (not fast_regex): the pattern the tables
# compiled for the pure-Python kernel.  The hot paths scan the per-code-point table
# instead (kernel.special_runs, kernel.find); this is their reference in the tests.
SPECIAL_RE = TABLES.special_runs_re


def _search_verified(rx: re.Pattern[str], members: RangeSet, t: str, s: int, e: int) -> bool:
    """Whether ``t[s:e]`` holds a member of ``members``; ``rx`` is its fast (over-approximate) class."""
    pos = s
    while True:
        m = rx.search(t, pos, e)
        if m is None:
            return False
        if m.group()[0] in members:
            return True
        pos = m.start() + 1


_RTL_RE = re.compile(f"[{BIDI_RTL.fast_regex()}]")
_SPACELESS = RangeSet(())
for _s in sorted(cd.ZWSP_SCRIPTS):
    _SPACELESS = _SPACELESS | (script_ranges(_s) & LETTER)
_SPACELESS_RE = re.compile(f"[{_SPACELESS.fast_regex()}]")
_ANSI_RE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b\n]*(?:\x07|\x1b\\)?|[@-Z\\-_])")
_PARA_SEP_RE = re.compile(r"\n[ \t\r\f\v]*\n")

_ZW_BITS = frozenset({cd.ZWSP, cd.ZWNJ, cd.ZWJ, cd.WORD_JOINER, cd.BOM})
_TAG_LO = ord(cd.TAG_FIRST) - 1  # U+E0000 (reserved) starts the tag block
_TAG_HI = ord(cd.TAG_LAST)
_TAG_SUBDIVISION = frozenset(
    chr(c)
    for c in [
        *range(ord(cd.TAG_DIGIT_ZERO), ord(cd.TAG_DIGIT_NINE) + 1),
        *range(ord(cd.TAG_LATIN_SMALL_A), ord(cd.TAG_LATIN_SMALL_Z) + 1),
    ]
)

UNIT_MAX = 8192
"""Paragraphs longer than this are judged in windows cut at line breaks."""

ZW_PAYLOAD_MIN = 8
"""Shortest zero-width run read as a bit string (one byte)."""

PAYLOAD_DECODE_MAX = 1 << 16
"""Longest run handed to the payload decoders (the rest is still removed)."""

ZW_DECODE_MAX = 1 << 12
"""Longest zero-width run read as bits (512 bytes): each run is tried 48 ways."""


def _is_tag(ch: str) -> bool:
    return _TAG_LO <= ord(ch) <= _TAG_HI


@functools.lru_cache(maxsize=4096)
def _u(ch: str) -> str:
    """``U+0430 CYRILLIC SMALL LETTER A``: memoised, as a hostile text repeats a few
    characters a million times (and each record then shares one string)."""
    return f"U+{ord(ch):04X} {char_name(ch)}"


@functools.lru_cache(maxsize=1024)
def _control_why(ch: str) -> str:
    return f"{_u(ch)}: a control character with no visible form"


# ---------------------------------------------------------------------------------------
# Stage A: controls, invisibles, payloads, bidi
# ---------------------------------------------------------------------------------------


class _Lines:
    """Bounds of the line (bidi paragraph) around non-decreasing positions, in
    linear time overall: each query only searches text not searched before."""

    __slots__ = ("e", "s", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.s = 0
        self.e = 0  # end of the line last returned (exclusive); 0: none yet

    def at(self, i: int) -> tuple[int, int]:
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


_EOL_RE = re.compile(r"[\n\r]")


def _stage_a(
    text: str, cfg: Config, at_start: bool = True, start: int = 0
) -> tuple[list[Rec], list[Rec]]:
    """Structure stage from ``start`` on; returns (records, soft keeps not promoted yet)."""
    recs: list[Rec] = []
    soft: list[Rec] = []
    consumed: set[int] = set()  # input positions already erased by a backspace/escape
    bidi_positions: list[int] = []
    line_rtl: dict[int, bool] = {}

    lines = _Lines(text)

    def has_rtl(i: int) -> bool:
        ls, le = lines.at(i)
        v = line_rtl.get(ls)
        if v is None:
            v = line_rtl[ls] = any(
                m.start() not in consumed and m.group() in BIDI_RTL
                for m in _RTL_RE.finditer(text, ls, le)
            )
        return v

    line_spaceless: dict[int, bool] = {}

    def spaceless_line(i: int) -> bool:
        """Whether the line holds letters of a script written without spaces (Thai...)."""
        ls, le = lines.at(i)
        v = line_spaceless.get(ls)
        if v is None:
            # letters a backspace erased give no context (nor do they in has_rtl)
            v = line_spaceless[ls] = any(
                m.start() not in consumed and m.group() in _SPACELESS
                for m in _SPACELESS_RE.finditer(text, ls, le)
            )
        return v

    runs = kernel.special_runs(text, start, TABLES)
    eraser = _Eraser(text, recs, consumed)
    # Erasers first: everything else is judged on what a reader still sees.
    for i, end in runs:
        while i < end:
            ch = text[i]
            if i in consumed:
                i += 1
            elif ch in cd.ERASERS:
                i = eraser.erase(i)
            elif ch == cd.ESCAPE:
                em = _ANSI_RE.match(text, i)
                stop = em.end() if em else i + 1
                eraser.consume(i, stop)
                recs.append(
                    Rec(
                        i,
                        stop,
                        Kind.DELETION,
                        "",
                        0.85,
                        "a terminal escape sequence: it restyles or moves the cursor on a "
                        "terminal and is not part of the text",
                    )
                )
                i = stop
            else:
                i += 1
    zw_seen = -1  # zero-width runs already tried as payloads end here
    around_end = -1
    around = ("", "")
    for i, end in runs:
        while i < end:
            if i in consumed:
                i += 1
                continue
            ch = text[i]
            cp = ord(ch)
            if ch in _SURROGATE_CHARS:
                recs.append(
                    Rec(
                        i,
                        i + 1,
                        Kind.INVISIBLE,
                        "",
                        0.9,
                        f"a lone surrogate U+{cp:04X}: not a character, cannot be encoded as UTF-8",
                    )
                )
                i += 1
                continue
            if ch in _CONTROL_CHARS:
                j = i + 1
                while j < end and text[j] in _CONTROL_CHARS and j not in consumed:
                    j += 1
                recs.append(
                    Rec(
                        i,
                        j,
                        Kind.INVISIBLE,
                        "",
                        0.8,
                        _control_why(ch),
                    )
                )
                i = j
                continue
            # --- tags --------------------------------------------------------------------
            if _TAG_LO <= cp <= _TAG_HI:
                j = i + 1
                while j < end and _is_tag(text[j]) and j not in consumed:
                    j += 1
                if not _valid_tag_sequence(text, i, j):
                    payload = decode_tags(text[i : min(j, i + PAYLOAD_DECODE_MAX)])
                    recs.append(
                        Rec(
                            i,
                            j,
                            Kind.TAG_PAYLOAD,
                            "",
                            1.0,
                            f"{j - i} invisible tag characters outside an emoji flag sequence; "
                            f"they spell hidden ASCII: {_quote(payload)}",
                            payload=payload,
                        )
                    )
                i = j
                continue
            # --- variation selectors -------------------------------------------------------
            if ch in _SELECTOR_CHARS and selector_value(ch) is not None:
                j = i + 1
                while j < end and selector_value(text[j]) is not None and j not in consumed:
                    j += 1
                _selectors(text, i, j, recs)
                i = j
                continue
            # --- zero-width bit strings ---------------------------------------------------
            if ch in _ZW_BITS and i >= zw_seen:
                j = i + 1
                while j < end and text[j] in _ZW_BITS and j not in consumed:
                    j += 1
                if j - i >= ZW_PAYLOAD_MIN and cfg.zero_width_payloads:
                    bits = decode_zero_width(text[i : min(j, i + ZW_DECODE_MAX)])
                    if bits is not None:
                        recs.append(
                            Rec(
                                i,
                                j,
                                Kind.ZERO_WIDTH_PAYLOAD,
                                "",
                                0.95,
                                f"a run of {j - i} zero-width characters encodes hidden bits: "
                                f"{_quote(bits)}",
                                payload=bits,
                            )
                        )
                        i = j
                        continue
                zw_seen = j  # not a payload: its characters are judged one by one
                # below, without reading the run again from each of them
            # --- bidi explicit controls: judged per line later ------------------------------
            if ch in cd.BIDI_EXPLICIT:
                bidi_positions.append(i)
                i += 1
                continue
            # --- bidi marks ----------------------------------------------------------------
            if ch in cd.BIDI_MARKS:
                if not has_rtl(i):
                    recs.append(
                        Rec(
                            i,
                            i + 1,
                            Kind.INVISIBLE,
                            "",
                            0.6,
                            f"{_u(ch)} in a line with no right-to-left letters, where it "
                            "does nothing visible",
                        )
                    )
                i += 1
                continue
            # --- everything else invisible -------------------------------------------------
            if i >= around_end:
                # every character of a run of invisibles has the same visible
                # neighbours: the ones around the run (found once per run)
                around_end = i + 1
                scr = TABLES.scr
                while around_end < end and scr[ord(text[around_end])] & kernel.S_SPECIAL:
                    around_end += 1
                around = (
                    _neighbour(text, i, -1, consumed),
                    _neighbour(text, around_end - 1, 1, consumed),
                )
            verdict = _judge_invisible(text, i, cfg, at_start, around, spaceless_line)
            if verdict is not None:
                rec, is_soft = verdict
                (soft if is_soft else recs).append(rec)
            i += 1

    pending: list[Rec] = []
    if soft:  # before bidi: a rewritten line must not carry what is being removed
        promoted = _promote_soft(text, soft, recs, _INVISIBLE_KINDS)
        recs.extend(promoted)
        chosen = set(promoted)
        pending = [r for r in soft if r not in chosen]
    if bidi_positions and cfg.bidi != "off":
        recs.extend(_bidi_lines(text, bidi_positions, consumed, recs, cfg))
    recs.sort(key=_order)
    return _gate(recs, cfg), _gate(pending, cfg)


def _order(r: Rec) -> tuple[int, int]:
    """Sort by start, the larger span first, so nested spans follow the one covering them."""
    return (r.start, -r.end)


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


def _gate(recs: list[Rec], cfg: Config) -> list[Rec]:
    """Findings the config does not allow to repair stay findings, marked unrepaired."""
    barred = {k for k, allowed in _ALLOWED.items() if not allowed(cfg)}
    barred.discard(Kind.ASCII_LOOKALIKE)  # never repairable: made with repair=False
    if not barred or not any(r.repair and r.kind in barred for r in recs):
        return recs
    return [r._replace(repair=False) if r.kind in barred else r for r in recs]


def _quote(payload: str, limit: int = 120) -> str:
    shown = payload if len(payload) <= limit else payload[:limit] + "…"
    return repr(shown)


class _Eraser:
    """Applies backspaces and DELs left to right, in linear time overall.

    As on a terminal, an eraser steps back over what has no width (controls,
    zero-width and other invisible characters, text already erased) and takes
    one user-perceived character: a base letter with its combining marks.  It
    never crosses a line break.  Erased stretches are remembered as blocks
    (end -> start) so that later erasers jump over them instead of re-walking,
    and a line start already found empty is remembered too.
    """

    __slots__ = ("blocks", "consumed", "dead", "recs", "text")

    def __init__(self, text: str, recs: list[Rec], consumed: set[int]) -> None:
        self.text = text
        self.recs = recs
        self.consumed = consumed
        self.blocks: dict[int, int] = {}  # last position of an erased stretch -> its first
        self.dead = -1  # everything up to here (on its line) is already known empty

    def consume(self, a: int, b: int) -> None:
        """Mark ``a..b-1`` erased, merging with an erased stretch that ends at ``a-1``."""
        self.consumed.update(range(a, b))
        start = self.blocks.pop(a - 1, a)
        self.blocks[b - 1] = start

    def erase(self, i: int) -> int:
        text, consumed = self.text, self.consumed
        j = i - 1
        while j > self.dead:
            if j in self.blocks:
                j = self.blocks[j] - 1
            elif j in consumed or (text[j] in _SPECIAL and text[j] not in "\n\r"):
                j -= 1
            else:
                break
        if j > self.dead and text[j] not in "\n\r":
            while j > 0 and text[j] in COMBINING_MARK and (j - 1) not in consumed:
                j -= 1
            k = j + 1
            while k < i and text[k] in COMBINING_MARK and k - j < _QUOTE_MARKS:
                k += 1
            erased = text[j:k]
            why = f"{_u(text[i])} erases {erased!r} before it: a reader sees the text without both"
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
                    f"{_u(text[i])} has nothing before it to erase: it shows nothing",
                )
            )
        return i + 1


_QUOTE_MARKS = 16
"""How many combining marks an eraser's explanation quotes with their base."""


def _valid_tag_sequence(text: str, i: int, j: int) -> bool:
    """Tags i..j form a flag like England's: WAVING BLACK FLAG, 2-6 tag letters/digits, CANCEL TAG."""
    if i == 0 or text[i - 1] != cd.WAVING_BLACK_FLAG:
        return False
    seq = cd.WAVING_BLACK_FLAG + text[i:j]
    if seq in _emoji.RGI_TAG_SEQUENCES:
        return True
    body = text[i : j - 1]
    return (
        text[j - 1] == cd.CANCEL_TAG
        and 3 <= len(body) <= 6
        and all(c in _TAG_SUBDIVISION for c in body)
    )


def _legit_selector(text: str, i: int) -> bool:
    """One variation selector at ``i`` forms a sequence some standard defines."""
    if i == 0:
        return False
    base, vs = text[i - 1], text[i]
    pair = base + vs
    if pair in _variants.STANDARDIZED_VARIANTS or pair in _variants.EMOJI_VARIATION_SEQUENCES:
        return True
    if vs in (cd.VS15, cd.VS16) and (
        base in EXTENDED_PICTOGRAPHIC or base in EMOJI or base in "#*0123456789"
    ):
        return True
    # ideographic variation sequences: VS17..VS256 after a CJK ideograph
    return ord(vs) >= ord(cd.VS17) and script_of(base) == "Han"


def _selectors(text: str, i: int, j: int, recs: list[Rec]) -> None:
    if j - i == 1 and _legit_selector(text, i):
        return
    start = i
    if j - i > 1 and _legit_selector(text, i):
        # A legit first selector (❤ + VS16) may still be part of the payload;
        # keep it out when the rest reads as text on its own.
        _, scheme = decode_selectors(text[i + 1 : min(j, i + 1 + PAYLOAD_DECODE_MAX)])
        if scheme != "hex":
            start = i + 1
    payload, scheme = decode_selectors(text[start : min(j, start + PAYLOAD_DECODE_MAX)])
    recs.append(
        Rec(
            start,
            j,
            Kind.VARIATION_PAYLOAD,
            "",
            0.95 if j - start > 1 else 0.7,
            f"{j - start} variation selector(s) outside any defined variation sequence; "
            f"read as bytes ({scheme}) they say {_quote(payload)}",
            payload=payload,
        )
    )


def _neighbour(text: str, i: int, step: int, consumed: set[int]) -> str:
    """The nearest character a reader sees before (step -1) or after (+1) ``i``.

    Steps over erased text and other invisible characters, a bounded distance,
    so that a judgement does not change once those are gone (idempotence).
    """
    j = i + step
    scr = TABLES.scr
    n = len(text)
    for _ in range(NEIGHBOUR_REACH):
        if not 0 <= j < n:
            return ""
        ch = text[j]
        if j not in consumed and (not scr[ord(ch)] & kernel.S_SPECIAL or ch in "\n\r"):
            return ch
        j += step
    return ""


NEIGHBOUR_REACH = 32
"""How far :func:`_neighbour` looks past invisible characters."""


def _judge_invisible(
    text: str,
    i: int,
    cfg: Config,
    at_start: bool,
    around: tuple[str, str],
    spaceless_line: Callable[[int], bool],
) -> tuple[Rec, bool] | None:
    """Decide one invisible character; None keeps it, (rec, soft) removes it.

    A *soft* removal is a keep unless the same paragraph holds a definite
    disguise: a ZWNJ that stops an ``f`` ligature in German, a soft hyphen
    between letters.
    """
    ch = text[i]
    prev, nxt = around  # what a reader sees on either side (see _neighbour)
    prev_s = script_of(prev) if prev else ""
    next_s = script_of(nxt) if nxt else ""
    reason = cd.INVISIBLE_REASONS.get(ch)

    def remove(conf: float = 0.9, why: str | None = None) -> tuple[Rec, bool]:
        return (
            Rec(
                i,
                i + 1,
                Kind.INVISIBLE,
                "",
                conf,
                f"{_u(ch)}: {why or reason or 'an invisible default-ignorable character'}",
            ),
            False,
        )

    if ch == cd.BOM:
        return None if i == 0 and at_start else remove()
    if ch in (cd.ZWSP, cd.WORD_JOINER):
        if prev_s in cd.ZWSP_SCRIPTS or next_s in cd.ZWSP_SCRIPTS:
            return None
        if spaceless_line(i) and not (prev in _LETTER and nxt in _LETTER):
            return None  # Khmer/Thai text: word breaks beside Latin words and spaces too
        if ch == cd.ZWSP and prev in cd.BREAK_AFTER:
            rec, _ = remove(
                0.5,
                "a zero-width space after URL punctuation in a paragraph "
                "that shows other disguises",
            )
            return rec, True  # a line-break hint in a long URL, unless the paragraph is attacked
        return remove()
    if ch == cd.ZWNJ:
        if prev_s in cd.JOINER_SCRIPTS or next_s in cd.JOINER_SCRIPTS:
            return None
        if prev in cd.LIGATURE_FIRST and nxt in cd.LIGATURE_SECOND:
            rec, _ = remove(0.5)
            return rec, True
        return remove()
    if ch == cd.ZWJ:
        if _emoji_side(prev) and (nxt in EXTENDED_PICTOGRAPHIC or nxt in EMOJI):
            return None
        if prev_s in cd.JOINER_SCRIPTS or next_s in cd.JOINER_SCRIPTS:
            return None
        return remove()
    if ch == cd.SOFT_HYPHEN:
        between_letters = prev in _LETTER and nxt in _LETTER
        if cfg.soft_hyphen == "remove":
            return remove(0.3, "a soft hyphen (the strict profile removes hyphenation hints)")
        if between_letters:
            rec, _ = remove(0.4, "a soft hyphen inside a word that shows other disguises")
            return rec, True
        return remove(0.6)
    if ch == cd.CGJ:
        return None if nxt in COMBINING_MARK else remove()
    if ch == cd.MVS or "\N{MONGOLIAN FREE VARIATION SELECTOR ONE}" <= ch <= (
        "\N{MONGOLIAN FREE VARIATION SELECTOR FOUR}"
    ):
        return None if prev_s == "Mongolian" or next_s == "Mongolian" else remove()
    if ch == "\N{HANGUL CHOSEONG FILLER}":
        return None if next_s == "Hangul" and nxt != "\N{HANGUL JUNGSEONG FILLER}" else remove()
    if ch == "\N{HANGUL JUNGSEONG FILLER}":
        return None if prev_s == "Hangul" and prev != "\N{HANGUL CHOSEONG FILLER}" else remove()
    if ch in ("\N{KHMER VOWEL INHERENT AQ}", "\N{KHMER VOWEL INHERENT AA}"):
        return None if prev_s == "Khmer" else remove()
    if ch == cd.BRAILLE_BLANK:
        # legit inside braille text (braille art, transcriptions): a non-blank
        # braille cell within the surrounding run of braille cells
        return None if _near_braille(text, i) else remove(0.7)
    if ch in cd.BIDI_EXPLICIT or ch in cd.BIDI_MARKS:
        return None  # handled elsewhere
    return remove()


_BRAILLE_LO = ord("\N{BRAILLE PATTERN BLANK}")
_BRAILLE_HI = ord("\N{BRAILLE PATTERN DOTS-12345678}")
_BRAILLE_REACH = 64


def _near_braille(text: str, i: int) -> bool:
    """A non-blank braille cell lies in the braille run around ``i`` (bounded look-around)."""
    for step in (-1, 1):
        j = i + step
        for _ in range(_BRAILLE_REACH):
            if not 0 <= j < len(text) or not _BRAILLE_LO <= ord(text[j]) <= _BRAILLE_HI:
                break
            if text[j] != cd.BRAILLE_BLANK:
                return True
            j += step
    return False


def _emoji_side(ch: str) -> bool:
    return bool(ch) and (
        ch in EXTENDED_PICTOGRAPHIC
        or ch in EMOJI_MODIFIER
        or ch == cd.VS16
        or ch == cd.KEYCAP
        or ch == cd.CANCEL_TAG
    )


class UnitCursor:
    """Walks the canonical partition of a text into *units*, left to right.

    A unit is a paragraph (text between blank lines); a paragraph longer than
    :data:`UNIT_MAX` is cut into windows measured from its start, each ending at
    the last line break (else space) in its second half.  Context (a paragraph's
    script, whether it shows a disguise) is judged per unit, so results depend
    only on the unit, and the streaming cleaner can cut at unit boundaries and
    produce exactly what cleaning the whole text at once produces.
    """

    __slots__ = ("_cur_e", "_cur_s", "_e", "_n", "_pend", "_pnext", "_s", "text")

    def __init__(self, text: str, start: int = 0) -> None:
        self.text = text
        self._n = len(text)
        self._s = start  # start of the current unit
        self._pend = -1  # end of the current paragraph, once known
        self._e = -1  # end of the current unit, once known
        self._pnext = start
        self._cur_s = self._cur_e = start  # the unit last returned by unit_at

    def _paragraph_end(self, s: int) -> tuple[int, int]:
        """(end of the paragraph starting at s, start of the next one)."""
        m = _PARA_SEP_RE.search(self.text, s)
        return (m.start(), m.end()) if m else (self._n, self._n)

    def next_boundary(self) -> int:
        """End of the current unit; advances to the next unit."""
        s = self._s
        if self._pend < s:
            self._pend, self._pnext = self._paragraph_end(s)
        if self._pend - s > UNIT_MAX:
            e = window_end(self.text, s)
            nxt = e
        else:
            e = self._pend
            nxt = self._pnext
        self._s = nxt
        self._e = e
        return e

    @property
    def position(self) -> int:
        """Start of the next unit :meth:`next_boundary` will end."""
        return self._s

    def next_is_window(self) -> bool:
        """Whether the next unit is a window of a long paragraph (not a whole one)."""
        s = self._s
        if self._pend < s:
            self._pend, self._pnext = self._paragraph_end(s)
        return self._pend - s > UNIT_MAX

    def unit_at(self, p: int) -> tuple[int, int]:
        """The unit containing ``p`` (``p`` must not go backwards between calls).

        Jumps over paragraphs without a look: the paragraph holding ``p`` starts
        after the last blank-line separator before it.
        """
        if self._cur_s <= p < self._s:
            return self._cur_s, self._cur_e
        if p >= self._n:
            raise IndexError(f"position {p} is past the end of the text")
        start = self._s
        for m in _PARA_SEP_RE.finditer(self.text, self._s, p):
            start = m.end()
        if start > self._s:
            self._s = start
        while not (self._cur_s <= p < self._s):
            self._cur_s = self._s
            self._cur_e = self.next_boundary()
        return self._cur_s, self._cur_e


def window_end(t: str, s: int) -> int:
    """End of the window starting at ``s``: after the last line break (else space)
    in ``t[s + UNIT_MAX // 2 : s + UNIT_MAX]``; never inside a word."""
    limit = s + UNIT_MAX
    for sep in ("\n", " "):
        k = t.rfind(sep, s + UNIT_MAX // 2, limit)
        if k != -1:
            return k + 1
    return kernel.word_end(t, limit, TABLES) if limit < len(t) else len(t)


_INVISIBLE_KINDS = frozenset({Kind.INVISIBLE, Kind.ZERO_WIDTH_PAYLOAD})
_DISGUISE_KINDS = frozenset(Kind) - {Kind.ASCII_LOOKALIKE}


def _promote_soft(
    text: str, soft: list[Rec], definite: list[Rec], kinds: frozenset[Kind]
) -> list[Rec]:
    """Soft keeps become removals when their unit holds a definite disguise of ``kinds``."""
    starts = sorted(r.start for r in definite if r.kind in kinds and r.repair)
    cursor = UnitCursor(text)
    out = []
    for r in sorted(soft):
        us, ue = cursor.unit_at(r.start)
        k = bisect.bisect_left(starts, us)
        if k < len(starts) and starts[k] < ue:
            out.append(r)
    return out


# --- bidi --------------------------------------------------------------------------------


def _bidi_lines(
    text: str, positions: list[int], consumed: set[int], recs: list[Rec], cfg: Config
) -> list[Rec]:
    out: list[Rec] = []
    removed = set(consumed)
    for r in recs:
        if r.replacement == "":
            removed.update(range(r.start, r.end))
    positions = [p for p in positions if p not in removed]  # erased by a backspace
    lines = _Lines(text)
    k = 0
    while k < len(positions):
        ls, le = lines.at(positions[k])
        line_ctrls = []
        while k < len(positions) and positions[k] < le:
            line_ctrls.append(positions[k])
            k += 1
        out.extend(_bidi_line(text, ls, le, line_ctrls, removed, cfg))
    return out


def _balance(text: str, ctrls: list[int]) -> tuple[list[int], list[int], dict[int, int]]:
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


def _bidi_line(
    text: str, ls: int, le: int, ctrls: list[int], removed: set[int], cfg: Config
) -> list[Rec]:
    ctrl_set = set(ctrls)
    keep_pos = [p for p in range(ls, le) if p not in removed]
    line = "".join(text[p] for p in keep_pos)
    logical_pos = [p for p in keep_pos if p not in ctrl_set]
    logical = "".join(text[p] for p in logical_pos)
    stray, unclosed, pairs = _balance(text, ctrls)
    rtl = _search_verified(_RTL_RE, BIDI_RTL, logical, 0, len(logical))
    out: list[Rec] = []
    if not rtl and cfg.bidi == "reorder":
        display = _strip_bidi(get_display(line, base_dir="L"))
        if display != logical:
            n = len(logical)
            k = 0
            while k < n and logical[k] == display[k]:
                k += 1
            j = 0
            while j < n - k and logical[n - 1 - j] == display[n - 1 - j]:
                j += 1
            if len(display) != n or _search_verified(_ATTACHER_RE, _ATTACHERS, logical, k, n - j):
                # python-bidi reverses code points, not grapheme clusters (UAX #9
                # rule L3 is optional): marks and selectors would land before
                # their base.  Drop the controls and keep the stored order.
                return [
                    Rec(
                        p,
                        p + 1,
                        Kind.BIDI,
                        "",
                        0.8,
                        f"{_u(text[p])} reorders this line (controls removed, "
                        "order kept: the run holds combining characters)",
                    )
                    for p in ctrls
                ]
            rs = min(ctrls[0], logical_pos[k]) if k < n else ctrls[0]
            last = logical_pos[n - 1 - j] + 1 if n - j > k else rs
            re_ = max(ctrls[-1] + 1, last)
            a = bisect.bisect_left(logical_pos, rs)
            b = bisect.bisect_left(logical_pos, re_)
            out.append(
                Rec(
                    rs,
                    re_,
                    Kind.BIDI,
                    display[a:b],
                    0.95,
                    f"bidi controls make this run display as {display[a:b]!r} while it is "
                    f"stored as {logical[a:b]!r}; rewritten in displayed order",
                )
            )
            # controls outside the rewritten run still go
            for p in ctrls:
                if p < rs or p >= re_:
                    out.append(
                        Rec(p, p + 1, Kind.BIDI, "", 0.8, f"{_u(text[p])} in a line it reorders")
                    )
            return out
    if rtl and cfg.bidi != "off":
        out.extend(_rtl_overrides(text, ctrls, removed, pairs))
    if cfg.bidi == "strip" and not rtl:
        display = _strip_bidi(get_display(line, base_dir="L"))
        if display != logical:
            return [
                Rec(p, p + 1, Kind.BIDI, "", 0.8, f"{_u(text[p])} reorders this line")
                for p in ctrls
            ]
    if not rtl and cfg.bidi != "off" and any(text[p] in cd.BIDI_OVERRIDES for p in ctrls):
        # An override in left-to-right text reorders nothing visible here (the
        # run reads the same both ways) but has no business in it: it goes.
        return [
            Rec(
                p,
                p + 1,
                Kind.BIDI,
                "",
                0.7,
                f"{_u(text[p])}: a bidi override in left-to-right text",
            )
            for p in ctrls
        ]
    for p in stray:
        out.append(
            Rec(
                p,
                p + 1,
                Kind.BIDI,
                "",
                0.6,
                f"{_u(text[p])} closes nothing: an unbalanced bidi control",
            )
        )
    if not rtl:
        # An unclosed opener in left-to-right text changes nothing visible today
        # but reorders whatever is appended to the line (Trojan Source).  In
        # right-to-left text the end of the line closes it, as translators expect.
        for p in unclosed:
            if (
                p == ls
                and text[p] in (cd.RLE, cd.LRE)
                and not out
                and _strip_bidi(get_display(text[p] + logical, base_dir="L")) == logical
            ):
                # an embedding that opens the line and changes nothing visible
                # (judged alone: the other controls go): how translation
                # catalogues right-align a string ("\u202bText")
                continue
            if not any(r.start <= p < r.end for r in out):
                out.append(
                    Rec(
                        p,
                        p + 1,
                        Kind.BIDI,
                        "",
                        0.7,
                        f"{_u(text[p])} is never closed: an unbalanced bidi control",
                    )
                )
    return out


def _rtl_overrides(
    text: str, ctrls: list[int], removed: set[int], match: dict[int, int]
) -> list[Rec]:
    """In right-to-left lines, only overrides that reverse left-to-right letters are undone.

    ``match`` pairs openers with their PDF (from :func:`_balance`); only outermost
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
            _search_verified(_RTL_RE, BIDI_RTL, inner, 0, len(inner))
            or sum(ch in _LETTER for ch in inner) < 2
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


# Characters that attach to the one before them and so cannot be reordered alone.
_ATTACHERS = COMBINING_MARK | VARIATION_SELECTOR | EMOJI_MODIFIER | DEFAULT_IGNORABLE
_ATTACHER_RE = re.compile(f"[{_ATTACHERS.fast_regex()}]")
_BIDI_STRIP = str.maketrans(dict.fromkeys(map(ord, cd.BIDI_EXPLICIT)))


def _strip_bidi(s: str) -> str:
    return s.translate(_BIDI_STRIP)


# ---------------------------------------------------------------------------------------
# Stage B: letters
# ---------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Context:
    script: str | None  # "Latin", a context alphabet, "other" (CJK), or None when unclear
    native: dict[str, int]  # letters of each alphabet that look like no Latin letter
    latin: int  # unambiguous Latin letters (bilingual units), else 1 if any Latin letter
    cjk: bool
    evidence: int = 0  # mixed-script words already restored to Latin in this unit

    @property
    def bilingual(self) -> bool:
        return self.latin > 0 and any(self.native.values())


LATIN_WEIGHT = 3
"""Unambiguous letters are rarer in Latin text (t, m, k: about 1 in 7) than in
Cyrillic or Greek (about 1 in 2), so a bilingual paragraph counts each
unambiguous Latin letter this many times when deciding its main script."""


def _context(t: str, s: int, e: int) -> _Context:
    """Judge a unit's script from evidence that cleaning cannot change.

    With no native letters of any look-alike alphabet, any Latin letter makes
    the unit Latin (repairs only ever add Latin letters there).  A bilingual
    unit is judged by unambiguous letters on both sides, weighted.
    """
    unamb, any_latin, total, cjk, per = kernel.counts(t, s, e, TABLES)
    native: dict[str, int] = {}
    script: str | None
    if not total:
        latin = any_latin
        script = "Latin" if any_latin else ("other" if cjk else None)
    else:
        names = TABLES.script_names
        native = {names[k]: n for k, n in per}
        latin = unamb
        if latin and LATIN_WEIGHT * latin >= total:
            script = "Latin"
        else:
            script = max(native.items(), key=lambda kv: kv[1])[0]
    return _Context(script, native, latin, bool(cjk))


def _units(t: str, pos: int = 0) -> Iterator[tuple[int, int]]:
    """Units that contain at least one stage-B candidate, in order."""
    cursor = UnitCursor(t)
    n = len(t)
    while True:
        p = kernel.find(t, pos, n, TABLES, special=False)
        if p < 0:
            return
        s, e = cursor.unit_at(p)
        yield s, e
        pos = e


def _stage_b(t: str, cfg: Config, start: int = 0, marks: list[int] | None = None) -> list[Rec]:
    """Letters stage from ``start`` on (nothing before it can be a candidate).

    ``marks`` are positions in ``t`` where stage A repaired something: a
    paragraph holding one already shows a disguise.
    """
    if t.isascii():
        return []
    out: list[Rec] = []
    marks = marks or []
    settled = (
        kernel.bulk(t, start, TABLES, UNIT_MAX, cfg.whole_words, LATIN_WEIGHT, _LATIN_REC)
        if USE_BULK and cfg.homoglyphs
        else None
    )
    if settled is not None:
        # plain Latin units were settled in C; the rest are judged here, in order
        runs, units, _ = settled
    else:
        runs, units = [], [(s, e, 0) for s, e in _units(t, start)]
    done = 0
    for s, e, before in units:
        out.extend(runs[done:before])
        done = before
        k = bisect.bisect_left(marks, s)
        attacked = k < len(marks) and marks[k] <= e
        first = len(out)
        _unit(t, s, e, cfg, out, attacked)
        out[first:] = sorted(out[first:], key=_order)
    out.extend(runs[done:])
    return out  # sorted by _order


USE_BULK = True
"""Let the C kernel settle plain Latin units in one call (tests compare both paths)."""


def _unit(t: str, s: int, e: int, cfg: Config, out: list[Rec], attacked: bool = False) -> None:
    """Judge the words of one unit that the kernel found worth a decision."""
    ctx = _context(t, s, e)
    ctx.evidence = int(attacked)
    latin = ctx.script == "Latin"
    want_whole = cfg.homoglyphs and cfg.whole_words and latin
    first = len(out)
    runs, words, simple = kernel.words(
        t, s, e, TABLES, want_whole, latin and cfg.homoglyphs, _LATIN_REC
    )
    if runs:
        # Latin words with look-alikes in Latin text, settled by the kernel: the
        # same records _mixed_word would make, explained on demand.
        ctx.evidence += simple
        out.extend(runs)
    singles: list[tuple[int, int]] = []
    compat_words: list[tuple[int, int]] = []
    for ws, we, flags, _mask, _spans in words:
        if cfg.homoglyphs:
            if flags & kernel.W_MIXED:
                _mixed_word(t, ws, we, ctx, cfg, out)
            elif flags & kernel.W_WHOLE:
                # lone letters last: they are judged by what the rest shows
                if sum(1 for c in t[ws:we] if c in TO_LATIN) == 1:
                    singles.append((ws, we))
                else:
                    _whole_word(t, ws, we, ctx, cfg, out)
        if flags & kernel.W_COMPAT:
            compat_words.append((ws, we))
    for ws, we in singles:
        _whole_word(t, ws, we, ctx, cfg, out)
    # compatibility letters: words first, then (if any word was folded, or the
    # paragraph shows another disguise) the lone letters and short italic words
    if cfg.compat_letters != "off" and compat_words:
        converted = {k for r in out[first:] for k in range(r.start, r.end)}
        weak: list[tuple[int, int]] = []
        folded = ctx.evidence > 0
        for ws, we in compat_words:
            verdict = _compat_word(t, ws, we, ctx, cfg, out, converted, folded)
            if verdict is None:
                weak.append((ws, we))
            folded = folded or verdict is True
        if folded:
            for ws, we in weak:
                _compat_word(t, ws, we, ctx, cfg, out, converted, True)


EXPLAIN_REACH = 64
"""How much of a (possibly enormous) word an explanation quotes on each side."""

LATIN_WORD = "\x00latin-word"
"""Stand-in explanation of kernel-settled runs; :func:`explain_record` writes it out."""
_LATIN_REC = (Rec, Kind.HOMOGLYPH, LATIN_WORD)


def explain_record(text: str, r: Rec) -> str:
    """The explanation of a record, written out when a finding is built."""
    if r.explanation is not LATIN_WORD:
        return r.explanation
    fwd = WORD_RUN_RE.match(text, r.start, r.end + EXPLAIN_REACH)
    ws = r.start
    while ws > max(0, r.start - EXPLAIN_REACH) and text[ws - 1] in _WORD:
        ws -= 1
    word = text[ws : fwd.end() if fwd else r.end]
    scripts = sorted({script_of(c) for c in word if c in TO_LATIN})
    return (
        f"{' and '.join(scripts)} look-alikes stand in for Latin letters inside the "
        f"word {word!r}, which reads {word.translate(_TO_LATIN_TRANS)!r}"
    )


_LETTER_SCRIPT: dict[str, str | None] = {}


def _letter_script(ch: str) -> str | None:
    """Script of a letter (compatibility letters count as Latin); None for non-letters."""
    sc: str | None
    if ch in _COMPAT_LETTERS:
        sc = "Latin"
    elif ch in _LETTER:
        sc = script_of(ch)
        if sc in ("Common", "Inherited"):
            sc = None
    else:
        sc = None
    if len(_LETTER_SCRIPT) < 1 << 16:
        _LETTER_SCRIPT[ch] = sc
    return sc


_FORMAT_PREFIX = frozenset("%)}")


def _letters_of(t: str, ws: int, we: int) -> list[tuple[int, str, str]]:
    """(position, letter, script) for the letters of a word."""
    out = []
    get = _LETTER_SCRIPT.get
    for i in range(ws, we):
        ch = t[i]
        sc = get(ch, "?")
        if sc == "?":
            sc = _letter_script(ch)
        if sc is not None:
            out.append((i, ch, sc))
    return out


def _convert(ch: str, sc: str, target: str) -> str | None:
    """``ch`` (script ``sc``) written in ``target``'s look-alike, or None."""
    if sc == target:
        return ch
    if target == "Latin":
        return TO_LATIN.get(ch)
    table = FROM_LATIN.get(target, {})
    if sc == "Latin":
        return table.get(COMPAT.get(ch, ch))
    latin = TO_LATIN.get(ch)
    return table.get(latin) if latin else None


def _mixed_word(t: str, ws: int, we: int, ctx: _Context, cfg: Config, out: list[Rec]) -> None:
    letters = _letters_of(t, ws, we)
    scripts: dict[str, int] = {}
    for _, _, sc in letters:
        scripts[sc] = scripts.get(sc, 0) + 1
    if len(scripts) < 2:
        return
    # The word may belong to any of its scripts, or to the paragraph's script
    # (Greek Α + Cyrillic ЅК in English prose is a disguised "ASK").
    candidates = list(scripts)
    if ctx.script is not None and ctx.script not in scripts:
        candidates.append(ctx.script)
    feasible = [
        tg
        for tg in candidates
        if (tg == "Latin" or tg in FROM_LATIN)
        and all(_convert(ch, sc, tg) is not None for _, ch, sc in letters)
    ]
    target: str | None = None
    if ctx.script in feasible:
        target = ctx.script
    elif len(feasible) == 1:
        tg = feasible[0]
        n = len(letters)
        if scripts.get(tg, 0) >= 2 and 2 * scripts[tg] >= n:
            target = tg
    if target is None:
        return
    if target != "Latin" and ws > 0 and t[ws - 1] in _FORMAT_PREFIX and letters[0][2] == "Latin":
        # "%(name)sслово", "%dслово": the Latin letter ends a printf-style
        # placeholder glued to the word; it is code, not a disguised letter.
        letters = [x for x in letters[1:]]
        if all(sc == target for _, _, sc in letters):
            return
    if target == "Latin":
        ctx.evidence += 1
    word = t[ws:we]
    swaps = [(i, ch, sc, _convert(ch, sc, target)) for i, ch, sc in letters if sc != target]
    others = sorted({sc for _, _, sc, _ in swaps})
    fixed = list(word)
    for i, _, _, rep in swaps:
        fixed[i - ws] = rep or ""
    why = (
        f"{' and '.join(others)} look-alikes stand in for {target} letters inside the "
        f"word {word!r}, which reads {''.join(fixed)!r}"
    )
    _emit_runs(
        out,
        [
            (i, rep or "", kernel.CONF_HIGH if ch in HIGH_CONFIDENCE else kernel.CONF_LOOK)
            for i, ch, _, rep in swaps
        ],
        Kind.HOMOGLYPH,
        why,
    )


def _whole_word(t: str, ws: int, we: int, ctx: _Context, cfg: Config, out: list[Rec]) -> None:
    letters = _letters_of(t, ws, we)
    if not letters:
        return
    scripts = {sc for _, _, sc in letters}
    if len(scripts) != 1:
        return
    sc = next(iter(scripts))
    if sc == "Latin" or not all(ch in TO_LATIN for _, ch, _ in letters):
        return
    word = t[ws:we]
    reading = "".join(TO_LATIN.get(c, c) for c in word)
    repair = True
    conf = 0.85
    if len(letters) == 1:
        ch = letters[0][1]
        if sc not in cd.SINGLE_LETTER_SCRIPTS or ctx.native.get(sc, 0):
            return  # only Cyrillic and Greek pass for a Latin letter; never beside real words
        if sc in cd.SYMBOL_SCRIPTS and ch.islower() and ctx.evidence == 0:
            return  # "the α particle": a symbol, not a disguise
        if TO_LATIN[ch] in cd.SINGLE_LETTER_WORDS or ctx.evidence:
            conf = 0.75  # the word "a", or one more letter of a disguised paragraph
        else:
            repair = False  # "с" alone: as likely a quoted Russian preposition
            conf = 0.3
        why = (
            f"{_u(ch)} ({sc}) stands alone in {ctx.script} text where it reads as the "
            f"word {reading!r}"
        )
    else:
        if not reading.isascii():
            return  # accented readings (Greek ά -> á) are real Greek, not disguised English
        # If the paragraph holds genuine words of that script, this may be one
        # more of them (Serbian in both scripts, a quoted Russian word): only
        # the lexicon can say otherwise; without it, stay silent.
        if ctx.native.get(sc, 0) > 0 and (
            lexicon.prefer_latin(reading, word, sc, cfg.use_lexicon) is not True
        ):
            return
        why = (
            f"the word {word!r} is spelled entirely in {sc} look-alikes of Latin "
            f"letters inside {ctx.script} text; it reads {reading!r}"
        )
    if repair:
        ctx.evidence += 1
    _emit_runs(out, [(i, TO_LATIN[ch], conf) for i, ch, _ in letters], Kind.HOMOGLYPH, why, repair)


def _compat_word(
    t: str,
    ws: int,
    we: int,
    ctx: _Context,
    cfg: Config,
    out: list[Rec],
    converted: set[int],
    evidence: bool,
) -> bool | None:
    """Fold a word's compatibility letters when it is running text.

    Returns True when folded, None when the word is too weak to decide alone (a
    lone letter, two italic letters: maths, unless the paragraph spells words
    in these forms), False when it must stay (CJK typography, nothing to fold).
    """
    chars = [(i, t[i]) for i in range(ws, we) if t[i] in COMPAT and i not in converted]
    word = t[ws:we]
    if not chars:
        return False
    # modifier letters (the subscript in 𝐯ᵢ) are notation, not letters of a word
    n_letters = sum(
        1 for i in range(ws, we) if t[i] in COMPAT or (t[i] in _LETTER and category(t[i]) != "Lm")
    )
    if cfg.compat_letters != "all":
        if ctx.cjk and all(c in _FULLWIDTH for _, c in chars):
            return False  # Japanese/Chinese fullwidth typography
        if not evidence:
            if n_letters < 2 and not all(c in _FULLWIDTH for _, c in chars):
                return None  # a lone mathematical symbol: 𝑥, ℝ (a lone Ｘ outside CJK is not)
            if n_letters < 3 and all(
                unicodedata.name(c, "").startswith(_MATH_ITALIC_NAMES) for _, c in chars
            ):
                return None  # 𝑎𝑏: a product of italic variables
    folded = "".join(COMPAT.get(c, c) for c in word)
    why = f"compatibility letter forms spell running text: {word!r} reads {folded!r}"
    _emit_runs(out, [(i, COMPAT[c], 0.6) for i, c in chars], Kind.COMPAT_LETTER, why)
    return True


def _emit_runs(
    out: list[Rec], items: list[tuple[int, str, float]], kind: Kind, why: str, repair: bool = True
) -> None:
    """One record per run of adjacent characters ((position, replacement, confidence), sorted)."""
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


# ---------------------------------------------------------------------------------------
# Putting the stages together
# ---------------------------------------------------------------------------------------


def _ascii_fast(text: str, cfg: Config, at_start: bool) -> list[Rec] | None:
    """ASCII text can only hide controls (and ASCII look-alikes, strict only)."""
    if not text.isascii():
        return None
    recs: list[Rec] = []
    # the C table scan, not SPECIAL_RE.search: that pattern has no prefix the
    # regex engine can skip to, so it tries a match at every character
    if kernel.find(text, 0, len(text), TABLES, cand=False) >= 0:
        recs, _ = _stage_a(text, cfg, at_start)
    if cfg.ascii_lookalikes:
        from .asciilook import find_ascii_lookalikes

        recs.extend(find_ascii_lookalikes(text, cfg))
        recs.sort(key=_order)
    return recs


def apply_recs(text: str, recs: list[Rec]) -> tuple[str, list[Rec]]:
    """Apply the repairable records; return the new text and the edits used.

    Records nested inside an earlier, larger edit are dropped from the edits
    (their findings stay); overlapping records never reach here by construction.
    """
    edits: list[Rec] = kernel.edits(recs)
    if not edits:
        return text, edits
    return kernel.apply(text, edits), edits


class _Map:
    """Position map from an intermediate text back to the input (piecewise)."""

    __slots__ = ("ins", "lens", "outs", "reps")

    def __init__(self, edits: list[Rec]) -> None:
        self.outs: list[int] = []
        self.ins: list[int] = []
        self.lens: list[int] = []  # length of stretch in the intermediate text
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


GC_PAUSE_MIN = 4096
"""Texts at least this long are analysed with the cyclic garbage collector paused.

A long attacked text makes hundreds of thousands of records (tuples, no cycles);
each batch of allocations would start a collection that walks every object
alive, which made the cost per character grow with the text (0.73 to 1.0 s per
million characters from 0.5 to 4 MB of disguised prose, flat at 0.44 with the
collector paused).  Reference counting still frees everything; cycles made
meanwhile (none are) would wait for the next collection."""

_gc_lock = threading.Lock()
_gc_depth = 0
_gc_resume = False


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic collector, nesting and thread-safe; restore it as found."""
    global _gc_depth, _gc_resume
    with _gc_lock:
        if _gc_depth == 0:
            _gc_resume = gc.isenabled()
            gc.disable()
        _gc_depth += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_depth -= 1
            if _gc_depth == 0 and _gc_resume:
                gc.enable()


def analyze(text: str, cfg: Config, at_start: bool = True) -> list[Rec]:
    """All findings for ``text`` as records in input coordinates, sorted by position.

    ``at_start=False`` says the text continues a stream (a BOM at its offset 0
    is then not a byte order mark).

    A line rewritten into displayed order (a bidi attack) gives some characters
    new neighbours, and an invisible that was legitimate beside its old ones may
    be stray beside the new ones; removing some bidi controls can change how the
    others display.  So when bidi controls were repaired, the repaired text
    is judged once more and what that finds is folded back into input
    coordinates: ``clean`` stays idempotent.  Ordinary text never pays for this.
    """
    if len(text) < GC_PAUSE_MIN:
        return _analyze(text, cfg, at_start)
    with _gc_paused():
        return _analyze(text, cfg, at_start)


def _analyze(text: str, cfg: Config, at_start: bool) -> list[Rec]:
    recs, bidi_repaired = _analyze_pass(text, cfg, at_start)
    if not bidi_repaired:
        return recs
    out, edits = apply_recs(text, recs)
    more = [r for r in _analyze_once(out, cfg, at_start) if r.repair and r.replacement is not None]
    if not more:
        return recs
    recs, mapped = _fold_back(recs, edits, more)
    merged = recs + mapped
    merged.sort(key=_order)
    return merged


def _fold_back(recs: list[Rec], edits: list[Rec], later: list[Rec]) -> tuple[list[Rec], list[Rec]]:
    """Records found on the edited text (``edits`` applied) brought back to input coordinates.

    A record on copied text moves to its input position.  One inside an edit that
    rewrote a span (a bidi rewrite) becomes a finding on that span, and its repair
    is folded into the span's replacement, character by character.  A repair that
    straddles copied and rewritten text (rare) is left out rather than guessed.
    Returns ``(recs with folded replacements, the moved records)``.
    """
    pmap = _Map(edits)
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


def _analyze_once(text: str, cfg: Config, at_start: bool = True) -> list[Rec]:
    """One pass of both stages (see :func:`analyze`)."""
    return _analyze_pass(text, cfg, at_start)[0]


def _analyze_pass(text: str, cfg: Config, at_start: bool = True) -> tuple[list[Rec], bool]:
    """One pass of both stages, and whether it repairs bidi controls.

    Only stage A makes bidi records (ASCII has no bidi controls), so that is
    answered from its few records, not from every record of an attacked text.
    """
    fast = _ascii_fast(text, cfg, at_start)
    if fast is not None:
        return fast, False
    n = len(text)
    first = kernel.find(text, 0, n, TABLES)
    if first < 0 and not cfg.ascii_lookalikes:
        return [], False  # the common case: one scan over clean text
    start = first if first >= 0 else n
    special = kernel.find(text, start, n, TABLES, cand=False) >= 0
    recs_a, pending = _stage_a(text, cfg, at_start, start) if special else ([], [])
    bidi = any(r.kind is Kind.BIDI and r.repair for r in recs_a)
    t1, edits_a = apply_recs(text, recs_a)
    # t1 equals text before ``start`` and before the first edit (a backspace
    # erases what precedes it): no stage-B candidate lies there.
    if edits_a:
        start = min(start, edits_a[0].start)
    recs_b = _stage_b(t1, cfg, start, _edit_marks(edits_a))
    if cfg.ascii_lookalikes:
        from .asciilook import find_ascii_lookalikes

        recs_b.extend(find_ascii_lookalikes(t1, cfg))
    recs_b = _gate(recs_b, cfg)
    if not recs_b:
        return recs_a, bidi
    if not edits_a:
        return _finish(recs_a, recs_b, pending, text), bidi
    # Stage B ran on t1: bring its records back to input coordinates.
    recs_a, mapped = _fold_back(recs_a, edits_a, _per_char(recs_b))
    return _finish(recs_a, _merge_adjacent(mapped), pending, text), bidi


def _per_char(recs: list[Rec]) -> list[Rec]:
    """Split one-to-one records into single characters (a run in the edited text
    may straddle a character stage A removed from the input)."""
    out: list[Rec] = []
    for r in recs:
        rep = r.replacement
        if r.end - r.start > 1 and rep is not None and len(rep) == r.end - r.start:
            out.extend(
                r._replace(start=k, end=k + 1, replacement=rep[k - r.start])
                for k in range(r.start, r.end)
            )
        else:
            out.append(r)
    return out


def _edit_marks(edits: list[Rec]) -> list[int]:
    """Where each edit landed in the edited text (sorted)."""
    out = []
    shift = 0
    for r in edits:
        out.append(r.start + shift)
        shift += len(r.replacement or "") - (r.end - r.start)
    return out


def _finish(recs_a: list[Rec], recs_b: list[Rec], pending: list[Rec], text: str) -> list[Rec]:
    """Merge both stages (each sorted); soft keeps go too where letters showed a disguise."""
    if not recs_a and not pending:
        return recs_b
    merged = recs_a + recs_b
    if pending:
        merged += _promote_soft(text, pending, recs_b, _DISGUISE_KINDS)
    merged.sort(key=_order)
    return merged


def _merge_adjacent(recs: list[Rec]) -> list[Rec]:
    """Join per-letter records of one word into one finding again (after a split)."""
    recs = sorted(recs, key=_order)
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
