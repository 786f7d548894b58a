"""The library API: findings, plans, offsets, explain, config."""

from __future__ import annotations

import dataclasses

import pytest

import decloak
from decloak import Kind


def test_finding_fields() -> None:
    text = "Pay with your cаrd"
    r = decloak.scan(text)
    (f,) = r.findings
    assert (f.start, f.end, f.kind, f.text, f.replacement) == (15, 16, Kind.HOMOGLYPH, "а", "a")
    assert f.chars[0].label == "U+0430 CYRILLIC SMALL LETTER A"
    assert f.chars[0].script == "Cyrillic"
    assert 0 < f.confidence <= 1
    assert "c[а]rd" in f.explanation
    assert 0 < r.score <= 1
    with pytest.raises(dataclasses.FrozenInstanceError):
        f.start = 3  # type: ignore[misc]


def test_clean_edits_and_offsets() -> None:
    text = "a\u200bb тeкст"  # ZWSP removed; Latin e in a Russian word
    c = decloak.clean(text)
    assert c.text == "ab текст"
    kinds = [e.kind for e in c.edits]
    assert kinds == [Kind.INVISIBLE, Kind.HOMOGLYPH]
    e0, e1 = c.edits
    assert (e0.input_start, e0.input_end, e0.output_start, e0.output_end) == (1, 2, 1, 1)
    assert (e1.before, e1.after) == ("e", "е")
    m = c.offsets
    assert [m.to_input(i) for i in range(len(c.text) + 1)] == [0, 2, 3, 4, 5, 6, 7, 8, 9]
    assert m.to_output(1) == 1 and m.to_output(2) == 1 and m.to_output(9) == 8


def test_apply_plan_replays_and_refuses_other_text() -> None:
    text = "Тhe quick brоwn fox\u200b jumps"
    c = decloak.clean(text)
    assert decloak.apply_plan(text, c.plan) == c.text
    again = decloak.Plan.from_json(c.plan.to_json())
    assert decloak.apply_plan(text, again) == c.text
    with pytest.raises(ValueError, match="plan is for a text of 26 code points, this one has 3"):
        decloak.apply_plan("abc", c.plan)
    other = "X" + text[1:]
    with pytest.raises(ValueError, match="plan step 0 expects 'Т' at 0, the text differs"):
        decloak.apply_plan(other, c.plan)


def test_report_profile_changes_nothing() -> None:
    text = "Тhe quick brоwn fox"
    c = decloak.clean(text, "report")
    assert c.text == text and not c.changed
    assert c.findings and not any(f.repaired for f in c.findings)


def test_strict_profile_flags_ascii_lookalikes_without_repair() -> None:
    r = decloak.scan("run curI to fetch it", "strict")
    (f,) = r.findings
    assert f.kind is Kind.ASCII_LOOKALIKE and f.replacement == "curl" and not f.repaired
    assert decloak.clean("run curI to fetch it", "strict").text == "run curI to fetch it"
    assert decloak.scan("run curI to fetch it").findings == ()


def test_config_options_and_profiles() -> None:
    cfg = decloak.Config().with_options(invisibles=False)
    c = decloak.clean("pass\u200bword", cfg)
    assert c.text == "pass\u200bword"
    assert c.findings[0].kind is Kind.INVISIBLE and not c.findings[0].repaired
    with pytest.raises(
        ValueError, match="unknown profile 'loose' \\(choose from: default, strict, report\\)"
    ):
        decloak.clean("x", "loose")
    with pytest.raises(TypeError, match="decloak works on str, not bytes; decode bytes first"):
        decloak.clean(b"x")  # type: ignore[arg-type]


def test_explain_lists_non_ascii_and_invisibles() -> None:
    rows = decloak.explain("cаt\u200b é")
    assert [(r.position, r.codepoint, r.verdict) for r in rows] == [
        (1, 0x430, "homoglyph"),
        (3, 0x200B, "invisible"),
        (5, 0xE9, "ok"),
    ]
    assert rows[0].name == "CYRILLIC SMALL LETTER A" and rows[0].script == "Cyrillic"


def test_lone_surrogate_is_removed() -> None:
    c = decloak.clean("ab\ud800cd")
    assert c.text == "abcd"
    c.text.encode("utf-8")


def test_bom_only_at_offset_zero_is_kept() -> None:
    assert decloak.clean("\ufeffabc").text == "\ufeffabc"
    assert decloak.clean("ab\ufeffc").text == "abc"


def test_unicode_version() -> None:
    assert decloak.UNICODE_VERSION == "18.0.0"


def test_zero_width_payload_never_decodes_to_a_surrogate() -> None:
    # three symbols: ZWJ separates characters, ZWSP/ZWNJ are bits; 0xD800 = 1101100000000000
    bits = f"{0xD800:b}".replace("0", "\u200b").replace("1", "\u200c")
    r = decloak.scan("a" + bits + "\u200d" + bits + "\u200d" + "b")
    for p in r.payloads:
        p.encode("utf-8")
    import json

    json.dumps(r.to_dict(), ensure_ascii=False).encode("utf-8")


def test_an_unrepaired_finding_stays_whole_beside_a_repair() -> None:
    """A repair elsewhere in the text (stage A's) made the strict profile report
    ``curI`` as four one-letter findings: records are split per character to be
    mapped back through stage A's edits, and unrepaired ones were split too."""
    alone = decloak.scan("curI here", "strict").findings
    beside = decloak.scan("x\u200by\n\ncurI here", "strict").findings
    assert [(f.kind.value, f.text, f.replacement) for f in alone] == [
        ("ascii-lookalike", "curI", "curl")
    ]
    assert [(f.kind.value, f.text, f.replacement) for f in beside] == [
        ("invisible", "\u200b", ""),
        ("ascii-lookalike", "curI", "curl"),
    ]


def test_explanations_mark_and_name_the_foreign_letters() -> None:
    """'the word 'cаrd', which reads 'card'' showed two strings that look the same."""
    (f,) = decloak.scan("Pay with your c\u0430rd").findings
    assert "the word 'c[\u0430]rd', which reads 'card'" in f.explanation
    assert "\u0430 is U+0430 CYRILLIC SMALL LETTER A" in f.explanation
    (g,) = decloak.scan("Привет мир и мoй дом").findings  # a Latin o in a Russian word
    assert "'м[o]й', which reads 'мой'" in g.explanation and "U+006F" in g.explanation
