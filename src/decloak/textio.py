"""Reading text safely: UTF-8 only, with errors that name the byte offset.

decloak works on ``str``.  Bytes come in through here so that every entry point
(CLI, corpus readers, the service) reports bad input the same way, in one line.

UTF-16 and UTF-32 are refused, with the ``iconv`` command that converts them,
rather than decoded: read as UTF-8 they would lose a NUL byte per letter and
come out as different text (``Hello c\u0430rd`` in UTF-16LE reads ``Hello c0rd``),
and guessing an encoding would invent characters.  They are recognised by a
byte order mark, or without one by where the NUL bytes fall in the first
:data:`SNIFF_BYTES` bytes (see :func:`sniff_wide_encoding`).
"""

from __future__ import annotations

import codecs
import sys
from typing import IO

from .errors import InputError

SNIFF_BYTES = 4096
"""How many leading bytes :func:`sniff_wide_encoding` looks at, at most."""

WIDE_MIN = 16
"""Bytes a head needs before the NUL counts of :func:`sniff_wide_encoding` judge it."""

_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32LE"),
    (codecs.BOM_UTF32_BE, "UTF-32BE"),
    (codecs.BOM_UTF16_LE, "UTF-16LE"),
    (codecs.BOM_UTF16_BE, "UTF-16BE"),
)


_NO_BOM = " without a byte order mark"

# The high byte of a UTF-16 code unit for a letter from Latin to Devanagari and
# its neighbours (U+0000..U+1FFF): bytes UTF-8 text holds only as line breaks and tabs.
_WIDE_BYTES = bytes(range(0x20))


def sniff_wide_encoding(head: bytes) -> str | None:
    """The UTF-16/32 encoding of ``head`` (the first bytes of an input), if it is one.

    Returns the encoding's name, followed by ``" without a byte order mark"`` when
    no byte order mark announced it (:func:`wide_encoding_error` words the refusal).

    Without a byte order mark the NUL bytes tell: UTF-8 text has none, while
    UTF-16 puts one beside every ASCII character and UTF-32 three.  Two rules:

    - the first four bytes, as RFC 4627 (section 3) and XML's Appendix F read
      them: ``xx 00 xx 00`` is UTF-16LE, ``00 xx 00 xx`` UTF-16BE, ``xx 00 00 00``
      UTF-32LE, ``00 00 00 xx`` UTF-32BE (``xx`` not NUL).  This holds whenever
      the text starts with an ASCII character, and is all a four-byte head is
      judged by (so a reader that looks at four bytes refuses nothing a longer
      look accepts);
    - in a head of at least :data:`WIDE_MIN` bytes (up to :data:`SNIFF_BYTES`),
      UTF-16 when one side of the byte pairs holds a NUL, at least half of that
      side are bytes below 0x20 (the high bytes of every letter up to U+1FFF:
      Russian or Hindi with spaces qualifies) and the other side at most half
      as many; UTF-32 when nine in ten of the two high bytes of each group of
      four are NULs and the low one mostly is not.

    NUL bytes scattered through UTF-8 (a log with a stray NUL) match neither,
    and the cleaner removes them.  A BOM-less UTF-16 word with no space or
    ASCII character has no NUL and is not recognised (as UTF-8 it is usually
    invalid, and refused as such).
    """
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name
    if b"\0" not in head[:SNIFF_BYTES]:
        return None
    first = _by_first_four(head[:4])
    if first is not None:
        return first + _NO_BOM
    if len(head) < WIDE_MIN:
        return None
    head = head[:SNIFF_BYTES]
    quads = len(head) // 4
    nul = [head[k : 4 * quads : 4].count(0) for k in range(4)]
    high, few = 0.9 * quads, quads / 8
    if nul[2] >= high and nul[3] >= high and nul[0] <= few:
        return "UTF-32LE" + _NO_BOM
    if nul[0] >= high and nul[1] >= high and nul[3] <= few:
        return "UTF-32BE" + _NO_BOM
    pairs = len(head) // 2
    even = head[0 : 2 * pairs : 2]
    odd = head[1 : 2 * pairs : 2]
    wide_even = pairs - len(even.translate(None, _WIDE_BYTES))
    wide_odd = pairs - len(odd.translate(None, _WIDE_BYTES))
    if b"\0" in odd and 2 * wide_odd >= pairs and 2 * wide_even <= wide_odd:
        return "UTF-16LE" + _NO_BOM
    if b"\0" in even and 2 * wide_even >= pairs and 2 * wide_odd <= wide_even:
        return "UTF-16BE" + _NO_BOM
    return None


