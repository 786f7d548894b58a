"""The C kernel and its pure-Python twin agree exactly, primitive by primitive.

Every function of ``decloak._speedups`` is compared with its ``decloak.kernel.py_*``
twin on random text (hypothesis) and on adversarial text (the shapes
``fuzz/adversarial.py`` sends at full size, here small).  The rest of the suite
runs once per kernel (``make test``), so the engine's decisions are checked on
both; this file checks the primitives directly, in one process.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from decloak import kernel
from decloak.engine import TABLES, Rec
from decloak.engine.letters import _LATIN_REC
from decloak.model import Kind

try:  # compared directly, whichever kernel this run of the suite uses
    from decloak import _speedups  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    _speedups = None
pytestmark = pytest.mark.skipif(_speedups is None, reason="C kernel not built here")

ALPHABET = (
    list("abcdef ABC .,-\n")
    + list("аеосрхуіѕдлжΑΒοαλμ")
    + list("ｆ𝐟ℎ１")
    + list("\u0301\u200c\u200d\u00ad\u034f\u200b")
    + list("葛ひカ한ابא😀🏳")
    # other scripts' Latin-likes: candidates only beside an ASCII letter or digit
    + list("бЗו١।07.-()")
)
PARA_ALPHABET = [*ALPHABET, "\n", "\n\n", "\n \n", "\r\n\r\n", " ", "word "]
SPECIAL_ALPHABET = [
    *ALPHABET,
    "\x00",
    "\x08",
    "\t",
    "\u200e",
    "\u202e",
    "\u2066",
    "\ufe0f",
    "\U000e0041",
    "\U000e0100",
    "\U0001f3f4",
    "\ud800",
    "\u2800",
    "\U000e007f",
]
TUPLES = (None, Kind.HOMOGLYPH, "why", 0.95, 0.85)


def _c() -> object:
    return _speedups


def agree(
    text: str, start: int, unit_max: int, asks_seed: int = 0, tb: kernel.Tables = TABLES
) -> None:
    """Every primitive gives the same answer in C and in Python on ``text``."""
    c = _c()
    n = len(text)
    s = min(start, n)
    assert c.counts(text, s, n, tb.cls, tb.scr) == kernel.py_counts(text, s, n, tb)
    units = c.units(text, start, tb.cls, tb.scr, unit_max)
    assert units == kernel.py_units(text, start, tb, unit_max)
    rnd = random.Random(asks_seed)
    asks = bytes(rnd.randrange(4) for _ in units)
    for rec in (TUPLES, _LATIN_REC):
        got = c.words(text, units, asks, tb.cls, tb.scr, tb.tomap, *rec)
        assert got == kernel.py_words(text, units, asks, tb, rec)
    for cand, special in ((True, True), (True, False), (False, True)):
        cm = (kernel.F_LOOK | kernel.F_COMPAT) if cand else 0
        sm = kernel.S_SPECIAL if special else 0
        assert c.find(text, s, n, tb.cls, cm, tb.scr, sm) == kernel.py_find(
            text, s, n, tb, cand, special
        )
    assert c.runs(text, start, tb.scr, kernel.S_SPECIAL) == kernel.py_runs(text, start, tb)
    for end in (n, start + 3, n + 5):
        assert c.word_end(text, start, tb.cls, end) == kernel.py_word_end(text, start, tb, end)


@settings(max_examples=int(__import__("os").environ.get("DECLOAK_EXAMPLES", "300")), deadline=None)
@given(
    st.lists(st.sampled_from(PARA_ALPHABET), max_size=200),
    st.integers(2, 40),
    st.integers(0, 2**16),
    st.data(),
)
def test_primitives_agree_on_random_text(
    parts: list[str], unit_max: int, seed: int, data: st.DataObject
) -> None:
    text = "".join(parts)
    agree(text, data.draw(st.integers(0, len(text) + 2)), unit_max, seed)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80), st.integers(2, 30))
def test_primitives_agree_on_any_text(text: str, unit_max: int) -> None:
    agree(text, 0, unit_max)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(SPECIAL_ALPHABET), max_size=80), st.data())
def test_special_runs_are_the_exact_pattern(text: str, data: st.DataObject) -> None:
    """Stage A's runs of special characters: both table scans == the exact pattern."""
    from decloak.engine import SPECIAL_RE

    start = data.draw(st.integers(0, len(text) + 2))
    want = [m.span() for m in SPECIAL_RE.finditer(text, start)]
    assert kernel.py_runs(text, start, TABLES) == want
    assert _c().runs(text, start, TABLES.scr, kernel.S_SPECIAL) == want  # type: ignore[attr-defined]


