"""The comparison key: one folded form shared by an original and every disguised copy of it.

Near-duplicate detection compares word shingles.  A content farm's copy with
every ``a`` swapped for Cyrillic ``а``, or zero-width spaces inside its words,
shares almost no shingle with its source, so plain MinHash misses it (see
``docs/provenance.md``).  The key undoes that in two layers:

1. :func:`decloak.clean` restores what a reader sees (look-alikes in context,
   invisibles, bidi reordering, backspace deletions).
2. A per-character *fold*, for matching only: NFKC, the UTS #39 skeleton
   (``confusables.txt`` prototypes, plus decloak's own look-alike table so that
   a Cyrillic ``к`` written for ``k`` folds like ``k``), case folding,
   default-ignorable characters removed, punctuation and symbols removed and
   whitespace collapsed.

The key is **never output text**.  The skeleton folds Latin ``m`` to ``rn``,
``I`` and ``1`` to ``l`` and most Cyrillic or Greek letters to Latin ones, so a
Russian paragraph comes out as a Latin jumble.  That is exactly what matching
wants (every way of writing a word collapses to one form) and exactly what a
reader must never see; :func:`decloak.clean` is the function for readable text.

The fold is a function of one character, computed once per distinct character
and cached, so the cost is linear in the text; pure-ASCII text (most of any
English corpus) takes a ``bytes.translate`` fast path that a self-check at import
proves identical to the general path.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from .._tables.confusables import CONFUSABLES
from ..api import clean
from ..engine import TO_LATIN
from ..unicode import DEFAULT_IGNORABLE, category, is_space, normalize

__all__ = [
    "KEY_VERSION",
    "KeyWord",
    "comparison_key",
    "fold_char",
    "key_words",
    "key_words_with_spans",
    "located_key_words",
    "plain_words",
]

KEY_VERSION = 1
"""Bumped whenever the key of some text changes; recorded in every index and checked on open."""

_KEEP_CATEGORIES = frozenset("LMN")  # letters, marks, numbers survive the fold


def _skeleton_step(s: str) -> str:
    """One round of: look-alike -> Latin, UTS #39 prototype, case fold, NFKD."""
    out = []
    for ch in s:
        latin = TO_LATIN.get(ch)
        out.append(CONFUSABLES.get(latin or ch, latin or ch))
    return normalize("NFKD", "".join(out).casefold())


@functools.cache
def fold_char(ch: str) -> str:
    """The key form of one character: ``""`` (dropped), ``" "`` (a word break) or letters.

    Look-alikes go through decloak's table first (a Cyrillic ``К`` is the Latin
    ``K``), then the skeleton, case folding and NFKD are repeated until nothing
    changes (case folding can expose a new confusable: KELVIN SIGN -> ``k``).
    Punctuation and symbols are dropped unless their prototype is a letter
    (``|`` and ``∣`` fold to ``l`` because they pass for one).
    """
    if is_space(ch) or category(ch)[0] == "Z":
        return " "
    if ch in DEFAULT_IGNORABLE:
        return ""
    cat = category(ch)[0]
    if cat == "C":
        return ""
    s = normalize("NFKD", ch)
    for _ in range(8):
        nxt = _skeleton_step(s)
        if nxt == s:
            break
        s = nxt
    kept = "".join(
        c for c in s if category(c)[0] in _KEEP_CATEGORIES and c not in DEFAULT_IGNORABLE
    )
    if cat in "PS" and len(kept) != len(s):
        return ""  # a symbol whose prototype is not a letter: punctuation, drop it
    return kept


class _FoldTable(dict[int, str]):
    """``str.translate`` table that folds characters on first sight and remembers them."""

    def __missing__(self, cp: int) -> str:
        out = fold_char(chr(cp))
        self[cp] = out
        return out


_FOLD = _FoldTable()


def _ascii_tables() -> tuple[bytes, bytes, tuple[tuple[bytes, bytes], ...]]:
    """``bytes.translate`` table, deleted bytes and multi-letter expansions for ASCII."""
    table = bytearray(range(256))
    delete = bytearray()
    expand: list[tuple[bytes, bytes]] = []
    for cp in range(128):
        out = fold_char(chr(cp))
        if out == "":
            delete.append(cp)
        elif len(out) == 1:
            table[cp] = ord(out)
        else:
            # "m" -> "rn" (and "M" through case folding): map to the first
            # letter that folds to the same string, expand that letter after.
            rep = next(c for c in range(ord("a"), ord("z") + 1) if fold_char(chr(c)) == out)
            table[cp] = rep
            if (bytes([rep]), out.encode()) not in expand:
                expand.append((bytes([rep]), out.encode()))
    return bytes(table), bytes(delete), tuple(expand)


_ASCII_TABLE, _ASCII_DELETE, _ASCII_EXPAND = _ascii_tables()


