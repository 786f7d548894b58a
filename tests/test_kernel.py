"""The C kernel and the pure-Python kernel agree exactly (decloak.kernel)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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

    assert _speedups.counts(text, s, e, TABLES.cls) == kernel.py_counts(text, s, e, TABLES)
    c_words = _speedups.words(text, s, e, TABLES.cls, TABLES.scr, TABLES.tomap, want_whole, latin)
    assert c_words == kernel.py_words(text, s, e, TABLES, want_whole, latin)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_agree_on_any_text(text: str) -> None:
    from decloak import _speedups  # type: ignore[attr-defined]

    n = len(text)
    assert _speedups.counts(text, 0, n, TABLES.cls) == kernel.py_counts(text, 0, n, TABLES)
    for latin in (True, False):
        c_words = _speedups.words(text, 0, n, TABLES.cls, TABLES.scr, TABLES.tomap, True, latin)
        assert c_words == kernel.py_words(text, 0, n, TABLES, True, latin)


def test_bad_table_is_refused() -> None:
    from decloak import _speedups  # type: ignore[attr-defined]

    with pytest.raises(ValueError, match="class table must have 1114112 bytes"):
        _speedups.counts("abc", 0, 3, b"x")
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
