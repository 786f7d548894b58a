"""Streaming clean: bounded pieces, identical output to cleaning the whole text."""

from __future__ import annotations

import io
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import decloak
from decloak.engine import UNIT_MAX
from decloak.errors import InputError
from decloak.stream import clean_stream


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
    text = line * (4 * UNIT_MAX // len(line))  # one paragraph, many lines
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