def _fold_ascii(text: str) -> str:
    data = text.encode("ascii").translate(_ASCII_TABLE, _ASCII_DELETE)
    for old, new in _ASCII_EXPAND:
        data = data.replace(old, new)
    return data.decode("ascii")


def _fold_general(text: str) -> str:
    """The reference fold: every character through the table (slow: a dict lookup each)."""
    return normalize("NFKC", text).translate(_FOLD)


_ASCII_BYTES = bytes(range(128))
_FEW_CHARS = 48
"""Up to this many distinct non-ASCII characters are folded by ``str.replace``."""


def _fold_mixed(text: str) -> str:
    """The fold of text with some non-ASCII: those characters first, the rest as bytes.

    The distinct non-ASCII characters are replaced one by one with ``str.replace``
    (C speed; a regex or ``str.translate`` pass costs 3-10 times more on 2 KB of
    mostly English); text with many distinct ones (Russian, Chinese) goes through
    the table instead, which keeps the cost linear.  Equal to :func:`_fold_general`
    because the fold is idempotent (no character it produces changes when folded
    again; checked over every assigned code point in the tests): ASCII letters
    made by the first pass go through the byte pass unchanged, and the byte table
    leaves UTF-8 lead and continuation bytes alone.
    """
    s = normalize("NFKC", text)
    # the distinct non-ASCII characters: ASCII bytes deleted in C first (a set of
    # every character of a mostly-English text costs more than the whole fold)
    rest = s.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES)
    others = set(rest.decode("utf-8", "surrogatepass"))
    if len(others) > _FEW_CHARS:
        s = s.translate(_FOLD)
    else:
        for c in others:
            s = s.replace(c, _FOLD[ord(c)])
    data = s.encode("utf-8", "surrogatepass").translate(_ASCII_TABLE, _ASCII_DELETE)
    for old, new in _ASCII_EXPAND:
        data = data.replace(old, new)
    return data.decode("utf-8", "surrogatepass")


def _self_check() -> None:
    """The ASCII fast path must agree with the general fold on every ASCII character."""
    for cp in range(128):
        ch = chr(cp)
        if _fold_ascii(f"a{ch}b").split() != _fold_general(f"a{ch}b").split():
            raise AssertionError(f"ASCII fold disagrees on {ch!r}")  # pragma: no cover


_self_check()


def key_words(text: str) -> list[str]:
    """The words of the comparison key of ``text`` (what shingles are made of)."""
    cleaned = clean(text).text
    folded = _fold_ascii(cleaned) if cleaned.isascii() else _fold_mixed(cleaned)
    return folded.split()


def comparison_key(text: str) -> str:
    """The matching key of ``text``: equal for an original and its disguised copies.

    >>> comparison_key("The cat sat.") == comparison_key("Thе cаt s\\u200bat")  # Cyrillic е, а; ZWSP
    True

    Never show this string to a reader: it is folded for comparison only (Russian
    comes out as a Latin jumble, ``m`` as ``rn``); use :func:`decloak.clean`.
    """
    return " ".join(key_words(text))


class _PunctuationTable(dict[int, int | None]):
    """``str.translate`` table deleting punctuation (category P*), filled on first sight."""

    def __missing__(self, cp: int) -> int | None:
        out = None if category(chr(cp))[0] == "P" else cp
        self[cp] = out
        return out


_PLAIN = _PunctuationTable()


def plain_words(text: str) -> list[str]:
    """Words as corpus pipelines normalise them: case fold, punctuation out, nothing more.

    The baseline the disguises defeat: FineWeb, dolma and text-dedup normalise no
    further (no look-alike mapping, invisible characters kept).  The evaluation
    runs plain MinHash on these words.
    """
    return text.casefold().translate(_PLAIN).split()


@dataclass(frozen=True, slots=True)
class KeyWord:
    """One key word, the span of the input it came from and the span of the cleaned text."""

    word: str
    start: int
    end: int
    clean_start: int
    clean_end: int


def key_words_with_spans(text: str) -> list[KeyWord]:
    """Key words located in the input, for ``--explain``."""
    return located_key_words(text)[1]


def located_key_words(text: str) -> tuple[str, list[KeyWord]]:
    """The cleaned text and the key words located in the input and in the cleaned text.

    Folds the cleaned text character by character (NFKD inside the fold makes the
    whole-text NFKC step redundant except for the order of stacked combining
    marks), then maps each word back through the clean offset map.
    """
    cleaned = clean(text)
    offsets = cleaned.offsets
    out: list[KeyWord] = []
    word: list[str] = []
    start = end = 0

    def emit() -> None:
        w = "".join(word)
        out.append(KeyWord(w, offsets.to_input(start), offsets.to_input(end), start, end))

    for i, ch in enumerate(cleaned.text):
        f = _FOLD[ord(ch)]
        if f == " " or (not f and is_space(ch)):
            if word:
                emit()
                word = []
            continue
        if not f:
            continue
        if not word:
            start = i
        word.append(f)
        end = i + 1
    if word:
        emit()
    return cleaned.text, out
