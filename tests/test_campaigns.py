"""Disguise campaigns: pages one farm disguised the same way get one signature, and group.

Why: a content farm runs one script over thousands of scraped articles (the article we
hold has every ``a`` swapped for Cyrillic ``а`` from the middle on).  No tool grouped
documents by how they were disguised, though that is what identifies the farm.

The corpus here is built from real prose (licence texts as ``eval/data/attacks.jsonl``
holds them, never the held-out set), disguised by three farms each its own way, mixed
with the clean originals and legitimately multilingual pages (Russian, Greek, Persian
with ZWNJ, Hindi with ZWJ, emoji ZWJ sequences from ``eval/data/negative.jsonl``).
"""

from __future__ import annotations

import doctest
import json
import random
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import decloak
from decloak import campaigns
from decloak.campaigns import (
    Signature,
    SignatureCounter,
    group_campaigns,
    placement,
    signature,
)
from decloak.model import Kind
from decloak.patterns import Pattern
from tests.conftest import run_cli

ROOT = Path(__file__).resolve().parent.parent
ATTACKS = ROOT / "eval" / "data" / "attacks.jsonl"
NEGATIVE = ROOT / "eval" / "data" / "negative.jsonl"

CYRILLIC_A = "\N{CYRILLIC SMALL LETTER A}"  # farm 1: for 'a'
ZWSP = "\N{ZERO WIDTH SPACE}"  # farm 2: inside words
GREEK_O = "\N{GREEK SMALL LETTER OMICRON}"  # farm 3: for 'o', half the time
CYRILLIC_O = "\N{CYRILLIC SMALL LETTER O}"  # farm 3: for 'o', the other half
CYRILLIC_E = "\N{CYRILLIC SMALL LETTER IE}"  # farm 3: for 'e'


# --- the corpus ----------------------------------------------------------------------------


def articles() -> dict[str, list[str]]:
    """Licence texts, paragraph by paragraph, keyed by licence (real English prose)."""
    out: dict[str, list[str]] = {}
    with ATTACKS.open(encoding="utf-8") as fh:
        for line in fh:
            case = json.loads(line)
            source = case["source"]
            if not source.startswith("license:"):
                continue
            name = source.split()[0]
            paras = out.setdefault(name, [])
            for para in case["expected"].split("\n\n"):
                if para.strip() and para not in paras:
                    paras.append(para)
    return {k: v for k, v in sorted(out.items()) if sum(map(len, v)) >= 1400 and len(v) >= 4}


def farm_1(text: str, rng: random.Random) -> str:
    """Every ``a`` from the middle of the text on is Cyrillic (the article we hold)."""
    middle = len(text) // 2
    return text[:middle] + text[middle:].replace("a", CYRILLIC_A)


def farm_2(text: str, rng: random.Random) -> str:
    """A zero-width space inside every word of four letters or more, throughout."""

    def insert(m: re.Match[str]) -> str:
        w = m.group(0)
        k = rng.randrange(1, len(w))
        return w[:k] + ZWSP + w[k:]

    return re.sub(r"[A-Za-z]{4,}", insert, text)


def farm_3(text: str, rng: random.Random) -> str:
    """A Greek/Cyrillic mix for ``o`` and Cyrillic for ``e``, 30% of them, throughout."""
    out = []
    for ch in text:
        if ch == "o" and rng.random() < 0.3:
            out.append(GREEK_O if rng.random() < 0.5 else CYRILLIC_O)
        elif ch == "e" and rng.random() < 0.3:
            out.append(CYRILLIC_E)
        else:
            out.append(ch)
    return "".join(out)


FARMS: dict[str, Callable[[str, random.Random], str]] = {
    "farm1": farm_1,
    "farm2": farm_2,
    "farm3": farm_3,
}


