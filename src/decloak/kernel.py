"""The hot loops of the engine, in C when available and in Python otherwise.

Stage A needs the runs of special characters (controls, invisibles, bidi,
tags, selectors); applying a repair needs the records to apply, then the new
text.  The letters stage needs, for every paragraph unit that holds a candidate:

(1) counts that decide the unit's script and (2) the words worth a decision:
words that mix scripts, words spelled only in look-alikes, words with
compatibility letters.  Everything else (plain words of one script) is skipped without a
Python-level step.  Decisions stay in :mod:`decloak.engine`; this module only
classifies characters, so the C version (``decloak._speedups``) and the Python
version here are small, and tests check they agree exactly.

Both read two tables indexed by code point: ``CLASS`` (bit flags below) and
``SCRIPT`` (a small script number; 0 for letters that never matter here; the
high bit marks look-alikes from UTS #39 ``intentional.txt``), plus ``TOMAP``,
the Latin letter each look-alike reads as (two bytes per code point).
"""

from __future__ import annotations

import os
import re
from typing import Any

from .unicode import RangeSet

F_WORD = 1  #: part of a word: letter, in-word mark, in-word joiner, compatibility letter
F_LETTER = 2  #: a letter (compatibility letters included)
F_LATIN = 4  #: a Latin letter, or a compatibility letter that reads as one
F_LOOK = 8  #: a look-alike the engine restores (a key of TO_LATIN)
F_NATIVE = 16  #: a letter of a context alphabet that looks like no Latin letter
F_COMPAT = 32  #: a compatibility form (fullwidth, mathematical, enclosed)
F_UNAMB = 64  #: a Latin letter no look-alike reads as (context evidence)
F_CJK = 128  #: a Han, kana, Hangul or Bopomofo letter

W_MIXED = 1  #: letters of two or more scripts
W_WHOLE = 2  #: every letter is a look-alike, all of one script (asked for only in Latin text)
W_COMPAT = 4  #: holds a compatibility form

S_HIGH = 0x80  #: SCRIPT-table bit: an intentional (visually identical) look-alike
S_SPECIAL = 0x40  #: SCRIPT-table bit: a control, invisible, bidi, tag or selector character
S_INDEX = 0x3F  #: SCRIPT-table bits holding the script number
CONF_HIGH = 0.95  #: confidence of a run holding an intentional look-alike
CONF_LOOK = 0.85  #: confidence of other look-alike runs

TABLE_SIZE = 0x110000


class Tables:
    """The per-code-point tables both implementations read."""

    __slots__ = (
        "cand_re",
        "cand_set",
        "cls",
        "scr",
        "script_names",
        "special_re",
        "special_runs_re",
        "special_set",
        "to_latin",
        "tomap",
        "word_set",
    )

    def __init__(
        self,
        classes: dict[int, RangeSet],
        scripts: dict[str, RangeSet],
        to_latin: dict[str, str],
        high: frozenset[str],
        special: RangeSet,
    ) -> None:
        # One byte per code point.  Built with slice assignments and a big-int OR
        # per flag: a Python loop over the ~300,000 letters would cost import time.
        acc = 0
        for flag, rs in classes.items():
            buf = bytearray(TABLE_SIZE)
            one = bytes([flag])
            for s, e in rs.ranges():
                buf[s : e + 1] = one * (e - s + 1)
            acc |= int.from_bytes(buf, "little")
        scr = bytearray(TABLE_SIZE)
        names = ["", *scripts]
        if len(names) > S_INDEX:
            raise ValueError("too many scripts for a 64-bit mask")
        for idx, rs in enumerate(scripts.values(), start=1):
            for s, e in rs.ranges():
                scr[s : e + 1] = bytes([idx]) * (e - s + 1)
        for ch in high:
            scr[ord(ch)] |= S_HIGH
        for s, e in special.ranges():
            for cp in range(s, e + 1):
                scr[cp] |= S_SPECIAL
        tomap = bytearray(2 * TABLE_SIZE)
        for src, dst in to_latin.items():
            if len(dst) != 1 or ord(dst) > 0xFFFF:
                raise ValueError(f"look-alike target {dst!r} is not one BMP character")
            tomap[2 * ord(src) : 2 * ord(src) + 2] = ord(dst).to_bytes(2, "little")
        self.tomap = bytes(tomap)
        self.cls = acc.to_bytes(TABLE_SIZE, "little")
        self.scr = bytes(scr)
        self.script_names = tuple(names)
        self.to_latin = to_latin
        self.word_set = classes[F_WORD]
        # for the pure-Python find(): over-approximate classes, hits re-checked
        self.cand_set = classes[F_LOOK] | classes[F_COMPAT]
        self.special_set = special
        self.cand_re = re.compile(f"[{self.cand_set.fast_regex()}]")
        self.special_re = re.compile(f"[{special.fast_regex()}]")
        self.special_runs_re = re.compile(f"[{special.regex()}]+")  # exact

    def names(self, mask: int) -> list[str]:
        """Script names of the bits set in ``mask``."""
        return [n for i, n in enumerate(self.script_names) if i and mask >> i & 1]


