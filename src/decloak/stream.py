"""Cleaning streams of any size in bounded memory.

The input is cut only at *unit* boundaries (see :class:`decloak.engine.UnitCursor`)
that also start a line: never inside a word, a grapheme cluster or a bidi
paragraph.  Every judgement decloak makes is local to a unit, so the output is
byte-identical to cleaning the whole text at once (tests check this on random
read sizes).
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import IO

from .config import Config
from .engine import LIMITS, Limits, UnitCursor, analyze, apply_recs
from .textio import sniff_wide_encoding, utf8_error, wide_encoding_error

READ_SIZE = 1 << 20
"""Bytes read per step."""

_NONSPACE = re.compile(r"\S")


@dataclass
class StreamStats:
    """What :func:`clean_stream` did."""

    chars: int = 0
    edits: int = 0
    pieces: int = 0
    kinds: Counter[str] = field(default_factory=Counter)


def safe_cut(buf: str, limits: Limits = LIMITS) -> int:
    """The last position of ``buf`` where cutting cannot change any judgement.

    A candidate is the start of a unit that is also the start of a line, and
    whose bounds are already certain from the text in ``buf``.
    """
    n = len(buf)
    cursor = UnitCursor(buf, limits=limits)
    cut = 0
    while True:
        s = cursor.position
        if s >= n:
            break
        windowed = cursor.next_is_window()
        cursor.next_boundary()
        nxt = cursor.position
        if nxt >= n:
            break
        if windowed:
            if s + limits.unit_max > n:
                break
        elif _NONSPACE.search(buf, nxt) is None:
            break  # the blank run may go on in the next read
        if buf[nxt - 1] == "\n":
            cut = nxt
    return cut


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
    decoder = codecs.getincrementaldecoder("utf-8")(
        errors="replace" if errors == "replace" else "strict"
    )
    buf = ""
    fed = 0
    first = True
    retry_at = 0  # buffer length at which to look for a cut again (keeps it linear)
    head = True
    while True:
        data = fin.read(read_size)
        final = not data
        if head and data:
            wide = sniff_wide_encoding(data[:4])
            if wide is not None:
                raise wide_encoding_error(name, wide)
            head = False
        pending = len(decoder.getstate()[0])
        try:
            buf += decoder.decode(data, final=final)
        except UnicodeDecodeError as e:
            offset = fed - pending + e.start
            raise utf8_error(name, offset, e.object[e.start : e.end]) from None
        fed += len(data)
        if final:
            cut = len(buf)
        elif len(buf) >= retry_at:
            cut = safe_cut(buf, limits)
            retry_at = 0 if cut else 2 * len(buf)
        else:
            cut = 0
        if cut:
            piece, buf = buf[:cut], buf[cut:]
            _emit(piece, fout, cfg, first, stats, limits)
            first = False
            retry_at = 0
        if final:
            break
    return stats


def _emit(
    piece: str, fout: IO[bytes], cfg: Config, first: bool, stats: StreamStats, limits: Limits
) -> None:
    recs = analyze(piece, cfg, at_start=first, limits=limits)
    if cfg.repair:
        out, edits = apply_recs(piece, recs)
    else:
        out, edits = piece, []
    fout.write(out.encode("utf-8"))
    stats.chars += len(piece)
    stats.edits += len(edits)
    stats.pieces += 1
    stats.kinds.update(r.kind.value for r in edits)