def multilingual_pages() -> dict[str, str]:
    """Pages of legitimate text decloak leaves alone, one per language or use."""
    wanted = {
        "ru": lambda c: c["lang"] == "ru" and c["category"] in ("gettext", "django"),
        "el": lambda c: c["lang"] == "el" and c["category"] in ("gettext", "django"),
        "fa": lambda c: c["lang"] == "fa" or c["category"] == "zwnj-persian",
        "hi": lambda c: c["lang"] == "hi" or c["category"] == "indic-joiners",
        "emoji": lambda c: c["category"] == "emoji-zwj",
    }
    lines: dict[str, list[str]] = {k: [] for k in wanted}
    with NEGATIVE.open(encoding="utf-8") as fh:
        for raw in fh:
            case = json.loads(raw)
            for name, pick in wanted.items():
                if pick(case) and len(lines[name]) < 40:
                    lines[name].append(case["input"].strip())
    pages = {f"multi-{k}": "\n".join(v) + "\n" for k, v in lines.items()}
    assert all(len(p) > 400 for p in pages.values())
    return pages


def corpus(copies: int = 9) -> tuple[list[tuple[str, str]], dict[str, set[str]], set[str]]:
    """``(id, text)`` documents, the ids of each farm's pages, the clean and multilingual ids.

    Each farm copies ``copies`` articles (farms overlap: the same article disguised
    three ways), each copy cut to a random number of paragraphs so lengths differ.
    """
    arts = articles()
    names = list(arts)
    assert len(names) >= copies
    rng = random.Random(16)
    docs: list[tuple[str, str]] = []
    farm_ids: dict[str, set[str]] = {f: set() for f in FARMS}
    others: set[str] = set()
    for name in names:
        docs.append((f"clean:{name}", "\n\n".join(arts[name]) + "\n"))
        others.add(f"clean:{name}")
    for farm, disguise in FARMS.items():
        for name in rng.sample(names, copies):
            paras = arts[name]
            keep = rng.randrange(min(4, len(paras)), len(paras) + 1)
            ident = f"{farm}:{name}"
            docs.append((ident, disguise("\n\n".join(paras[:keep]) + "\n", rng)))
            farm_ids[farm].add(ident)
    for ident, text in multilingual_pages().items():
        docs.append((ident, text))
        others.add(ident)
    rng.shuffle(docs)
    return docs, farm_ids, others


# --- the signature ---------------------------------------------------------------------------


def test_three_farms_give_three_groups_and_nothing_else() -> None:
    docs, farm_ids, others = corpus()
    sigs = {ident: signature(decloak.scan(text)) for ident, text in docs}
    for ident in others:
        assert sigs[ident] is None, (ident, sigs[ident])
    result = group_campaigns(((i, sigs[i], None) for i, _ in docs), min_size=2, members=None)
    assert result.documents == len(docs)
    assert result.disguised == sum(map(len, farm_ids.values()))
    assert result.smaller == 0 and result.other == 0
    assert len(result.campaigns) == 3
    groups = sorted(sorted(c.members) for c in result.campaigns)
    assert groups == sorted(sorted(ids) for ids in farm_ids.values())
    for c in result.campaigns:
        assert not set(c.members) & others


def test_the_signatures_say_what_each_farm_did() -> None:
    docs, farm_ids, _ = corpus()
    texts = dict(docs)
    described = {}
    for farm, ids in farm_ids.items():
        found = {signature(decloak.scan(texts[i])) for i in ids}
        assert len(found) == 1
        sig = found.pop()
        assert sig is not None
        assert re.fullmatch(r"[0-9a-f]{12}", sig.id)
        described[farm] = sig.description
    assert described["farm1"] == "every 'a' -> Cyrillic 'а' U+0430, from mid-text on"
    assert described["farm2"] == (
        "invisible '<U+200B>' U+200B ZERO WIDTH SPACE: "
        "dense (one per 40 characters or more), throughout"
    )
    assert described["farm3"] == (
        "some (10-50%) 'e' -> Cyrillic 'е' U+0435; "
        "some (10-50%) 'o' -> Greek 'ο' U+03BF or Cyrillic 'о' U+043E, throughout"
    )


def test_the_id_is_a_hash_of_the_canonical_form() -> None:
    text = "A plain start. " * 20 + "Th\u0430t w\u0430s \u0430ll. " * 20
    a = signature(decloak.scan(text))
    b = signature(decloak.scan(text.replace("plain", "other")))
    assert a is not None and b is not None
    assert a == b and a.id == b.id
    assert Signature.of(reversed(a.traits)) == a  # order of traits does not matter
    # pinned: the id must not change between runs, machines or kernels
    assert a.id == "fe3c9242da4f"
    assert a.to_dict()["traits"] == [
        {
            "family": "letters",
            "swaps": [{"from": "a", "to": CYRILLIC_A, "rate": "every"}],
            "rate": "",
            "placement": "from mid-text on",
        }
    ]


