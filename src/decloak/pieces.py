"""A byte stream as text pieces that can be judged apart: streaming for ``scan``.

The input is decoded as UTF-8 and cut only where :func:`decloak.stream.safe_cut`
allows: at the start of a unit that also starts a line.  Every judgement decloak
makes is local to a unit, so analysing the pieces one by one (the first with
``at_start=True``) finds exactly what analysing the whole text finds, shifted by
each piece's offset; memory holds one read plus the unit it may end inside.

:func:`decloak.stream.clean_stream` cuts the same way; this module gives the
pieces to a caller instead of cleaning them (the cleaner keeps its own loop).
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from typing import IO

from .stream import READ_SIZE, safe_cut
from .textio import read_head, utf8_error

__all__ = ["iter_pieces"]


def iter_pieces(
    fin: IO[bytes],
    *,
    errors: str = "strict",
    name: str = "<input>",
    read_size: int = READ_SIZE,
) -> Iterator[str]:
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
        if final:
            cut = len(buf)
        elif len(buf) >= retry_at:
            cut = safe_cut(buf)
            retry_at = 0 if cut else 2 * len(buf)
        else:
            cut = 0
        if cut:
            piece, buf = buf[:cut], buf[cut:]
            yield piece
            retry_at = 0
        if final:
            return
        data = fin.read(read_size)
