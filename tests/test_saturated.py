"""Text disguised throughout (``engine/saturated.py``): generated attacks and real text.

The attacks are made here the way PyRIT's confusable converter makes them (every
character swapped, at random, for one that shows the same ASCII character: letters,
digits and punctuation, from the whole generated tables), from real English prose,
under three seeds.  The legitimate side is text where such characters are real and
frequent: maths, IPA, Turkish, German quotation marks, Kannada, Greek, Russian,
Japanese; none of it may change, and none of it is saturated.
"""

from __future__ import annotations

import random
import re

import pytest
from test_lookalike_coverage import SENTENCES

import decloak
from decloak.engine.classes import READINGS, SHAPES
from decloak.engine.saturated import is_saturated
from decloak.unicode import category

PROSE = (
    *SENTENCES,
    "To protect your rights, we need to prevent others from denying you these rights or "
    "asking you to surrender the rights.",
    "If you distribute copies of such a program, whether gratis or for a fee, you must pass "
    "on to the recipients the same freedoms that you received.",
    "Exit status is normally 0; if an error occurs, exit status is 1.",
    "Set the remote IP address for a point-to-point link (such as PPP).",
)


def _shapes() -> dict[str, list[str]]:
    """ASCII character -> every character that shows it (first reading, or shape)."""
    out: dict[str, list[str]] = {}
    for ch, readings in sorted(READINGS.items()):
        out.setdefault(readings[0], []).append(ch)
    for ch, mark in sorted(SHAPES.items()):
        if category(ch)[0] != "M" and category(ch) not in ("Pi", "Pf", "Pd"):
            out.setdefault(mark, []).append(ch)
    return out


SHOWS = _shapes()


def _disguise(text: str, seed: str) -> str:
    rng = random.Random(seed)
    return "".join(rng.choice(SHOWS[c]) if c in SHOWS and rng.random() < 0.9 else c for c in text)


@pytest.mark.parametrize("seed", ["pyrit-0", "pyrit-1", "pyrit-2"])
@pytest.mark.parametrize("text", PROSE, ids=range(len(PROSE)))
def test_a_text_disguised_throughout_is_read_back(text: str, seed: str) -> None:
    attacked = _disguise(text, seed)
    assert sum(1 for a, b in zip(attacked, text, strict=True) if a != b) > len(text) // 2
    assert decloak.clean(attacked).text == text


def test_the_reading_is_explained() -> None:
    attacked = _disguise(PROSE[-2], "explained")
    report = decloak.scan(attacked)
    assert report.suspicious
    assert any("disguised throughout" in f.explanation for f in report.findings)


LEGITIMATE = (
    "Let 𝑓(𝑥) = 𝑎𝑥² + 𝑏𝑥 + 𝑐, where 𝑎, 𝑏 and 𝑐 are real numbers and 𝑎 ≠ 0; then 𝑓 has at "
    "most two roots.",
    "The IPA for 'thing' is /θɪŋ/, for 'ship' /ʃɪp/, for 'good' /ɡʊd/ and for 'father' "
    "/ˈfɑːðə/ in most accents.",
    "Bu işlem sırasında bir hata oluştu; lütfen daha sonra tekrar deneyin ve sistem "
    "yöneticinize başvurun.",
    "Herkes, kendi ülkesi de dahil, herhangi bir ülkeyi terk etme ve o ülkeye dönme "
    "hakkına sahiptir.",
    "Er sagte: „Das ist ‚nicht‘ mein Problem“ – und ging nach Hause, ohne ein Wort zu verlieren.",
    "ಕನ್ನಡ ಒಂದು ದ್ರಾವಿಡ ಭಾಷೆ ಮತ್ತು ಕರ್ನಾಟಕ ರಾಜ್ಯದ ಅಧಿಕೃತ ಭಾಷೆಯಾಗಿದೆ, ಅದನ್ನು ಹಲವು ಕೋಟಿ ಜನರು ಮಾತನಾಡುತ್ತಾರೆ.",
    "Η ενέργεια ενός φωτονίου είναι E = hν, όπου ν η συχνότητα και h η σταθερά του Planck, "
    "και λ = c/ν.",
    "Компания Apple выпустила новый iPhone, а в GitHubе появился репозиторий с примерами кода.",
    "ＡＢＣ商事は、２０２４年に新しいサービスを開始しました。詳しくはウェブサイトをご覧ください。",
    "Tiếng Việt có sáu thanh điệu, và chữ Quốc ngữ dùng các dấu để ghi chúng trên nguyên "
    "âm của từ.",
    "The “smart quotes” and en dashes – like these — appear in most typeset English text, "
    "and ’ is an apostrophe.",
)