def _adversarial() -> dict[str, str]:
    """The shapes of fuzz/adversarial.py, a few thousand characters each."""
    english = (
        "The licence grants you the right to copy, modify and share the program. "
        "Please read it carefully before you agree to its terms and conditions.\n"
    ) * 40
    swap = str.maketrans("aceopxyisjhACEOPXYISJH", "асеорхуіѕјһАСЕОРХҮІЅЈН")
    latin, cyr = "paypal", "paypal".translate(swap)
    return {
        "disguised": english.translate(swap),
        "half disguised": english[: len(english) // 2]
        + english[len(english) // 2 :].translate(swap),
        "long line": english.replace("\n", " ") * 3,
        "combining": "Zalgo x" + "".join(chr(0x300 + k % 0x70) for k in range(3000)) + " end.\n",
        "bidi": "bidi: " + "\u202ex\u202c\u2066y\u2069" * 500 + " end.\n",
        "tags": "Hello" + "".join(chr(0xE0000 + ord(c)) for c in english[:2000]) + " world.\n",
        "mixed word": "Login at "
        + "".join(latin[k % 6] if k % 2 else cyr[k % 6] for k in range(3000))
        + " now.\n",
        "zero-width words": english.replace("e", "e\u200b"),
        "multilingual": "Компания Apple открыла офис. Η Gmail είναι δωρεάν. 日本語のテキスト。\n\n"
        * 60,
        "one huge word": "а" * 5000 + "b" * 5000,
    }


@pytest.mark.parametrize("name", sorted(_adversarial()))
@pytest.mark.parametrize("unit_max", [8192, 64, 7])
def test_primitives_agree_on_adversarial_text(name: str, unit_max: int) -> None:
    text = _adversarial()[name]
    for start in (0, 1, len(text) // 3):
        agree(text, start, unit_max, start)


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("\N{ARABIC LETTER SAD}\N{ARABIC LETTER ALEF}\N{ARABIC LETTER HEH} hello", -1),
        ("say he\N{ARABIC LETTER ALEF}lo", 6),
        ("\N{ARABIC LETTER ALEF}1", 0),
        ("1\N{CYRILLIC CAPITAL LETTER ZE}", 1),
        ("x \N{CYRILLIC SMALL LETTER BE} y", -1),
        ("OpenSSL \N{GUJARATI DIGIT THREE}.0", 8),
        ("mount.cifs(\N{BENGALI DIGIT FOUR})", 11),
        ("\N{ARABIC LETTER ALEF}. \N{ARABIC LETTER ALEF}", -1),
        ("\N{HEBREW LETTER VAV}Windows", 0),
    ],
)
def test_other_scripts_forms_are_candidates_only_beside_ascii(text: str, first: int) -> None:
    """An Arabic page is full of alefs (a Latin-like of ``l``): one is a candidate only
    beside an ASCII letter or digit, in both kernels, and counts as a letter form only
    there; it never makes a word worth a decision by itself."""
    n = len(text)
    assert kernel.py_find(text, 0, n, TABLES, True, False) == first
    assert (
        _c().find(text, 0, n, TABLES.cls, kernel.F_LOOK | kernel.F_COMPAT, TABLES.scr, 0) == first
    )  # type: ignore[attr-defined]
    forms = kernel.py_counts(text, 0, n, TABLES)[4]
    assert forms == (first >= 0)
    assert _c().counts(text, 0, n, TABLES.cls, TABLES.scr)[4] == forms  # type: ignore[attr-defined]
    runs, complex_ = kernel.py_words(text, [(0, n)], bytes([kernel.ASK_LATIN]), TABLES, TUPLES)
    assert (runs, complex_) == ([], [])


def _toy_tables(ascii_look: str, ascii_form: str, ascii_foreign: str) -> kernel.Tables:
    """Tables under which some ASCII letters are look-alikes, letter forms, or of another
    script: the C kernel's scans skip ASCII stretches only when none is (as under the
    engine's tables), and must give the twin's answers either way."""
    from decloak.unicode import RangeSet

    latin = "abcdefABC"
    native = "бд"
    cyr = "аеос" + native + ascii_foreign
    letters = RangeSet.of(latin + cyr)
    return kernel.Tables(
        {
            kernel.F_WORD: letters | RangeSet.of(ascii_form + "\u0301"),
            kernel.F_LETTER: letters | RangeSet.of(ascii_form),
            kernel.F_LATIN: RangeSet.of(latin),
            kernel.F_LOOK: RangeSet.of("аеос" + ascii_look),
            kernel.F_NATIVE: RangeSet.of(native),
            kernel.F_COMPAT: RangeSet.of("ｆ" + ascii_form),
            kernel.F_UNAMB: RangeSet.of("bdf"),
            kernel.F_CJK: RangeSet(()),
        },
        {"Latin": RangeSet.of(latin + "ｆ"), "Cyrillic": RangeSet.of(cyr)},
        {"а": "a", "е": "e", "о": "o", "с": "c", **{c: c for c in ascii_look}},
        frozenset("а"),
        RangeSet.of("\x00\u200b"),
    )


@pytest.mark.parametrize(
    "tb",
    [
        _toy_tables("", "", ""),
        _toy_tables("e", "", ""),
        _toy_tables("", "f", ""),
        _toy_tables("", "", "d"),
    ],
)
@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "abcdef",
                "ABC def ",
                " e ",
                "а",
                "е",
                "б",
                "ｆ",
                "é",
                "\u0301",
                "\u200b",
                "😀",
                "\n\n",
                " ",
                ".",
            ]
        ),
        max_size=120,
    ),
    st.integers(2, 60),
    st.integers(0, 2**16),
)
def test_primitives_agree_under_other_tables(
    tb: kernel.Tables, parts: list[str], unit_max: int, seed: int
) -> None:
    """Long ASCII stretches in strings of each width (Latin-1, two and four bytes),
    under tables that do and do not let the C kernel skip ASCII."""
    text = "".join(parts)
    for start in (0, len(text) // 2):
        agree(text, start, unit_max, seed, tb)


def test_bad_arguments_are_refused() -> None:
    c = _c()
    with pytest.raises(ValueError, match="class table must have 1114112 bytes"):
        c.counts("abc", 0, 3, b"x", TABLES.scr)  # type: ignore[attr-defined]
    with pytest.raises(ValueError, match="reading table must have 2228224 bytes"):
        c.words("abc", [(0, 3)], b"\x03", TABLES.cls, TABLES.scr, b"x", *TUPLES)  # type: ignore[attr-defined]
    with pytest.raises(ValueError, match="one byte per span"):
        c.words("abc", [(0, 3)], b"", TABLES.cls, TABLES.scr, TABLES.tomap, *TUPLES)  # type: ignore[attr-defined]
    with pytest.raises(ValueError, match="one byte per span"):
        kernel.py_words("abc", [(0, 3)], b"", TABLES, TUPLES)
    with pytest.raises(ValueError, match="unit_max must be at least 2"):
        c.units("abc", 0, TABLES.cls, TABLES.scr, 1)  # type: ignore[attr-defined]
    with pytest.raises(ValueError, match="unit_max must be at least 2"):
        kernel.py_units("abc", 0, TABLES, 1)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(ALPHABET), max_size=60), st.data())
