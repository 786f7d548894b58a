"""Bidi controls: text whose displayed order differs from its stored order.

A reader sees the displayed order; filters, diff tools and compilers read the
stored one (Trojan Source, CVE-2021-42574).  Each line holding bidi controls or
marks is displayed with python-bidi's implementation of the Unicode
Bidirectional Algorithm; where the display differs from the stored text in a line
with no right-to-left letters, the differing run is rewritten in displayed order
and the controls go.  In right-to-left lines the controls are ordinary (Arabic and
Hebrew UI strings need them): only overrides that reverse left-to-right letters
and unbalanced controls are undone.  A line with no right-to-left letters that is
itself a right-to-left string (it opens with a right-to-left mark or embedding, as
catalogue strings of Arabic and Hebrew UIs do) counts as right-to-left.

In the other lines with no right-to-left letters, controls that change nothing on
screen are judged by what they touch.  Beside a word, or between spaces, they only
split or pad the words: they go (``statement <RLI>is<PDI> used``).  Beside
punctuation, a symbol or a format conversion (``%d<RLM>/%m``), and nowhere near a
word, they are how a UI string decides which way its punctuation goes when it is
shown in right-to-left text: they stay.  So do an embedding or isolate wrapping the
whole line, which sets the direction of a string meant for another paragraph.
"""

from __future__ import annotations

import bisect
from itertools import chain

from bidi import get_display

from .. import chardata as cd
from .. import kernel
from .._tables import properties as _props
from ..config import Config
from ..model import Kind
from ..unicode import BIDI_RTL, LETTER, RangeSet, is_space
from .classes import ATTACHER_RE, ATTACHERS, RTL_RE, TABLES, label, search_verified
from .records import Rec
from .structure import Lines

_BIDI_EXPLICIT = sorted(cd.BIDI_EXPLICIT)
_BIDI_ALL = sorted(cd.BIDI_EXPLICIT | cd.BIDI_MARKS)
_STRONG_L = RangeSet(_props.BIDI_L)
_SETTERS = frozenset({cd.LRE, cd.RLE, cd.LRI, cd.RLI, cd.FSI})
"""Openers that set a direction without reordering letters (overrides reverse them)."""
_RTL_SETTERS = frozenset({cd.RLE, cd.RLI})
_CONVERSION_REACH = 8
"""How far back a letter looks for the ``%`` of a format conversion (``%-10.3lld``)."""


def strip_bidi(s: str) -> str:
    """``s`` without explicit bidi controls (a search per control: a long line holds few)."""
    for c in _BIDI_EXPLICIT:
        if c in s:
            s = s.replace(c, "")
    return s


