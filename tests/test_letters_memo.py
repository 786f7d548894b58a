"""One call remembers its mixed words' verdicts in Latin units (``Context.swaps``): a
word met again must give what it gives when met first, record for record, and a
word judged by its unit (another alphabet's rewrite must read well there) must not
be remembered."""

from __future__ import annotations

import decloak

# Cyrillic І (an l/I look-alike, read with the lexicon), а and е inside English words
WORDS = [
    "\N{CYRILLIC CAPITAL LETTER BYELORUSSIAN-UKRAINIAN I}f",
    "p\N{CYRILLIC SMALL LETTER A}ypal",
    "DESCR\N{CYRILLIC CAPITAL LETTER BYELORUSSIAN-UKRAINIAN I}PTION",
]


def _alone(paragraph: str) -> list[tuple[int, int, str | None, str]]:
    return [
        (f.start, f.end, f.replacement, f.explanation) for f in decloak.scan(paragraph).findings
    ]


def test_a_word_met_again_gives_what_it_gives_alone() -> None:
    paragraphs = [
        f"{w} the {w} is here, and the x \N{CYRILLIC SMALL LETTER A} y line." for w in WORDS
    ] * 2
    text = "\n\n".join(paragraphs)
    got = [(f.start, f.end, f.replacement, f.explanation) for f in decloak.scan(text).findings]
    want = []
    offset = 0
    for p in paragraphs:
        want += [(s + offset, e + offset, r, x) for s, e, r, x in _alone(p)]
        offset += len(p) + 2
    assert got == want
    assert decloak.clean(text).text == "\n\n".join(decloak.clean(p).text for p in paragraphs)


def test_a_word_of_another_alphabet_is_judged_in_each_unit() -> None:
    # a Latin o inside a Russian word goes back to Cyrillic: judged per unit, as before
    ru = "\N{CYRILLIC SMALL LETTER ZE}\N{CYRILLIC SMALL LETTER A}\N{CYRILLIC SMALL LETTER KA}o\N{CYRILLIC SMALL LETTER EN}"
    text = f"Это {ru} страны.\n\nThe {ru} here.\n\nЭто {ru} страны."
    parts = text.split("\n\n")
    assert decloak.clean(text).text == "\n\n".join(decloak.clean(p).text for p in parts)
