"""The word-frequency tie-break answers from its generated table, never from wordfreq.

Before, one CLI call that needed the tie-break loaded twelve word lists (2.2 s,
554 MB), and the answer depended on whether wordfreq was installed.  The table
(decloak._tables.lexicon) is cut from wordfreq at generation time; these tests
check that it is what the tie-break uses, that it gives the answers wordfreq
would, and that the cost is gone.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

import decloak
from decloak import lexicon
from decloak.engine import TO_LATIN
from decloak.unicode import script_of

ROOT = Path(__file__).resolve().parent.parent

# Texts whose outcome depends on the tie-break: a word spelled only in look-alikes
# beside genuine words of that script.
TIE_BREAKS = [
    "the word дом is Russian; the сор said hi",
    "Мой дом: the Russian word сор means litter",
    "в слове сеть and the word рая; also уеѕ and ехрert advice",
    "Ελληνικά: το ΑΝΤΙ και the ΑΙΡ was ΤΟΡ",
    "Он сказал: сосо, and the сосоа was good",
]


def test_the_tie_break_never_imports_wordfreq() -> None:
    """Same output with wordfreq impossible to import as in this process."""
    code = (
        "import sys, json; sys.modules['wordfreq'] = None\n"
        "import decloak\n"
        "texts = json.loads(sys.stdin.read())\n"
        "print(json.dumps([decloak.clean(t).text for t in texts]))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        input=json.dumps(TIE_BREAKS),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert json.loads(proc.stdout) == [decloak.clean(t).text for t in TIE_BREAKS]


def test_the_tie_break_is_cheap(tmp_path: Path) -> None:
    """The issue's example, one CLI call that needs the tie-break, in a child: it took
    2.2 s and 554 MB when wordfreq's lists were loaded (peak read from VmHWM)."""
    sys.path.insert(0, str(ROOT))
    try:
        from fuzz._common import clean_in_child
    finally:
        sys.path.remove(str(ROOT))
    src = tmp_path / "in.txt"
    src.write_text(TIE_BREAKS[0], encoding="utf-8")
    code, err, peak = clean_in_child(src, tmp_path / "out.txt", timeout=120)
    assert code == 0, err
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == TIE_BREAKS[0]
    # a bare clean peaks at about 33 MB; the lexicon table adds about 28 MB since it holds
    # every ASCII word of Zipf >= 3 (173,416, for code-switching): far from the 554 MB
    assert peak < 80 * 2**20, f"peak {peak / 2**20:.0f} MB"


def _reference(reading: str, word: str, script: str) -> bool:
    """What the tie-break used to compute with wordfreq: is the reading preferred?"""
    from wordfreq import zipf_frequency

    from decloak._tables import lexicon as table

    latin = max(zipf_frequency(reading.lower(), lang) for lang in table.LATIN_LANGS)
    langs = table.SCRIPT_LANGS.get(script, ())
    native = max((zipf_frequency(word.lower(), lang) for lang in langs), default=0.0)
    return latin >= table.KNOWN_ZIPF and not native >= table.SEEN_ZIPF


def _lookalike_words(seed: int, n: int) -> list[tuple[str, str, str]]:
    """(reading, word, script) for words spelled only in one script's look-alikes: the
    table's own entries, words of the evaluation set, and random spellings."""
    by_script: dict[str, list[str]] = {}
    for ch in TO_LATIN:
        by_script.setdefault(script_of(ch), []).append(ch)
    from decloak._tables import lexicon as table

    words: list[str] = []
    for entries in table.NATIVE_WORDS.values():
        words += entries.split()
    for path in (ROOT / "eval" / "data").glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            words += json.loads(line)["input"].split()
    rnd = random.Random(seed)
    for _ in range(n):
        sc = rnd.choice(["Cyrillic", "Greek", "Armenian"])
        words.append("".join(rnd.choice(by_script[sc]) for _ in range(rnd.randint(2, 5))))
    out = []
    for w in words:
        w = w.strip(".,;:!?()\"'«»")
        if len(w) < 2 or not all(c in TO_LATIN for c in w):
            continue
        scripts = {script_of(c) for c in w}
        if len(scripts) == 1:
            reading = "".join(TO_LATIN[c] for c in w)
            if reading.isascii():
                out.append((reading, w, scripts.pop()))
    return out


def test_the_table_answers_as_wordfreq_would() -> None:
    pytest.importorskip("wordfreq")
    cases = _lookalike_words(18, 3000)
    assert len(cases) > 2000
    wrong = [
        (r, w)
        for r, w, sc in cases
        if (lexicon.prefer_latin(r, w, sc) is True) != _reference(r, w, sc)
    ]
    assert not wrong, wrong[:20]


def test_known_latin_words_as_wordfreq_would() -> None:
    pytest.importorskip("wordfreq")
    from wordfreq import zipf_frequency

    from decloak._tables import lexicon as table

    rnd = random.Random(5)
    readings = ["curl", "google", "paypal", "microsoft", "hello", "lol", "xqzl", "zoo", "github"]
    readings += [
        "".join(rnd.choice("abcdeilmnorst") for _ in range(rnd.randint(2, 7))) for _ in range(2000)
    ]
    for r in readings:
        want = max(zipf_frequency(r, lang) for lang in table.LATIN_LANGS) >= table.KNOWN_ZIPF
        assert lexicon.is_known_latin(r) is want, r


def test_long_s_words_as_wordfreq_would() -> None:
    """A long s reads as f exactly where the English word with f is the margin more
    frequent than the word with s (``file`` over ``sile``; not ``fee`` over ``see``)."""
    pytest.importorskip("wordfreq")
    from wordfreq import zipf_frequency

    from decloak._tables import lexicon as table

    words = ["file", "for", "left", "default", "fee", "fo", "fire", "fight", "fuch", "myfelf"]
    rnd = random.Random(7)
    words += [
        "".join(rnd.choice("aefilnorstu") for _ in range(rnd.randint(2, 6))) for _ in range(2000)
    ]
    for w in words:
        zf = zipf_frequency(w, table.RARE_LANG)
        want = (
            "f" in w
            and zf >= table.KNOWN_ZIPF
            and zipf_frequency(w.replace("f", "s"), table.RARE_LANG) <= zf - table.LONG_S_F_MARGIN
        )
        assert lexicon.long_s_reads_f(w) is want, w


def test_use_lexicon_false_declines() -> None:
    assert lexicon.prefer_latin("cop", "сор", "Cyrillic", False) is None
    assert lexicon.is_known_latin("curl", False) is None
    assert lexicon.long_s_reads_f("file", False) is None


def test_word_lists_are_not_walked_by_the_garbage_collector() -> None:
    """Dicts of strings are untracked; a set of 170,000 words made every full
    collection of the process 10 ms slower."""
    import gc

    from decloak.lexicon import _words

    words = _words()
    assert not gc.is_tracked(words.latin)
    assert not gc.is_tracked(words.rare)
    assert not any(gc.is_tracked(v) for v in words.native.values())
