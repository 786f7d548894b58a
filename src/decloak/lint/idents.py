"""Identifiers: tokenising them, UTS #39 restriction levels and skeletons.

Identifiers are found with one Unicode-aware pattern for every language:
``\\w`` (letters, digits, underscore) approximates XID_Start/XID_Continue, plus
combining marks (Hindi and Hebrew identifiers need them), connector punctuation
and every default-ignorable character, so that an invisible character glued to a
name is seen as part of it (``is<ZWSP>Admin`` is one identifier, not two).

Scripts are judged word by word: an identifier is split at underscores, digits
and lower-to-upper case changes, and each word must be at most *Moderately
Restrictive* (UTS #39 section 5.2).  Real code joins an English and a Russian
word (``test_проверка``) or a Latin prefix and a Japanese word (``getデータ``);
an attack hides a look-alike letter *inside* a word (``p<U+0430>ypal``, with a
Cyrillic a), which no language needs.
"""

from __future__ import annotations

import enum
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from .._tables import confusables as _confusables
from .._tables import identifiers as _identifiers
from .._tables import properties as _props
from ..unicode import (
    RangeSet,
    char_name,
    is_alpha,
    is_digit,
    is_lower,
    is_upper,
    normalize,
    script_extensions,
)

__all__ = [
    "IDENTIFIER",
    "Level",
    "ScriptVerdict",
    "identifier_runs",
    "judge_scripts",
    "restriction_level",
    "skeleton",
    "words",
]

DEFAULT_IGNORABLE = RangeSet(_props.DEFAULT_IGNORABLE)
IDENTIFIER_ALLOWED = RangeSet(_identifiers.IDENTIFIER_ALLOWED)
_MARKS = RangeSet(_props.COMBINING_MARK)
# Connector punctuation and the middle dots of UAX #31 Other_ID_Continue.
_CONNECTORS = RangeSet.of("\u00b7\u0387\u203f\u2040\u2054\ufe33\ufe34\ufe4d\ufe4e\ufe4f\uff3f")

_EXTRA = DEFAULT_IGNORABLE | _MARKS | _CONNECTORS
IDENTIFIER = re.compile(f"[\\w{_EXTRA.regex()}]+")
"""A run of identifier characters, invisible ones included (may also match a number)."""

# The same class with every astral range folded into one: ``re`` tests a class's
# astral ranges one by one for every character, so the exact class scans several
# times slower.  Runs with astral characters are re-split with the exact pattern.
_BMP_EXTRA = RangeSet(
    tuple(x for s, e in _EXTRA.ranges() if s <= 0xFFFF for x in (s, min(e, 0xFFFF)))
)
_IDENTIFIER_FAST = re.compile(f"[\\w{_BMP_EXTRA.regex()}\U00010000-\U0010ffff]+")


def identifier_runs(text: str) -> Iterator[tuple[int, int, str]]:
    """``(start, end, run)`` for every :data:`IDENTIFIER` match in ``text``, quickly."""
    for m in _IDENTIFIER_FAST.finditer(text):
        tok = m.group()
        if tok.isascii() or max(tok) <= "\uffff":
            yield m.start(), m.end(), tok
        else:
            base = m.start()
            for sub in IDENTIFIER.finditer(tok):
                yield base + sub.start(), base + sub.end(), sub.group()


_IGNORABLE_RE = re.compile(f"[{DEFAULT_IGNORABLE.regex()}]")


def visible(ident: str) -> str:
    """``ident`` without its default-ignorable characters: what a reader sees."""
    return _IGNORABLE_RE.sub("", ident)


# --- words ----------------------------------------------------------------------------------