def test_rare_letters_fold_into_other_letters() -> None:
    """A farm swapping every look-alike letter: rare letters come and go with the article."""
    swap = str.maketrans(
        {"a": CYRILLIC_A, "x": "\N{CYRILLIC SMALL LETTER HA}", "y": "\N{CYRILLIC SMALL LETTER U}"}
    )
    arts = list(articles().values())
    sigs = {signature(decloak.scan(("\n\n".join(p) + "\n").translate(swap))) for p in arts[:6]}
    assert len(sigs) == 1
    sig = sigs.pop()
    assert sig is not None
    (trait,) = sig.traits
    assert trait.other_letters and trait.rate == "every"
    assert [(s.intended, s.rate) for s in trait.swaps] == [("a", "every")]


def test_clean_and_legitimate_text_have_no_signature() -> None:
    assert signature(decloak.scan("Plain English prose, nothing hidden.")) is None
    assert signature(decloak.scan("")) is None
    for page in multilingual_pages().values():
        assert decloak.scan(page).findings == ()
        assert signature(decloak.scan(page)) is None


@pytest.mark.parametrize(
    ("start", "end", "where"),
    [
        (0, 100, "throughout"),
        (50, 100, "from mid-text on"),
        (80, 100, "from mid-text on"),
        (0, 40, "at the start"),
        (30, 60, "in the middle"),
    ],
)
def test_placement(start: int, end: int, where: str) -> None:
    assert placement(start, end, 100) == where


def test_other_kinds_and_invisible_densities() -> None:
    def pattern(kind: Kind, to: str, count: int, start: int, end: int) -> Pattern:
        return Pattern(kind, "", to, count, 1.0, start, end, 1, 1, "")

    sig = campaigns.signature_of(
        [
            pattern(Kind.BIDI, "", 1, 10, 12),
            pattern(Kind.INVISIBLE, "\N{WORD JOINER}", 3, 0, 900),
            pattern(Kind.INVISIBLE, ZWSP, 2, 5, 990),
        ],
        1000,
    )
    assert sig is not None
    assert [(t.family, t.rate, t.placement) for t in sig.traits] == [
        ("bidi", "once", "at the start"),
        ("invisible", "a few", "throughout"),
    ]
    assert [s.disguise for s in sig.traits[1].swaps] == [ZWSP, "\N{WORD JOINER}"]
    assert campaigns.density(20, 10_000) == "sparse"
    assert campaigns.density(20, 1_000) == "frequent"
    assert campaigns.density(100, 1_000) == "dense"


def test_the_counter_is_bounded_and_merges_in_any_order() -> None:
    sigs = [
        campaigns.Signature.of([campaigns.Trait("bidi", (), r, "throughout")])
        for r in ("once", "a few", "many")
    ]
    c = SignatureCounter(cap=2)
    for s, n in zip(sigs, (3, 1, 5), strict=True):
        c.add(s, n)
    c.add(None)
    assert [n for _, _, n in c.rows()] == [3, 1] and c.other == 5
    parts = [(c.rows(), c.other), (((sigs[2].id, sigs[2].description, 9),), 0)]
    a = SignatureCounter.merge(parts, cap=2)
    b = SignatureCounter.merge(list(reversed(parts)), cap=2)
    assert a.to_dict() == b.to_dict()
    assert [d["documents"] for d in a.to_dict()["signatures"]] == [9, 3]
    assert a.other == 5 + 1


def test_doctests() -> None:
    assert doctest.testmod(campaigns).failed == 0


def test_signatures_cost_little_beside_the_scan() -> None:
    docs, _, _ = corpus()
    reports = [decloak.scan(t) for _, t in docs]
    for r in reports:
        _ = r.patterns  # built once, as the scan report would
    t0 = time.perf_counter()
    for _ in range(5):
        for r in reports:
            signature(r)
    per_doc = (time.perf_counter() - t0) / (5 * len(reports))
    assert per_doc < 0.005, per_doc


# --- the command -----------------------------------------------------------------------------


