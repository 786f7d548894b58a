"""Decoders for content hidden in invisible characters.

Three smuggling schemes are known in the wild (see docs/how-decloak-decides.md):

* **Tag characters** (U+E0020..E007E mirror printable ASCII): "ASCII smuggling"
  prompt injections, 2024.
* **Variation selectors**, one byte per selector: byte ``b < 16`` is
  ``VARIATION SELECTOR-(b+1)``, otherwise ``VARIATION SELECTOR-(b+1)`` in the
  supplement block (Butler, 2025; the GlassWorm worm hid JavaScript this way).
  An older variant spends two VS1..VS16 per byte (high nibble first).
* **Zero-width bit strings**: runs of ZWSP/ZWNJ/ZWJ/WJ/BOM used as binary digits
  for fingerprints and watermarks; the alphabet and bit order vary, so every
  plausible reading is tried and the most text-like one kept.

Each decoder returns the decoded text, or ``None`` when nothing readable is there.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from .chardata import (
    TAG_ASCII_OFFSET,
    TAG_LAST,
    TAG_SPACE,
    VS1,
    VS17,
    VS256,
)
from .unicode import is_printable

_VS16 = chr(ord(VS1) + 15)


def decode_tags(run: str) -> str:
    """The ASCII mirrored by tag characters U+E0020..E007E (other tags skipped)."""
    lo, hi = ord(TAG_SPACE), ord(TAG_LAST) - 1
    return "".join(chr(ord(c) - TAG_ASCII_OFFSET) for c in run if lo <= ord(c) <= hi)


def selector_value(ch: str) -> int | None:
    """Byte value carried by one variation selector, or None if ``ch`` is not one."""
    cp = ord(ch)
    if ord(VS1) <= cp <= ord(_VS16):
        return cp - ord(VS1)
    if ord(VS17) <= cp <= ord(VS256):
        return cp - ord(VS17) + 16
    return None


def _printable_ratio(s: str) -> float:
    if not s:
        return 0.0
    good = sum(1 for c in s if is_printable(c) or c in "\n\r\t")
    return good / len(s)


def _as_text(data: bytes) -> str | None:
    try:
        s = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return s


def decode_selectors(run: str) -> tuple[str, str]:
    """Decode a run of variation selectors.

    Returns ``(text, scheme)``: the most readable of the byte-per-selector and
    nibble-pair readings; when neither is valid UTF-8 the bytes are shown as hex.
    """
    values = [v for v in (selector_value(c) for c in run) if v is not None]
    candidates: list[tuple[float, str, str]] = []
    one = _as_text(bytes(values))
    if one is not None:
        candidates.append((_printable_ratio(one), one, "byte-per-selector"))
    if values and len(values) % 2 == 0 and all(v < 16 for v in values):
        pairs = bytes((values[i] << 4) | values[i + 1] for i in range(0, len(values), 2))
        two = _as_text(pairs)
        if two is not None:
            candidates.append((_printable_ratio(two), two, "nibble-pairs"))
    if candidates:
        best = max(candidates, key=lambda c: (c[0], c[2] == "byte-per-selector"))
        if best[0] >= 0.8:
            return best[1], best[2]
    return bytes(values).hex(" "), "hex"


def _bits_to_text(bits: Sequence[int], msb_first: bool) -> str | None:
    if len(bits) < 8:
        return None
    usable = len(bits) - len(bits) % 8
    out = bytearray()
    for i in range(0, usable, 8):
        chunk = bits[i : i + 8]
        if not msb_first:
            chunk = chunk[::-1]
        val = 0
        for b in chunk:
            val = (val << 1) | b
        out.append(val)
    return _as_text(bytes(out))


def decode_zero_width(run: str) -> str | None:
    """Try every plausible bit reading of a zero-width run; return readable text or None.

    Alphabets tried: two symbols (one bit each), three symbols (two bits plus a
    separator between characters), four symbols (two bits each), both symbol
    assignments and both bit orders.
    """
    symbols = sorted(set(run))
    best: tuple[float, str] | None = None

    def consider(text: str | None) -> None:
        nonlocal best
        if not text:
            return
        score = _printable_ratio(text)
        if score >= 0.9 and (best is None or score > best[0]):
            best = (score, text)

    if len(symbols) == 2:
        for zero, _one in itertools.permutations(symbols):
            bits = [0 if c == zero else 1 for c in run]
            for msb in (True, False):
                consider(_bits_to_text(bits, msb))
    elif len(symbols) == 3:
        # one symbol separates characters, the other two are bits
        for sep in symbols:
            rest = [s for s in symbols if s != sep]
            for zero, _one in itertools.permutations(rest):
                chars = []
                for group in run.split(sep):
                    if not group:
                        continue
                    val = 0
                    for c in group:
                        val = (val << 1) | (0 if c == zero else 1)
                    if val > 0x10FFFF or 0xD800 <= val <= 0xDFFF:
                        chars.append("\ufffd")  # not a character: cannot be encoded
                    else:
                        chars.append(chr(val))
                consider("".join(chars))
    elif len(symbols) == 4:
        for perm in itertools.permutations(symbols):
            value = {s: i for i, s in enumerate(perm)}
            pairs: list[int] = []
            for c in run:
                v = value[c]
                pairs.extend((v >> 1, v & 1))
            for msb in (True, False):
                consider(_bits_to_text(pairs, msb))
    return best[1] if best else None
