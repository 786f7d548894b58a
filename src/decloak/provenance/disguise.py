"""Synthetic disguises, as content farms and evasion papers apply them.

For testing a pipeline (does my dedup still see this copy?), and for
decloak's tests and provenance benchmark.  The evaluation
(``eval/provenance_data.py``) keeps its own versions on purpose, written from
the Unicode files rather than from decloak's tables, so that it does not grade
decloak on its own assumptions.  Every function is deterministic given its ``rng``.
The look-alikes come from decloak's own table (``engine.TO_LATIN`` inverted),
i.e. from UTS #39 data, not from a hand-picked list.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from string import ascii_letters as ASCII_LETTERS

from ..engine import TO_LATIN

__all__ = [
    "DISGUISES",
    "LOOKALIKES",
    "excerpt",
    "half_swap",
    "lookalike_swap",
    "math_bold",
    "mixture",
    "zero_width",
]


def _lookalikes() -> dict[str, str]:
    """Latin letter -> one look-alike (Cyrillic first, then Greek, then anything)."""
    by_letter: dict[str, list[str]] = {}
    for foreign, latin in TO_LATIN.items():
        if len(latin) == 1 and latin in ASCII_LETTERS:
            by_letter.setdefault(latin, []).append(foreign)

    def rank(ch: str) -> tuple[int, int]:
        cp = ord(ch)
        return (0 if 0x400 <= cp < 0x530 else 1 if 0x370 <= cp < 0x400 else 2, cp)

    return {latin: min(chars, key=rank) for latin, chars in sorted(by_letter.items())}


LOOKALIKES: dict[str, str] = _lookalikes()
"""One look-alike for every Latin letter that has one (``a`` -> Cyrillic ``а``)."""
_SWAP: dict[int, str] = {ord(k): v for k, v in LOOKALIKES.items()}

_INVISIBLES = ("\u200b", "\u200c", "\u200d", "\u2060")
_WORD = re.compile(r"[A-Za-z]{4,}")


def half_swap(text: str, rng: random.Random | None = None) -> str:
    """The content-farm trick: every ``a`` in the second half becomes Cyrillic ``а``."""
    half = len(text) // 2
    return text[:half] + text[half:].replace("a", "\u0430")


def lookalike_swap(text: str, rng: random.Random | None = None) -> str:
    """Every letter that has a look-alike is swapped for it."""
    return text.translate(_SWAP)


def zero_width(text: str, rng: random.Random | None = None) -> str:
    """A zero-width character inside every word of four letters or more."""
    r = rng or random.Random(0)

    def insert(m: re.Match[str]) -> str:
        w = m.group(0)
        k = r.randrange(1, len(w))
        return w[:k] + r.choice(_INVISIBLES) + w[k:]

    return _WORD.sub(insert, text)


def _bold(ch: str) -> str:
    if "A" <= ch <= "Z":
        return chr(0x1D400 + ord(ch) - ord("A"))
    if "a" <= ch <= "z":
        return chr(0x1D41A + ord(ch) - ord("a"))
    return ch


def math_bold(text: str, rng: random.Random | None = None) -> str:
    """Letters written in MATHEMATICAL BOLD (what "fancy text" generators produce)."""
    return "".join(_bold(c) for c in text)


def excerpt(text: str, rng: random.Random | None = None, share: float = 0.6) -> str:
    """A contiguous ``share`` of the words, starting at a random word."""
    r = rng or random.Random(0)
    spans = [m.span() for m in re.finditer(r"\S+", text)]
    if not spans:
        return text
    n = max(1, round(len(spans) * share))
    first = r.randrange(0, len(spans) - n + 1)
    return text[spans[first][0] : spans[first + n - 1][1]]


def mixture(text: str, rng: random.Random | None = None) -> str:
    """Two or three of the other disguises, in sequence (an excerpt always first)."""
    r = rng or random.Random(0)
    picks = r.sample([half_swap, lookalike_swap, zero_width, math_bold], r.choice((2, 3)))
    if r.random() < 0.5:
        text = excerpt(text, r)
    for f in picks:
        if f is math_bold and lookalike_swap in picks:
            continue  # bold look-alikes do not exist; keep the look-alike layer
        text = f(text, r)
    return text


DISGUISES: dict[str, Callable[[str, random.Random], str]] = {
    "half-swap": half_swap,
    "look-alike swap": lookalike_swap,
    "zero-width": zero_width,
    "math-bold": math_bold,
    "excerpt 60% + look-alikes": lambda t, r: (
        half_swap(lookalike_swap(excerpt(t, r)), r)
        if r.random() < 0.5
        else zero_width(half_swap(excerpt(t, r)), r)
    ),
    "mixture": mixture,
}
"""The disguises, by name: the same kinds as the evaluation's."""