def write_shards(folder: Path, docs: list[tuple[str, str]], shards: int = 3) -> list[Path]:
    """The documents dealt into ``shards`` JSONL shards, in turn."""
    folder.mkdir(parents=True, exist_ok=True)
    lines: list[list[str]] = [[] for _ in range(shards)]
    for n, (ident, text) in enumerate(docs):
        lines[n % shards].append(json.dumps({"id": ident, "text": text}, ensure_ascii=False))
    paths = [folder / f"part-{k:05d}.jsonl" for k in range(shards)]
    for path, chunk in zip(paths, lines, strict=True):
        path.write_text("\n".join(chunk) + "\n", encoding="utf-8")
    return paths


@pytest.fixture(scope="module")
def farm_shards(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, set[str]]]:
    docs, farm_ids, _ = corpus()
    folder = tmp_path_factory.mktemp("campaigns") / "shards"
    write_shards(folder, docs)
    return folder, farm_ids


def member_sets(out: dict[str, Any]) -> list[list[str]]:
    return sorted(sorted(c["members"]) for c in out["campaigns"])


def test_cli_groups_the_farms_with_their_dedup_clusters(
    farm_shards: tuple[Path, dict[str, set[str]]],
) -> None:
    folder, farm_ids = farm_shards
    r = run_cli("campaigns", str(folder), "--members", "all", "--json", "--workers", "1")
    assert r.code == 0, r.err
    out = json.loads(r.text)
    assert out["documents"] == 45 and out["disguised"] == 27 and out["sources_from"] == "clusters"
    assert member_sets(out) == sorted(sorted(ids) for ids in farm_ids.values())
    for c in out["campaigns"]:
        # every source is a document of the corpus: the kept member of a dedup cluster
        assert all(s["source"].split(":")[0] in ("clean", *FARMS) for s in c["sources"])
        assert sum(s["documents"] for s in c["sources"]) + c["unsourced"] == c["documents"]


def test_cli_names_each_copy_s_source_from_an_index(
    farm_shards: tuple[Path, dict[str, set[str]]], tmp_path: Path
) -> None:
    from decloak.provenance import ProvenanceIndex

    folder, farm_ids = farm_shards
    arts = articles()
    db = tmp_path / "archive.db"
    with ProvenanceIndex.open(db, create=True) as index:
        index.add((f"article:{k}", "\n\n".join(v) + "\n") for k, v in arts.items())
    r = run_cli("campaigns", str(folder), "--db", str(db), "--members", "all", "--json")
    assert r.code == 0, r.err
    out = json.loads(r.text)
    assert out["sources_from"] == "index"
    assert member_sets(out) == sorted(sorted(ids) for ids in farm_ids.values())
    for c in out["campaigns"]:
        assert c["unsourced"] == 0
        expected = sorted("article:" + m.split(":", 1)[1] for m in c["members"])
        assert sorted(s["source"] for s in c["sources"]) == expected
    text = run_cli("campaigns", str(folder), "--db", str(db))
    assert text.code == 0, text.err
    assert "3 campaigns of 2 documents or more (sources: matches in" in text.text
    assert "every 'a' -> Cyrillic 'а' U+0430, from mid-text on" in text.text


def test_corpus_stats_count_the_signatures(
    farm_shards: tuple[Path, dict[str, set[str]]], tmp_path: Path
) -> None:
    folder, _ = farm_shards
    out = tmp_path / "out"
    r = run_cli("corpus", str(folder), "-o", str(out), "--workers", "1", "-q")
    assert r.code == 0, r.err
    stats = json.loads((out / "stats.json").read_text(encoding="utf-8"))
    assert [s["documents"] for s in stats["signatures"]] == [9, 9, 9]
    assert stats["signatures_other"] == 0 and stats["signatures_cap"] == campaigns.MAX_SIGNATURES
    assert "every 'a' -> Cyrillic 'а' U+0430, from mid-text on" in {
        s["description"] for s in stats["signatures"]
    }
    per_shard: dict[str, int] = {}
    for shard in stats["shards"]:
        for s in shard.get("signatures", []):
            per_shard[s["id"]] = per_shard.get(s["id"], 0) + s["documents"]
    assert per_shard == {s["id"]: s["documents"] for s in stats["signatures"]}
    # the same ids as decloak campaigns gives
    groups = json.loads(run_cli("campaigns", str(folder), "--no-sources", "--json").text)
    assert {c["id"] for c in groups["campaigns"]} == set(per_shard)
    # a resumed run (every shard done) reads them back from the done-markers
    again = run_cli("corpus", str(folder), "-o", str(out), "--workers", "1", "-q", "--resume")
    assert again.code == 0, again.err
    resumed = json.loads((out / "stats.json").read_text(encoding="utf-8"))
    assert resumed["shards_resumed"] == 3
    assert resumed["signatures"] == stats["signatures"]