@pytest.mark.parametrize("text", LEGITIMATE, ids=range(len(LEGITIMATE)))
def test_real_text_is_never_saturated(text: str) -> None:
    """Unchanged, and not saturated even if every word had been repaired: too few of
    its words hold a look-alike, or it is written in an orthography beyond ASCII."""
    assert decloak.clean(text).text == text
    every_word = [m.span() for m in re.finditer(r"\S+", text)]
    assert not is_saturated(text, 0, len(text), every_word)


DASHES = sorted(c for c, m in SHAPES.items() if m == "-" and category(c) == "Pd")
APOSTROPHES = sorted(c for c, m in SHAPES.items() if m == "'" and category(c) in ("Pi", "Pf"))
MARKED = (
    "It doesn't matter: the 8-bit non-free build will typically allow all of it, "
    "and the -c option is still valid.",
    "Otherwise the whole line is local to the tool, and CAUTION is needed until it's over.",
)


def _disguise_marks(text: str, seed: str) -> str:
    """:func:`_disguise`, and the typography PyRIT also swaps in: a dash for a hyphen,
    a quotation mark for an apostrophe, a 1 for an l and a 0 for an o."""
    rng = random.Random(seed)
    out = []
    for c in text:
        if c == "-":
            out.append(rng.choice(DASHES))
        elif c == "'":
            out.append(rng.choice(APOSTROPHES))
        elif c in "lI" and rng.random() < 0.5:
            out.append("1")
        elif c in "oO" and rng.random() < 0.5:
            out.append("0")
        elif c in SHOWS and rng.random() < 0.9:
            # PyRIT shows an f, never an s, with the long s (its skeleton is f)
            out.append(rng.choice([d for d in SHOWS[c] if d != "\N{LATIN SMALL LETTER LONG S}"]))
        else:
            out.append(c)
    return "".join(out)


@pytest.mark.parametrize("seed", ["marks-0", "marks-1", "marks-2"])
@pytest.mark.parametrize("text", MARKED, ids=range(len(MARKED)))
def test_dashes_apostrophes_and_digits_for_letters_are_read_back(text: str, seed: str) -> None:
    """Dashes and quotation marks were never read (real typography), so ``8﹘bit`` and
    ``doesn‛t`` stayed; a 1 or 0 standing for a letter stayed a digit (``a11``)."""
    attacked = _disguise_marks(text, seed)
    assert decloak.clean(attacked).text == text


@pytest.mark.parametrize(
    "text",
    [
        "The 10th and the 1st of 100s of files: file1 and file2 are kept as they are, 2020-2021.",
    ],
)
def test_numbers_in_a_text_disguised_throughout_stay_numbers(text: str) -> None:
    attacked = _disguise(text, "numbers")
    assert decloak.clean(attacked).text == text


@pytest.mark.parametrize("word", ["A1", "la"])
def test_a_long_run_is_read_in_linear_time(word: str) -> None:
    """A run of letters and digits as long as a token was read with a membership test
    over a list of its spots for every character: quadratic (``A1`` repeated: the 1s
    for letters; ``la`` repeated: every l tried the other way, each time copying the
    token's reading)."""
    from _timing import cpu_cost

    from decloak.engine import saturated

    def cost(n: int) -> float:
        def read() -> None:
            out = list(word * n)
            saturated._digits_in_words(out, None, False)
            saturated._ascii_shapes(out, list(word * n), False, None, set())

        return cpu_cost(read)

    small, big = cost(4_000), cost(16_000)
    assert big / small < 8.0, f"4x the run costs {big / small:.1f}x"
