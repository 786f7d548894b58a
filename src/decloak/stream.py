"""Streams of any size, in bounded memory: decoded, cut into pieces, cleaned or scanned.

The input is cut only where cutting cannot change a judgement (units: see
:mod:`decloak.engine.structure`):

- at a paragraph start (after a blank line): every judgement decloak makes is
  local to a unit and a line, and a paragraph is a whole number of both, so the
  pieces judged one by one give exactly what judging the whole text gives;
- inside a paragraph longer than ``Limits.paragraph_max``, at *every* unit
  boundary: the engine judges such a paragraph unit by unit
  (:func:`decloak.engine.analyze` cuts it at the same places), so a stream never
  holds more than a bounded part of it, even of one line with no break at all.

So memory holds one read plus at most ``paragraph_max`` characters and a unit,
whatever the input; tests check that the output is byte-identical to cleaning the
whole text at once, on random read sizes and on one line of any length.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, NamedTuple

from .config import Config
from .engine import LIMITS, Limits, UnitCursor, analyze, apply_recs
from .textio import read_head, utf8_error

READ_SIZE = 1 << 20
"""Bytes read per step."""

_NONSPACE = re.compile(r"\S")


class Piece(NamedTuple):
    """A stretch of the decoded input that can be judged on its own."""

    text: str
    line_start: bool
    """Whether it starts a line (else it continues a line of a long paragraph)."""


def cut_points(
    buf: str, carry: int = 0, limits: Limits = LIMITS, final: bool = False
) -> tuple[list[int], int]:
    """Where ``buf`` may be cut into pieces judged apart, and what the rest carries.

    ``buf`` starts where a previous call cut (or at the input's start); ``carry`` is
    how many characters of the paragraph it starts in came before it (0 when it
    starts a paragraph).  Returns the cut positions, in order, and the carry of the
    text after the last one.  Without ``final``, only cuts whose unit bounds are
    already certain from ``buf`` are given; with it, ``buf`` is the rest of the input
    and its end is the last cut.

    A paragraph start is kept only where it is the last before a cut inside a long
    paragraph, or the last of all: fewer, larger pieces.
    """
    n = len(buf)
    cursor = UnitCursor(buf, limits=limits)
    cuts: list[tuple[int, int]] = []  # (position, characters of its paragraph before it)
    para_s = 0  # start of the paragraph of the last boundary (0: carry came before it)
    while True:
        s = cursor.position
        if s >= n:
            break
        windowed = cursor.next_is_window()
        cursor.next_boundary()
        nxt = cursor.position
        if nxt >= n:
            break
        if not final:
            if windowed:
                if s + limits.unit_max > n:
                    break  # the window's end is not certain yet
            elif _NONSPACE.search(buf, nxt) is None:
                break  # the blank run may go on in the next read
        if not windowed:  # nxt starts a paragraph
            cuts.append((nxt, 0))
            para_s = nxt
            continue
        before = nxt - para_s + (carry if para_s == 0 else 0)
        seen = cursor.paragraph[1] - para_s + (carry if para_s == 0 else 0)
        if seen > limits.paragraph_max:  # a window end inside a long paragraph
            cuts.append((nxt, before))
    if final:
        cuts.append((n, 0))
    kept = [c for j, c in enumerate(cuts) if c[1] or j + 1 == len(cuts) or cuts[j + 1][1]]
    if not kept:
        return [], carry
    return [c for c, _ in kept], kept[-1][1]


def iter_pieces(
    fin: IO[bytes],
    *,
    errors: str = "strict",
    name: str = "<input>",
    read_size: int = READ_SIZE,
    limits: Limits = LIMITS,
) -> Iterator[Piece]:
    """The text of ``fin`` in pieces; concatenated, they are the whole decoded text.

    Raises :class:`decloak.errors.InputError` for UTF-16/32 input (before any
    piece) and for invalid UTF-8 under ``errors="strict"``, naming the byte
    offset; the pieces before the bad byte have been given by then.
    """
    decoder = codecs.getincrementaldecoder("utf-8")(
        errors="replace" if errors == "replace" else "strict"
    )
    buf = ""
    fed = 0
    carry = 0  # characters of the paragraph ``buf`` starts in that came before it
    line_start = True
    retry_at = 0  # buffer length at which to look for a cut again (keeps it linear)
    data = read_head(fin, name)
    while True:
        final = not data
        pending = len(decoder.getstate()[0])
        try:
            buf += decoder.decode(data, final=final)
        except UnicodeDecodeError as e:
            raise utf8_error(name, fed - pending + e.start, e.object[e.start : e.end]) from None
        fed += len(data)
        if final or len(buf) >= retry_at:
            cuts, rest_carry = cut_points(buf, carry, limits, final)
            retry_at = 0 if cuts else 2 * len(buf)
            start = 0
            for cut in cuts:
                if cut > start:
                    yield Piece(buf[start:cut], line_start)
                    line_start = buf[cut - 1] in "\n\r"
                start = cut
            if cuts:
                buf, carry = buf[start:], rest_carry
        if final:
            return
        data = fin.read(read_size)


@dataclass
class StreamStats:
    """What :func:`clean_stream` did."""

    chars: int = 0
    edits: int = 0
    pieces: int = 0
    kinds: Counter[str] = field(default_factory=Counter)


def clean_stream(
    fin: IO[bytes],
    fout: IO[bytes],
    cfg: Config,
    errors: str = "strict",
    name: str = "<input>",
    read_size: int = READ_SIZE,
    limits: Limits = LIMITS,
) -> StreamStats:
    """Clean UTF-8 bytes from ``fin`` into ``fout``; returns what was done.

    Raises :class:`decloak.errors.InputError` on invalid UTF-8 (strict), naming
    the byte offset; nothing after the bad byte is written.
    """
    stats = StreamStats()
    for piece in iter_pieces(fin, errors=errors, name=name, read_size=read_size, limits=limits):
        recs = analyze(piece.text, cfg, limits, piece.line_start)
        if cfg.repair:
            out, edits = apply_recs(piece.text, recs)
        else:
            out, edits = piece.text, []
        fout.write(out.encode("utf-8"))
        stats.chars += len(piece.text)
        stats.edits += len(edits)
        stats.pieces += 1
        stats.kinds.update(r.kind.value for r in edits)
    return stats
