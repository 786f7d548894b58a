"""ICU's spoof checker (UTS #39) through PyICU, used word by word.

Choices: ICU offers a checker and a skeleton, not a repair, so this adapter uses the
usual recipe: each run of letters, marks and digits is checked with a default
``SpoofChecker`` (restriction level HIGHLY_RESTRICTIVE, invisible-mark and
mixed-number checks); the text is flagged when any word fails.  In a failing word,
each non-ASCII character whose UTS #39 skeleton is one ASCII letter or digit is
replaced by it (so Cyrillic ``а`` becomes ``a`` but Latin ``m`` never becomes
``rn``).  Invisible, bidi and tag characters are outside ICU's scope and stay.
The score is the share of failing words.
"""

from __future__ import annotations

import re

import icu

VERSION = f"ICU {icu.ICU_VERSION}, PyICU {icu.VERSION}"
NOTE = (
    "per word: SpoofChecker().check(word) != 0 flags; in a flagged word, non-ASCII "
    "characters whose skeleton is one ASCII alphanumeric are replaced by it; "
    "score = share of flagged words."
)

_checker = icu.SpoofChecker()
_WORD = re.compile(r"[^\W_]+|\w+")
_word_cache: dict[str, str | None] = {}
_char_cache: dict[str, str] = {}


def _skeleton_char(ch: str) -> str:
    if ch not in _char_cache:
        sk = _checker.getSkeleton(0, ch)
        _char_cache[ch] = sk if len(sk) == 1 and sk.isascii() and sk.isalnum() else ch
    return _char_cache[ch]


def _fix(word: str) -> str | None:
    """The repaired word if the checker rejects it, else None."""
    if word not in _word_cache:
        fixed = None
        if not word.isascii() and _checker.check(word) != 0:
            fixed = "".join(c if c.isascii() else _skeleton_char(c) for c in word)
        _word_cache[word] = fixed
    return _word_cache[word]


def clean(text: str) -> str:
    return _WORD.sub(lambda m: _fix(m.group()) or m.group(), text)


def score(text: str) -> float:
    words = _WORD.findall(text)
    if not words:
        return 0.0
    return sum(_fix(w) is not None for w in words) / len(words)


def suspicious(text: str) -> bool:
    return any(_fix(m.group()) is not None for m in _WORD.finditer(text))
