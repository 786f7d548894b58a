"""Disguise patterns: what happened to a document as a whole, not only to each letter.

A scraped article whose second half has every ``a`` swapped for Cyrillic ``а`` once gave
one block per letter (549 lines for 183 letters) and nothing that said what happened.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import NamedTuple

from hypothesis import given, settings
from hypothesis import strategies as st

import decloak
from decloak.model import Kind
from decloak.patterns import MAX_KEYS, PatternCounter, find_patterns
from tests.conftest import run_cli

ROOT = Path(__file__).resolve().parent.parent
LETTER_KINDS = {Kind.HOMOGLYPH, Kind.COMPAT_LETTER, Kind.ASCII_LOOKALIKE}


def english_article(paragraphs: int = 16) -> str:
    """Paragraphs of the GPL-3 as the evaluation set holds them (real English prose)."""
    seen: list[str] = []
    with (ROOT / "eval" / "data" / "attacks.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            case = json.loads(line)
            if case["source"] != "license:GPL-3":
                continue
            for para in case["expected"].split("\n\n"):
                if para.strip() and para not in seen:
                    seen.append(para)
    assert len(seen) >= paragraphs
    return "\n\n".join(seen[:paragraphs]) + "\n"


def second_half_swapped(text: str) -> tuple[str, int]:
    """Every ``a`` of the second half (from the paragraph nearest the middle) made Cyrillic."""
    middle = text.index("\n\n", len(text) // 2) + 2
    return text[:middle] + text[middle:].replace("a", "\u0430"), middle


def test_a_swapped_article_leads_with_one_pattern_line(tmp_path: Path) -> None:
    original = english_article()
    article, middle = second_half_swapped(original)
    assert decloak.scan(original).findings == ()
    count = article.count("\u0430")
    first = article.index("\u0430")
    last = article.rindex("\u0430")
    line_start = article.count("\n", 0, first) + 1
    line_end = article.count("\n", 0, last) + 1
    summary = (
        f"from line {line_start} to the end, every 'a' ({count} of {count}) is Cyrillic 'а' U+0430"
    )
    p = tmp_path / "article.txt"
    p.write_text(article, encoding="utf-8")

    r = run_cli("scan", str(p))
    assert r.code == 0
    lines = r.text.splitlines()
    assert lines[0] == f"suspicious, score 1.00: {count} findings (homoglyph {count})"
    assert lines[1] == f"  pattern: {summary}"
    assert lines[2].startswith(f"  {line_start}:")
    assert sum(line.startswith("  pattern:") for line in lines) == 1

    r = run_cli("scan", "--json", str(p))
    patterns = json.loads(r.text)["patterns"]
    assert patterns == [
        {
            "kind": "homoglyph",
            "from": "a",
            "to": "\u0430",
            "count": count,
            "share": 1.0,
            "start": first,
            "end": last + 1,
            "line_start": line_start,
            "line_end": line_end,
            "summary": summary,
        }
    ]
    assert first >= middle
    assert decloak.scan(article).patterns[0].to_dict() == patterns[0]


def test_share_counts_the_intended_letter_left_as_it_is() -> None:
    text = "a cat\nhаs а hаt and a bat\nthe end\n"  # 3 Cyrillic а among 7 a on lines 1-2
    (p,) = decloak.scan(text).patterns
    assert (p.intended, p.disguise, p.count, p.line_start, p.line_end) == ("a", "а", 3, 2, 2)
    assert (p.start, p.end) == (7, 14)
    # inside the span [7, 14) "hаs а hа" no 'a' is left as it is; a later one is
    assert p.share == 1.0
    assert p.summary == "on line 2, every 'a' (3 of 3) is Cyrillic 'а' U+0430"
    (p,) = decloak.scan("wаs a cat hаt\n").patterns
    assert (p.count, p.share) == (2, 2 / 4)
    assert p.summary == "on line 1, 2 of 4 'a' (50%) are Cyrillic 'а' U+0430"


def test_invisibles_and_whole_findings_have_patterns() -> None:
    text = "pass\u200bword\nin\u200bvisible\nmore\u200bink\n\nThose akk\b\bre the rules.\n"
    report = decloak.scan(text)
    by_kind = {p.kind: p for p in report.patterns}
    zw = by_kind[Kind.INVISIBLE]
    assert (zw.intended, zw.disguise, zw.count, zw.share) == ("", "\u200b", 3, 1.0)
    assert zw.summary == "from line 1 to line 3, 3 invisible U+200B ZERO WIDTH SPACE"
    bs = by_kind[Kind.DELETION]
    assert (bs.intended, bs.disguise) == ("", "")
    assert bs.count == report.kinds["deletion"]
    assert bs.summary.startswith("on line 5, ")


def test_report_json_has_patterns_before_findings() -> None:
    d = decloak.scan("Pay with your c\u0430rd").to_dict()
    assert list(d) == ["suspicious", "score", "length", "kinds", "patterns", "findings"]
    assert set(d["patterns"][0]) == {
        "kind",
        "from",
        "to",
        "count",
        "share",
        "start",
        "end",
        "line_start",
        "line_end",
        "summary",
    }


def test_keys_beyond_the_cap_fold_into_one_per_kind() -> None:
    text = "".join(chr(0x4E00 + k) for k in range(MAX_KEYS + 10))
    counter = PatternCounter()
    counter.add(text, [Shifted(i, i + 1, Kind.HOMOGLYPH, "x") for i in range(len(text))])
    patterns = counter.patterns()
    assert len(patterns) <= MAX_KEYS + 1
    assert sum(p.count for p in patterns) == len(text)
    assert any(p.disguise == "" for p in patterns)


# --- properties ------------------------------------------------------------------------

WORDS = ["park", "card", "paypal", "account", "verify", "the", "city", "families", "Apple"]
SWAPS = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "y": "у", "x": "х", "i": "і"}
EXTRA = ["\u200b", "\u00ad", "\u200d", "ａ", "𝐚", "\n", "\n\n", " ", ". "]

documents = st.lists(
    st.one_of(
        st.sampled_from(WORDS).flatmap(
            lambda w: st.lists(st.booleans(), min_size=len(w), max_size=len(w)).map(
                lambda flips: "".join(
                    SWAPS[c] if flip and c in SWAPS else c for c, flip in zip(w, flips, strict=True)
                )
            )
        ),
        st.sampled_from(EXTRA),
    ),
    max_size=80,
).map(" ".join)


def _disguised_letters(text: str, report: decloak.Report) -> int:
    """Per-character disguised letters: characters of a letter finding that differ from
    its replacement of the same length."""
    n = 0
    for f in report.findings:
        if f.kind in LETTER_KINDS and f.replacement and len(f.replacement) == len(f.text):
            n += sum(a != b for a, b in zip(f.text, f.replacement, strict=True))
    return n


@settings(max_examples=150, deadline=None)
@given(documents, st.sampled_from(["default", "strict"]))
def test_pattern_counts_sum_to_the_disguised_letters(text: str, profile: str) -> None:
    report = decloak.scan(text, profile)
    letters = [
        p
        for p in report.patterns
        if p.kind in LETTER_KINDS and len(p.intended) == 1 and len(p.disguise) == 1
    ]
    assert sum(p.count for p in letters) == _disguised_letters(text, report)
    invisible = sum(f.end - f.start for f in report.findings if f.kind is Kind.INVISIBLE)
    assert sum(p.count for p in report.patterns if p.kind is Kind.INVISIBLE) == invisible
    for p in report.patterns:
        assert 0 <= p.start < p.end <= len(text)
        assert p.line_start == text.count("\n", 0, p.start) + 1
        assert p.line_end >= p.line_start
        assert 0 < p.share <= 1
        if p in letters:
            assert text[p.start] == p.disguise and text[p.end - 1] == p.disguise
            left = text.count(p.intended, p.start, p.end)
            assert p.share == p.count / (p.count + left)


@settings(max_examples=60, deadline=None)
@given(documents, st.lists(st.integers(0, 400), max_size=6))
def test_patterns_from_pieces_equal_patterns_of_the_whole(text: str, cuts: list[int]) -> None:
    """Any cut that does not split a finding gives the same patterns (lines and shares too)."""
    recs = decloak.scan(text).findings
    whole = find_patterns(text, recs)
    inside = {i for f in recs for i in range(f.start + 1, f.end)}
    points = sorted({c for c in cuts if c < len(text) and c not in inside} | {0, len(text)})
    counter = PatternCounter()
    for a, b in itertools.pairwise(points):
        shifted = [
            Shifted(f.start - a, f.end - a, f.kind, f.replacement) for f in recs if a <= f.start < b
        ]
        counter.add(text[a:b], shifted)
    assert counter.patterns() == whole


class Shifted(NamedTuple):
    start: int
    end: int
    kind: Kind
    replacement: str | None
