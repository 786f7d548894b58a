"""Look-alike forms the word rules cannot restore are still found, and a few are restored.

Why: a look-alike left inside an English word whose reading the lexicon does not know
(a program's name, ``gᴢip``) was neither repaired nor flagged, so a filter relying on
``scan`` saw clean text.  Such a character is now flagged without repair, unless the
text shows it is a letter of real writing (Turkish, Kabyle, IPA); and lone digits that
only a number can explain are restored.  Legitimate writing stays unflagged.
"""

from __future__ import annotations

import pytest

import decloak


@pytest.mark.parametrize(
    ("text", "char"),
    [
        ("The g\N{LATIN LETTER SMALL CAPITAL Z}ip command attempts to compress it.", "z"),
        ("This is a PostgreS\N{MODIFIER LETTER CAPITAL Q}L extension.", "Q"),
        ("The null\N{ARABIC LETTER HEH GOAL MEDIAL FORM}k argument overrides this.", "o"),
        ("A sample-based profile in e\N{CANADIAN SYLLABICS FULL STOP}tbinary format.", "x"),
    ],
)
def test_stray_form_inside_an_ascii_word_is_flagged_not_repaired(text: str, char: str) -> None:
    report = decloak.scan(text)
    assert report.suspicious
    (finding,) = report.findings
    assert finding.replacement == char
    assert not finding.repaired
    assert "left as it is" in finding.explanation
    assert decloak.clean(text).text == text


@pytest.mark.parametrize(
    "text",
    [
        # a living orthography's letter, alone in a short text (UTS #39 allows it)
        "Fransız Pasifik Kolonileri",
        "NumLock LED’inin anımsanan durumu.",
        "Sbadu tal\N{LATIN SMALL LETTER GAMMA}ut n tmacint",
        "Kabaaz\N{LATIN SMALL LETTER IOTA}ya",
        # two letters beyond ASCII in one word, or the same letter in two words
        "Kırmızı",
        "g\N{LATIN LETTER SMALL CAPITAL Z}ip g\N{LATIN LETTER SMALL CAPITAL Z}ap",
        # IPA in brackets, an orthography around, a formula, a power, a Latin-1 slip
        "It is pronounced [g\N{LATIN LETTER SMALL CAPITAL I}t] there.",
        "The formula p\N{LOGICAL OR}q holds.",
        "Let a\N{MULTIPLICATION SIGN}b be the product, and a\N{SUPERSCRIPT TWO}b the term.",
        "jushaka\N{INVERTED EXCLAMATION MARK}n puyatjusa shiig",
        # a modifier letter ending a short word is notation
        "the sum of a\N{LATIN SUBSCRIPT SMALL LETTER I} over all i",
    ],
)
def test_real_writing_is_not_flagged(text: str) -> None:
    assert decloak.scan(text).findings == ()
    assert decloak.clean(text).text == text