Counts = tuple[int, int, int, int, tuple[tuple[int, int], ...]]
"""(unambiguous Latin letters, any Latin letter (0/1), native letters, any CJK letter (0/1),
((script number, native letters), ...) for the scripts present)."""

Word = tuple[int, int, int, int, tuple[int, ...] | None]
"""(start, end, W_* flags, script mask, runs) where runs, for a word of Latin letters and
look-alikes only, are the (start, end, start, end, ...) spans of its look-alikes."""


def py_counts(t: str, s: int, e: int, tb: Tables) -> Counts:
    cls, scr = tb.cls, tb.scr
    unamb = latin = native = cjk = 0
    per = [0] * 64
    for ch in t[s:e]:
        cp = ord(ch)
        f = cls[cp]
        if f:
            if f & F_UNAMB:
                unamb += 1
            if f & F_LATIN:
                latin = 1
            if f & F_NATIVE:
                native += 1
                per[scr[cp] & S_INDEX] += 1
            if f & F_CJK:
                cjk = 1
    return unamb, latin, native, cjk, tuple((k, n) for k, n in enumerate(per) if n)


_WORD_RUNS: dict[int, re.Pattern[str]] = {}


def _word_re(tb: Tables) -> re.Pattern[str]:
    rx = _WORD_RUNS.get(id(tb))
    if rx is None:
        rx = _WORD_RUNS[id(tb)] = re.compile(f"[{tb.word_set.fast_regex()}]+")
    return rx


Run = tuple[int, int, str, float]
"""(start, end, Latin reading, confidence): look-alikes to restore in a Latin word."""

Words = tuple[list[Any], list[Word], int]
"""(runs of the Latin words done in bulk, the other words worth a decision, how many
Latin words were done in bulk)."""


RecSpec = tuple[type, object, str] | None
"""(record type, kind, explanation) to build runs as records directly, or None for tuples."""


def py_words(
    t: str, s: int, e: int, tb: Tables, want_whole: bool, latin: bool, rec: RecSpec = None
) -> Words:
    """Words of ``t[s:e]`` worth a decision.

    With ``latin`` (the unit is Latin text), a word of Latin letters and
    look-alikes only is settled here: its look-alike runs come back ready
    (as ``rec`` records when given).
    """
    cls, scr = tb.cls, tb.scr
    runs: list[Run] = []
    others: list[Word] = []
    simple = 0
    for m in _word_re(tb).finditer(t, s, e):
        ws, we = m.span()
        # the pattern over-approximates astral characters: split at non-word ones
        start = ws
        for k in range(ws, we + 1):
            if k == we or not cls[ord(t[k])] & F_WORD:
                if k > start:
                    w = _classify(t, start, k, cls, scr, want_whole)
                    if w is None:
                        pass
                    elif latin and w[4] is not None and w[2] == W_MIXED:
                        # a Latin word with look-alikes in Latin text: settled here
                        simple += 1
                        runs.extend(_runs(t, w[4], tb, rec))
                    else:
                        others.append(w)
                start = k + 1
    return runs, others, simple


