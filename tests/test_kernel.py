"""The C kernel and the pure-Python kernel agree exactly (decloak.kernel)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import decloak
from decloak import kernel
from decloak.engine import TABLES

pytestmark = pytest.mark.skipif(not kernel.HAVE_C, reason="C kernel not built here")

ALPHABET = (
    list("abcdef ABC .,-\n")
    + list("аеосрхуіѕдлжΑΒοαλμ")
    + list("ｆ𝐟ℎ１")
    + list("\u0301\u200c\u200d\u00ad\u034f\u200b")
    + list("葛ひカ한ابא😀🏳")
)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(ALPHABET), max_size=120), st.data())
def test_c_and_python_kernels_agree(text: str, data: st.DataObject) -> None:
    n = len(text)
    s = data.draw(st.integers(0, n))
    e = data.draw(st.integers(s, n))
    want_whole = data.draw(st.booleans())
    latin = data.draw(st.booleans())
    from decloak import _speedups  # type: ignore[attr-defined]

    assert _speedups.counts(text, s, e, TABLES.cls, TABLES.scr) == kernel.py_counts(
        text, s, e, TABLES
    )
    c_words = _speedups.words(text, s, e, TABLES.cls, TABLES.scr, TABLES.tomap, want_whole, latin)
    assert c_words == kernel.py_words(text, s, e, TABLES, want_whole, latin)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_agree_on_any_text(text: str) -> None:
    from decloak import _speedups  # type: ignore[attr-defined]

    n = len(text)
    assert _speedups.counts(text, 0, n, TABLES.cls, TABLES.scr) == kernel.py_counts(
        text, 0, n, TABLES
    )
    for latin in (True, False):
        c_words = _speedups.words(text, 0, n, TABLES.cls, TABLES.scr, TABLES.tomap, True, latin)
        assert c_words == kernel.py_words(text, 0, n, TABLES, True, latin)


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


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(SPECIAL_ALPHABET), max_size=80), st.data())
def test_special_runs_agree(text: str, data: st.DataObject) -> None:
    """Stage A's runs of special characters: C table scan == the exact pattern."""
    from decloak import _speedups  # type: ignore[attr-defined]
    from decloak.engine import SPECIAL_RE

    start = data.draw(st.integers(0, len(text) + 2))
    want = [m.span() for m in SPECIAL_RE.finditer(text, start)]
    assert kernel.py_runs(text, start, TABLES) == want
    assert _speedups.runs(text, start, TABLES.scr, kernel.S_SPECIAL) == want


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_special_runs_agree_on_any_text(text: str) -> None:
    from decloak import _speedups  # type: ignore[attr-defined]

    assert _speedups.runs(text, 0, TABLES.scr, kernel.S_SPECIAL) == kernel.py_runs(text, 0, TABLES)


def test_bad_table_is_refused() -> None:
    from decloak import _speedups  # type: ignore[attr-defined]

    with pytest.raises(ValueError, match="class table must have 1114112 bytes"):
        _speedups.counts("abc", 0, 3, b"x", TABLES.scr)
    with pytest.raises(ValueError, match="reading table must have 2228224 bytes"):
        _speedups.words("abc", 0, 3, TABLES.cls, TABLES.scr, b"x", True, True)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(ALPHABET), max_size=60), st.data())
def test_apply_agrees_and_is_canonical(text: str, data: st.DataObject) -> None:
    from decloak import _speedups  # type: ignore[attr-defined]

    cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=8)))
    edits = []
    for a, b in zip(cuts[0::2], cuts[1::2], strict=False):
        edits.append((a, b, None, data.draw(st.sampled_from(["", "x", "é", "а", "𝐟"]))))
    expected = kernel.py_apply(text, edits)
    out = _speedups.apply(text, edits)
    assert out == expected
    # CPython needs the narrowest representation: compare with a fresh copy's size
    assert out.__sizeof__() == "".join(list(out)).__sizeof__()


PARA_ALPHABET = [*ALPHABET, "\n", "\n\n", "\n \n", "\r\n\r\n", " ", "word "]


@settings(max_examples=int(__import__("os").environ.get("DECLOAK_EXAMPLES", "300")), deadline=None)
@given(st.lists(st.sampled_from(PARA_ALPHABET), max_size=200), st.integers(2, 40), st.data())
def test_bulk_walks_the_same_units_and_finds_the_same(
    parts: list[str], unit_max: int, data: st.DataObject
) -> None:
    """The C unit walk equals UnitCursor's, and settling in bulk changes nothing."""
    from decloak import engine

    text = "".join(parts)
    start = data.draw(st.integers(0, len(text)))
    old = engine.UNIT_MAX
    engine.UNIT_MAX = unit_max  # small windows exercise the long-paragraph rule
    try:
        settled = kernel.bulk(
            text, start, TABLES, unit_max, True, engine.LATIN_WEIGHT, engine._LATIN_REC
        )
        assert settled is not None
        assert settled[2] == list(engine._units(text, start))
        with_bulk = engine._stage_b(text, decloak.DEFAULT, start)
        engine.USE_BULK = False
        without = engine._stage_b(text, decloak.DEFAULT, start)
    finally:
        engine.USE_BULK = True
        engine.UNIT_MAX = old
    assert sorted(with_bulk, key=engine._order) == sorted(without, key=engine._order)


def test_c_records_are_shared_and_untracked() -> None:
    """Records made in C skip the cyclic collector and share their confidence
    (an attacked text has a record every few characters)."""
    import gc

    from decloak import engine

    runs, _, _ = kernel.bulk(
        "Pay with your cаrd or yоur саrd", 0, TABLES, 8192, True, 3, engine._LATIN_REC
    ) or ([], [], [])
    assert [(r.start, r.end, r.replacement) for r in runs] == [
        (15, 16, "a"),
        (23, 24, "o"),
        (27, 29, "ca"),
    ]
    assert not any(gc.is_tracked(r) for r in runs)
    shared: dict[float, float] = {}
    assert all(shared.setdefault(r.confidence, r.confidence) is r.confidence for r in runs)


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
    from decloak import _speedups  # type: ignore[attr-defined]
    from decloak.engine import Rec
    from decloak.model import Kind

    recs = sorted(
        (Rec(a, a + w, Kind.INVISIBLE, rep, 0.9, "", None, repair) for a, w, rep, repair in raw),
        key=lambda r: (r.start, -r.end),
    )
    assert _speedups.edits(recs) == kernel.py_edits(recs)
