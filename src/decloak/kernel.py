"""The engine's scanning and counting primitives, in C when available and in Python otherwise.

Every function here has two implementations: ``py_<name>`` in this module and
``<name>`` in the compiled extension ``decloak._speedups``; tests check that they
agree exactly, and the whole test suite runs on each (``DECLOAK_KERNEL=pure``).
They only classify characters and walk the text's structure: every decision
(which unit is Latin text, which confidence a look-alike earns, what is
repaired) is made in :mod:`decloak.engine` and handed down as arguments.

- :func:`special_runs` and :func:`find`: where stage A and stage B have work;
- :func:`units`: the units (:mod:`decloak.engine.structure`) holding a candidate,
  with the letter counts that say whether a unit is Latin text (:func:`counts` adds
  the per-script counts, for the units judged in Python);
- :func:`words`: the words of those units worth a decision, and, where the
  engine asks for it, the look-alike runs of plain Latin words ready to apply;
- :func:`edits` and :func:`apply`: which records to apply, and the new text;
- :func:`shifted`: records found in a piece of a long paragraph, moved into the
  text's coordinates.

All read two tables indexed by code point: ``CLASS`` (bit flags below) and
``SCRIPT`` (a small script number; 0 for letters that never matter here; the
high bit marks look-alikes from UTS #39 ``intentional.txt``), plus ``TOMAP``,
the Latin letter each look-alike reads as (two bytes per code point).
"""

from __future__ import annotations

import os
import re
import warnings
from typing import Any

from .unicode import RangeSet

F_WORD = 1  #: part of a word: letter, in-word mark, in-word joiner, compatibility letter
F_LETTER = 2  #: a letter (compatibility letters included)
F_LATIN = 4  #: a Latin letter, or a compatibility letter that reads as one
F_LOOK = 8  #: a look-alike the engine restores (a key of TO_LATIN)
F_NATIVE = 16  #: a letter of a context alphabet that looks like no Latin letter
F_COMPAT = 32  #: a letter form judged in Python: compatibility forms, other Latin-likes
F_UNAMB = 64  #: a Latin letter no look-alike reads as (context evidence)
F_CJK = 128  #: a Han, kana, Hangul or Bopomofo letter

W_MIXED = 1  #: letters of two or more scripts
W_WHOLE = 2  #: every letter is a look-alike, all of one script (asked for only in Latin text)
W_COMPAT = 4  #: holds a compatibility form

S_HIGH = 0x80  #: SCRIPT-table bit: an intentional (visually identical) look-alike
S_SPECIAL = 0x40  #: SCRIPT-table bit: a control, invisible, bidi, tag or selector character
S_OTHER_FORM = 0x20  #: SCRIPT-table bit: a letter form of another script's text (OTHER_FORMS)
S_INDEX = 0x1F  #: SCRIPT-table bits holding the script number

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
        other_forms: RangeSet | None = None,
    ) -> None:
        """``to_latin``: the one reading of each look-alike a plain Latin word may be
        settled with in the kernel; a look-alike left out (an l/I look-alike, read by the
        letters around it) keeps its word for the engine.

        ``other_forms``: letter forms (``F_COMPAT``) that are letters or digits of
        another script's own text (the Arabic alef reads as ``l``, Cyrillic ``б`` as
        ``6``).  They stand in for Latin only in Latin text, so one counts as a
        candidate only beside an ASCII letter or digit (:func:`counts_as_candidate`)
        and never makes a word worth a decision."""
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
            raise ValueError(f"too many scripts for the table (at most {S_INDEX})")
        for idx, rs in enumerate(scripts.values(), start=1):
            for s, e in rs.ranges():
                scr[s : e + 1] = bytes([idx]) * (e - s + 1)
        for ch in high:
            scr[ord(ch)] |= S_HIGH
        for s, e in (other_forms or RangeSet(())).ranges():
            for cp in range(s, e + 1):
                scr[cp] |= S_OTHER_FORM
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


