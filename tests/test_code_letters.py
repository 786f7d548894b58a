"""Lone letters in code and formulas of an English document (issue 14, class 4).

Built from the whole look-alike table, not from favourites: every letter of another
alphabet whose UTS #39 skeleton is one ASCII letter is placed, alone, in code and maths
templates inside English paragraphs and must come back as that letter; every Greek
letter standing alone as a maths variable must stay, also beside an attacked line; and
prose of the Cyrillic languages with code inside it, or English prose that talks about
a Cyrillic letter, must stay byte-identical.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import decloak
from decloak.engine.classes import READINGS, TO_LATIN
from decloak.unicode import category, script_of
from tests._timing import cpu_cost

# Greek and Coptic lone letters are maths symbols (see chardata.SYMBOL_SCRIPTS): they are
# tested the other way round below.
SYMBOL_SCRIPTS = ("Greek", "Coptic")

LONE = sorted(
    ch
    for ch, latin in TO_LATIN.items()
    if latin.isascii() and latin.isalpha() and script_of(ch) not in SYMBOL_SCRIPTS
)

CODE_TEMPLATES = (
    'assert {v} < y, "the offset must stay below the limit"',
    "area = integrate(lambda {v}: f(x), 0, 1)  # f(x) dx over [0, 1]",
    "{v}_k = p_prev + alpha * grad[k]",
    'payload = b"\\{v}02\\x7f"',
    'printf("%%{v} bytes left\\n", remaining);',
    "if ({v} > 0) return c - 1;",
    "y = a * t + {v}",
    "for {v} in range(n): total += a[i]",
    "total += a[{v}]",
    "The bound holds for every 2{v} \N{LESS-THAN OR EQUAL TO} n.",
    "Let z = {v}.shape[0] and w = self.{v}.",
    "z = a*{v}*b + sin({v})",
    "x = _{v}_ + 1",
    "The area grows as {v}\N{SUPERSCRIPT TWO} while {v}\N{SUBSCRIPT ONE} and {v}\N{PRIME} stay fixed.",
    "\\frac{{{v}}}{{2}} is half of it",
)

BEFORE = "The default is the algorithm for the current repository, or sha1 if none is set."
AFTER = "The loop stops once the error drops below the limit given on the command line."


def _documents(line: str) -> list[str]:
    """The line in its own paragraph, and inside a paragraph of prose."""
    return [f"{BEFORE}\n\n{line}\n\n{AFTER}", f"{BEFORE}\n{line}\n{AFTER}"]


@pytest.mark.parametrize("template", CODE_TEMPLATES)
def test_every_lone_lookalike_in_code_is_repaired(template: str) -> None:
    # beside digits only ("\\x02", "2x"), a look-alike that also reads as a digit is one
    in_number = any(
        template.find(f"{{v}}{d}") >= 0 or template.find(f"{d}{{v}}") >= 0 for d in "0123456789"
    )
    wrong = []
    for ch in LONE:
        digit = next((r for r in READINGS.get(ch, "") if r in "0123456789"), None)
        reading = digit if in_number and digit else TO_LATIN[ch]
        for doc in _documents(template.format(v=ch)):
            want = doc.replace(ch, reading)
            got = decloak.clean(doc).text
            if got != want:
                wrong.append((f"U+{ord(ch):04X}", script_of(ch)))
    assert not wrong, f"{len(wrong)} not repaired: {wrong[:12]}"


def test_the_table_covers_several_alphabets() -> None:
    scripts = {script_of(ch) for ch in LONE}
    assert {"Cyrillic", "Armenian", "Cherokee", "Lisu", "Georgian"} <= scripts
    assert len(LONE) > 200


def test_every_occurrence_in_a_line_is_repaired() -> None:
    doc = f"{BEFORE}\n\nif (\N{CYRILLIC SMALL LETTER ES} > 0) return \N{CYRILLIC SMALL LETTER ES} - 1;"
    assert decloak.clean(doc).text == f"{BEFORE}\n\nif (c > 0) return c - 1;"


def test_repair_is_explained_as_code() -> None:
    doc = f"{BEFORE}\n\nassert \N{CYRILLIC SMALL LETTER HA} < y"
    (finding,) = decloak.scan(doc).findings
    assert finding.replacement == "x"
    assert "code or a formula" in finding.explanation


def test_clean_is_idempotent_on_code() -> None:
    for ch in LONE[:: max(1, len(LONE) // 40)]:
        for template in CODE_TEMPLATES:
            for doc in _documents(template.format(v=ch)):
                once = decloak.clean(doc).text
                assert decloak.clean(once).text == once


DIGIT_LIKE = sorted(
    ch for ch in TO_LATIN if any(r in "0123456789" for r in READINGS.get(ch, "")) and len(ch) == 1
)


def test_every_lookalike_inside_a_number_reads_as_its_digit() -> None:
    """O and 0, l and 1 share skeletons: inside a number the look-alike is the digit,
    Greek too (no maths symbol stands inside a number)."""
    wrong = []
    for ch in DIGIT_LIKE:
        digit = next(r for r in READINGS[ch] if r in "0123456789")
        for template in (
            "Write to MA 0211{v}-1301 USA.",
            "A pair of X.5{v}9 keys.",
            "It derives 1{v} bytes.",
        ):
            doc = f"{BEFORE}\n\n{template.format(v=ch)}"
            if decloak.clean(doc).text != doc.replace(ch, digit):
                wrong.append(f"U+{ord(ch):04X}")
    assert not wrong, wrong
    assert {script_of(ch) for ch in DIGIT_LIKE} >= {"Cyrillic", "Greek", "Lisu", "Tifinagh"}


def test_a_lookalike_beside_letters_and_digits_stays_a_letter() -> None:
    o = "\N{CYRILLIC CAPITAL LETTER O}"
    assert (
        decloak.clean(f"Water is H2{o} at room temperature.").text
        == "Water is H2O at room temperature."
    )


# --- Greek (and other maths letters) stays --------------------------------------------------

GREEK = [
    chr(c)
    for c in range(ord("\N{GREEK SMALL LETTER ALPHA}"), ord("\N{GREEK SMALL LETTER OMEGA}") + 1)
]
GREEK += list(
    "\N{GREEK CAPITAL LETTER GAMMA}\N{GREEK CAPITAL LETTER DELTA}\N{GREEK CAPITAL LETTER THETA}"
    "\N{GREEK CAPITAL LETTER LAMDA}\N{GREEK CAPITAL LETTER PI}\N{GREEK CAPITAL LETTER SIGMA}"
    "\N{GREEK CAPITAL LETTER PHI}\N{GREEK CAPITAL LETTER PSI}\N{GREEK CAPITAL LETTER OMEGA}"
)

MATHS_TEMPLATES = (
    "With {g} = 0.5 the decay halves the weight at every step.",
    "Here {g} is the learning rate of the optimiser.",
    "assert {g} < y",
    "area = integrate(lambda {g}: f({g}), 0, 1)",
    "{g}_k = {g}_prev + alpha * grad[k]",
    "The bound f({g}) \N{LESS-THAN OR EQUAL TO} 2{g} holds for every {g} > 0.",
)

ATTACKED = "assert \N{CYRILLIC SMALL LETTER HA} < y"


@pytest.mark.parametrize("template", MATHS_TEMPLATES)
def test_greek_maths_letters_stay(template: str) -> None:
    changed = []
    for g in GREEK:
        line = template.format(g=g)
        for doc in _documents(line):
            if decloak.clean(doc).text != doc:
                changed.append(g)
    assert not changed, changed


@pytest.mark.parametrize("template", MATHS_TEMPLATES)
@pytest.mark.parametrize("sep", ["\n", "\n\n"])
def test_greek_stays_beside_an_attacked_line(template: str, sep: str) -> None:
    """The collateral damage of the issue: the Cyrillic х is repaired, the α beside it is not."""
    for g in GREEK:
        line = template.format(g=g)
        doc = f"{BEFORE}{sep}{ATTACKED}{sep}{line}"
        want = f"{BEFORE}{sep}assert x < y{sep}{line}"
        assert decloak.clean(doc).text == want, ascii(g)


def test_maths_letters_stay_beside_an_attacked_line() -> None:
    """Mathematical italic letters of a formula are not folded because the code line
    next to them was attacked."""
    f, x = "\N{MATHEMATICAL ITALIC SMALL F}", "\N{MATHEMATICAL ITALIC SMALL X}"
    line = f"Let {f}({x}) = {x}\N{SUPERSCRIPT TWO} here."
    doc = f"{line}\n{ATTACKED}\n"
    assert decloak.clean(doc).text == f"{line}\nassert x < y\n"


def test_greek_disguising_latin_still_goes_with_its_lone_letters() -> None:
    """A unit whose Greek letters disguise English words: the lone α is the article."""
    a, o = "\N{GREEK SMALL LETTER ALPHA}", "\N{GREEK SMALL LETTER OMICRON}"
    assert decloak.clean(f"T{o}day is {a} g{o}{o}d day.").text == "Today is a good day."


def test_greek_in_a_formula_stays_beside_greek_disguises() -> None:
    """A Greek look-alike inside a Latin name is repaired; the Greek variable of the
    formula beside it stays."""
    a = "\N{GREEK SMALL LETTER ALPHA}"
    doc = f"p{a}yload = b'\\x02'\nwith {a} = 0.5 and f({a}) \N{LESS-THAN OR EQUAL TO} 1"
    want = f"payload = b'\\x02'\nwith {a} = 0.5 and f({a}) \N{LESS-THAN OR EQUAL TO} 1"
    assert decloak.clean(doc).text == want


def test_greek_inside_a_latin_identifier_is_repaired() -> None:
    a = "\N{GREEK SMALL LETTER ALPHA}"
    doc = f"{BEFORE}\n\np{a}yload = b'\\x02'"
    assert decloak.clean(doc).text == f"{BEFORE}\n\npayload = b'\\x02'"


# --- legitimate text stays byte-identical ----------------------------------------------------

LEGITIMATE = [
    # Cyrillic prose with code or formulas inside the paragraph: real words around
    "В Python пишем x = у + 1, где у \N{EM DASH} целое число.",
    "Функция f(х) возвращает значение; проверьте её в GitHubе.",
    'Запустите printf("%%х", n); и проверьте вывод программы.',
    "Пусть х = у + 1, тогда при у = 2 получаем х = 3.",
    "Змінна і в циклі for і in range(n) рахує кроки.",
    "Нехай у = 3х \N{MINUS SIGN} 1; при х = 2 маємо у = 5.",
    "Променљива х у изразу х + у = 1 је непозната.",
    "Ако с > 0, връщаме с - 1 и продължаваме.",
    "Компания Apple открыла офис, а код assert х < у проверяет границы.",
    # English prose about a Cyrillic letter: quoted or named, not code
    "The Russian preposition \N{CYRILLIC SMALL LETTER ES} (with) takes the instrumental case.",
    "The Cyrillic letter \N{CYRILLIC SMALL LETTER HA} is pronounced like the ch in loch.",
    "Cyrillic \N{CYRILLIC SMALL LETTER ER} looks like Latin p but sounds like r.",
    'In Russian, "\N{CYRILLIC SMALL LETTER ES}" means "with".',
    "Transliterate \N{CYRILLIC SMALL LETTER HA} \N{RIGHTWARDS ARROW} kh in names.",
    "U+0445 CYRILLIC SMALL LETTER HA (\N{CYRILLIC SMALL LETTER HA}) looks like x.",
    "The letter *\N{CYRILLIC SMALL LETTER HA}* is a velar; _\N{CYRILLIC SMALL LETTER ER}_ is trilled.",
    "See [\N{CYRILLIC SMALL LETTER ES}] above.",
    # quoted alone in code: a literal of a program about Cyrillic
    "if ch == '\N{CYRILLIC SMALL LETTER HA}': out.append('kh')",
    'confusables = {"\N{CYRILLIC SMALL LETTER ES}": "c", "\N{CYRILLIC SMALL LETTER ER}": "p"}',
    "The Armenian letter \N{ARMENIAN SMALL LETTER OH} is a vowel; see sysctl(8) and word(s).",
    # maths and science with genuine Greek and maths letters
    "For all x \N{ELEMENT OF} S, \N{GREEK SMALL LETTER ALPHA} > 0 and "
    "\N{GREEK SMALL LETTER BETA} < 0 hold; the change \N{GREEK CAPITAL LETTER DELTA} is small.",
    "Let \N{MATHEMATICAL BOLD SMALL X} = b with "
    "\N{GREEK SMALL LETTER RHO}_k = \N{GREEK SMALL LETTER RHO}_prev + \N{GREEK SMALL LETTER ETA}g.",
    # a Greek paragraph with code in it
    "Έστω α > 0 και β < 0· τότε το assert α < β αποτυγχάνει.",
]


@pytest.mark.parametrize("text", LEGITIMATE)
def test_legitimate_text_stays(text: str) -> None:
    for doc in (text, f"{BEFORE}\n\n{text}\n\n{AFTER}"):
        assert decloak.clean(doc).text == doc


def test_lone_letter_beside_real_words_of_its_script_stays() -> None:
    """A script outside the context alphabets (Canadian syllabics) with real words in the
    unit: its lone look-alike is a letter of that text, not a disguise."""
    pe = "\N{CANADIAN SYLLABICS KI}"  # reads P
    inuktitut = (
        "\N{CANADIAN SYLLABICS I}\N{CANADIAN SYLLABICS NO}\N{CANADIAN SYLLABICS K}"
        "\N{CANADIAN SYLLABICS TI}\N{CANADIAN SYLLABICS TO}\N{CANADIAN SYLLABICS T}"
    )
    doc = f"The word {inuktitut} is written x = {pe} + 1 in the primer."
    assert decloak.clean(doc).text == doc
    assert category(pe) == "Lo"


def test_lone_letters_in_one_long_code_line_cost_linear_time() -> None:
    ha = "\N{CYRILLIC SMALL LETTER HA}"

    def run(n: int) -> float:
        text = "total = " + " + ".join([ha] * n) + ";"
        return cpu_cost(lambda: decloak.clean(text), repeat=2)

    small, large = run(2000), run(8000)
    assert large / small < 8


def test_judging_one_long_line_costs_linear_time() -> None:
    """A line of one long name and a lone letter: the line is judged in one pass."""
    ha = "\N{CYRILLIC SMALL LETTER HA}"

    def run(n: int) -> float:
        text = "a" * n + f" {ha} and more"
        return cpu_cost(lambda: decloak.clean(text), repeat=2)

    small, large = run(1500), run(6000)  # within one unit (Limits.unit_max)
    assert large / small < 8


@settings(max_examples=500, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from([*"ab_x1 \t=<>{};\\[]()#/es\n", "\N{CYRILLIC SMALL LETTER HA}"]),
        max_size=40,
    ),
    st.data(),
)
def test_a_line_without_a_code_hint_is_no_code(text: str, data: st.DataObject) -> None:
    """The cheap scan that spares most prose lines the code pattern never hides a
    match: every branch of the pattern needs one of its characters."""
    from decloak.engine.codeline import _CODE_HINT_RE, _CODE_LINE_RE

    ls = data.draw(st.integers(0, len(text)))
    le = data.draw(st.integers(ls, len(text)))
    if _CODE_LINE_RE.search(text, ls, le) is not None:
        assert _CODE_HINT_RE.search(text, ls, le) is not None