def _runs(t: str, spans: tuple[int, ...], tb: Tables, rec: RecSpec) -> list[Any]:
    out: list[Any] = []
    for k in range(0, len(spans), 2):
        a, b = spans[k], spans[k + 1]
        rep = "".join(
            chr(int.from_bytes(tb.tomap[2 * ord(c) : 2 * ord(c) + 2], "little")) for c in t[a:b]
        )
        high = any(tb.scr[ord(c)] & S_HIGH for c in t[a:b])
        conf = CONF_HIGH if high else CONF_LOOK
        if rec is None:
            out.append((a, b, rep, conf))
        else:
            out.append(rec[0](a, b, rec[1], rep, conf, rec[2], None, True))
    return out


def _classify(t: str, ws: int, we: int, cls: bytes, scr: bytes, want_whole: bool) -> Word | None:
    mask = letters = latin = look = 0
    compat = False
    for k in range(ws, we):
        cp = ord(t[k])
        f = cls[cp]
        if f & F_LETTER:
            letters += 1
            sc = scr[cp] & S_INDEX
            if sc:
                mask |= 1 << sc
            if f & F_LATIN:
                latin += 1
            if f & F_LOOK:
                look += 1
        if f & F_COMPAT:
            compat = True
    flags = 0
    if mask & (mask - 1):  # two or more scripts
        flags |= W_MIXED
    if want_whole and letters and look == letters and not (mask & (mask - 1)):
        flags |= W_WHOLE
    if compat:
        flags |= W_COMPAT
    if not flags:
        return None
    runs: tuple[int, ...] | None = None
    if flags & W_MIXED and latin and latin + look == letters:
        spans: list[int] = []
        k = ws
        while k < we:
            if cls[ord(t[k])] & F_LOOK:
                a = k
                while k < we and cls[ord(t[k])] & F_LOOK:
                    k += 1
                spans += (a, k)
            else:
                k += 1
        runs = tuple(spans)
    return ws, we, flags, mask, runs


def _load_speedups() -> Any:
    if os.environ.get("DECLOAK_PURE_PYTHON"):
        return None
    try:
        from . import _speedups  # type: ignore[attr-defined]
    except ImportError:
        return None
    return _speedups


_C = _load_speedups()
HAVE_C = _C is not None
"""Whether the compiled kernel is in use (set DECLOAK_PURE_PYTHON=1 to turn it off)."""


def counts(t: str, s: int, e: int, tb: Tables) -> Counts:
    if _C is not None:
        return _C.counts(t, s, e, tb.cls, tb.scr)  # type: ignore[no-any-return]
    return py_counts(t, s, e, tb)


def words(
    t: str, s: int, e: int, tb: Tables, want_whole: bool, latin: bool, rec: RecSpec = None
) -> Words:
    if _C is not None:
        if rec is None:
            return _C.words(  # type: ignore[no-any-return]
                t, s, e, tb.cls, tb.scr, tb.tomap, want_whole, latin
            )
        return _C.words(  # type: ignore[no-any-return]
            t, s, e, tb.cls, tb.scr, tb.tomap, want_whole, latin, *rec
        )
    return py_words(t, s, e, tb, want_whole, latin, rec)


def py_find(t: str, s: int, e: int, tb: Tables, cand: bool, special: bool) -> int:
    """First index in ``t[s:e]`` of a letters-stage candidate and/or a special character."""
    best = -1
    for on, rx, members in (
        (cand, tb.cand_re, tb.cand_set),
        (special, tb.special_re, tb.special_set),
    ):
        if not on:
            continue
        pos = s
        stop = e if best < 0 else best
        while True:
            m = rx.search(t, pos, stop)
            if m is None:
                break
            if m.group() in members:
                best = m.start()
                break
            pos = m.start() + 1
    return best


