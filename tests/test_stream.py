"""Streaming clean: bounded pieces, identical output to cleaning the whole text."""

from __future__ import annotations

import io
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import decloak
from decloak.engine import LIMITS, Limits, analyze, apply_recs
from decloak.errors import InputError
from decloak.stream import clean_stream, iter_pieces


def _stream(text: str, read_size: int) -> tuple[str, int]:
    out = io.BytesIO()
    stats = clean_stream(
        io.BytesIO(text.encode("utf-8")), out, decloak.DEFAULT, read_size=read_size
    )
    return out.getvalue().decode("utf-8"), stats.pieces


def _corpus(seed: int) -> str:
    rng = random.Random(seed)
    paras = []
    pool = [
        "The council approved the plan for the new park by the river.",
        "It wаs а long dаy for the cаptаin.",  # Cyrillic а
        "Компания Apple открыла офис.",
        "من می\u200cخواهم به خانه بروم.",
        "pass\u200bword and in\u200cvisible ink",
        "Ticket " + "".join(chr(0xE0000 + ord(c)) for c in "hidden text") + " sale",
        "The re\u202d\u2066\u202e\u2066a\u2069\u2066p\u2069\u202c\u2069\u202cir crew.",
        "Those akk\b\bre the rules.",
        "Fuß\u00adball and sp\u00adam che\u200bap",
        "\ufeffNot a BOM here.",
        "Ｆｒｅｅ ｍｏｎｅｙ",
    ]
    for _ in range(rng.randint(1, 60)):
        lines = [rng.choice(pool) for _ in range(rng.randint(1, 8))]
        sep = rng.choice(["\n", "\r\n", " "])
        paras.append(sep.join(lines))
    return rng.choice(["\n\n", "\n \n", "\r\n\r\n", "\n\n\n"]).join(paras)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10**6), st.integers(1, 4096))
def test_stream_equals_whole(seed: int, read_size: int) -> None:
    text = _corpus(seed)
    streamed, _ = _stream(text, read_size)
    assert streamed == decloak.clean(text).text


def test_long_paragraph_is_cut_in_windows_with_identical_output() -> None:
    line = "The quick brоwn fox jumps over the lаzy dog and runs away.\n"
    text = line * (4 * LIMITS.paragraph_max // len(line))  # one paragraph, many lines
    streamed, pieces = _stream(text, 997)
    assert pieces > 2
    assert streamed == decloak.clean(text).text == text.replace("о", "o").replace("а", "a")


def test_invalid_utf8_names_the_byte_offset() -> None:
    data = "héllo wörld\n".encode() * 1000 + b"\xff tail"
    out = io.BytesIO()
    with pytest.raises(InputError, match=r"^<input>: invalid UTF-8 at byte offset 14000 \(0xFF\)"):
        clean_stream(io.BytesIO(data), out, decloak.DEFAULT, read_size=333)


def test_utf16_is_detected() -> None:
    data = "hello".encode("utf-16")
    with pytest.raises(InputError, match="looks like UTF-16LE"):
        clean_stream(io.BytesIO(data), io.BytesIO(), decloak.DEFAULT)


# --- paragraphs and lines of any length ---------------------------------------------------
# Small limits make the long-paragraph rule reachable with short texts: a paragraph longer
# than paragraph_max is judged unit by unit, by the whole-text engine and by the stream alike.

SMALL = Limits(unit_max=16, paragraph_max=40)
LINE_PARTS = [
    "word ",
    "wоrd ",  # Cyrillic о
    "а ",
    "\u200b",
    "\u200c",
    "\u00ad",
    "\ufeff",
    "\x08",
    "\x1b[31m",
    "\u202e",
    "\u202c",
    "\u2066",
    "\u2069",
    "\u200e",
    "שלום ",
    "ไทย",
    "\U000e0041\U000e0042",
    "\ufe0f",
    "x",
    "longwordwithoutanyspaceatall",
    "\n",
    "\n\n",
    "\r\n",
]


def _whole(text: str, limits: Limits) -> str:
    recs = analyze(text, decloak.DEFAULT, limits)
    return apply_recs(text, recs)[0]


def _streamed(text: str, read_size: int, limits: Limits) -> tuple[str, int]:
    out = io.BytesIO()
    stats = clean_stream(
        io.BytesIO(text.encode("utf-8")),
        out,
        decloak.DEFAULT,
        read_size=read_size,
        limits=limits,
    )
    return out.getvalue().decode("utf-8"), stats.pieces


@settings(max_examples=int(__import__("os").environ.get("DECLOAK_EXAMPLES", "300")), deadline=None)
@given(st.lists(st.sampled_from(LINE_PARTS), max_size=120), st.integers(1, 64))
def test_long_lines_stream_equals_whole(parts: list[str], read_size: int) -> None:
    text = "".join(parts)
    streamed, _ = _streamed(text, read_size, SMALL)
    assert streamed == _whole(text, SMALL)


def test_scan_of_long_lines_streams_like_the_whole() -> None:
    """Findings of a streamed scan (offsets, kinds) equal the whole text's on long lines."""
    rng = random.Random(7)
    for _ in range(200):
        text = "".join(rng.choice(LINE_PARTS) for _ in range(rng.randint(1, 150)))
        whole = [
            (r.start, r.end, r.kind, r.replacement) for r in analyze(text, decloak.DEFAULT, SMALL)
        ]
        got = []
        offset = 0
        for piece, starts_line in iter_pieces(io.BytesIO(text.encode()), read_size=7, limits=SMALL):
            got += [
                (r.start + offset, r.end + offset, r.kind, r.replacement)
                for r in analyze(piece, decloak.DEFAULT, SMALL, starts_line)
            ]
            offset += len(piece)
        assert got == whole, text


def test_a_long_line_is_held_in_pieces() -> None:
    line = "lorem ipsum dоlor sit amet, \u200bconsectetur " * 300  # one line, no break
    streamed, pieces = _streamed(line, 50, SMALL)
    assert pieces > len(line) // (2 * SMALL.unit_max)  # cut at its unit boundaries
    assert streamed == _whole(line, SMALL) == line.replace("о", "o").replace("\u200b", "")


def test_limits_are_checked() -> None:
    with pytest.raises(ValueError, match="paragraph_max must be at least twice unit_max"):
        Limits(unit_max=16, paragraph_max=20)
