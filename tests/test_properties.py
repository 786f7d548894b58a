"""Property-based tests (hypothesis): idempotence, legitimate text, attack then repair."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

import decloak

SETTINGS = settings(
    max_examples=int(__import__("os").environ.get("DECLOAK_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

# --- arbitrary text ---------------------------------------------------------------------

any_text = st.text(
    alphabet=st.characters(codec=None, exclude_categories=()), max_size=60
) | st.text(
    alphabet=st.sampled_from(
        list("abcdefghij ABC.\n\r\t")
        + list("аеосрхуіΑΒοαν")
        + list("\u200b\u200c\u200d\u2060\ufeff")
        + list("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")
        + list("\b\x7f\x1b[m")
        + list("\ufe0f\ufe0e\U000e0100\U000e0041\U000e007f\U0001f3f4")
        + list("ｆ𝐟ℎ\u00ad\u3164")
        + list("مشی")
        + list("אב")
    ),
    max_size=80,
)


@SETTINGS
@given(any_text)
@example("\N{LATIN SMALL LETTER TONE FIVE}\N{GREEK CAPITAL LETTER ALPHA}")  # ƽ read once Α is A
def test_clean_is_idempotent(text: str) -> None:
    once = decloak.clean(text).text
    assert decloak.clean(once).text == once


@SETTINGS
@given(any_text)
def test_plan_replays_and_offsets_stay_inside(text: str) -> None:
    c = decloak.clean(text)
    assert decloak.apply_plan(text, c.plan) == c.text
    for f in c.findings:
        assert 0 <= f.start <= f.end <= len(text)
    m = c.offsets
    for i in range(len(c.text) + 1):
        assert 0 <= m.to_input(i) <= len(text)
    c.text.encode("utf-8")  # always valid UTF-8
    r = decloak.scan(text)
    assert 0.0 <= r.score <= 1.0


# --- legitimate text in many scripts ------------------------------------------------------

ALPHABETS = {
    "ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    "uk": "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя",
    "el": "αβγδεζηθικλμνξοπρστυφχψωάέήίόύώ",
    "hy": "աբգդեզէըթժիլխծկհձղճմյնշոչպջռսվտրցւփքօֆ",
    "ar": "ابتثجحخدذرزسشصضطظعغفقكلمنهوي",
    "he": "אבגדהוזחטיכלמנסעפצקרשת",
    "hi": "कखगघचछजझटठडढणतथदधनपफबभमयरलवशसह",
    "zh": "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年",
    "ja": "あいうえおかきくけこさしすせそたちつてとなにぬねのアイウエオカキクケコ",
    "th": "กขคงจฉชซญดตถทนบปผพฟมยรลวสหอฮ",
    "ka": "აბგდევზთიკლმნოპჟრსტუფქღყშჩცძწჭხჯჰ",
    "ko": "가나다라마바사아자차카타파하",
}


NATIVE_WORD = {"ru": "Москва", "uk": "Київ", "el": "Ελλάδα", "hy": "Հայաստան"}


@st.composite
def paragraph(draw: st.DrawFn) -> str:
    lang = draw(st.sampled_from(sorted(ALPHABETS)))
    letters = ALPHABETS[lang]
    # real sentences: several words, most of them longer than two letters
    words = draw(
        st.lists(st.text(alphabet=letters, min_size=1, max_size=9), min_size=1, max_size=10)
    )
    words += draw(
        st.lists(st.text(alphabet=letters, min_size=4, max_size=9), min_size=3, max_size=6)
    )
    # a Latin brand or term now and then, as whole words (never inside a word)
    brands = draw(
        st.lists(
            st.sampled_from(["Apple", "iPhone", "Google", "OK", "COVID-19", "HTTP"]), max_size=2
        )
    )
    for b in brands:
        words.insert(draw(st.integers(0, len(words))), b)
    # real text in these alphabets always has letters that look like no Latin letter
    words.append(NATIVE_WORD.get(lang, letters[:3]))
    seps = draw(
        st.lists(
            st.sampled_from([" ", " ", ", ", ". ", " — ", "\u00a0"]),
            min_size=len(words),
            max_size=len(words),
        )
    )
    return "".join(w + s for w, s in zip(words, seps, strict=True)).strip()


@SETTINGS
@given(st.lists(paragraph(), min_size=1, max_size=3))
def test_legitimate_multiscript_text_is_unchanged(paras: list[str]) -> None:
    text = "\n\n".join(paras)
    assert decloak.clean(text).text == text


# --- attack then repair -------------------------------------------------------------------

WORDS = [
    "the",
    "of",
    "and",
    "to",
    "in",
    "is",
    "was",
    "that",
    "for",
    "on",
    "with",
    "as",
    "by",
    "at",
    "from",
    "this",
    "have",
    "not",
    "are",
    "but",
    "had",
    "his",
    "they",
    "which",
    "one",
    "you",
    "were",
    "all",
    "her",
    "she",
    "there",
    "would",
    "their",
    "will",
    "when",
    "who",
    "him",
    "been",
    "has",
    "more",
    "if",
    "no",
    "out",
    "so",
    "said",
    "what",
    "up",
    "its",
    "about",
    "into",
    "than",
    "them",
    "can",
    "only",
    "other",
    "new",
    "some",
    "could",
    "time",
    "these",
    "two",
    "may",
    "then",
    "do",
    "first",
    "any",
    "like",
    "now",
    "my",
    "such",
    "make",
    "over",
    "our",
    "even",
    "most",
    "me",
    "state",
    "after",
    "also",
    "made",
    "many",
    "did",
    "must",
    "before",
    "back",
    "see",
    "through",
    "way",
    "where",
    "get",
    "much",
    "go",
    "well",
    "your",
    "know",
    "should",
    "down",
    "work",
    "year",
    "because",
    "come",
    "people",
    "just",
    "each",
    "those",
    "take",
    "day",
    "good",
    "how",
    "long",
    "little",
    "great",
    "old",
    "world",
    "right",
    "children",
    "house",
    "small",
    "place",
    "found",
    "still",
    "thing",
    "number",
    "part",
    "between",
    "public",
    "city",
    "council",
    "park",
]
CYR = {
    "a": "а",
    "c": "с",
    "e": "е",
    "o": "о",
    "p": "р",
    "x": "х",
    "y": "у",
    "i": "і",
    "s": "ѕ",
    "j": "ј",
    "h": "һ",
    "A": "А",
    "B": "В",
    "C": "С",
    "E": "Е",
    "H": "Н",
    "K": "К",
    "M": "М",
    "O": "О",
    "P": "Р",
    "T": "Т",
    "X": "Х",
}
INVISIBLES = ["\u200b", "\u200c", "\u200d", "\u2060", "\u2062", "\ufeff"]


@st.composite
def english(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=8, max_size=30))
    words[0] = words[0].capitalize()
    return " ".join(words) + "."


@SETTINGS
@given(english(), st.integers(0, 2**32 - 1), st.floats(0.01, 0.3))
def test_attack_then_clean_gives_back_the_original(original: str, seed: int, rate: float) -> None:
    rng = random.Random(seed)
    chars = list(original)
    out = []
    for ch in chars:
        if ch in CYR and rng.random() < rate:
            out.append(CYR[ch])
        else:
            out.append(ch)
        if ch.isalpha() and rng.random() < rate / 3:
            inv = rng.choice(INVISIBLES)
            if ch == "f" and inv == "\u200c":
                # Documented limit: a ZWNJ after f is how German typesetting stops
                # a ligature ("Auf\u200clage"); with no other disguise in the
                # paragraph decloak keeps it.  So the generator does not rely on it.
                inv = "\u200b"
            out.append(inv)
    attacked = "".join(out)
    assume(attacked != original)
    assert decloak.clean(attacked).text == original
    assert decloak.scan(attacked).findings
