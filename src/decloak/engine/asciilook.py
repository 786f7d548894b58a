"""ASCII look-alikes: ``curI`` for ``curl``, ``G00gle`` for ``Google``.

These swaps stay inside ASCII, so no script rule can see them, and legitimate
identifiers look the same (``iOS``, ``h1n1``, ``B2B``).  decloak therefore only
*flags* them, with low confidence, in the strict profile, and never repairs them.

The one exception is the vertical line standing in for an l (``va|ue``): no word or
identifier holds one, so where reading it as l spells a known word it is repaired in
every profile, as a homoglyph (:func:`find_vertical_lines`).
"""

from __future__ import annotations

import re
import string

from .. import chardata as cd
from .. import lexicon
from ..config import Config
from ..model import Kind
from .classes import label
from .forms import CONF_FORM, known_listed, known_word
from .records import Rec

_LETTERS = frozenset(string.ascii_letters)
# what may not touch a word read through vertical lines: a letter, digit, underscore,
# slash or another vertical line (a table's cell "|x|", a path, "a|b|c" in code)
_NOT_BESIDE = _LETTERS | frozenset("0123456789_/\\" + cd.VERTICAL_LINE)
_CAPITAL_RE = re.compile("[A-Z]")
_MARKS = frozenset(".,;:!?")
_SPACES = frozenset(" \t\n\r\f\v")


def _ends_word(text: str, k: int) -> bool:
    """Whether a word ends at ``k``: the text's end, a space, or a mark before a space or
    the end (``wil| be``, ``stil|.``; ``@(.foo|.bar)`` is code).  A shell pipe glued to a
    command reads as no listed word (``ls|``), and a table's cell has other lines beside."""
    if k >= len(text) or text[k] in _SPACES:
        return True
    return text[k] in _MARKS and (k + 1 >= len(text) or text[k + 1] in _SPACES)


_OPENERS = frozenset("([{")
_CLOSERS = frozenset(")]}")
MIN_BAR_WORD = 4
"""Shortest word read through a vertical line (``|ong``): a shorter one (``|t``,
``a|l``) says too little."""

# A capital I inside an otherwise lowercase word reads as l: "curI", "paypaI".
_CAP_I = re.compile(r"\b[a-z]+I[a-z]*\b")
# Digits 0/1 between letters of a word: "G00gle", "paypa1", "micr0soft".
_DIGIT_IN_WORD = re.compile(
    r"\b[A-Za-z]+[01]+[A-Za-z]*\b|\b[A-Za-z]*[01]+[A-Za-z]+[01]*[A-Za-z]+\b"
)
_DIGIT_READING = str.maketrans({"0": "o", "1": "l"})


def find_ascii_lookalikes(text: str, cfg: Config) -> list[Rec]:
    out: list[Rec] = []
    for m in _CAP_I.finditer(text):
        word = m.group()
        reading = word.replace("I", "l")
        out.append(
            _rec(m.start(), m.end(), word, reading, "a capital I inside a lowercase word", cfg)
        )
    for m in _DIGIT_IN_WORD.finditer(text):
        word = m.group()
        reading = word.translate(_DIGIT_READING)
        out.append(_rec(m.start(), m.end(), word, reading, "digits 0/1 inside a word", cfg))
    return out


def _rec(start: int, end: int, word: str, reading: str, what: str, cfg: Config) -> Rec:
    known = lexicon.is_known_latin(reading, cfg.use_lexicon)
    conf = 0.5 if known else 0.25
    extra = " (a known word)" if known else ""
    return Rec(
        start,
        end,
        Kind.ASCII_LOOKALIKE,
        reading,
        conf,
        f"{what}: {word!r} may be a disguised {reading!r}{extra}; flagged, not repaired",
        repair=False,
    )


ALTERNATIVE_WORD = 5
"""Shortest word before a vertical line that makes the line a list of alternatives
(``username|uid``) whatever follows it."""


def _alternatives(parts: list[str], cfg: Config) -> bool:
    """Whether the pieces of a word between vertical lines are alternatives listed,
    not one word broken: a word of :data:`ALTERNATIVE_WORD` letters or more before the
    first line (``username|uid``), or two known words (``on|using``, ``start|end``)."""
    use = cfg.use_lexicon
    if len(parts[0]) >= ALTERNATIVE_WORD and known_word(parts[0], use):
        return True
    known = [len(p) >= 2 and bool(lexicon.is_known_latin(p, use)) for p in parts]
    return (
        sum(k and len(p) >= 3 for k, p in zip(known, parts, strict=True)) >= 1 and sum(known) >= 2
    )


