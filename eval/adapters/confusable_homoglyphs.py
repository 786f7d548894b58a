"""confusable_homoglyphs: its detector, plus the repair its output directly suggests.

Choices (confusable_homoglyphs 3.3 source): the library only detects.  Run on the
whole text, ``is_dangerous`` fires on any Russian sentence that names a Latin brand,
so it is applied per word (runs of word characters), the reasonable way to use it
on prose.  A word is flagged when ``is_dangerous(word, preferred_aliases=['latin'])``;
in a flagged word each character that ``is_confusable(..., greedy=True,
preferred_aliases=['latin'])`` reports is replaced by the first single LATIN
homoglyph it lists.  Nothing else (invisibles, bidi, tags) is touched.  No score.
"""

from __future__ import annotations

import re
from importlib.metadata import version

from confusable_homoglyphs import confusables

VERSION = version("confusable-homoglyphs")
NOTE = (
    "per word: flag if is_dangerous(word, ['latin']); repair = replace each character "
    "is_confusable reports with its first single LATIN homoglyph; no score."
)

_WORD = re.compile(r"\w+")
_cache: dict[str, str | None] = {}


def _fix_word(word: str) -> str | None:
    """The repaired word if it is dangerous, else None."""
    if word in _cache:
        return _cache[word]
    fixed: str | None = None
    if not word.isascii() and confusables.is_dangerous(word, preferred_aliases=["latin"]):
        found = confusables.is_confusable(word, greedy=True, preferred_aliases=["latin"]) or []
        repl: dict[str, str] = {}
        for item in found:
            for h in item.get("homoglyphs", []):
                if len(h["c"]) == 1 and h["n"].startswith("LATIN"):
                    repl[item["character"]] = h["c"]
                    break
        fixed = "".join(repl.get(c, c) for c in word)
    _cache[word] = fixed
    return fixed


def clean(text: str) -> str:
    return _WORD.sub(lambda m: _fix_word(m.group()) or m.group(), text)


def score(text: str) -> None:
    return None


def suspicious(text: str) -> bool:
    return any(_fix_word(m.group()) is not None for m in _WORD.finditer(text))
