"""The ASCII vertical line standing in for an l inside a word (``va|ue``).

Why: public attack tools write ``defau|t`` and ``|ooks``; no script rule saw it, since
the vertical line is ASCII, and ASCII look-alikes are only flagged in the strict
profile.  A vertical line is never a letter, so where reading it as l spells a known
word it is repaired in every profile; where it is an operator, a separator, a table's
rule or a list of alternatives it stays.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import decloak
from decloak.model import Kind


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the va|ue is set", "the value is set"),
        ("the defau|t.target unit", "the default.target unit"),
        ("It |ooks fine to me", "It looks fine to me"),
        ("the |ength of the string", "the length of the string"),
        ("a |ong time", "a long time"),
        ("it wil| be done", "it will be done"),  # ending a word before a space
        ("it is stil|.", "it is still."),  # or a mark ending the sentence
        (
            "the va|ue of \N{LATIN SMALL LETTER N WITH TILDE}",
            "the value of \N{LATIN SMALL LETTER N WITH TILDE}",
        ),
    ],
)
def test_a_vertical_line_inside_a_word_is_its_l(text: str, expected: str) -> None:
    assert decloak.clean(text).text == expected
    assert decloak.clean(expected).text == expected


def test_the_finding_names_the_vertical_line() -> None:
    (finding,) = decloak.scan("the va|ue is set").findings
    assert finding.kind is Kind.HOMOGLYPH
    assert (finding.start, finding.end, finding.replacement) == (6, 7, "l")
    assert "U+007C VERTICAL LINE" in finding.explanation
    assert "'value'" in finding.explanation


@pytest.mark.parametrize(
    "text",
    [
        "ls|less and cut|sort",  # shell pipes read as no word
        "| name | value |",
        "|link|  |ength|",  # a table's cells
        '.\\" |import X            |X   | module   |imported          |',
        "colou|r or gr|ey",
        "[[Apple|apples]]",
        "x = a|b|c",
        "match (is|as) here",  # a group of alternatives ("islas" is Spanish)
        "-c, --chuid username|uid",
        "the start|end pair and on|using",
        "--secure-protocol=auto|pfs",
        "BEGIN|END and Array|Element",
        "|t is",  # too short to say
        "Stuff like @(.foo|.bar) is code",  # a line ending a word before code
        "ls| grep x and echo| tee",  # a pipe glued to a command
    ],
)
def test_operators_tables_and_alternatives_stay(text: str) -> None:
    assert decloak.clean(text).text == text
    assert not decloak.scan(text).findings


def test_report_profile_finds_without_repairing() -> None:
    result = decloak.clean("the va|ue is set", config="report")
    assert result.text == "the va|ue is set"
    assert result.findings and not result.findings[0].repaired


def test_lint_leaves_the_vertical_line_to_code(tmp_path: Path) -> None:
    """In code a vertical line is an operator (``flags = va|ue``), and nothing about it is
    hidden from a reviewer, so ``decloak lint`` does not report it."""
    src = tmp_path / "m.py"
    src.write_text('x = va|ue\ny = "the va|ue"\n', encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "decloak", "lint", str(src)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 findings" in proc.stdout + proc.stderr


def test_one_vertical_line_does_not_slow_clean_text() -> None:
    """Clean prose holding one vertical line costs about what it costs without one.  A
    regular expression with no literal to skip to, tried at every character, made
    such text 50 times slower to clean (the vertical line also took it off the fast
    path for text with nothing to judge)."""
    from _timing import cpu_cost

    # paragraphs, each a unit to judge, with a letter beyond ASCII
    prose = "The quick brown fox jumps at the caf\N{LATIN SMALL LETTER E WITH ACUTE}.\n\n" * 6000
    with_bar = prose + "cat file | sort\n"
    plain = prose + "cat file and sort\n"
    decloak.clean(with_bar)
    ratio = cpu_cost(lambda: decloak.clean(with_bar), repeat=5) / cpu_cost(
        lambda: decloak.clean(plain), repeat=5
    )
    assert ratio < 3.0, ratio
