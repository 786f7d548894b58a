"""Cost grows linearly with the input, on inputs built to make it grow faster.

Each adversarial input is cleaned at n and 4n characters; linear cost gives a
ratio near 4, quadratic cost near 16.  The bound (8) compares the two sizes in
the same process, so it holds on a slow or busy machine; wall-clock thresholds
would not.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from _timing import cpu_cost

import decloak

N = 12_000
RATIO_BOUND = 8.0

_SATURATED_DIGITS = (
    "\N{MATHEMATICAL BOLD SMALL A}\N{MATHEMATICAL BOLD DIGIT ONE}\N{MATHEMATICAL BOLD DIGIT ONE} "
    "\N{MATHEMATICAL BOLD SMALL T}\N{MATHEMATICAL BOLD SMALL Y}\N{MATHEMATICAL BOLD SMALL P}"
    "\N{MATHEMATICAL BOLD SMALL I}\N{MATHEMATICAL BOLD SMALL C}\N{MATHEMATICAL BOLD SMALL A}"
    "\N{MATHEMATICAL BOLD DIGIT ONE}\N{MATHEMATICAL BOLD DIGIT ONE}\N{MATHEMATICAL BOLD SMALL Y} "
    "\N{MATHEMATICAL BOLD CAPITAL C}\N{MATHEMATICAL BOLD CAPITAL A}\N{MATHEMATICAL BOLD CAPITAL U}"
    "\N{MATHEMATICAL BOLD CAPITAL T}\N{MATHEMATICAL BOLD DIGIT ONE}\N{MATHEMATICAL BOLD DIGIT ZERO}"
    "\N{MATHEMATICAL BOLD CAPITAL N} \N{MATHEMATICAL BOLD DIGIT EIGHT}\N{SMALL EM DASH}"
    "\N{MATHEMATICAL BOLD SMALL B}\N{MATHEMATICAL BOLD SMALL I}\N{MATHEMATICAL BOLD SMALL T} "
)
"""A line disguised throughout, with digits for letters and a dash look-alike (28 characters)."""

ADVERSARIAL: dict[str, Callable[[int], str]] = {
    "combining marks on one base": lambda n: "а" + "\u0301" * n,
    "nested overrides": lambda n: "\u202e" * (n // 2) + "x" + "\u202c" * (n // 2),
    "nested isolates": lambda n: "\u2066" * (n // 2) + "x" + "\u2069" * (n // 2),
    "alternating bidi controls": lambda n: "\u202eab\u202c\u2066cd\u2069" * (n // 8),
    "overrides in one RTL line": lambda n: "שלום \u202eabc\u202c " * (n // 12),
    "tag characters": lambda n: "x" + "".join(chr(0xE0020 + k % 90) for k in range(n)),
    "variation selectors": lambda n: "a" + "".join(chr(0xFE00 + k % 16) for k in range(n)),
    "zero-width run": lambda n: "a" + "\u200b\u200c" * (n // 2) + "b",
    "invisibles then backspaces": lambda n: "x" + "\u200b" * (n // 2) + "\b" * (n // 2),
    "backspaces at a line start": lambda n: "\n" + "\u200b" * (n // 2) + "\b" * (n // 2),
    "soft hyphens between letters": lambda n: "ab\u00ad" * (n // 3),
    "every letter disguised": lambda n: "Тһе quісk brоwn fох јumрѕ оvеr thе lаzу dоg. " * (n // 45),
    "one long line of words": lambda n: "wоrd\u200b " * (n // 6),
    "escape sequences": lambda n: "\x1b[31mx" * (n // 6),
    "one huge word": lambda n: "а" + "b" * n,
    "vertical lines in words": lambda n: "the va|ue of |ength\n" * (n // 20),
    "vertical lines on one line": lambda n: "va|ue " * (n // 6),
    "manual sections on one line": lambda n: "see ab(\N{TIFINAGH LETTER YAN}) " * (n // 11),
    "names ending in an O look-alike": lambda n: (
        "the argv\N{OLD ITALIC LETTER O} name " * (n // 19)
    ),
    "technical letters in unknown words": lambda n: (
        "the qx\N{LATIN LETTER SMALL CAPITAL Z}ipw word and more words " * (n // 37)
    ),
    "digits for letters disguised throughout": lambda n: _SATURATED_DIGITS * (n // 28),
}


def _cost(text: str) -> float:
    return cpu_cost(lambda: decloak.clean(text))


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_cost_is_linear(name: str) -> None:
    make = ADVERSARIAL[name]
    small, big = _cost(make(N)), _cost(make(4 * N))
    assert big / small < RATIO_BOUND, f"{name}: 4x input cost {big / small:.1f}x"


def test_one_long_paragraph_with_scattered_disguises_is_linear() -> None:
    """The unit walk once searched to the paragraph's end from every unit: quadratic
    on one long line (50 MB took 1.1 s instead of 0.35 s).  Big enough to show it."""

    def make(n: int) -> str:
        block = "the park would bring families back to the city " * 40
        return (block + "the p\u0430rk ") * (n // (len(block) + 10))

    small, big = _cost(make(12_500_000)), _cost(make(50_000_000))
    assert big / small < RATIO_BOUND, f"4x input cost {big / small:.1f}x"
