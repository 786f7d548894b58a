"""The word-frequency tie-break, answered from a generated table.

Context decides almost everything; the lexicon only breaks the one tie context
cannot: a word spelled entirely in look-alikes inside a paragraph that also
holds genuine words of that script ("the Russian word сор" vs a disguised
"сор" for "cop").  It also tells whether an ASCII look-alike's reading is a
known word (``curI`` reads ``curl``), which raises that finding's confidence.

The table (:mod:`decloak._tables.lexicon`) is cut from wordfreq's word lists
when the tables are generated, keeping only the words these two questions can
ever ask about.  So the answer is the same on every machine whatever extras are
installed (two workers of one cluster cannot disagree), and nothing is loaded
until a question is first asked (then about 20 ms, once per process).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

Words = dict[str, None]
"""A word list, kept as the keys of a dict rather than a set: a dict of strings is
untracked by the cyclic garbage collector and a set never is, so with sets every full
collection of the process (one per five cleanings of 2 MB of attacked text) walked the
220,000 words again, about 10 ms each time."""


@dataclass(frozen=True, slots=True)
class _Words:
    latin: Words
    native: dict[str, Words]
    rare: Words
    long_s_f: Words
    latin_longest: int


@functools.cache
def _words() -> _Words:
    from ._tables import lexicon as table

    latin = dict.fromkeys(table.LATIN_WORDS.split())
    return _Words(
        latin,
        {sc: dict.fromkeys(words.split()) for sc, words in table.NATIVE_WORDS.items()},
        dict.fromkeys(table.RARE_WORDS.split()),
        dict.fromkeys(table.LONG_S_F_WORDS.split()),
        max(map(len, latin)),
    )


def prefer_latin(reading: str, word: str, script: str, use: bool | None = None) -> bool | None:
    """True: ``reading`` (Latin) is a known word and ``word`` (in ``script``) is not;
    False: both are words; None: the reading is no known word, or ``use`` is False.

    Known means a Zipf frequency of at least 3 in one of eight Latin-script
    languages; real means at least 1 in a language of that script (deliberately
    low: rewriting a real word is worse than missing a disguised one).  Words are
    compared case-folded, as wordfreq compares them.
    """
    if use is False:
        return None
    words = _words()
    if word.casefold() in words.native.get(script, ()):
        return False
    if reading.casefold() in words.latin:
        return True
    return None


def is_known_latin(word: str, use: bool | None = None) -> bool | None:
    """Whether ``word`` (ASCII) is a known Latin-script word; None when ``use`` is False."""
    if use is False:
        return None
    return word.casefold() in _words().latin


def longest_known_latin() -> int:
    """The length of the longest word :func:`is_known_latin` knows: a longer word, however
    it is read, is none of them (a caller trying readings of a long run stops there)."""
    return _words().latin_longest


def is_rare_word(word: str, use: bool | None = None) -> bool | None:
    """Whether ``word`` (ASCII) is a rarer long English word (Zipf 2 or more, five
    letters or more: ``subsystem``, ``executable``, ``postgresql``), one that only a
    whole word read through letter forms is checked against; None when ``use`` is False."""
    if use is False:
        return None
    return word.casefold() in _words().rare


def long_s_reads_f(word: str, use: bool | None = None) -> bool | None:
    """Whether ``word`` (ASCII), spelled with a long s in place of each of its f, is the
    word with f: an English word with f far more frequent than the same word with s
    (``file`` over ``sile``, ``for`` over ``sor``; ``such`` and ``so`` in old print keep
    their s).  None when ``use`` is False."""
    if use is False:
        return None
    return word.casefold() in _words().long_s_f