def _strip_all(s: str) -> str:
    """``s`` without explicit bidi controls and marks."""
    for c in _BIDI_ALL:
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
    of the line (clean stays idempotent).  See :func:`_match` for the rest.
    """
    stray, unclosed, pairs, _, _ = _match(text, ctrls)
    return stray, unclosed, pairs


def _match(
    text: str, ctrls: list[int]
) -> tuple[list[int], list[int], dict[int, int], dict[int, int], dict[int, list[int]]]:
    """:func:`balance`, and also each isolate opener mapped to its PDI and to the
    embeddings its PDI closes with it.  Linear: ``isolates`` holds the stack indexes
    of open isolates, so a PDI finds its isolate without searching, and each opener
    is copied out of the stack at most once."""
    stack: list[int] = []
    isolates: list[int] = []
    stray: list[int] = []
    pairs: dict[int, int] = {}
    iso: dict[int, int] = {}
    implied: dict[int, list[int]] = {}
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
                k = isolates.pop()
                iso[stack[k]] = p
                if k + 1 < len(stack):
                    implied[stack[k]] = stack[k + 1 :]
                del stack[k:]
            else:
                stray.append(p)
    return stray, stack, pairs, iso, implied


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
    """One line: ``ctrls`` its bidi controls and marks, ``gone`` the positions in it
    that other repairs remove (sorted)."""
    explicit = [p for p in ctrls if text[p] in cd.BIDI_EXPLICIT]
    rtl = _holds_rtl(text, ls, le, removed)
    if rtl and not explicit:
        return []  # marks in right-to-left text: how numbers and Latin are placed
    stray, unclosed, pairs, iso, implied = _match(text, explicit)
    out: list[Rec] = []
    if rtl:
        # In right-to-left text the end of the line closes an open control, as
        # translators expect: only reversing overrides and stray closers are undone.
        out.extend(_rtl_overrides(text, explicit, removed, pairs))
        out.extend(_each(stray, text, 0.6, " closes nothing: an unbalanced bidi control"))
        return out
    marks = [p for p in ctrls if text[p] in cd.BIDI_MARKS]
    closer = {**pairs, **iso}
    # the line as displayed and as stored, built from stretches (no step per character)
    line = "".join(text[a:b] for a, b in _stretches(ls, le, gone))
    logical_parts = _stretches(ls, le, sorted([*gone, *ctrls]))
    logical = "".join(text[a:b] for a, b in logical_parts)
    overrides = any(text[p] in cd.BIDI_OVERRIDES for p in explicit)
    setter = _setter(text, ls, le, explicit, removed, stray, unclosed, closer)
    if not overrides and (
        (setter is not None and text[setter] in _RTL_SETTERS)
        or _first_strong_rtl(text, ls, le, removed)
    ):
        # a string of a right-to-left UI with no right-to-left letter in it ("\u200fapl2",
        # "\u202bCould not read %s"): its controls are as ordinary as in right-to-left
        # text.  Overrides (which reverse letters) have no place in one.
        out.extend(_rtl_overrides(text, explicit, removed, pairs))
        out.extend(_each(stray, text, 0.6, " closes nothing: an unbalanced bidi control"))
        return out
    if cfg.bidi == "reorder":
        display = _strip_all(get_display(line, base_dir="L"))
        if display != logical:
            logical_pos = list(chain.from_iterable(range(a, b) for a, b in logical_parts))
            return _reorder(text, ctrls, logical, logical_pos, display)
    if cfg.bidi == "strip":
        display = _strip_all(get_display(line, base_dir="L"))
        if display != logical:
            return _each(ctrls, text, 0.8, " reorders this line")
    # A left-to-right line whose controls change nothing a reader sees.
    if overrides:
        # An override in left-to-right text reorders nothing visible here (the
        # run reads the same both ways) but has no business in it: it goes.
        out.extend(_each(explicit, text, 0.7, ": a bidi override in left-to-right text"))
        if not marks:
            return out
        around = _Around(text, ls, le, marks, removed)
    else:
        # only what may stay is looked at: pairs and marks (not stray or unclosed ones)
        wanted = {*closer, *closer.values(), *marks}
        wanted.update(q for inner in implied.values() for q in inner)
        looked = [p for p in ctrls if p in wanted]
        around = _Around(text, ls, le, looked, removed) if looked else _Around.empty()
        out.extend(_each(stray, text, 0.6, " closes nothing: an unbalanced bidi control"))
        # An unclosed opener in left-to-right text changes nothing visible today
        # but reorders whatever is appended to the line (Trojan Source).  One that
        # opens the line and runs to its end sets the direction of a string shown
        # in another paragraph (translation catalogues: "\u202bText"): it stays.
        out.extend(
            _each(
                [p for p in unclosed if p != setter],
                text,
                0.7,
                " is never closed: an unbalanced bidi control",
            )
        )
        idle: list[int] = []
        for opener, close in closer.items():
            if opener == setter:
                continue
            inner = implied.get(opener, [])
            if around.idle(opener) or around.idle(close):
                idle.extend([opener, close, *inner])
            else:
                idle.extend(p for p in inner if around.idle(p))
        for p in implied.get(setter, []) if setter is not None else []:
            if around.idle(p):
                idle.append(p)
        idle.sort()
        out.extend(
            _each(
                idle,
                text,
                0.7,
                ": an embedding or isolate in a line with no right-to-left letters; "
                "it changes nothing a reader sees, and only splits the words it touches",
            )
        )
    out.extend(idle_mark(p, text[p]) for p in marks if around.idle(p))
    if out and len(out) < len(ctrls):
        # What stays must not reorder the line once the rest is gone (an ALM before
        # digits that an override held in place): then nothing stays, which shows
        # the line as it was shown with all of them.
        going = sorted([*gone, *(r.start for r in out)])
        rest = "".join(text[a:b] for a, b in _stretches(ls, le, going))
        if _strip_all(get_display(rest, base_dir="L")) != logical:
            return _each(
                ctrls,
                text,
                0.7,
                ": without the other bidi controls it would reorder this line; removed "
                "with them, the line reads as it was shown",
            )
    return out


def _holds_rtl(text: str, ls: int, le: int, removed: set[int]) -> bool:
    """The line holds a right-to-left letter a reader sees.  The marks RLM and ALM
    are strong right-to-left characters but not letters: they do not count."""
    for m in RTL_RE.finditer(text, ls, le):
        ch = m.group()
        if ch in BIDI_RTL and ch not in cd.RTL_MARKS and m.start() not in removed:
            return True
    return False


def _setter(
    text: str,
    ls: int,
    le: int,
    explicit: list[int],
    removed: set[int],
    stray: list[int],
    unclosed: list[int],
    closer: dict[int, int],
) -> int | None:
    """The embedding or isolate opener that wraps the whole line, if one does.

    It must come first (only marks or removed characters before it) and be left
    open or closed last (only bidi controls or removed characters after its
    closer), in a line where nothing else is left open and nothing closes what
    was never opened.
    """
    if stray or not explicit or text[explicit[0]] not in _SETTERS:
        return None
    if unclosed and unclosed != [explicit[0]]:
        return None  # something else is left open: the line is not one wrapped string
    first = explicit[0]
    for j in range(ls, first):
        if j not in removed and text[j] not in cd.BIDI_MARKS:
            return None
    close = closer.get(first)
    if close is not None:
        for j in range(close + 1, le):
            if (
                j not in removed
                and text[j] not in cd.BIDI_EXPLICIT
                and text[j] not in cd.BIDI_MARKS
            ):
                return None
    return first


def _first_strong_rtl(text: str, ls: int, le: int, removed: set[int]) -> bool:
    """UAX #9 rule P2 on a line with no right-to-left letters: its first strong
    character, outside isolates, is a right-to-left mark."""
    depth = 0
    for j in range(ls, le):
        if j in removed:
            continue
        c = text[j]
        if c in cd.BIDI_OPENERS_ISOLATE:
            depth += 1
        elif c == cd.PDI:
            depth = max(depth - 1, 0)
        elif depth:
            continue
        elif c in cd.RTL_MARKS:
            return True
        elif c in _STRONG_L:
            return False
    return False


class _Around:
    """What a reader sees on either side of each bidi control of a line.

    ``word``: a letter or in-word mark (not the letters of a format conversion such
    as ``%d`` or ``%OH``); ``space``; ``punct``: anything else visible, the digits,
    punctuation and symbols whose direction a mark decides; ``edge``: the line ends
    first.  Invisible characters, other controls and removed text are
    seen through.  Two sweeps over the gaps between the controls: linear.
    """

    __slots__ = ("_kinds",)

    def __init__(self, text: str, ls: int, le: int, ctrls: list[int], removed: set[int]) -> None:
        left: dict[int, str] = {}
        right: dict[int, str] = {}
        prev, kind = ls - 1, "edge"
        for p in ctrls:
            for j in range(p - 1, prev, -1):
                if not _skipped(text, j, removed):
                    kind = _kind(text, j, ls)
                    break
            left[p] = kind
            prev = p
        nxt, kind = le, "edge"
        for p in reversed(ctrls):
            for j in range(p + 1, nxt):
                if not _skipped(text, j, removed):
                    kind = _kind(text, j, -1)
                    break
            right[p] = kind
            nxt = p
        self._kinds = {p: (left[p], right[p]) for p in ctrls}

    @classmethod
    def empty(cls) -> _Around:
        """No control to look at."""
        return cls("", 0, 0, [], set())

    def idle(self, p: int) -> bool:
        """The control at ``p`` touches a word, or nothing but spaces and line ends.

        A mark or an isolate gives a direction to the weak and neutral characters
        beside it (digits, punctuation, symbols): that is its work when a UI string
        is shown in right-to-left text.  A letter is strong and decides for itself,
        and spaces show nothing: beside them it does no work, and only splits or
        pads the words.
        """
        sides = self._kinds[p]
        return "word" in sides or "punct" not in sides


def _skipped(text: str, j: int, removed: set[int]) -> bool:
    return j in removed or bool(TABLES.scr[ord(text[j])] & kernel.S_SPECIAL)


def _kind(text: str, j: int, ls: int) -> str:
    """How a reader sees ``text[j]`` beside a control; ``ls`` >= 0 (the line start)
    when ``j`` is on the control's left, where a format conversion may end."""
    ch = text[j]
    if TABLES.cls[ord(ch)] & kernel.F_WORD:
        if ls >= 0 and _in_conversion(text, j, ls):
            return "punct"
        return "word"
    return "space" if is_space(ch) else "punct"


def _in_conversion(text: str, j: int, ls: int) -> bool:
    """``text[j]`` ends a printf or strftime conversion (``%d``, ``%lld``, ``%.1f``, ``%OH``)."""
    if not (text[j].isascii() and text[j].isalpha()):
        return False
    k = j - 1
    while k >= max(ls, j - _CONVERSION_REACH):
        c = text[k]
        if c == "%":
            return True
        if not ((c.isascii() and c.isalnum()) or c in ".-+#"):
            return False
        k -= 1
    return False


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
    """A bidi mark in a line with no right-to-left letters, beside a word or between
    spaces: it does nothing visible there."""
    return Rec(
        i,
        i + 1,
        Kind.INVISIBLE,
        "",
        0.6,
        f"{label(ch)} in a line with no right-to-left letters, where it does nothing visible",
    )