def test_shard_stats_keep_signatures_through_a_done_marker() -> None:
    from decloak.corpus.shard import ShardStats

    st = ShardStats("a.jsonl", "a.jsonl", documents=3, signatures=(("abc", "x", 2),))
    assert ShardStats.from_dict(json.loads(json.dumps(st.to_dict()))) == st
    plain = ShardStats("a.jsonl", "a.jsonl", documents=3)
    assert "signatures" not in plain.to_dict()
    assert ShardStats.from_dict(plain.to_dict()) == plain


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing/"], "missing/: no such file or directory"),
        (["{shards}", "--members", "x"], "--members: must be a number"),
        (["{shards}", "--no-sources", "--db", "x.db"], "--no-sources cannot be used with"),
        (["{shards}", "--db", "x.db", "--clusters", "c.parquet"], "give --db or --clusters"),
        (["{shards}", "--db", "{tmp}/none.db"], "none.db: no such index"),
        (["{shards}", "--clusters", "{shards}/part-00000.jsonl"], "not a readable clusters file"),
        (["{shards}", "--no-sources", "--text-key", "body"], "no record has the text field"),
        (["{shards}", "--threshold", "2"], "--threshold"),
        (["{shards}", "--no-sources", "--threshold", "0.5"], "--threshold: only with --db"),
    ],
)
def test_bad_input_is_one_line(
    farm_shards: tuple[Path, dict[str, set[str]]], tmp_path: Path, args: list[str], message: str
) -> None:
    folder, _ = farm_shards
    argv = [a.format(shards=folder, tmp=tmp_path) for a in args]
    r = run_cli("campaigns", *argv, cwd=tmp_path)
    assert r.code == 2, (r.code, r.err)
    assert r.err.count("\n") == 1 and r.err.startswith("decloak: error: "), r.err
    assert message in r.err
    assert "Traceback" not in r.err


def test_clusters_of_other_inputs_are_refused(
    farm_shards: tuple[Path, dict[str, set[str]]], tmp_path: Path
) -> None:
    from decloak.provenance import dedup

    folder, _ = farm_shards
    dedup([str(folder)], tmp_path / "dd", workers=1)
    clusters = str(tmp_path / "dd" / "clusters.parquet")
    ok = run_cli("campaigns", str(folder), "--clusters", clusters, "--json")
    assert ok.code == 0, ok.err
    assert json.loads(ok.text)["sources_from"] == "clusters"
    r = run_cli("campaigns", str(folder / "part-00001.jsonl"), "--clusters", clusters)
    assert r.code == 2 and "give the inputs decloak dedup was given" in r.err, r.err


def test_patterns_know_the_letters_left_before_and_after() -> None:
    """Where a swap starts among the letter's occurrences: a block of capitals (no small
    ``a``) before the middle must not make a from-the-middle swap look later."""
    text = "a plain start, as usual. " * 8 + "NO SMALL LETTER HERE. " * 30
    text += "th\u0430t w\u0430s \u0430ll. " * 8 + "the end."
    (p,) = decloak.scan(text).patterns
    assert (p.before, p.after) == (text.count("a", 0, p.start), 0)
    assert set(p.to_dict()) == {
        "kind", "from", "to", "count", "share", "start", "end", "line_start", "line_end",
        "summary",
    }  # fmt: skip
    sig = signature(decloak.scan(text))
    assert sig is not None and sig.traits[0].placement == "from mid-text on"
    # the same swap with nothing left before it covers the whole letter: throughout
    whole = signature(decloak.scan(text.replace("a plain start, as usual. ", "PLAIN. ")))
    assert whole is not None and whole.traits[0].placement == "throughout"
