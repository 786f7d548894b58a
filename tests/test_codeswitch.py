"""Code-switched words are real text; disguises at word ends are still repaired (issue 17).

Russian, Ukrainian, Belarusian, Serbian, Bulgarian and Kazakh writers decline Latin
names with endings of their own alphabet ("в GitHubе"), and glue English words to
names of theirs ("Port Диннаville").  Those come back byte-identical.  English prose
with Cyrillic letters at word ends, and a disguised word inside Russian text, are
still repaired, and no rewrite leaves a worse reading than its input.  (The
evaluation's code-switching rows are measured by ``make eval``; the sentences here
are this file's own.)
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import decloak
from decloak import chardata as cd

ISSUE_EXAMPLES = [
    "Он сделал апдейт в GitHubе вчера.",
    "Пиши код на Pythonе, а не на Excelе.",
    "Постави слику на Instagramу",
    "Port Диннаville",
    "Lake Пачоview",
]

# name, then sentence templates per language with {} where the declined name goes
NAMES = ["Jira", "Spotify", "Zoom", "Chrome", "Skype", "Figma", "Dropbox", "Signal"]
TEMPLATES = {
    "ru": ["Скинь мне ссылку в {}е, я посмотрю.", "Я работаю в {}е уже год.", "Без {}а никак."],
    "uk": ["Я зберіг файл у {}і ще вчора.", "Напиши мені в {}і, будь ласка."],
    "be": ["Я знайшоў гэта ў {}е сёння.", "Напішы мне ў {}е, калі ласка."],
    "sr": ["Погледај то на {}у, брзо је.", "Нема га на {}у већ месец дана."],
    "bg": ["Пратих ти го в {}а преди малко.", "Има нова версия на {}а."],
    "kk": ["Сілтемені {}ға жібер, кейін қараймын.", "Мен {}да отырмын."],
}
SUFFIXED = ["Вишняview", "Озерноville", "Сосноваshire", "Кленоваview"]


@pytest.mark.parametrize("text", ISSUE_EXAMPLES)
def test_the_issue_examples_come_back_identical(text: str) -> None:
    assert decloak.clean(text).text == text
    assert decloak.scan(text).findings == ()


@pytest.mark.parametrize(
    "text",
    [t.format(n) for ts in TEMPLATES.values() for t, n in itertools.product(ts, NAMES)]
    + [f"Адрес: квартал {s}, блок 7." for s in SUFFIXED],
)
def test_declined_names_come_back_identical(text: str) -> None:
    assert decloak.clean(text).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the scraped-article style: every "a" swapped, word ends included
        ("The mаn sаid thаt the dаtа wаs in Cаnаdа.", "The man said that the data was in Canada."),
        ("Read thе manual of the devicе first.", "Read the manual of the device first."),
        ("Ship it tо the team bеfore noon.", "Ship it to the team before noon."),
        # inside Russian text: a Latin word disguised at its end (read as Latin it is a
        # known word, its stem is not), and English with a Cyrillic last letter
        ("Зайдите в аккаунт Applе сегодня.", "Зайдите в аккаунт Apple сегодня."),
        ("Он написал thе слово на доске.", "Он написал the слово на доске."),
        # and a Latin letter inside a Russian word still goes back to Cyrillic
        ("Я люблю мoй дом.", "Я люблю мой дом."),
    ],
)
def test_disguises_at_word_ends_are_still_repaired(text: str, expected: str) -> None:
    assert decloak.clean(text).text == expected


LATIN = "abcdefghijklmnoprstuvwxyz"
CYRILLIC_WORDS = ["привет", "работа", "дом", "книга", "город", "вечер"]


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(LATIN), min_size=2, max_size=8),
    st.sampled_from(CYRILLIC_WORDS),
    st.integers(0, 8),
    st.sampled_from(CYRILLIC_WORDS),
)
def test_no_rewrite_into_a_worse_reading(latin: str, word: str, at: int, other: str) -> None:
    """Latin letters written back into a Russian word are letters Russian writes:
    core letters, or letters the unit uses elsewhere (never ӏ, ѵ, ш for w...)."""
    at = at % (len(word) + 1)
    mixed = word[:at] + latin + word[at:]
    text = f"Это {other} и {mixed} тоже."
    for f in decloak.scan(text).findings:
        if f.kind.value != "homoglyph" or not f.replacement:
            continue
        for ch in f.replacement:
            if ch.isascii():
                continue  # a rewrite to Latin
            assert ch in cd.CORE_LETTERS["Cyrillic"] or ch in text.replace(mixed, ""), (
                text,
                f.replacement,
            )
            assert ch not in cd.WEAK_LOOKALIKES
