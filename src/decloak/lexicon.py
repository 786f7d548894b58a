"""Optional word-frequency lexicon (``pip install 'decloak[lexicon]'``, wordfreq).

Context decides almost everything; the lexicon only breaks the one tie context
cannot: a word spelled entirely in look-alikes inside a paragraph that also
holds genuine words of that script ("the Russian word сор" vs a disguised
"сор" for "cop").  Without the lexicon decloak declines to rewrite such words.
"""

from __future__ import annotations

import functools
import importlib.util

LATIN_LANGS = ("en", "es", "fr", "de", "it", "pt", "nl", "pl")
SCRIPT_LANGS = {
    "Cyrillic": ("ru", "uk", "bg", "mk"),
    "Greek": ("el",),
    "Armenian": ("hy",),
}
KNOWN_ZIPF = 3.0
"""Zipf frequency (log10 per billion words + 9) from which a Latin reading counts as a word."""
SEEN_ZIPF = 1.0
"""Zipf frequency from which a word in its own script counts as real: deliberately
low, because rewriting a real word is worse than missing a disguised one."""


def available() -> bool:
    """True when wordfreq is installed."""
    return importlib.util.find_spec("wordfreq") is not None


@functools.lru_cache(maxsize=65536)
def _zipf(word: str, langs: tuple[str, ...]) -> float:
    from wordfreq import zipf_frequency

    w = word.lower()
    return max((zipf_frequency(w, lang) for lang in langs), default=0.0)


def prefer_latin(reading: str, word: str, script: str, use: bool | None) -> bool | None:
    """True: ``reading`` (Latin) is a word and ``word`` (its script) is not; False:
    the reverse; None: no lexicon, or it cannot tell."""
    if use is False or (use is None and not available()):
        return None
    if use and not available():
        raise RuntimeError("use_lexicon=True needs wordfreq: pip install 'decloak[lexicon]'")
    latin = _zipf(reading, LATIN_LANGS) >= KNOWN_ZIPF
    native = _zipf(word, SCRIPT_LANGS.get(script, ())) >= SEEN_ZIPF
    if latin and not native:
        return True
    if native:
        return False
    return None


def is_known_latin(word: str, use: bool | None) -> bool | None:
    """Whether ``word`` is a known Latin-script word (None without a lexicon)."""
    if use is False or not available():
        return None
    return _zipf(word, LATIN_LANGS) >= KNOWN_ZIPF