Counts = tuple[int, int, int, int, int, tuple[tuple[int, int], ...]]
"""(unambiguous Latin letters, any Latin letter (0/1), native letters, any CJK letter (0/1),
letter forms judged in Python (F_COMPAT), ((script number, native letters), ...) for the
scripts present)."""

Unit = tuple[int, int, int, int, int, int, int]
"""(start, end, *counts): a unit holding a candidate, and its :data:`Counts` but the
per-script ones (asked with :func:`counts` of the few units judged in Python: reading
the script table for every letter of a multilingual text costs more than the rest)."""

Word = tuple[int, int, int, int, tuple[int, ...] | None]
"""(start, end, W_* flags, script mask, runs) where runs, for a word of Latin letters and
look-alikes only, are the (start, end, start, end, ...) spans of its look-alikes."""

RecSpec = tuple[type | None, object, str, float, float]
"""How settled runs are returned: (record type or None for plain (start, end, reading,
confidence) tuples, kind, explanation, confidence of a run holding an intentional
look-alike, confidence of any other run).  The engine chooses all five."""

ASK_WHOLE = 1
"""Ask of a span: flag words spelled only in look-alikes of one script (W_WHOLE)."""
ASK_LATIN = 2
"""Ask of a span: settle plain Latin words with look-alikes (the span is Latin text)."""
ASK_REPORT = 4
"""Ask of a span: list it among the spans that come back, even with no other word."""

Complex = tuple[int, int, int, tuple[Word, ...], int]
"""(index of the span, its first settled run, its number of settled runs, its other
words worth a decision, how many words it settled)."""


# --- counts ------------------------------------------------------------------------------