def test_apply_agrees_and_is_canonical(text: str, data: st.DataObject) -> None:
    cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=8)))
    edits = []
    for a, b in zip(cuts[0::2], cuts[1::2], strict=False):
        edits.append((a, b, None, data.draw(st.sampled_from(["", "x", "é", "а", "𝐟"]))))
    expected = kernel.py_apply(text, edits)
    out = _c().apply(text, edits)  # type: ignore[attr-defined]
    assert out == expected
    # CPython needs the narrowest representation: compare with a fresh copy's size
    assert out.__sizeof__() == "".join(list(out)).__sizeof__()


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 30),
            st.integers(0, 6),
            st.sampled_from(["", "a", None]),
            st.booleans(),
        ),
        max_size=12,
    )
)
def test_edit_selection_agrees(raw: list[tuple[int, int, str | None, bool]]) -> None:
    """The records apply_recs keeps: the C loop == the Python loop."""
    recs = sorted(
        (Rec(a, a + w, Kind.INVISIBLE, rep, 0.9, "", None, repair) for a, w, rep, repair in raw),
        key=lambda r: (r.start, -r.end),
    )
    assert _c().edits(recs) == kernel.py_edits(recs)  # type: ignore[attr-defined]


def _c_latin_runs(text: str) -> list[Rec]:
    """The records the C kernel settles in ``text`` read as one Latin unit."""
    runs, _ = _c().words(  # type: ignore[attr-defined]
        text,
        [(0, len(text))],
        bytes([kernel.ASK_LATIN]),
        TABLES.cls,
        TABLES.scr,
        TABLES.tomap,
        *_LATIN_REC,
    )
    return runs  # type: ignore[no-any-return]