def _by_first_four(four: bytes) -> str | None:
    """RFC 4627's reading of the NULs in the first four bytes of a text."""
    if len(four) < 4:
        return None
    z = [b == 0 for b in four]
    if z == [False, True, False, True]:
        return "UTF-16LE"
    if z == [True, False, True, False]:
        return "UTF-16BE"
    if z == [False, True, True, True]:
        return "UTF-32LE"
    if z == [True, True, True, False]:
        return "UTF-32BE"
    return None


def wide_encoding_error(name: str, encoding: str) -> InputError:
    """The one-line refusal of a UTF-16/32 input, with the command that converts it."""
    if encoding.endswith(_NO_BOM):
        bare = encoding[: -len(_NO_BOM)]
        return InputError(
            f"{name}: looks like {bare} without a byte order mark (NUL bytes between the "
            f"letters); decloak reads UTF-8 (convert it first: iconv -f {bare} -t UTF-8)"
        )
    return InputError(
        f"{name}: looks like {encoding} (byte order mark at offset 0); decloak reads UTF-8 "
        f"(convert it first: iconv -f {encoding.rstrip('LEB')} -t UTF-8)"
    )


def read_head(fin: IO[bytes], name: str) -> bytes:
    """The first :data:`SNIFF_BYTES` bytes of ``fin`` (fewer at its end), refused if UTF-16/32.

    Reads until it has them: a pipe may deliver fewer bytes per read.
    """
    head = b""
    while len(head) < SNIFF_BYTES:
        data = fin.read(SNIFF_BYTES - len(head))
        if not data:
            break
        head += data
    wide = sniff_wide_encoding(head)
    if wide is not None:
        raise wide_encoding_error(name, wide)
    return head


class CheckedReader:
    """A binary reader over ``fin`` whose head was checked by :func:`read_head`.

    Hands the head back first, then the rest of ``fin``: a streaming reader (the
    ``clean`` command's) sees the same bytes and needs no check of its own.
    """

    def __init__(self, fin: IO[bytes], name: str) -> None:
        self._fin = fin
        self._head = read_head(fin, name)

    def read(self, size: int = -1) -> bytes:
        if self._head:
            if size < 0:
                out, self._head = self._head + self._fin.read(), b""
                return out
            out, self._head = self._head[:size], self._head[size:]
            return out
        return self._fin.read(size)


def utf8_error(name: str, offset: int, bad: bytes) -> InputError:
    shown = " ".join(f"0x{b:02X}" for b in bad[:4])
    return InputError(
        f"{name}: invalid UTF-8 at byte offset {offset} ({shown}); use --errors replace to go on"
    )


def decode_bytes(data: bytes, errors: str = "strict", name: str = "<input>") -> str:
    """Decode UTF-8 ``data``; ``errors='replace'`` puts U+FFFD for bad bytes."""
    wide = sniff_wide_encoding(data[:SNIFF_BYTES])
    if wide is not None:
        raise wide_encoding_error(name, wide)
    try:
        return data.decode("utf-8", errors="strict")
    except UnicodeDecodeError as e:
        if errors == "replace":
            return data.decode("utf-8", errors="replace")
        raise utf8_error(name, e.start, data[e.start : e.end]) from None


def read_input(src: str, errors: str = "strict", name: str | None = None) -> str:
    """Read a whole file (or "-" for standard input) as text."""
    label = name or src
    try:
        if src == "-":
            data = sys.stdin.buffer.read()
        else:
            with open(src, "rb") as fh:
                data = fh.read()
    except OSError as e:
        raise InputError(f"{label}: {e.strerror or e}") from None
    return decode_bytes(data, errors, label)
