"""Look-alike coverage by construction: every character of the whole table, in real prose.

Issue 14 asks for coverage that comes from the confusables table and NFKC, not from a
list of favourite examples.  :data:`decloak.engine.classes.READINGS` is that table
(every character whose UTS #39 skeleton or NFKC form is an ASCII letter or digit).  Each
of its characters is put where its first reading belongs in sentences of real English
prose (the licence texts the evaluation draws from):

- a lowercase reading inside a lowercase word of six letters or more;
- an uppercase reading at the start of a capitalised word, and inside an all-capitals
  acronym;
- a digit inside a number of four digits;

and ``clean`` must give the sentence back.  What the engine deliberately leaves is
excluded by rule, each rule with its reason (:func:`_left_by_design`), never by listing
characters.  The legitimate side (Turkish ``ı``, IPA, Hausa, maths Greek, UDHR) is
covered by the evaluation's legitimate rows and ``test_eval_udhr.py``.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import decloak
from decloak.engine.classes import POSITIONAL_DIGITS, READINGS
from decloak.unicode import char_name

SENTENCES = (
    "Permission is hereby granted, free of charge, to any person obtaining a copy of this "
    "software and associated documentation files.",
    "This program is distributed in the hope that it will be useful, but without any "
    "warranty; without even the implied warranty of merchantability.",
    "You should have received a copy of the license along with this program; if not, "
    "write to the Free Software Foundation.",
    "Quickly jumping zebras vex the lazy wizard who keeps a box of quartz beside the window.",
    "The majority of projects frequently use complex examples; anything else is rarely enjoyed.",
    "However, the General Public License of the Berkeley and Apache projects, like the Java, "
    "Xerox and Yahoo licences, says Whatever its authors wrote. Notwithstanding that, Zero "
    "warranty is given.",
    "Version 2024 of the package was released in 1998 with 3576 pages, 4136 fixes, 7841 "
    "tests and 9638 notes.",
    "The JSON API returns XML when the HTTP header asks for it, as the GPL text and the "
    "BSD text say of WIKI pages, ZIP files, MIDI and ALSA sound and QUERY VECTOR formats.",
)
"""Real English prose (licence texts), with lines written so that every letter has a
word to sit in (inside a long lowercase word, at the start of a capitalised one, inside
an acronym) and every digit a number."""


def _words() -> list[tuple[int, int, str]]:
    """(sentence, offset, word) for every word of the sentences."""
    out = []
    for n, s in enumerate(SENTENCES):
        k = 0
        for w in s.split(" "):
            core = w.strip(".,;")
            out.append((n, k + w.index(core) if core else k, core))
            k += len(w) + 1
    return out


WORDS = _words()


def _spot(reading: str) -> tuple[int, int] | None:
    """(sentence, position) where ``reading`` belongs: see the module docstring."""
    for n, off, w in WORDS:
        if reading.isdigit():
            if len(w) == 4 and w.isdigit() and reading in w[1:-1]:
                return n, off + w.index(reading, 1)
        elif reading.islower():
            if len(w) >= 6 and w.isalpha() and w.islower() and reading in w[1:-1]:
                return n, off + w.index(reading, 1)
        elif w[:1] == reading and len(w) >= 4 and w[1:].islower():
            return n, off
    for n, off, w in WORDS:  # an uppercase reading no capitalised word starts with
        if reading.isupper() and len(w) >= 3 and w.isupper() and reading in w[1:-1]:
            return n, off + w.index(reading, 1)
    return None


def _left_by_design(ch: str) -> str | None:
    """Why ``ch`` is left where these spots put it, or None."""
    if ch in POSITIONAL_DIGITS:
        return "a superscript or subscript digit in a number is a power or an index (10²)"
    return None


def _cases() -> Iterator[tuple[str, str, str]]:
    for ch in sorted(READINGS):
        reading = READINGS[ch][0]
        spot = _spot(reading)
        if spot is None or _left_by_design(ch):
            continue
        n, k = spot
        original = SENTENCES[n]
        yield ch, original, original[:k] + ch + original[k + 1 :]


CASES = list(_cases())


def test_the_cases_cover_the_table() -> None:
    """Every letter and digit of ASCII has a spot, so no character of the table is
    skipped for want of a sentence."""
    for r in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789":
        assert _spot(r) is not None, r
    skipped = [ch for ch in READINGS if _left_by_design(ch)]
    assert len(CASES) + len(skipped) == len(READINGS)


@pytest.mark.parametrize(
    ("ch", "original", "attacked"),
    CASES,
    ids=[f"U+{ord(c):04X}" for c, _, _ in CASES],
)
def test_every_lookalike_in_prose_is_restored(ch: str, original: str, attacked: str) -> None:
    result = decloak.clean(attacked)
    assert result.text == original, f"{ch!r} {char_name(ch)} left in {attacked!r}"