def test_c_records_are_shared_and_untracked() -> None:
    """Records made in C skip the cyclic collector and share their confidence
    (an attacked text has a record every few characters)."""
    import gc

    runs = _c_latin_runs("Pay with your cаrd or yоur саrd")
    assert [(r.start, r.end, r.replacement) for r in runs] == [
        (15, 16, "a"),
        (23, 24, "o"),
        (27, 29, "ca"),
    ]
    assert not any(gc.is_tracked(r) for r in runs)
    assert all(r.confidence is _LATIN_REC[3] or r.confidence is _LATIN_REC[4] for r in runs)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 10**6), st.integers(0, 9), st.sampled_from(["", "a", None])),
        max_size=12,
    ),
    st.integers(-(10**6), 10**6),
)
def test_shifted_agrees(raw: list[tuple[int, int, str | None]], by: int) -> None:
    """Records of a piece of a long paragraph moved into the text's coordinates: the C
    loop == the Python loop, record type and items kept (the same objects)."""
    recs = [Rec(a, a + w, Kind.HOMOGLYPH, rep, 0.9, "why", None, True) for a, w, rep in raw]
    moved = _c().shifted(recs, by)  # type: ignore[attr-defined]
    assert moved == kernel.py_shifted(recs, by)
    assert all(type(m) is Rec for m in moved)
    assert all(m[2] is r[2] and m[5] is r[5] for m, r in zip(moved, recs, strict=True))
    plain = [(a, a + w, rep) for a, w, rep in raw]
    assert _c().shifted(plain, by) == kernel.py_shifted(plain, by)  # type: ignore[attr-defined]


def test_shifted_keeps_untracked_records_untracked() -> None:
    """A record the kernel made untracked stays so when moved (see make_rec)."""
    import gc

    moved = _c().shifted(_c_latin_runs("Pay with your cаrd"), 100)  # type: ignore[attr-defined]
    assert [(r.start, r.end) for r in moved] == [(115, 116)]
    assert not any(gc.is_tracked(r) for r in moved)
    with pytest.raises(TypeError, match="recs must be tuples"):
        _c().shifted([1], 1)  # type: ignore[attr-defined]


def test_words_come_back_untracked() -> None:
    """The spans worth a decision hold only ints and tuples: untracked at birth, they
    are never promoted to the oldest generation by the collector's walks."""
    import gc

    text = "Іf the раypal word\n\nхорошо, Greek αβγ and ｆｒｅｅ"
    units = _c().units(text, 0, TABLES.cls, TABLES.scr, 4000)  # type: ignore[attr-defined]
    asks = bytes([kernel.ASK_WHOLE | kernel.ASK_LATIN | kernel.ASK_REPORT] * len(units))
    _, complex_ = _c().words(  # type: ignore[attr-defined]
        text, units, asks, TABLES.cls, TABLES.scr, TABLES.tomap, *_LATIN_REC
    )
    assert complex_ and all(isinstance(c[3], tuple) for c in complex_)
    assert not any(
        gc.is_tracked(x) for x in [*units, *complex_, *(w for c in complex_ for w in c[3])]
    )


def test_untrack_leaves_only_records_of_atomic_items_to_refcounting() -> None:
    """``untrack`` (C) takes records whose items are atomic or the record's Kind out of
    the collector; a tuple holding a list (which could hold the tuple) stays, and the
    records before ``start`` are left alone.  The pure twin changes nothing."""
    import gc

    recs = [
        Rec(0, 1, Kind.HOMOGLYPH, "a", 0.9, "why"),
        Rec(1, 2, Kind.HOMOGLYPH, "a", 0.9, "why"),
        (3, 4, []),
        Rec(5, 6, Kind.INVISIBLE, None, 0.9, "why", "payload", False),
    ]
    assert all(gc.is_tracked(r) for r in recs)
    kernel.py_untrack(recs, 1, Kind)
    assert all(gc.is_tracked(r) for r in recs)
    _c().untrack(recs, 1, Kind)  # type: ignore[attr-defined]
    assert [gc.is_tracked(r) for r in recs] == [True, False, True, False]


