"""Fingerprints: rensa agrees with datasketch, settings are explicit, anchors work for excerpts."""

from __future__ import annotations

import random

import pytest

from decloak.errors import UsageError
from decloak.provenance.key import key_words
from decloak.provenance.minhash import (
    FingerprintConfig,
    anchors_of,
    estimate,
    fingerprints,
    jaccard,
    shingles,
)

WORDS = [
    "alpha",
    "bravo",
    "charlie",
    "delta",
    "echo",
    "foxtrot",
    "golf",
    "hotel",
    "india",
    "juliet",
    "kilo",
    "lima",
    "mike",
    "november",
    "oscar",
    "papa",
    "quebec",
    "romeo",
    "sierra",
    "tango",
    "uniform",
    "victor",
    "whiskey",
    "xray",
    "yankee",
    "zulu",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "red",
    "green",
    "blue",
    "black",
    "white",
    "river",
    "stone",
    "cloud",
    "tree",
]


def text_of(n: int, rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def pairs(rng: random.Random) -> list[tuple[str, str]]:
    """Document pairs with Jaccard similarity spread between about 0.1 and 1."""
    out = []
    for keep in (1.0, 0.9, 0.75, 0.6, 0.45, 0.3, 0.15):
        words = text_of(400, rng).split()
        edited = [w if rng.random() < keep else rng.choice(WORDS) for w in words]
        out.append((" ".join(words), " ".join(edited)))
    return out


def test_rensa_and_datasketch_agree_with_exact_jaccard() -> None:
    from datasketch import MinHash

    config = FingerprintConfig()
    rng = random.Random(7)
    for a, b in pairs(rng):
        fa, fb = fingerprints([a, b], config)
        exact = jaccard(fa.hashes, fb.hashes)
        sa, sb = MinHash(num_perm=128, seed=1), MinHash(num_perm=128, seed=1)
        sa.update_batch([s.encode() for s in shingles(key_words(a), 5)])
        sb.update_batch([s.encode() for s in shingles(key_words(b), 5)])
        ds = sa.jaccard(sb)
        rs = estimate(fa.signature, fb.signature)
        # 128 permutations: standard error sqrt(J(1-J)/128) <= 0.045; allow ~3.5 sigma
        assert abs(rs - exact) <= 0.16, (exact, rs)
        assert abs(ds - exact) <= 0.16, (exact, ds)
        assert abs(rs - ds) <= 0.2, (rs, ds)


def test_signature_is_deterministic_and_order_free() -> None:
    config = FingerprintConfig()
    text = text_of(200, random.Random(3))
    a, b = fingerprints([text, text], config)
    assert a.signature == b.signature and a.buckets == b.buckets
    assert len(a.signature) == 128 and len(a.buckets) == 16


def test_config_validation_and_description() -> None:
    with pytest.raises(UsageError, match="exceeds num-perm"):
        FingerprintConfig(bands=20, rows=8)
    with pytest.raises(UsageError, match="shingle-size must be at least 1"):
        FingerprintConfig(shingle_size=0)
    c = FingerprintConfig()
    d = c.with_changes(shingle_size=3, seed=None)
    assert c.differences(d) == ["shingle_size"]
    assert d.describe(["shingle_size"]) == "shingle_size=3"
    assert FingerprintConfig.from_dict(c.to_dict()) == c
    assert c.minhash.startswith("rensa-rminhash/")


def test_excerpt_anchors_are_a_subset_of_the_source_anchors() -> None:
    config = FingerprintConfig()
    source = text_of(600, random.Random(11))
    words = source.split()
    part = " ".join(words[100:460])  # a 60% excerpt
    fs, fp = fingerprints([source, part], config)
    assert set(fp.anchors) <= set(fs.anchors)
    assert len(fp.anchors) > 10
    assert abs(len(fs.anchors) / len(fs.hashes) - 1 / 8) < 0.05
    assert jaccard(fs.hashes, fp.hashes) < 0.65  # too low for LSH bands: why anchors exist
    assert anchors_of(fp.ids, config) == fp.anchors
    assert len(fp.ids) == len(fp.hashes)


def test_empty_text_has_an_empty_fingerprint() -> None:
    (f,) = fingerprints(["  ...  "], FingerprintConfig())
    assert f.empty and f.buckets == () and f.signature == () and f.ids == ()


def test_short_text_is_one_shingle() -> None:
    assert shingles(["a", "b"], 5) == ["a b"]
    assert shingles([], 5) == []
    assert shingles(list("abcdef"), 5) == ["a b c d e", "b c d e f"]
