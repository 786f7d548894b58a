"""Text disguised throughout: every word, and its punctuation, read as a reader sees it.

Some generators swap *every* character for a random confusable (PyRIT's confusable
converter: ``Ρ𝘐℮𝝰𝙨𝚎 𝐮𝘀ℯ 𝜾⍴ 𝖨𝒾𝖓𝙠 ...`` for "Please use ip link ..."), punctuation
included (``‚`` for a comma, ``ˊ`` for an apostrophe, ``𝅭`` for a full stop) and ASCII
itself (``l`` for ``I``, ``|`` for ``l``, ``0`` for ``O``).  Word by word, the ordinary
rules leave much of such a paragraph: a word of four scripts and two symbols is no
word of any of them.  But the paragraph as a whole is unmistakable, and the ordinary
rules have already repaired many of its words.

A Latin unit is *saturated* (:func:`is_saturated`) when it has at least
:data:`MIN_WORDS` words, at least :data:`DISGUISED_SHARE` of them hold a character that
reads as an ASCII letter, digit or punctuation mark without being one, and at least
:data:`REPAIRED_SHARE` of them were repaired by the ordinary rules.  Real text does not
look like that: Turkish, IPA, maths and Vietnamese units hold such characters in few
words and have none repaired, and a unit of real text in an orthography beyond ASCII
(``é``, ``ş``) is never saturated.

In a saturated unit every such character is read (:func:`read_saturated`): letters and
digits by their readings (``l``/``I``/``1`` and ``O``/``0`` chosen by the lexicon, else
by the letters around), punctuation look-alikes (the generated ``PUNCTUATION`` table)
by the mark they show, except quotation marks and dashes, which real typography uses.
"""

from __future__ import annotations

import itertools
import re

from .. import lexicon
from ..config import Config
from ..model import Kind
from ..unicode import category
from .classes import (
    COMPAT,
    NFKC_FORMS,
    ORTHOGRAPHY,
    ORTHOGRAPHY_RE,
    PUNCTUATION,
    READINGS,
    search_verified,
)
from .records import Rec, emit_runs

MIN_WORDS = 5
"""Fewest words a saturated unit has (a short line says too little)."""
DISGUISED_SHARE = 0.75
"""Share of its words holding a character that reads as ASCII without being it."""
REPAIRED_SHARE = 0.3
"""Share of its words the ordinary rules repaired."""
MAX_AMBIGUOUS = 4
"""At most this many l/I/1 or O/0 spots of a word are tried against the lexicon."""
CONF_SATURATED = 0.7
"""Confidence of a character read only because its unit is disguised throughout."""