def words(ident: str) -> list[str]:
    """Split an identifier into words: at ``_``, digits, and lower-to-upper case changes.

    Combining marks and invisible characters stay with the word they follow.
    """
    out: list[str] = []
    cur: list[str] = []
    prev_lower = False
    for ch in ident:
        if ch == "_" or is_digit(ch) or ch in _CONNECTORS:
            if cur:
                out.append("".join(cur))
            cur, prev_lower = [], False
            continue
        if is_upper(ch) and prev_lower and cur:
            out.append("".join(cur))
            cur = []
        cur.append(ch)
        if is_alpha(ch):
            prev_lower = is_lower(ch)
    if cur:
        out.append("".join(cur))
    return out


# --- UTS #39 restriction levels -------------------------------------------------------------


class Level(enum.IntEnum):
    """UTS #39 section 5.2 restriction levels, from most to least restrictive."""

    ASCII_ONLY = 1
    SINGLE_SCRIPT = 2
    HIGHLY_RESTRICTIVE = 3
    MODERATELY_RESTRICTIVE = 4
    MINIMALLY_RESTRICTIVE = 5
    UNRESTRICTED = 6

    @property
    def label(self) -> str:
        return self.name.lower().replace("_", " ")


_COMMON = frozenset({"Common", "Inherited"})
# UTS #39 section 5.1: Han, Kana, Hangul and Bopomofo are augmented with the
# writing systems they combine into, so that a Japanese name mixing kanji and
# kana resolves to one "script".
_AUGMENT: dict[str, frozenset[str]] = {
    "Han": frozenset({"Han", "Japanese", "Korean", "Han_with_Bopomofo"}),
    "Hiragana": frozenset({"Hiragana", "Japanese"}),
    "Katakana": frozenset({"Katakana", "Japanese"}),
    "Hangul": frozenset({"Hangul", "Korean"}),
    "Bopomofo": frozenset({"Bopomofo", "Han_with_Bopomofo"}),
}
_HIGHLY = (
    frozenset({"Latin", "Japanese"}),
    frozenset({"Latin", "Han_with_Bopomofo"}),
    frozenset({"Latin", "Korean"}),
)
# UAX #31 Table 5, Recommended Scripts (Cyrillic and Greek are excluded from
# Moderately Restrictive mixing with Latin: they are the look-alike scripts).
_RECOMMENDED = frozenset(
    (
        *("Arabic", "Armenian", "Bengali", "Bopomofo", "Devanagari", "Ethiopic", "Georgian"),
        *("Gujarati", "Gurmukhi", "Han", "Hangul", "Hebrew", "Hiragana", "Kannada", "Katakana"),
        *("Khmer", "Lao", "Malayalam", "Myanmar", "Oriya", "Sinhala", "Tamil", "Telugu"),
        *("Thaana", "Thai", "Tibetan", "Japanese", "Korean", "Han_with_Bopomofo"),
    )
)


@functools.lru_cache(maxsize=4096)
def _scripts(ch: str) -> frozenset[str]:
    sx = script_extensions(ch)
    if sx <= _COMMON:
        return sx
    out = set(sx)
    for s in sx:
        out |= _AUGMENT.get(s, frozenset())
    return frozenset(out)


def _script_sets(s: str) -> list[frozenset[str]]:
    return [sx for sx in map(_scripts, s) if not sx <= _COMMON]


def _covered(sets: list[frozenset[str]], cover: frozenset[str]) -> bool:
    return all(sx & cover for sx in sets)


def restriction_level(s: str) -> Level:
    """The UTS #39 restriction level of ``s`` (default-ignorables should be removed first)."""
    if s.isascii():
        return Level.ASCII_ONLY
    level = _script_level(s)
    if any(ch not in IDENTIFIER_ALLOWED for ch in s):
        return Level.UNRESTRICTED
    return level


def _script_level(s: str) -> Level:
    sets = _script_sets(s)
    if not sets:
        return Level.SINGLE_SCRIPT
    resolved = frozenset.intersection(*sets)
    if resolved:
        return Level.SINGLE_SCRIPT
    if any(_covered(sets, c) for c in _HIGHLY):
        return Level.HIGHLY_RESTRICTIVE
    others = frozenset().union(*sets) & _RECOMMENDED
    if any(_covered(sets, frozenset({"Latin", o})) for o in others):
        return Level.MODERATELY_RESTRICTIVE
    return Level.MINIMALLY_RESTRICTIVE