_ASCII_ALNUM = frozenset("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


_NUMBER_JOINERS = frozenset(".-()")


def counts_as_candidate(t: str, i: int, tb: Tables) -> bool:
    """Whether ``t[i]``, a candidate by its class byte, counts as one: another script's
    Latin-like (``S_OTHER_FORM``) does only beside an ASCII letter or digit, or one dot,
    hyphen or bracket away from one (an Arabic page is full of alefs; an alef in
    ``he\N{ARABIC LETTER ALEF}lo`` and a tha in ``OpenSSL \N{ORIYA LETTER TTHA}.0``
    are candidates)."""
    cp = ord(t[i])
    if not tb.scr[cp] & S_OTHER_FORM or tb.cls[cp] & F_LOOK:
        return True
    n = len(t)
    for d in (-1, 1):
        j = i + d
        if 0 <= j < n:
            if t[j] in _ASCII_ALNUM:
                return True
            if t[j] in _NUMBER_JOINERS and 0 <= j + d < n and t[j + d] in _ASCII_ALNUM:
                return True
    return False


def py_counts(t: str, s: int, e: int, tb: Tables) -> Counts:
    cls, scr = tb.cls, tb.scr
    unamb = latin = native = cjk = forms = 0
    per = [0] * 64
    for i in range(max(s, 0), min(e, len(t))):
        cp = ord(t[i])
        f = cls[cp]
        if f:
            if f & F_UNAMB:
                unamb += 1
            if f & F_COMPAT and counts_as_candidate(t, i, tb):
                forms += 1
            if f & F_LATIN:
                latin = 1
            if f & F_NATIVE:
                native += 1
                per[scr[cp] & S_INDEX] += 1
            if f & F_CJK:
                cjk = 1
    return unamb, latin, native, cjk, forms, tuple((k, n) for k, n in enumerate(per) if n)


# --- the unit partition --------------------------------------------------------------------

PARA_SEP_RE = re.compile(r"\n[ \t\r\f\v]*\n")
"""A blank line: what separates paragraphs."""


def py_word_end(t: str, pos: int, tb: Tables, end: int | None = None) -> int:
    """End of the run of word characters starting at ``pos`` (exact, astral included),
    looking no further than ``end``."""
    cls = tb.cls
    n = len(t) if end is None else min(end, len(t))
    pos = max(pos, 0)
    while pos < n and cls[ord(t[pos])] & F_WORD:
        pos += 1
    return min(pos, n)


def window_end(t: str, s: int, unit_max: int, tb: Tables) -> int:
    """End of the window starting at ``s``: after the last line break (else space)
    in ``t[s + unit_max // 2 : s + unit_max]``, else at the end of the word running
    through ``s + unit_max``, but never more than ``unit_max`` past it: one word of a
    billion letters is cut, so that every unit, and what a stream holds, stays bounded."""
    limit = s + unit_max
    for sep in ("\n", " "):
        k = t.rfind(sep, s + unit_max // 2, limit)
        if k != -1:
            return k + 1
    if limit >= len(t):
        return len(t)
    return word_end(t, limit, tb, limit + unit_max)


class UnitCursor:
    """Walks the partition of a text into units, left to right.

    A unit is a paragraph (text between blank lines); a paragraph longer than
    ``unit_max`` is cut into windows measured from its start (:func:`window_end`).
    This is the pure-Python twin of the walk in :func:`units`.
    """

    __slots__ = (
        "_cur_e",
        "_cur_s",
        "_e",
        "_n",
        "_pend",
        "_pnext",
        "_pstart",
        "_s",
        "tables",
        "text",
        "unit_max",
    )

    def __init__(self, text: str, start: int, unit_max: int, tables: Tables) -> None:
        self.text = text
        self.unit_max = unit_max
        self.tables = tables
        self._n = len(text)
        self._s = start  # start of the current unit
        self._pend = -1  # end of the current paragraph, once known
        self._e = -1  # end of the current unit, once known
        self._pnext = start
        self._pstart = start  # start of the current paragraph
        self._cur_s = self._cur_e = start  # the unit last returned by unit_at

    def _paragraph_end(self, s: int) -> tuple[int, int]:
        """(end of the paragraph starting at s, start of the next one)."""
        m = PARA_SEP_RE.search(self.text, s)
        return (m.start(), m.end()) if m else (self._n, self._n)

    def next_boundary(self) -> int:
        """End of the current unit; advances to the next unit."""
        s = self._s
        if self._pend < s:
            self._pstart = s
            self._pend, self._pnext = self._paragraph_end(s)
        if self._pend - s > self.unit_max:
            e = window_end(self.text, s, self.unit_max, self.tables)
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

    @property
    def paragraph(self) -> tuple[int, int]:
        """(start, end) of the paragraph of the unit last ended (or about to be)."""
        return self._pstart, self._pend

    def next_is_window(self) -> bool:
        """Whether the next unit is a window of a long paragraph (not a whole one)."""
        s = self._s
        if self._pend < s:
            self._pend, self._pnext = self._paragraph_end(s)
        return self._pend - s > self.unit_max

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
        for m in PARA_SEP_RE.finditer(self.text, self._s, p):
            start = m.end()
        if start > self._s:
            self._s = start
        while not (self._cur_s <= p < self._s):
            self._cur_s = self._s
            self._cur_e = self.next_boundary()
        return self._cur_s, self._cur_e


def py_units(t: str, start: int, tb: Tables, unit_max: int) -> list[Unit]:
    """The units (the partition starts at 0) holding a candidate from ``start`` on,
    each with its :func:`py_counts` but the per-script counts (:data:`Unit`)."""
    if unit_max < 2:
        raise ValueError("unit_max must be at least 2")
    cursor = UnitCursor(t, 0, unit_max, tb)
    out: list[Unit] = []
    n = len(t)
    pos = max(start, 0)
    while True:
        p = py_find(t, pos, n, tb, True, False)
        if p < 0:
            return out
        s, e = cursor.unit_at(p)
        out.append((s, e, *py_counts(t, s, e, tb)[:5]))
        pos = e


# --- words ---------------------------------------------------------------------------------

_WORD_RUNS: dict[int, re.Pattern[str]] = {}


def _word_re(tb: Tables) -> re.Pattern[str]:
    rx = _WORD_RUNS.get(id(tb))
    if rx is None:
        rx = _WORD_RUNS[id(tb)] = re.compile(f"[{tb.word_set.fast_regex()}]+")
    return rx


def py_words(
    t: str, spans: list[Any], asks: bytes, tb: Tables, rec: RecSpec
) -> tuple[list[Any], list[Complex]]:
    """Words of each span (a tuple starting with start and end) worth a decision.

    ``asks`` holds one byte per span: :data:`ASK_WHOLE` flags words spelled only in
    look-alikes; with :data:`ASK_LATIN`, a word of Latin letters and look-alikes only
    is settled here: its look-alike runs come back ready (as ``rec`` records), in
    text order, in the first list.  A span with other words worth a decision is
    listed in the second.  Another script's Latin-like (``S_OTHER_FORM``) does not make
    a word worth one: the engine judges those by the unit (its count of letter forms).
    """
    if len(asks) != len(spans):
        raise ValueError("asks must have one byte per span")
    cls, scr = tb.cls, tb.scr
    runs: list[Any] = []
    complex_: list[Complex] = []
    n = len(t)
    for index, span in enumerate(spans):
        s, e = max(span[0], 0), min(span[1], n)
        want_whole, latin = bool(asks[index] & ASK_WHOLE), bool(asks[index] & ASK_LATIN)
        first = len(runs)
        others: list[Word] = []
        simple = 0
        for m in _word_re(tb).finditer(t, s, max(s, e)):
            ws, we = m.span()
            # the pattern over-approximates astral characters: split at non-word ones
            begin = ws
            for k in range(ws, we + 1):
                if k == we or not cls[ord(t[k])] & F_WORD:
                    if k > begin:
                        w = _classify(t, begin, k, cls, scr, tb.tomap, want_whole)
                        if w is None:
                            pass
                        elif latin and w[4] is not None and w[2] == W_MIXED:
                            simple += 1
                            runs.extend(_runs(t, w[4], tb, rec))
                        else:
                            others.append(w)
                    begin = k + 1
        if others or asks[index] & ASK_REPORT:
            complex_.append((index, first, len(runs) - first, tuple(others), simple))
    return runs, complex_


def _runs(t: str, spans: tuple[int, ...], tb: Tables, rec: RecSpec) -> list[Any]:
    make, kind, why, high, look = rec
    out: list[Any] = []
    for k in range(0, len(spans), 2):
        a, b = spans[k], spans[k + 1]
        rep = "".join(
            chr(int.from_bytes(tb.tomap[2 * ord(c) : 2 * ord(c) + 2], "little")) for c in t[a:b]
        )
        conf = high if any(tb.scr[ord(c)] & S_HIGH for c in t[a:b]) else look
        if make is None:
            out.append((a, b, rep, conf))
        else:
            out.append(make(a, b, kind, rep, conf, why, None, True))
    return out


def _classify(
    t: str, ws: int, we: int, cls: bytes, scr: bytes, tomap: bytes, want_whole: bool
) -> Word | None:
    mask = letters = latin = look = unread = 0
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
                unread += not (tomap[2 * cp] or tomap[2 * cp + 1])
        if f & F_COMPAT and not scr[cp] & S_OTHER_FORM:
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
    if flags & W_MIXED and latin and latin + look == letters and not unread:
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


# --- finding, special runs, edits -------------------------------------------------------------


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
            if m.group() in members and (
                rx is not tb.cand_re or counts_as_candidate(t, m.start(), tb)
            ):
                best = m.start()
                break
            pos = m.start() + 1
    return best


def py_runs(t: str, start: int, tb: Tables) -> list[tuple[int, int]]:
    """The maximal runs of special characters (controls, invisibles...) from ``start``."""
    return [m.span() for m in tb.special_runs_re.finditer(t, start)]


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


def py_shifted(recs: list[Any], by: int) -> list[Any]:
    """The records (tuples, or a NamedTuple such as ``Rec``) moved ``by`` positions:
    items 0 and 1 plus ``by``, the others the same objects, the same type."""
    out: list[Any] = []
    for r in recs:
        items = (r[0] + by, r[1] + by, *r[2:])
        out.append(items if type(r) is tuple else type(r)(*items))
    return out


DOT_LETTER_RE = re.compile(r"\.[^\W\d_]")
"""A dot followed by a letter: where a top-level domain may start."""


def py_foreign_dot(t: str, s: int, e: int, start: int, host_max: int) -> int:
    """The first dot followed by a letter at or after ``start`` in ``t[s:e]`` whose word
    holds a character beyond ASCII, or -1.  Its word runs from after the last space
    before it (at most ``host_max`` back, not before ``s``) to the first space after it
    (at most ``host_max`` on, not past ``e``); a dot in an ASCII word is passed over
    with the rest of its word (a line break inside the stretch only makes it longer)."""
    if host_max < 1:
        raise ValueError("host_max must be at least 1")
    s, e = max(s, 0), min(e, len(t))
    m = DOT_LETTER_RE.search(t, max(start, s), max(e, s))
    while m is not None:
        pos = m.start()
        lo = pos - host_max if pos - host_max > s else s
        hi = pos + host_max if pos + host_max < e else e
        a = t.rfind(" ", lo, pos) + 1 or lo
        b = t.find(" ", pos, hi)
        b = hi if b < 0 else b
        if not t[a:b].isascii():
            return pos
        m = DOT_LETTER_RE.search(t, b, e)  # the word's other dots too
    return -1


def py_foreign_dots(t: str, spans: list[Any], host_max: int) -> list[tuple[int, int]]:
    """(index, :func:`py_foreign_dot` from the span's start) of each span (a tuple
    starting with its start and end) that has one."""
    out: list[tuple[int, int]] = []
    for k, span in enumerate(spans):
        p = py_foreign_dot(t, span[0], span[1], span[0], host_max)
        if p >= 0:
            out.append((k, p))
    return out


def py_untrack(recs: list[Any], start: int, kind_type: type) -> None:
    """Nothing: Python cannot untrack an object (the C twin leaves records of atomic
    items to reference counting, out of the cyclic collector's walks)."""


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


# --- which implementation ----------------------------------------------------------------------


KERNEL_ENV = "DECLOAK_KERNEL"
"""Environment variable choosing the kernel: ``auto`` (default: C when built), ``c``
(C or fail at import: what CI's C run uses) or ``pure``.  ``DECLOAK_PURE_PYTHON=1`` is
an older spelling of ``pure``."""


class KernelWarning(RuntimeWarning):
    """The C kernel was expected but is not built: decloak runs 5-20x slower."""


def _load_speedups() -> tuple[Any, str]:
    """(the compiled module or None, why the pure kernel is used or "")."""
    want = os.environ.get(KERNEL_ENV, "").strip().lower()
    if not want:
        want = "pure" if os.environ.get("DECLOAK_PURE_PYTHON") else "auto"
    if want == "pure":
        return None, f"chosen with {KERNEL_ENV}=pure"
    try:
        from . import _speedups  # type: ignore[attr-defined]
    except ImportError as exc:
        if want == "c":
            raise ImportError(
                f"{KERNEL_ENV}=c, but decloak's C kernel is not built here ({exc})"
            ) from exc
        return None, "the C extension decloak._speedups is not built"
    return _speedups, ""


_C, PURE_REASON = _load_speedups()
HAVE_C = _C is not None
"""Whether the compiled kernel is in use (see :data:`KERNEL_ENV`)."""
NAME = "C" if HAVE_C else "pure-Python"
"""The kernel in use, as ``decloak --version`` and ``/metrics`` name it."""
_warned = not PURE_REASON or PURE_REASON.startswith("chosen")


def describe() -> str:
    """``C kernel``, or ``pure-Python kernel (why)``."""
    return f"{NAME} kernel" + (f" ({PURE_REASON})" if PURE_REASON else "")


def warn_if_missing() -> None:
    """Warn once per process when the C kernel was expected but is not built.

    Called at the first analysis (not at import) so that a command line can show
    the warning its own way.  Choosing ``DECLOAK_KERNEL=pure`` silences it.
    """
    global _warned
    if not _warned:
        _warned = True
        warnings.warn(
            f"{PURE_REASON}: decloak runs on its pure-Python kernel, 5 to 20 times slower; "
            "reinstall with a C compiler, or set DECLOAK_KERNEL=pure to silence this",
            KernelWarning,
            stacklevel=3,
        )


def counts(t: str, s: int, e: int, tb: Tables) -> Counts:
    """:func:`py_counts`: the letter counts of ``t[s:e]``."""
    if _C is not None:
        return _C.counts(t, s, e, tb.cls, tb.scr)  # type: ignore[no-any-return]
    return py_counts(t, s, e, tb)


def units(t: str, start: int, tb: Tables, unit_max: int) -> list[Unit]:
    """:func:`py_units`: the units holding a candidate, with their counts."""
    if _C is not None:
        return _C.units(t, start, tb.cls, tb.scr, unit_max)  # type: ignore[no-any-return]
    return py_units(t, start, tb, unit_max)


def words(
    t: str, spans: list[Any], asks: bytes, tb: Tables, rec: RecSpec
) -> tuple[list[Any], list[Complex]]:
    """:func:`py_words`: settled runs, and the spans with words worth a decision."""
    if _C is not None:
        return _C.words(  # type: ignore[no-any-return]
            t, spans, asks, tb.cls, tb.scr, tb.tomap, *rec
        )
    return py_words(t, spans, asks, tb, rec)


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


def special_runs(t: str, start: int, tb: Tables) -> list[tuple[int, int]]:
    """:func:`py_runs`: a table lookup per character in C, where the exact pattern
    costs a class test against astral ranges for every character."""
    if _C is not None:
        return _C.runs(t, start, tb.scr, S_SPECIAL)  # type: ignore[no-any-return]
    return py_runs(t, start, tb)


def word_end(t: str, pos: int, tb: Tables, end: int | None = None) -> int:
    """:func:`py_word_end`."""
    if _C is not None:
        return _C.word_end(t, pos, tb.cls, len(t) if end is None else end)  # type: ignore[no-any-return]
    return py_word_end(t, pos, tb, end)


def edits(recs: list[Any]) -> list[Any]:
    """:func:`py_edits`."""
    if _C is not None:
        return _C.edits(recs)  # type: ignore[no-any-return]
    return py_edits(recs)


def shifted(recs: list[Any], by: int) -> list[Any]:
    """:func:`py_shifted`."""
    if _C is not None:
        return _C.shifted(recs, by)  # type: ignore[no-any-return]
    return py_shifted(recs, by)


def foreign_dot(t: str, s: int, e: int, start: int, host_max: int) -> int:
    """:func:`py_foreign_dot`: where host names beyond ASCII may be, one C call per unit
    (the regex engine and string methods cost a few calls per dot of the unit)."""
    if _C is not None:
        return _C.foreign_dot(t, s, e, start, host_max)  # type: ignore[no-any-return]
    return py_foreign_dot(t, s, e, start, host_max)


def foreign_dots(t: str, spans: list[Any], host_max: int) -> list[tuple[int, int]]:
    """:func:`py_foreign_dots`: the units that may hold a host name beyond ASCII, in one
    call (an attacked text has thousands of units, and few hold one)."""
    if _C is not None:
        return _C.foreign_dots(t, spans, host_max)  # type: ignore[no-any-return]
    return py_foreign_dots(t, spans, host_max)


def untrack(recs: list[Any], start: int, kind_type: type) -> None:
    """:func:`py_untrack`: records made in Python, from ``recs[start]`` on, untracked by
    the cyclic garbage collector where the C kernel can (a record refers to no record)."""
    if _C is not None:
        _C.untrack(recs, start, kind_type)


def apply(t: str, edits: list[Any]) -> str:
    """:func:`py_apply`."""
    if _C is not None:
        return _C.apply(t, edits)  # type: ignore[no-any-return]
    return py_apply(t, edits)
