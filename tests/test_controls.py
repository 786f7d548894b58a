"""Controls that change no display (issue 14, class 3), built by construction.

Every format or bidi control (General_Category Cf, Bidi_Control, Default_Ignorable_Code_Point,
all from the generated Unicode 18 tables) is put at every position of real English
sentences: at a word's start, inside it, at its end, before punctuation, and alone
between two spaces.  Where it changes nothing a reader sees (python-bidi is the oracle
for that), ``clean`` removes it; the legitimate uses (right-to-left UI strings, isolates
around a right-to-left name, hyphenation hints in long words, emoji and script joiners)
come back byte-identical.  Both hold after a second ``clean`` too.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

import pytest
from bidi import get_display

import decloak
from decloak import chardata as cd
from decloak.engine.classes import SPECIAL
from decloak.engine.invisibles import legit_selector
from decloak.unicode import BIDI_CONTROL, DEFAULT_IGNORABLE, VARIATION_SELECTOR, category

# Real English sentences (GNU licences and Debian manual pages).
SENTENCES = (
    "The licenses for most software are designed to take away your freedom to share and change it.",
    "When we speak of free software, we are referring to freedom, not price.",
    "This program is distributed in the hope that it will be useful, but without any warranty.",
    "Remove the named files after reading their contents into memory.",
    "Everyone is permitted to copy and distribute verbatim copies of this document.",
    "Display the current time in the given format, or set the system date.",
)

_BIDI = cd.BIDI_EXPLICIT | cd.BIDI_MARKS


def _controls() -> list[str]:
    chars = set(DEFAULT_IGNORABLE.chars()) | set(BIDI_CONTROL.chars())
    chars |= {
        chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000 and category(chr(c)) == "Cf"
    }
    return sorted(chars)


CONTROLS = _controls()
# Cf characters that are not default-ignorable and not drawn: the interlinear annotation
# controls and the Egyptian hieroglyph joiners.
FORMAT_NOT_IGNORABLE = frozenset(
    c
    for c in CONTROLS
    if c not in DEFAULT_IGNORABLE
    and c not in cd.VISIBLE_FORMAT_CHARACTERS
    and c not in BIDI_CONTROL
)
# The kernel's special-character table (engine/classes.py SPECIAL) does not hold them
# yet: stage A never sees them.
NOT_SCANNED = frozenset(c for c in FORMAT_NOT_IGNORABLE if c not in SPECIAL)


def _words(sentence: str) -> list[tuple[int, int]]:
    out, i = [], 0
    while i < len(sentence):
        if sentence[i].isascii() and sentence[i].isalpha():
            j = i
            while j < len(sentence) and sentence[j].isascii() and sentence[j].isalpha():
                j += 1
            out.append((i, j))
            i = j
        else:
            i += 1
    return out


def _placements(ch: str) -> Iterator[tuple[str, str, str]]:
    """(position name, text with ``ch`` placed, text without it) for one control."""
    s = SENTENCES[ord(ch) % len(SENTENCES)]
    words = _words(s)
    k = 1 + ord(ch) % (len(words) - 2)  # never the first word: a BOM there opens a line
    a, b = words[k]
    yield "start", s[:a] + ch + s[a:], s
    # inside: a short word (no hyphenator breaks it), never after an f (German ligature stop)
    a2, b2 = next((w for w in words[1:] if 3 <= w[1] - w[0] <= 4 and s[w[0]] != "f"), words[k])
    m = a2 + (b2 - a2) // 2
    if s[m - 1] == "f":
        m += 1
    yield "inside", s[:m] + ch + s[m:], s
    yield "end", s[:b] + ch + s[b:], s
    p = s.index(",") if "," in s else len(s) - 1
    yield "before punctuation", s[:p] + ch + s[p:], s
    yield "between spaces", s[:b] + " " + ch + s[b:], s[:b] + " " + s[b:]


def _shows_the_same(with_ch: str, without: str, ch: str) -> bool:
    """The oracle: python-bidi displays both lines alike (``ch`` itself not shown)."""

    def strip(t: str) -> str:
        return "".join(c for c in t if c not in _BIDI and c != ch)

    return strip(get_display(with_ch, base_dir="L")) == strip(get_display(without, base_dir="L"))


def _cases(chars: list[str]) -> list[tuple[str, str, str, str]]:
    out = []
    for ch in chars:
        for pos, text, expected in _placements(ch):
            if not _shows_the_same(text, expected, ch):
                continue  # reorders the line: the bidi reordering class, tested elsewhere
            if ch in VARIATION_SELECTOR and legit_selector(text, text.index(ch)):
                continue  # a standardized variant (a digit zero with VS1): kept
            out.append((f"U+{ord(ch):04X} {pos}", ch, text, expected))
    return out


REMOVABLE = [c for c in CONTROLS if c not in NOT_SCANNED and c not in cd.VISIBLE_FORMAT_CHARACTERS]


def test_the_construction_covers_every_control() -> None:
    names = {c for c in CONTROLS}
    assert len(names) > 4000  # the default-ignorable planes are mostly unassigned
    for ch in (
        *cd.BIDI_EXPLICIT,
        *cd.BIDI_MARKS,
        cd.SOFT_HYPHEN,
        "\N{INTERLINEAR ANNOTATION ANCHOR}",
    ):
        assert ch in names
    # every control and every position is tried (display-changing ones are the reordering class)
    assert {c[1] for c in _cases(REMOVABLE)} == set(REMOVABLE)


@pytest.mark.parametrize("bucket", range(8))
def test_every_control_in_every_position_of_english_goes(bucket: int) -> None:
    """Split in buckets so that a failure names few cases; 4,000+ controls x 5 positions."""
    failures = []
    for name, _ch, text, expected in _cases(REMOVABLE[bucket::8]):
        out = decloak.clean(text).text
        if out != expected:
            failures.append(f"{name}: {text!r} -> {out!r}")
        elif decloak.clean(out).text != out:
            failures.append(f"{name}: not idempotent")
    assert not failures, f"{len(failures)} cases, first: {failures[:5]}"


def test_format_controls_that_are_not_default_ignorable_go() -> None:
    """Interlinear annotation U+FFF9..FFFB and the Egyptian hieroglyph format controls
    U+13430..1343F are format characters but not default-ignorable: the kernel scans them
    because engine.classes.SPECIAL holds every Cf (it did not, and they stayed)."""
    cases = _cases(sorted(FORMAT_NOT_IGNORABLE))
    assert len({c[1] for c in cases}) == len(FORMAT_NOT_IGNORABLE) == 19
    for _name, _ch, text, expected in cases:
        assert decloak.clean(text).text == expected


@pytest.mark.parametrize("ch", sorted(cd.VISIBLE_FORMAT_CHARACTERS))
def test_visible_format_characters_are_left_alone(ch: str) -> None:
    """Prepended concatenation marks (the Arabic number sign) are drawn: not invisible."""
    text = f"Page {ch}12 of the report."
    assert decloak.clean(text).text == text


@pytest.mark.parametrize(
    ("opener", "closer"),
    [
        (cd.LRE, cd.PDF),
        (cd.RLE, cd.PDF),
        (cd.LRO, cd.PDF),
        (cd.LRI, cd.PDI),
        (cd.RLI, cd.PDI),
        (cd.FSI, cd.PDI),
    ],
)
def test_an_embedding_or_isolate_around_an_english_word_goes(opener: str, closer: str) -> None:
    for s in SENTENCES:
        for k, (a, b) in enumerate(_words(s)):
            text = s[:a] + opener + s[a:b] + closer + s[b:]
            out = decloak.clean(text).text
            assert out == s, (k, text, out)
            assert decloak.clean(out).text == out


def test_isolates_around_several_words_and_nested_go() -> None:
    s = SENTENCES[0]
    text = s.replace("most software", f"{cd.RLI}most {cd.LRI}soft{cd.PDI}ware{cd.PDI}")
    assert decloak.clean(text).text == s


# --- bidi marks used as payload digits --------------------------------------------------


def _bits(message: str, zero: str, one: str) -> str:
    return "".join(one if b == "1" else zero for byte in message.encode() for b in f"{byte:08b}")


@pytest.mark.parametrize(
    ("zero", "one"),
    [
        ("\N{LEFT-TO-RIGHT MARK}", "\N{RIGHT-TO-LEFT MARK}"),
        ("\N{RIGHT-TO-LEFT MARK}", "\N{ARABIC LETTER MARK}"),
        ("\N{ZERO WIDTH SPACE}", "\N{RIGHT-TO-LEFT MARK}"),  # mixed with zero-width digits
    ],
)
def test_marks_as_payload_digits_are_decoded_and_removed(zero: str, one: str) -> None:
    s = SENTENCES[2]
    a = s.index(" in the hope")
    text = s[:a] + _bits("id-7731", zero, one) + s[a:]
    assert decloak.clean(text).text == s
    payloads = [f.payload for f in decloak.scan(text).findings if f.payload]
    assert payloads == ["id-7731"]


def test_four_symbol_payload_of_marks_and_zero_width_characters() -> None:
    digits = ("\u200b", "\u200c", "\u200e", "\u200f")
    data = b"lk9"
    run = "".join(digits[(byte >> s) & 3] for byte in data for s in (6, 4, 2, 0))
    text = f"The policer{run} to bind to the packet trap group."
    assert decloak.clean(text).text == "The policer to bind to the packet trap group."
    assert [f.payload for f in decloak.scan(text).findings if f.payload] == ["lk9"]


# --- soft hyphens ---------------------------------------------------------------------------

SHY = cd.SOFT_HYPHEN


@pytest.mark.parametrize(
    "word",
    [
        "wi|ll",  # 4 letters: no hyphenator breaks a word shorter than 5
        "HTT|P",
        "a|nd",
        "st|ill",  # 5 letters, in a line where no long word is hyphenated
        "sta|tus",  # 6 letters, likewise
        "Thir|d",  # a 1-letter part: every hyphenator leaves at least 2
        "c|hunks",
        "Donaudampfschiff|s",  # a long word, but a 1-letter part
    ],
)
def test_soft_hyphen_that_no_hyphenator_would_place_goes(word: str) -> None:
    text = f"It {word.replace('|', SHY)} work as the manual says."
    expected = f"It {word.replace('|', '')} work as the manual says."
    assert decloak.clean(text).text == expected
    why = [f.explanation for f in decloak.scan(text).findings]
    assert len(why) == 1 and "hyphenat" in why[0], why


@pytest.mark.parametrize(
    "text",
    [
        "Die Silben\u00adtrennung ist eine Kunst.",
        "Die Fu\u00df\u00adball\u00adwelt\u00admeis\u00adter\u00adschaft beginnt.",
        "Lento\u00adkone\u00adsuihku\u00adturbiini\u00admoottori\u00adapu\u00admekaanikko",
        "De kinder\u00adop\u00advang\u00adtoe\u00adslag stijgt.",
        "Kaupungin\u00advaltuuston kokous alkaa.",
        # automatic hyphenation: short words carry hints where long words do too
        "Die Ta\u00adfel steht im Klas\u00adsen\u00adzim\u00admer.",
        "Eksempel\u00adprogram Frobnicate",  # Norwegian polkit catalogue
        "Jog\u00adjakarta",  # Danish catalogue
    ],
)
def test_hyphenation_hints_in_long_words_stay(text: str) -> None:
    assert decloak.clean(text).text == text
    assert not decloak.scan(text).findings


def test_a_short_word_hint_is_believed_only_beside_a_hyphenated_long_word() -> None:
    assert decloak.clean("Die Ta\u00adfel steht dort.").text == "Die Tafel steht dort."


# --- legitimate uses stay byte-identical --------------------------------------------------

LEGIT = {
    # right-to-left lines: marks and embeddings are how these are written
    "Hebrew file name with RLM": "הקובץ report.pdf\u200f נשמר בהצלחה.",
    "Arabic file name with LRM": "تم حفظ الملف \u200edata.csv\u200e بنجاح.",
    "Arabic price with ALM": "السعر\u061c 25\u061c دولارًا فقط.",
    "Persian version with LRM": "نسخهٔ \u200e3.2\u200e منتشر شد.",
    "Hebrew with RLE embedding": "\u202bשלום עולם\u202c and goodbye.",
    # isolates around a right-to-left name in an English sentence do work
    "FSI around an Arabic name": "User \u2068محمد علي\u2069 joined the channel.",
    "RLI around a Hebrew name": "\u2067שרה כהן\u2069 commented on your post.",
    "FSI around a Hebrew word": "User \u2068שלום\u2069 logged in",
    # strings of right-to-left catalogues with no right-to-left letter (system .mo files):
    # they are shown inside right-to-left text, where their controls do work
    "fa glib time": "\u2066%OH:%OM:%OS\u2069",
    "fa glib time and period": "\u2066%OI:%OM:%OS\u2069 %p",
    "fa glib date and time": "%A %Oe %B %Oy\u060c \u2066%OH:%OM:%OS\u2069",
    "he glib size": "\u200f%.1f\u00a0%s",
    "he glib count": "\u200f\u200e\u200f%u \u200f%s",
    "he gtk period": "%p \u200f(%s)",
    "ar glib date": "%d\u200f/%m\u200f/%Y",
    "ar xkeyboard-config variant": "\u200fapl2",
    "ps glib time": "\u202b%I:%M:%S %p\u202c",
    "he glib untranslated": "\u202bCould not allocate %lu bytes to read file \u201c%s\u201d",
    "he glib untranslated, closed": "\u202bExpecting one fd, but got %d\u202c",
    # joiners the invisibles stage already keeps
    "emoji family": "Our family \U0001f468\u200d\U0001f469\u200d\U0001f467 went out.",
    "Persian ZWNJ": "می\u200cخواهم بروم.",
    "Sinhala ZWJ": "ශ්\u200dරී ලංකාව",
    "Malayalam chillu": "അവന്\u200d വന്നു",
    "Khmer ZWSP": "ភាសា\u200bខ្មែរ",
    "BOM opening the text": "\ufeffThe file starts here.",
}


@pytest.mark.parametrize("name", sorted(LEGIT))
def test_legitimate_controls_stay(name: str) -> None:
    text = LEGIT[name]
    assert decloak.clean(text).text == text


def test_a_leading_right_to_left_mark_sets_the_line_direction_and_stays() -> None:
    """RLM as a line's first strong character makes it a right-to-left paragraph:
    that changes what is displayed (alignment, where the full stop goes)."""
    text = "\u200fThe file was saved."
    assert decloak.clean(text).text == text


# --- explanations ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("The fi\u200ble is here.", "zero-width space"),
        ("The fi\u200ele is here.", "no right-to-left letters"),
        ("The \u2067file\u2069 is here.", "no right-to-left letters"),
        ("The \u202afile\u202c is here.", "changes nothing"),
        ("The wi\u00adll is here.", "no hyphenator"),
        ("Th\u00adese files are here.", "hyphenat"),
    ],
)
def test_explanations_say_why_the_control_does_nothing(text: str, words: str) -> None:
    findings = decloak.scan(text).findings
    assert findings
    assert all(words in f.explanation for f in findings), [f.explanation for f in findings]


# --- found by a random search over controls-heavy text ----------------------------------

RANDOM_FINDS = {
    # an ALM kept beside punctuation reordered the digits once the override around it
    # had gone: the second clean changed the text again
    "ALM held in place by an override": "\u200c\u202a%\xad\u2068\xad,\xf6\u200f.\u200c\u061c \u200b \u202d2cb",
    "ALM before a colon and a digit": "a\ufeffe\xadH\u202ca)\u202d\u061c\u202a\u2068\xad:2",
    "marks around a number": "\u200cd\u202bc%d\u200b\u202a\u200f\u2068\u2066.1\u061c.H\u200ba\u0301\u2069\xf6:",
    "isolate kept, embedding gone": "c\u200fb\u202ac\nc\u202cT,\u202a\u200f\u20671\u202a\u2069\u2066\u202b\u20672\n \u200c\u061c",
    "ALM before a slash": "b\u2066H:).\u061c/ \u202a\u2069\u202e\ufeff\u2067\u200f\u202e,",
}


@pytest.mark.parametrize("name", sorted(RANDOM_FINDS))
def test_random_finds_are_idempotent(name: str) -> None:
    text = RANDOM_FINDS[name]
    for profile in ("default", "strict"):
        once = decloak.clean(text, profile).text
        assert decloak.clean(once, profile).text == once


# --- linear cost ---------------------------------------------------------------------------

N = 12_000
RATIO_BOUND = 8.0

ADVERSARIAL: dict[str, Callable[[int], str]] = {
    "marks inside words": lambda n: "wo\u200erd \u200fthe\u061c " * (n // 14),
    "marks beside punctuation": lambda n: "%d\u200f/%m\u200f/" * (n // 8),
    "isolates around words": lambda n: "\u2067is\u2069 \u2068it\u2069 " * (n // 10),
    "isolates around format strings": lambda n: "\u2066%OH:%OM\u2069 " * (n // 11),
    "a run of marks inside a word": lambda n: "w" + "\u200e\u200f\u200f" * (n // 3) + "d",
    "soft hyphens in short words": lambda n: "wi\u00adll " * (n // 6),
    "soft hyphens in short and long words": lambda n: (
        "Ta\u00adfel Klas\u00adsen\u00adzimmer " * (n // 25)
    ),
    "one soft-hyphenated word": lambda n: "ab\u00ad" * (n // 3),
}


def _cost(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        t0 = time.process_time()
        decloak.clean(text)
        best = min(best, time.process_time() - t0)
    return max(best, 1e-4)


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_cost_is_linear(name: str) -> None:
    make = ADVERSARIAL[name]
    small, big = _cost(make(N)), _cost(make(4 * N))
    assert big / small < RATIO_BOUND, f"{name}: 4x input cost {big / small:.1f}x"


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_adversarial_inputs_are_idempotent(name: str) -> None:
    once = decloak.clean(ADVERSARIAL[name](3000)).text
    assert decloak.clean(once).text == once