def find(t: str, s: int, e: int, tb: Tables, cand: bool = True, special: bool = True) -> int:
    """First index in ``t[s:e]`` of a candidate (look-alike, compatibility form) when
    ``cand``, or of a special character (control, invisible...) when ``special``; -1 if none."""
    if _C is not None:
        return _C.find(  # type: ignore[no-any-return]
            t,
            s,
            e,
            tb.cls,
            (F_LOOK | F_COMPAT) if cand else 0,
            tb.scr,
            S_SPECIAL if special else 0,
        )
    return py_find(t, s, e, tb, cand, special)


def py_edits(recs: list[Any]) -> list[Any]:
    """The records to apply: repairable (``repair`` true, a replacement), minus any
    starting inside the previous one kept (nested in a larger edit)."""
    out: list[Any] = []
    last_end = -1
    for r in recs:
        if not r[7] or r[3] is None:
            continue
        if r[0] < last_end:
            continue  # covered by a larger edit (a backspace span, a bidi rewrite)
        out.append(r)
        last_end = r[1]
    return out


def edits(recs: list[Any]) -> list[Any]:
    """:func:`py_edits`, in C when available."""
    if _C is not None:
        return _C.edits(recs)  # type: ignore[no-any-return]
    return py_edits(recs)


def py_apply(t: str, edits: list[Any]) -> str:
    """``t`` with sorted, non-overlapping records (start, end, _, replacement, ...) applied."""
    parts = []
    pos = 0
    for r in edits:
        parts.append(t[pos : r[0]])
        parts.append(r[3])
        pos = r[1]
    parts.append(t[pos:])
    return "".join(parts)


def apply(t: str, edits: list[Any]) -> str:
    """:func:`py_apply`, in C when available."""
    if _C is not None:
        return _C.apply(t, edits)  # type: ignore[no-any-return]
    return py_apply(t, edits)


def word_end(t: str, pos: int, tb: Tables) -> int:
    """End of the run of word characters starting at ``pos`` (exact, astral included)."""
    if _C is not None:
        return _C.word_end(t, pos, tb.cls)  # type: ignore[no-any-return]
    cls, n = tb.cls, len(t)
    while pos < n and cls[ord(t[pos])] & F_WORD:
        pos += 1
    return min(pos, n)


def bulk(
    t: str,
    start: int,
    tb: Tables,
    unit_max: int,
    whole_words: bool,
    latin_weight: int,
    rec: tuple[type, object, str],
) -> tuple[list[Any], list[tuple[int, int, int]], list[tuple[int, int]]] | None:
    """C only: settle plain Latin units, and units with nothing to judge, in one call.

    None without C.  Returns (settled runs, the other units as (start, end,
    settled runs before it), every unit visited) -- see bulk() in _speedups.c.
    """
    if _C is None:
        return None
    return _C.bulk(  # type: ignore[no-any-return]
        t, start, tb.cls, tb.scr, tb.tomap, unit_max, whole_words, latin_weight, *rec
    )


def py_runs(t: str, start: int, tb: Tables) -> list[tuple[int, int]]:
    """The maximal runs of special characters (controls, invisibles...) from ``start``."""
    return [m.span() for m in tb.special_runs_re.finditer(t, start)]


def special_runs(t: str, start: int, tb: Tables) -> list[tuple[int, int]]:
    """:func:`py_runs`, in C when available: a table lookup per character, where the
    exact pattern costs a class test against astral ranges for every character."""
    if _C is not None:
        return _C.runs(t, start, tb.scr, S_SPECIAL)  # type: ignore[no-any-return]
    return py_runs(t, start, tb)
