"""Unicode 18 character data for the class builders, read from ``../shared/unicode-18.0.0``.

Why: the interpreter's ``unicodedata`` is Unicode 14 (Python 3.11), and the class sets
must cover *every* character of the Unicode 18 tables (coverage by construction), so
names, general categories, compatibility decompositions and properties come from the
UCD files themselves.  Standard library only.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import common

ASCII_ALNUM = frozenset(string.ascii_letters + string.digits)


@dataclass(frozen=True)
class Char:
    cp: int
    name: str
    category: str
    decomposition: str


@cache
def table() -> dict[int, Char]:
    """Every code point named in ``UnicodeData.txt`` (ranges are not expanded)."""
    out: dict[int, Char] = {}
    with (common.unicode_dir() / "ucd" / "UnicodeData.txt").open(encoding="utf-8") as fh:
        for line in fh:
            f = line.rstrip("\n").split(";")
            cp = int(f[0], 16)
            out[cp] = Char(cp, f[1], f[2], f[5])
    return out


def name(ch: str) -> str:
    c = table().get(ord(ch))
    return c.name if c else f"U+{ord(ch):04X}"


def category(ch: str) -> str:
    c = table().get(ord(ch))
    return c.category if c else "Lo"  # unexpanded ranges are ideographs and syllables


@cache
def nfkc_char(cp: int) -> str:
    """The full compatibility decomposition of one code point (no recomposition needed
    for the single-letter results this is used for)."""
    c = table().get(cp)
    if c is None or not c.decomposition:
        return chr(cp)
    parts = c.decomposition.split()
    if parts[0].startswith("<"):
        parts = parts[1:]
    return "".join(nfkc_char(int(p, 16)) for p in parts)


def prop(name_: str, path: str = "PropList.txt") -> frozenset[int]:
    """Code points with a binary property from a UCD property file."""
    out: set[int] = set()
    with (common.unicode_dir() / "ucd" / path).open(encoding="utf-8") as fh:
        for line in fh:
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            cps, prop_name = (p.strip() for p in line.split(";")[:2])
            if prop_name != name_:
                continue
            lo, _, hi = cps.partition("..")
            out.update(range(int(lo, 16), int(hi or lo, 16) + 1))
    return frozenset(out)


@dataclass(frozen=True)
class Lookalike:
    """A character that stands for one ASCII letter or digit, and why."""

    char: str
    target: str  # the ASCII letter or digit it passes for
    via: str  # "skeleton" (confusables.txt) or "nfkc"
    group: str  # a readable family for per-category tables


def _group(ch: str) -> str:
    n = name(ch)
    script = common.scripts().script(ch)
    if n.startswith("MATHEMATICAL"):
        return "math-alnum"
    if n.startswith(("FULLWIDTH", "HALFWIDTH")):
        return "fullwidth"
    if "SMALL CAPITAL" in n:
        return "small-capital"
    if "ROMAN NUMERAL" in n:
        return "roman-numeral"
    if n.startswith(("MODIFIER LETTER", "SUPERSCRIPT", "SUBSCRIPT")) or " SUBSCRIPT " in n:
        return "super-subscript"
    if n.startswith(("CIRCLED", "PARENTHESIZED", "NEGATIVE", "SQUARED", "DOUBLE-STRUCK")):
        return "enclosed"
    if script == "Latin":
        return "latin-other"
    if script in ("Cyrillic", "Greek", "Armenian", "Cherokee"):
        return script.lower()
    if script in ("Common", "Inherited"):
        return "symbol"
    return "other-script"


@cache
def lookalikes() -> tuple[Lookalike, ...]:
    """Every non-ASCII character whose ``confusables.txt`` skeleton, or else whose NFKC,
    is a single ASCII letter or digit; combining marks, controls and spaces excluded
    (they cannot stand for a letter on their own)."""
    common.confusable_skeleton("a")  # load the table
    assert common._SKELETON is not None
    found: dict[str, Lookalike] = {}
    for ch, skel in sorted(common._SKELETON.items()):
        if ch in ASCII_ALNUM or len(ch) != 1 or category(ch)[0] in "MCZ":
            continue
        if len(skel) == 1 and skel in ASCII_ALNUM:
            found[ch] = Lookalike(ch, skel, "skeleton", _group(ch))
    for cp, c in sorted(table().items()):
        ch = chr(cp)
        if ch in found or ch in ASCII_ALNUM or c.category[0] in "MCZ":
            continue
        folded = nfkc_char(cp)
        if len(folded) == 1 and folded in ASCII_ALNUM:
            found[ch] = Lookalike(ch, folded, "nfkc", _group(ch))
    return tuple(found[k] for k in sorted(found))


def stands_for(target: str) -> set[str]:
    """ASCII characters a look-alike with this skeleton target can replace in text.

    ``confusables.txt`` gives ``l`` as the skeleton of ``I``, ``1`` and ``|``, and
    ``O`` for ``0``: a character with skeleton ``l`` may stand for any of them.
    """
    return {a for a in ASCII_ALNUM if common.confusable_skeleton(a) == target} | {target}


def format_controls() -> list[str]:
    """Every format character (general category Cf) of Unicode 18, in code point order."""
    return [chr(cp) for cp, c in sorted(table().items()) if c.category == "Cf"]


def ucd_path(*parts: str) -> Path:
    return common.unicode_dir().joinpath("ucd", *parts)