def _main_script(sx: frozenset[str]) -> str:
    """A readable name for a character's script set (its first real script)."""
    real = sorted(sx - {"Japanese", "Korean", "Han_with_Bopomofo"})
    return real[0] if len(real) == 1 else "/".join(real[:3])


# --- skeletons ------------------------------------------------------------------------------

_PROTOTYPES = {ord(k): v for k, v in _confusables.CONFUSABLES.items()}


@functools.lru_cache(maxsize=65536)
def skeleton(s: str) -> str:
    """UTS #39 skeleton: NFD, drop default-ignorables, map to prototypes, NFD again.

    Two strings with equal skeletons are visually confusable.
    """
    if s.isascii() and not any(c in "01Im|" for c in s):
        return s  # fast path: the common ASCII identifier maps to itself
    d = normalize("NFD", s)
    d = _IGNORABLE_RE.sub("", d).translate(_PROTOTYPES)
    return normalize("NFD", d)


# --- the verdict on one identifier -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ScriptVerdict:
    """Why an identifier's scripts are a disguise (from :func:`judge_scripts`)."""

    word: str
    """The offending word of the identifier."""
    scripts: tuple[str, ...]
    """The scripts mixed in it (or the one foreign script of a look-alike word)."""
    foreign: tuple[str, ...]
    """``U+XXXX NAME`` of the characters that do not belong."""
    level: Level
    whole_word: bool
    """True: the word is in one script, but all its letters look Latin and it is
    joined to Latin words; False: the word mixes scripts."""
    looks_like: str | None
    """The identifier's skeleton when it is plain ASCII (what a reader takes it for)."""


@functools.lru_cache(maxsize=4096)
def judge_scripts(ident: str) -> ScriptVerdict | None:
    """The mixed-script verdict on an identifier, or None when its scripts are fine.

    ``ident`` should already be free of default-ignorable characters.
    """
    if ident.isascii():
        return None
    parts = words(ident)
    looks = skeleton(ident)
    looks_like = looks if looks.isascii() and looks != ident else None
    has_latin = any("Latin" in sx for p in parts for sx in _script_sets(p))
    for w in parts:
        level = _script_level(w)
        if level == Level.MINIMALLY_RESTRICTIVE:
            sets = _script_sets(w)
            majority = _majority_script(sets)
            foreign = tuple(
                f"U+{ord(c):04X} {char_name(c)}"
                for c in dict.fromkeys(w)
                if not _scripts(c) <= _COMMON and majority not in _scripts(c)
            )
            names = tuple(dict.fromkeys(_main_script(sx) for sx in sets))
            return ScriptVerdict(w, names, foreign, restriction_level(w), False, looks_like)
    if not has_latin:
        return None
    for w in parts:
        sets = _script_sets(w)
        if not sets or any("Latin" in sx for sx in sets):
            continue
        sk = skeleton(w)
        if sk.isascii() and sk.isalpha() and sk != w:
            script = _main_script(frozenset.intersection(*sets))
            foreign = tuple(f"U+{ord(c):04X} {char_name(c)}" for c in dict.fromkeys(w))
            return ScriptVerdict(
                w, (script,), foreign, Level.MINIMALLY_RESTRICTIVE, True, looks_like
            )
    return None


def _majority_script(sets: list[frozenset[str]]) -> str:
    counts: dict[str, int] = {}
    for sx in sets:
        for s in sx:
            counts[s] = counts.get(s, 0) + 1
    # Latin wins a tie: in `Δx` it is the Greek letter that stands out to a reader of code
    return max(sorted(counts), key=lambda s: (counts[s], s == "Latin"))
