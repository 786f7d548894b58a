"""The comparison key: equal for an original and every disguised copy of it."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from decloak.provenance.disguise import (
    DISGUISES,
    LOOKALIKES,
    half_swap,
    lookalike_swap,
    math_bold,
    mixture,
    zero_width,
)
from decloak.provenance.key import (
    _fold_ascii,
    _fold_general,
    _fold_mixed,
    comparison_key,
    fold_char,
    key_words,
    key_words_with_spans,
    plain_words,
)

VOCAB = [
    "the",
    "of",
    "and",
    "to",
    "a",
    "in",
    "is",
    "you",
    "that",
    "it",
    "he",
    "was",
    "for",
    "on",
    "are",
    "as",
    "with",
    "his",
    "they",
    "I",
    "at",
    "be",
    "this",
    "have",
    "from",
    "or",
    "one",
    "had",
    "by",
    "word",
    "but",
    "not",
    "what",
    "all",
    "were",
    "we",
    "when",
    "your",
    "can",
    "said",
    "there",
    "use",
    "an",
    "each",
    "which",
    "she",
    "do",
    "how",
    "their",
    "if",
    "will",
    "up",
    "other",
    "about",
    "out",
    "many",
    "then",
    "them",
    "these",
    "so",
    "some",
    "her",
    "would",
    "make",
    "like",
    "him",
    "into",
    "time",
    "has",
    "look",
    "two",
    "more",
    "write",
    "go",
    "see",
    "number",
    "no",
    "way",
    "could",
    "people",
    "my",
    "than",
    "first",
    "water",
    "been",
    "call",
    "who",
    "oil",
    "its",
    "now",
    "find",
    "long",
    "down",
    "day",
    "did",
    "get",
    "come",
    "made",
    "may",
    "part",
    "license",
    "software",
    "warranty",
    "Apache",
    "copyright",
    "permission",
    "distribute",
    "modify",
    "program",
    "source",
    "Michael",
    "Alice",
    "Bob",
    "Ivan",
    "January",
    "March",
    "I'm",
    "don't",
    "state-of-the-art",
    "e.g.",
    "U.S.",
    "2024",
    "10%",
    "(c)",
]

words = st.lists(st.sampled_from(VOCAB), min_size=1, max_size=60)
seps = st.sampled_from([" ", " ", " ", ", ", ". ", "\n", "; ", " - ", "\n\n"])


@st.composite
def english(draw: st.DrawFn) -> str:
    ws = draw(words)
    out = [ws[0].capitalize()]
    for w in ws[1:]:
        out.append(draw(seps))
        out.append(w)
    out.append(draw(st.sampled_from([".", "!", "?", ""])))
    return "".join(out)


ATTACKS = {
    "half-swap": half_swap,
    "look-alike swap": lookalike_swap,
    "zero-width": zero_width,
    "math-bold": math_bold,
    "mixture": mixture,
}


@pytest.mark.parametrize("name", sorted(ATTACKS))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=english(), seed=st.integers(0, 2**16))
def test_key_survives_every_disguise(name: str, text: str, seed: int) -> None:
    attacked = ATTACKS[name](text, random.Random(seed))
    if name == "mixture":  # may take an excerpt: its key is a run of the original's words
        key, sub = comparison_key(text), comparison_key(attacked)
        assert f" {sub} " in f" {key} "
    else:
        assert comparison_key(attacked) == comparison_key(text)


@settings(max_examples=60, deadline=None)
@given(text=english(), seed=st.integers(0, 2**16))
def test_partial_lookalikes_anywhere(text: str, seed: int) -> None:
    """Swapping any subset of letters (not just all, or just 'a') keeps the key."""
    rng = random.Random(seed)
    attacked = "".join(LOOKALIKES.get(c, c) if rng.random() < 0.3 else c for c in text)
    assert comparison_key(attacked) == comparison_key(text)


@settings(max_examples=100, deadline=None)
@given(st.text(st.characters(max_codepoint=127), max_size=80))
def test_ascii_fast_path_equals_general_fold(text: str) -> None:
    assert _fold_ascii(text).split() == _fold_general(text).split()


def test_disguises_defeat_the_plain_baseline() -> None:
    text = "The application was released in March and many users had a good day."
    for name, attack in DISGUISES.items():
        if "excerpt" in name:
            continue
        attacked = attack(text, random.Random(1))
        assert plain_words(attacked) != plain_words(text), name
        key, sub = comparison_key(text), comparison_key(attacked)
        assert f" {sub} " in f" {key} ", name


def test_key_is_for_matching_only() -> None:
    """Russian folds to a Latin jumble: why the key is never shown as text."""
    assert comparison_key("Мама мыла раму") != "мама мыла раму"
    assert comparison_key("Mama") == "rnarna"  # UTS #39 skeleton: m -> rn


def test_fold_char_classes() -> None:
    assert fold_char("\u200b") == ""  # invisible
    assert fold_char("\u00a0") == " "  # no-break space is a word break
    assert fold_char(",") == ""  # punctuation
    assert fold_char("|") == "l"  # a symbol passing for a letter
    assert fold_char("\u0430") == "a"  # Cyrillic a
    assert fold_char("\U0001d41a") == "a"  # mathematical bold a
    assert fold_char("K") == fold_char("\u041a") == fold_char("\u212a") == "k"


def test_key_words_with_spans_locate_the_input() -> None:
    text = "Thе cаt s\u200bat, Ok."
    spans = key_words_with_spans(text)
    assert [w.word for w in spans] == key_words(text)
    assert [text[w.start : w.end] for w in spans] == ["Thе", "cаt", "s\u200bat", "Ok"]


def test_empty_and_punctuation_only() -> None:
    assert comparison_key("") == ""
    assert comparison_key("... --- !!!\u200b") == ""


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_mixed_fast_path_equals_general_fold(text: str) -> None:
    assert _fold_mixed(text).split() == _fold_general(text).split()


def test_fold_is_idempotent_on_its_output() -> None:
    """What the two-pass fold relies on: folded characters fold to themselves."""
    import unicodedata2

    for cp in range(0x80, 0x3134F):
        if 0xD800 <= cp < 0xE000 or unicodedata2.category(chr(cp)) == "Cn":
            continue
        for c in fold_char(chr(cp)):
            assert fold_char(c) == c, (hex(cp), c)
