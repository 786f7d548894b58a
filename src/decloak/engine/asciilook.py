"""ASCII look-alikes: ``curI`` for ``curl``, ``G00gle`` for ``Google``.

These swaps stay inside ASCII, so no script rule can see them, and legitimate
identifiers look the same (``iOS``, ``h1n1``, ``B2B``).  decloak therefore only
*flags* them, with low confidence, in the strict profile, and never repairs them.
"""

from __future__ import annotations

import re

from .. import lexicon
from ..config import Config
from ..model import Kind
from .records import Rec

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