_TOKEN_RE = re.compile(r"\S+")
_ASCII_LETTERS_DIGITS = frozenset("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_TYPOGRAPHY = frozenset({"Pi", "Pf", "Pd"})
"""Quotation marks and dashes: real typography (``’``, ``–``), never read as ASCII."""
_L_GROUP = ("l", "I")
_O_GROUP = ("O", "0")
_ASCII_L = frozenset("lI|1")
"""ASCII characters that pass for one another in a word disguised throughout."""


def _reads(ch: str) -> bool:
    """Whether ``ch`` reads as an ASCII letter, digit or mark without being one."""
    if ch.isascii():
        return False
    if ch in READINGS or ch in COMPAT:
        return True
    return ch in PUNCTUATION and category(ch) not in _TYPOGRAPHY


def is_saturated(t: str, s: int, e: int, repaired: list[tuple[int, int]]) -> bool:
    """Whether the Latin unit ``t[s:e]`` is disguised throughout (module docstring);
    ``repaired``: the (start, end) of every record the ordinary rules made in it."""
    tokens = [m.span() for m in _TOKEN_RE.finditer(t, s, e)]
    if len(tokens) < MIN_WORDS:
        return False
    disguised = sum(1 for a, b in tokens if any(_reads(t[k]) for k in range(a, b)))
    if disguised < DISGUISED_SHARE * len(tokens):
        return False
    if search_verified(ORTHOGRAPHY_RE, ORTHOGRAPHY, t, s, e):
        return False
    starts = sorted(r[0] for r in repaired)
    hit = 0
    j = 0
    for a, b in tokens:
        while j < len(starts) and starts[j] < a:
            j += 1
        if j < len(starts) and starts[j] < b:
            hit += 1
    return hit >= REPAIRED_SHARE * len(tokens)


def _candidates(ch: str, prev: str, nxt: str) -> tuple[str, ...]:
    """What ``ch`` may stand for in a word of a saturated unit, the likeliest first."""
    if ch in _ASCII_L:
        return ("1",) if (prev.isdigit() or nxt.isdigit()) and ch == "1" else _L_GROUP
    if ch in "O0":
        return ("0",) if prev.isdigit() or nxt.isdigit() else _O_GROUP
    if ch.isascii():
        return (ch,)
    if ch in PUNCTUATION and category(ch) not in _TYPOGRAPHY and ch not in READINGS:
        return (PUNCTUATION[ch],)
    readings = READINGS.get(ch) or COMPAT.get(ch, "")
    if not readings:
        return (ch,)
    digits = [r for r in readings if r.isdigit()]
    letters = [r for r in readings if r.isalpha()]
    if digits and (prev.isdigit() or nxt.isdigit() or not letters):
        return (digits[0],)
    if set(letters) & {"l", "I"}:
        return _L_GROUP
    if set(letters) & {"O"}:
        return _O_GROUP if not letters or letters[0] == "O" else (letters[0],)
    return (letters[0],) if letters else (ch,)


def _read_token(token: str, use_lexicon: bool | None) -> str:
    """The token as a reader sees it: each character's likeliest reading, the l/I and
    O/0 spots of each word chosen so that it is a known word when one choice is."""
    raw = list(token)
    out: list[str] = []
    options: list[tuple[str, ...]] = []
    for k, ch in enumerate(raw):
        prev = out[-1] if out else ""
        nxt = raw[k + 1] if k + 1 < len(raw) else ""
        nxt_read = nxt if nxt.isascii() else (READINGS.get(nxt, "") or COMPAT.get(nxt, "") or nxt)[:1]
        opts = _candidates(ch, prev, nxt_read)
        options.append(opts)
        out.append(opts[0])
    # words: maximal runs of letters in the reading; ambiguous spots tried on the lexicon
    k = 0
    while k < len(out):
        if not out[k].isalpha():
            k += 1
            continue
        a = k
        while k < len(out) and out[k].isalpha():
            k += 1
        spots = [j for j in range(a, k) if len(options[j]) > 1]
        if not spots:
            continue
        best = _default_case(out, options, a, k)
        if len(spots) <= MAX_AMBIGUOUS:
            for combo in itertools.product(*(options[j] for j in spots)):
                trial = list(best)
                for j, r in zip(spots, combo, strict=True):
                    trial[j - a] = r
                if lexicon.is_known_latin("".join(trial), use_lexicon):
                    best = trial
                    break
        out[a:k] = best
    return "".join(out)


def _default_case(out: list[str], options: list[tuple[str, ...]], a: int, b: int) -> list[str]:
    """The word ``out[a:b]`` with its l/I spots read by the letters around: ``I`` at the
    start of a word before lowercase letters or beside capitals, ``l`` after a lowercase
    letter; O/0 spots inside a word are the letter."""
    word = out[a:b]
    for j in range(a, b):
        if options[j] == _L_GROUP:
            before = out[j - 1] if j > a else ""
            after = out[j + 1] if j + 1 < b else ""
            if before.islower():
                word[j - a] = "l"
            elif before.isupper() or after.isupper() or (not before and after.islower()):
                word[j - a] = "I"
        elif options[j] == _O_GROUP:
            word[j - a] = "O" if not any(c.islower() for c in word) else "o" if False else "O"
    return word


def read_saturated(t: str, s: int, e: int, cfg: Config) -> list[Rec]:
    """Records reading every look-alike of the saturated unit ``t[s:e]``, one per run of
    changed characters, replacing the ordinary rules' records for the unit."""
    out: list[Rec] = []
    for m in _TOKEN_RE.finditer(t, s, e):
        token = m.group()
        reading = _read_token(token, cfg.use_lexicon)
        if reading == token or len(reading) != len(token):
            continue
        a = m.start()
        why = (
            "the paragraph is disguised throughout (its words and punctuation are "
            f"look-alikes): {token!r} reads {reading!r}"
        )
        compat = [(a + k, r, CONF_SATURATED) for k, (c, r) in enumerate(zip(token, reading, strict=True)) if c != r and c in NFKC_FORMS]
        plain = [(a + k, r, CONF_SATURATED) for k, (c, r) in enumerate(zip(token, reading, strict=True)) if c != r and c not in NFKC_FORMS]
        if plain:
            emit_runs(out, plain, Kind.HOMOGLYPH, why)
        if compat:
            emit_runs(out, compat, Kind.COMPAT_LETTER, why)
    return out
