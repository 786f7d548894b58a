"""Reading text safely: UTF-8 only, with errors that name the byte offset.

decloak works on ``str``.  Bytes come in through here so that every entry point
(CLI, corpus readers, the service) reports bad input the same way, in one line.
"""

from __future__ import annotations

import codecs
import sys

from .errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32LE"),
    (codecs.BOM_UTF32_BE, "UTF-32BE"),
    (codecs.BOM_UTF16_LE, "UTF-16LE"),
    (codecs.BOM_UTF16_BE, "UTF-16BE"),
)


def sniff_wide_encoding(head: bytes) -> str | None:
    """The UTF-16/32 encoding announced by a byte order mark at the start, if any."""
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name
    return None


def wide_encoding_error(name: str, encoding: str) -> InputError:
    return InputError(
        f"{name}: looks like {encoding} (byte order mark at offset 0); decloak reads UTF-8 "
        f"(convert it first: iconv -f {encoding.rstrip('LEB')} -t UTF-8)"
    )


def utf8_error(name: str, offset: int, bad: bytes) -> InputError:
    shown = " ".join(f"0x{b:02X}" for b in bad[:4])
    return InputError(
        f"{name}: invalid UTF-8 at byte offset {offset} ({shown}); use --errors replace to go on"
    )


def decode_bytes(data: bytes, errors: str = "strict", name: str = "<input>") -> str:
    """Decode UTF-8 ``data``; ``errors='replace'`` puts U+FFFD for bad bytes."""
    wide = sniff_wide_encoding(data[:4])
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