LINE_REACH = 200
"""How far along its line :func:`_among_lines` looks for other vertical lines (bounded,
so that a long line of many words costs linear time)."""


def _among_lines(text: str, start: int, end: int, own: int) -> bool:
    """Whether the line of ``text[start:end]`` (holding ``own`` vertical lines) has other
    vertical lines within :data:`LINE_REACH`: a table's rules (``|imported   |``) or
    a pipeline, where the line is what it is."""
    lo = text.rfind("\n", max(0, start - LINE_REACH), start) + 1 or max(0, start - LINE_REACH)
    hi = text.find("\n", end, end + LINE_REACH)
    hi = min(len(text), end + LINE_REACH) if hi < 0 else hi
    return text.count(cd.VERTICAL_LINE, lo, hi) > own


def _bar_words(text: str) -> list[tuple[int, int]]:
    """The spans of ASCII letters around one vertical line or more (the first may open
    the word, the last end it: :func:`_ends_word`), with
    nothing of :data:`_NOT_BESIDE` on either side.  Found from each
    vertical line (``str.find``), each character looked at once or twice: linear, and
    free on text without one."""
    spans: list[tuple[int, int]] = []
    n = len(text)
    i = text.find(cd.VERTICAL_LINE)
    done = 0
    while i >= 0:
        if i + 1 < n and text[i + 1] in _LETTERS:
            s = i
            while s > done and text[s - 1] in _LETTERS:
                s -= 1
            e = i + 1
            while e < n and (
                text[e] in _LETTERS
                or (text[e] == cd.VERTICAL_LINE and e + 1 < n and text[e + 1] in _LETTERS)
            ):
                e += 1
            if (s == 0 or text[s - 1] not in _NOT_BESIDE) and (
                e == n or text[e] not in _NOT_BESIDE
            ):
                spans.append((s, e))
            done = e
            i = text.find(cd.VERTICAL_LINE, e)
        else:
            if i > done and text[i - 1] in _LETTERS and _ends_word(text, i + 1):
                s = i  # wil|: a line ending the word before a space or a mark
                while s > done and text[s - 1] in _LETTERS:
                    s -= 1
                if s == 0 or text[s - 1] not in _NOT_BESIDE:
                    spans.append((s, i + 1))
                done = i + 1
            i = text.find(cd.VERTICAL_LINE, i + 1)
    return spans


def find_vertical_lines(text: str, cfg: Config) -> list[Rec]:
    """Vertical lines standing in for an l inside a word (``va|ue``, ``|ength``):
    repaired where the word read with an l is a listed word, or one with a common
    ending (:func:`decloak.engine.forms.known_listed`: two words run together pass too
    easily for a third, ``auto|pfs``), of :data:`MIN_BAR_WORD` letters or more, in small
    letters after its first.

    What stays: shell pipes and alternations that read as no word (``ls|less``,
    ``colou|r``); an alternation of two words that spells a third (``is|as``, Spanish
    "islas"), of names in capitals (``BEGIN|END``) or of types (``Array|Element``); a
    vertical line opening a word anywhere but after a space or a line's start
    (``(|and|or)``); any in brackets (``(is|as)``, Spanish "islas")."""
    out: list[Rec] = []
    for start, end in _bar_words(text):
        word = text[start:end]
        if len(word) < MIN_BAR_WORD or _CAPITAL_RE.search(word, 1):
            continue
        parts = word.split(cd.VERTICAL_LINE)
        if parts[0] == "" and start > 0 and text[start - 1] not in _SPACES:
            continue
        if _among_lines(text, start, end, len(parts) - 1) or _alternatives(parts, cfg):
            continue
        if text[start - 1 : start] in _OPENERS or text[end : end + 1] in _CLOSERS:
            continue  # a group of alternatives: (is|as)
        reading = word.replace(cd.VERTICAL_LINE, "l")
        if not known_listed(reading, cfg.use_lexicon):
            continue
        why = (
            f"a vertical line stands in for a letter in {word!r}, which reads {reading!r} "
            f"({label(cd.VERTICAL_LINE)})"
        )
        for k, ch in enumerate(word):
            if ch == cd.VERTICAL_LINE:
                out.append(
                    Rec(start + k, start + k + 1, Kind.HOMOGLYPH, reading[k], CONF_FORM, why)
                )
    return out