def test_records_made_in_python_are_untracked_by_the_c_kernel() -> None:
    import gc

    from decloak.engine.records import emit_runs

    out: list[Rec] = []
    emit_runs(out, [(3, "a", 0.85), (4, "b", 0.95), (9, "c", 0.85)], Kind.HOMOGLYPH, "why")
    assert [(r.start, r.end, r.replacement, r.confidence) for r in out] == [
        (3, 5, "ab", 0.95),
        (9, 10, "c", 0.85),
    ]
    if kernel.HAVE_C:  # the pure kernel cannot untrack: its records stay tracked
        assert not any(gc.is_tracked(r) for r in out)


@pytest.mark.parametrize("wide", ["\N{LEFT SINGLE QUOTATION MARK}", "é", "😀", ""])
@pytest.mark.parametrize("at", [0, 5000, 20000])
def test_apply_output_width_over_long_texts(wide: str, at: int) -> None:
    """The C apply reads its output's width from the first blocks that show it: a
    character kept far into the text keeps it wide, a removed one leaves it narrow."""
    text = "a" * at + wide + "b" * 9000 + "\N{CYRILLIC SMALL LETTER A}" + "c" * 3
    k = text.index("\N{CYRILLIC SMALL LETTER A}")
    edits = [(k, k + 1, None, "a")]
    out = _c().apply(text, edits)  # type: ignore[attr-defined]
    assert out == kernel.py_apply(text, edits)
    assert out.__sizeof__() == "".join(list(out)).__sizeof__()


DOT_ALPHABET = [*"ab.Z1 _-\n", "é", "\N{CYRILLIC SMALL LETTER A}", "²", "٣", "😀", "ab.cd", "x.y z"]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(DOT_ALPHABET), max_size=60),
    st.integers(1, 12),
    st.data(),
)
def test_foreign_dot_agrees(parts: list[str], host_max: int, data: st.DataObject) -> None:
    """Where host names beyond ASCII may be: the C scan == the regex and string methods
    (a letter after the dot as ``[^\\W\\d_]`` reads one: ``²`` is, ``٣`` and ``_`` are not;
    the word bounded by spaces and by ``host_max``), under any bounds."""
    text = "".join(parts)
    n = len(text)
    s = data.draw(st.integers(-2, n + 2))
    e = data.draw(st.integers(-2, n + 2))
    start = data.draw(st.integers(-2, n + 2))
    want = kernel.py_foreign_dot(text, s, e, start, host_max)
    assert _c().foreign_dot(text, s, e, start, host_max) == want  # type: ignore[attr-defined]


def test_foreign_dot_examples() -> None:
    for text, want in [
        ("see example.com now", -1),
        ("see ex\N{CYRILLIC SMALL LETTER A}mple.com now", 11),
        ("e.g. the \N{CYRILLIC SMALL LETTER A} file.txt", -1),
        ("caf\N{LATIN SMALL LETTER E WITH ACUTE}.fr", 4),
        ("v1.2 \N{CYRILLIC SMALL LETTER A}", -1),
    ]:
        for f in (kernel.py_foreign_dot, _c().foreign_dot):  # type: ignore[attr-defined]
            assert f(text, 0, len(text), 0, 253) == want, (text, f)
    with pytest.raises(ValueError, match="host_max"):
        kernel.py_foreign_dot("a.b", 0, 3, 0, 0)
    with pytest.raises(ValueError, match="host_max"):
        _c().foreign_dot("a.b", 0, 3, 0, 0)  # type: ignore[attr-defined]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(DOT_ALPHABET), max_size=60), st.integers(1, 12), st.data())
def test_foreign_dots_agree(parts: list[str], host_max: int, data: st.DataObject) -> None:
    """All the units at once: the C call == the twin, == foreign_dot span by span."""
    text = "".join(parts)
    cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=8)))
    spans = list(zip(cuts[0::2], cuts[1::2], strict=False))
    want = kernel.py_foreign_dots(text, spans, host_max)
    assert want == [
        (k, p)
        for k, (s, e) in enumerate(spans)
        if (p := kernel.py_foreign_dot(text, s, e, s, host_max)) >= 0
    ]
    assert _c().foreign_dots(text, spans, host_max) == want  # type: ignore[attr-defined]
