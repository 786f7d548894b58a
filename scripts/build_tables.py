#!/usr/bin/env python3
"""Generate decloak's Unicode tables (``src/decloak/_tables/``) from pinned Unicode data files.

Why a generator: the engine must answer "which script is this?", "is this a look-alike of a
Latin letter?", "is this emoji sequence legitimate?" for Unicode 18.0.0 exactly, without
shipping ~6 MB of raw UCD text or parsing it at import time.  This script reads the raw files
once and writes small Python modules (flat range tuples, frozensets, dicts) that import fast
and that a reviewer can diff when the Unicode version moves.  The approach follows wcwidth's
``bin/update-tables.py``: every module is stamped with the Unicode version and the ``# Date:``
header of each file it was built from, and small tables carry character names in comments.

Usage::

    python scripts/build_tables.py [DATA_DIR]           # (re)write src/decloak/_tables/*.py
    python scripts/build_tables.py [DATA_DIR] --check   # write nothing; exit 1 if stale

DATA_DIR defaults to ``<repo>/../shared/unicode-18.0.0`` (see its README.md).  The output is
deterministic (sorted, no timestamps), so ``--check`` is a plain byte comparison (exit 0: up to
date, 1: some file would change, 2: the data could not be used).  Everything
that would silently produce a wrong table (an unknown script code, a property with no ranges,
a version mismatch between the files and ``unicodedata2``) stops the run with an error instead.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import re
import sys
import time
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import unicodedata2 as ucd

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = REPO.parent / "shared" / "unicode-18.0.0"
OUT_DIR = REPO / "src" / "decloak" / "_tables"

#: Tables with fewer entries than this get a character-name comment on every entry.
NAME_COMMENT_LIMIT = 300
REGENERATE_LINE = "# Regenerate: python scripts/build_tables.py [DATA_DIR]  (verify: add --check)"
#: Width that packed (uncommented) table lines are wrapped to.
LINE_WIDTH = 99

Range = tuple[int, int]
Triple = tuple[int, int, int]

# Script codes (ISO 15924, as used by ScriptExtensions.txt) -> Unicode long script names (as used
# by Scripts.txt).  Unicode's PropertyValueAliases.txt is not among the pinned files, so the
# aliases are embedded here; they were written from PropertyValueAliases (sc) and checked against
# ISO 15924 (iso-codes) where it lists the code.  An unknown code fails the run loudly.
SCRIPT_ALIASES: dict[str, str] = {
    "Adlm": "Adlam", "Aghb": "Caucasian_Albanian", "Ahom": "Ahom", "Arab": "Arabic",
    "Armi": "Imperial_Aramaic", "Armn": "Armenian", "Avst": "Avestan", "Bali": "Balinese",
    "Bamu": "Bamum", "Bass": "Bassa_Vah", "Batk": "Batak", "Beng": "Bengali",
    "Berf": "Beria_Erfe", "Bhks": "Bhaiksuki", "Bopo": "Bopomofo", "Brah": "Brahmi",
    "Brai": "Braille", "Bugi": "Buginese", "Buhd": "Buhid", "Cakm": "Chakma",
    "Cans": "Canadian_Aboriginal", "Cari": "Carian", "Cham": "Cham", "Cher": "Cherokee",
    "Chrs": "Chorasmian", "Copt": "Coptic", "Cpmn": "Cypro_Minoan", "Cprt": "Cypriot",
    "Cyrl": "Cyrillic", "Deva": "Devanagari", "Diak": "Dives_Akuru", "Dogr": "Dogra",
    "Dsrt": "Deseret", "Dupl": "Duployan", "Egyp": "Egyptian_Hieroglyphs", "Elba": "Elbasan",
    "Elym": "Elymaic", "Ethi": "Ethiopic", "Gara": "Garay", "Geor": "Georgian",
    "Glag": "Glagolitic", "Gong": "Gunjala_Gondi", "Gonm": "Masaram_Gondi", "Goth": "Gothic",
    "Gran": "Grantha", "Grek": "Greek", "Gujr": "Gujarati", "Gukh": "Gurung_Khema",
    "Guru": "Gurmukhi", "Hang": "Hangul", "Hani": "Han", "Hano": "Hanunoo", "Hatr": "Hatran",
    "Hebr": "Hebrew", "Hira": "Hiragana", "Hluw": "Anatolian_Hieroglyphs",
    "Hmng": "Pahawh_Hmong", "Hmnp": "Nyiakeng_Puachue_Hmong", "Hrkt": "Katakana_Or_Hiragana",
    "Hung": "Old_Hungarian", "Ital": "Old_Italic", "Java": "Javanese", "Jurc": "Jurchen",
    "Kali": "Kayah_Li", "Kana": "Katakana", "Kawi": "Kawi", "Khar": "Kharoshthi",
    "Khmr": "Khmer", "Khoj": "Khojki", "Kits": "Khitan_Small_Script", "Knda": "Kannada",
    "Krai": "Kirat_Rai", "Kthi": "Kaithi", "Lana": "Tai_Tham", "Laoo": "Lao", "Latn": "Latin",
    "Lepc": "Lepcha", "Limb": "Limbu", "Lina": "Linear_A", "Linb": "Linear_B", "Lisu": "Lisu",
    "Lyci": "Lycian", "Lydi": "Lydian", "Mahj": "Mahajani", "Maka": "Makasar",
    "Mand": "Mandaic", "Mani": "Manichaean", "Marc": "Marchen", "Medf": "Medefaidrin",
    "Mend": "Mende_Kikakui", "Merc": "Meroitic_Cursive", "Mero": "Meroitic_Hieroglyphs",
    "Mlym": "Malayalam", "Modi": "Modi", "Mong": "Mongolian", "Mroo": "Mro",
    "Mtei": "Meetei_Mayek", "Mult": "Multani", "Mymr": "Myanmar", "Nagm": "Nag_Mundari",
    "Nand": "Nandinagari", "Narb": "Old_North_Arabian", "Nbat": "Nabataean", "Newa": "Newa",
    "Nkoo": "Nko", "Nshu": "Nushu", "Ogam": "Ogham", "Olck": "Ol_Chiki", "Onao": "Ol_Onal",
    "Orkh": "Old_Turkic", "Orya": "Oriya", "Osge": "Osage", "Osma": "Osmanya",
    "Ougr": "Old_Uyghur", "Palm": "Palmyrene", "Pauc": "Pau_Cin_Hau", "Pcun": "Proto_Cuneiform",
    "Perm": "Old_Permic", "Phag": "Phags_Pa", "Phli": "Inscriptional_Pahlavi",
    "Phlp": "Psalter_Pahlavi", "Phnx": "Phoenician", "Plrd": "Miao",
    "Prti": "Inscriptional_Parthian", "Rjng": "Rejang", "Rohg": "Hanifi_Rohingya",
    "Runr": "Runic", "Samr": "Samaritan", "Sarb": "Old_South_Arabian", "Saur": "Saurashtra",
    "Seal": "Seal", "Sgnw": "SignWriting", "Shaw": "Shavian", "Shrd": "Sharada",
    "Sidd": "Siddham", "Sidt": "Sidetic", "Sind": "Khudawadi", "Sinh": "Sinhala",
    "Sogd": "Sogdian", "Sogo": "Old_Sogdian", "Sora": "Sora_Sompeng", "Soyo": "Soyombo",
    "Sund": "Sundanese", "Sunu": "Sunuwar", "Sylo": "Syloti_Nagri", "Syrc": "Syriac",
    "Tagb": "Tagbanwa", "Takr": "Takri", "Tale": "Tai_Le", "Talu": "New_Tai_Lue",
    "Taml": "Tamil", "Tang": "Tangut", "Tavt": "Tai_Viet", "Tayo": "Tai_Yo", "Telu": "Telugu",
    "Tfng": "Tifinagh", "Tglg": "Tagalog", "Thaa": "Thaana", "Thai": "Thai", "Tibt": "Tibetan",
    "Tirh": "Tirhuta", "Tnsa": "Tangsa", "Todr": "Todhri", "Tols": "Tolong_Siki",
    "Toto": "Toto", "Tutg": "Tulu_Tigalari", "Ugar": "Ugaritic", "Vaii": "Vai",
    "Vith": "Vithkuqi", "Wara": "Warang_Citi", "Wcho": "Wancho", "Xpeo": "Old_Persian",
    "Xsux": "Cuneiform", "Yezi": "Yezidi", "Yiii": "Yi", "Zanb": "Zanabazar_Square",
    "Zinh": "Inherited", "Zyyy": "Common", "Zzzz": "Unknown",
}  # fmt: skip

# Bidi_Class long names (used by the @missing lines of DerivedBidiClass.txt) -> short names
# (used by its data lines and by UnicodeData.txt).
BIDI_ALIASES: dict[str, str] = {
    "Left_To_Right": "L", "Right_To_Left": "R", "Arabic_Letter": "AL",
    "European_Number": "EN", "European_Separator": "ES", "European_Terminator": "ET",
    "Arabic_Number": "AN", "Common_Separator": "CS", "Nonspacing_Mark": "NSM",
    "Boundary_Neutral": "BN", "Paragraph_Separator": "B", "Segment_Separator": "S",
    "White_Space": "WS", "Other_Neutral": "ON", "Left_To_Right_Embedding": "LRE",
    "Left_To_Right_Override": "LRO", "Right_To_Left_Embedding": "RLE",
    "Right_To_Left_Override": "RLO", "Pop_Directional_Format": "PDF",
    "Left_To_Right_Isolate": "LRI", "Right_To_Left_Isolate": "RLI",
    "First_Strong_Isolate": "FSI", "Pop_Directional_Isolate": "PDI",
}  # fmt: skip

# Scripts whose letters are never "look-alikes of Latin": they are Latin, or shared by all.
NOT_LOOKALIKE_SCRIPTS = frozenset({"Latin", "Common", "Inherited"})

# FROM_LATIN is built for these scripts, and for any other script with this many TO_LATIN
# entries (a script with only a stray look-alike or two is not worth a restoring map).
FROM_LATIN_SCRIPTS = ("Armenian", "Cyrillic", "Greek")
FROM_LATIN_MIN_ENTRIES = 5

# The "basic" block of each script that FROM_LATIN restores into: Latin letters are turned back
# into everyday letters of the script, not into rare extension-block forms.  There is no
# Blocks.txt among the pinned files, so these come from the Unicode code charts; a script that
# qualifies for FROM_LATIN without an entry here stops the run (add its main block).
BASIC_BLOCKS: dict[str, Range] = {
    "Arabic": (0x0600, 0x06FF),
    "Armenian": (0x0530, 0x058F),
    "Canadian_Aboriginal": (0x1400, 0x167F),
    "Carian": (0x102A0, 0x102DF),
    "Cherokee": (0x13A0, 0x13FF),
    "Coptic": (0x2C80, 0x2CFF),
    "Cyrillic": (0x0400, 0x04FF),
    "Deseret": (0x10400, 0x1044F),
    "Elbasan": (0x10500, 0x1052F),
    "Georgian": (0x10A0, 0x10FF),
    "Greek": (0x0370, 0x03FF),
    "Lisu": (0xA4D0, 0xA4FF),
    "Lycian": (0x10280, 0x1029F),
    "Miao": (0x16F00, 0x16F9F),
    "Nko": (0x07C0, 0x07FF),
    "Old_Italic": (0x10300, 0x1032F),
    "Old_Turkic": (0x10C00, 0x10C4F),
    "Osage": (0x104B0, 0x104FF),
    "Runic": (0x16A0, 0x16FF),
    "Tifinagh": (0x2D30, 0x2D7F),
    "Vai": (0xA500, 0xA63F),
    "Warang_Citi": (0x118A0, 0x118FF),
}

# A lowercase letter whose skeleton is "l" is mapped to "l" only when it really is a full-height
# vertical stroke that passes for a lowercase l in running Latin text (judged by eye, listed
# here).  U+04CF CYRILLIC SMALL LETTER PALOCHKA is such a letter: the lowercase of U+04C0, drawn
# exactly like Latin l.  In the 18.0.0 data it is the only lowercase letter with skeleton "l";
# any new one is dropped (shown by --verbose) until someone looks at it and lists it here.
# Uppercase letters with skeleton "l" map to "I"; caseless ones (Hebrew vav, Arabic alef, Lisu,
# Runic, ...) keep the skeleton's "l", since I and l are the same shape as far as UTS #39 goes.
LOWERCASE_L_LOOKALIKES = frozenset({"\u04cf"})

# Emoji sequence types of emoji-sequences.txt -> the table (module attribute) they go to.
EMOJI_SEQUENCE_TABLES: dict[str, str] = {
    "Basic_Emoji": "BASIC_EMOJI",
    "Emoji_Keycap_Sequence": "KEYCAP_SEQUENCES",
    "RGI_Emoji_Flag_Sequence": "FLAG_SEQUENCES",
    "RGI_Emoji_Modifier_Sequence": "MODIFIER_SEQUENCES",
    "RGI_Emoji_Tag_Sequence": "RGI_TAG_SEQUENCES",
}


class DataError(Exception):
    """The data files are missing, malformed, or inconsistent with what the generator knows."""


# --------------------------------------------------------------------------------------------
# Reading the data files
# --------------------------------------------------------------------------------------------


@dataclass
class SourceFile:
    """One parsed data file: its header stamp and its data lines split into fields."""

    rel: str
    date: str
    version: str | None
    rows: list[list[str]] = field(default_factory=list)
    #: The raw ``# @missing:`` lines (UCD default values), in file order.
    missing: list[list[str]] = field(default_factory=list)


def _normalize_version(text: str) -> str:
    """Pad "18.0" (the emoji files' style) to "18.0.0" so all headers compare equal."""
    parts = text.split(".")
    while len(parts) < 3:
        parts.append("0")
    return ".".join(parts)


_DATE_RE = re.compile(r"^#\s*Date:\s*(.+?)\s*$")
_VERSION_RE = re.compile(r"^#\s*Version:\s*(\d+(?:\.\d+)*)\s*$")
_FILENAME_VERSION_RE = re.compile(r"^#\s*[A-Za-z_]+-(\d+\.\d+\.\d+)\.txt\s*$")


class DataDir:
    """Loads and parses data files from DATA_DIR, each once, keeping their header stamps."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._cache: dict[str, SourceFile] = {}

    def load(self, rel: str) -> SourceFile:
        """Parse ``rel`` (e.g. "ucd/Scripts.txt"): header stamp, data rows, @missing lines."""
        if rel in self._cache:
            return self._cache[rel]
        path = self.root / rel
        if not path.is_file():
            raise DataError(f"missing data file: {path}")
        raw = path.read_bytes()
        text = raw.decode("utf-8")
        date: str | None = None
        version: str | None = None
        rows: list[list[str]] = []
        missing: list[list[str]] = []
        for number, line in enumerate(text.splitlines()):
            if line.startswith("#"):
                if number < 15:
                    if date is None and (m := _DATE_RE.match(line)):
                        date = m.group(1)
                    if version is None and (
                        m := _VERSION_RE.match(line) or _FILENAME_VERSION_RE.match(line)
                    ):
                        version = _normalize_version(m.group(1))
                if line.startswith("# @missing:"):
                    missing.append([f.strip() for f in line[len("# @missing:") :].split(";")])
                continue
            data = line.split("#", 1)[0].strip()
            if data:
                rows.append([f.strip() for f in data.split(";")])
        if date is None:
            # UnicodeData.txt has no header at all; stamp it with a content hash instead so
            # that SOURCES still pins exactly which file the tables came from.
            date = "no Date header; sha256:" + hashlib.sha256(raw).hexdigest()[:16]
        if not rows:
            raise DataError(f"no data lines in {path}")
        source = SourceFile(rel=rel, date=date, version=version, rows=rows, missing=missing)
        self._cache[rel] = source
        return source

    def unicode_version(self) -> str:
        """The one Unicode version that every loaded file with a version header agrees on."""
        versions = {s.version for s in self._cache.values() if s.version is not None}
        if len(versions) != 1:
            detail = {s.rel: s.version for s in self._cache.values()}
            raise DataError(f"data files disagree on (or lack) a Unicode version: {detail}")
        return versions.pop()


def parse_cp_field(text: str) -> Range:
    """Parse a code point field, "0041" or "0041..005A", to an inclusive (start, end)."""
    if ".." in text:
        first, last = text.split("..")
        return int(first, 16), int(last, 16)
    value = int(text, 16)
    return value, value


def parse_sequence(text: str) -> str:
    """Parse a sequence field such as "1F468 200D 1F469" to the string it stands for."""
    return "".join(chr(int(part, 16)) for part in text.split())


def expand_sequence_field(text: str) -> list[str]:
    """A sequence field that is either a code point range (expanded) or one sequence."""
    if ".." in text:
        start, end = parse_cp_field(text)
        return [chr(cp) for cp in range(start, end + 1)]
    return [parse_sequence(text)]


# --------------------------------------------------------------------------------------------
# Range helpers
# --------------------------------------------------------------------------------------------


def merge_ranges(ranges: Iterable[Range]) -> list[Range]:
    """Sort inclusive ranges and merge the overlapping and adjacent ones."""
    merged: list[Range] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1] + 1:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def merge_triples(triples: Iterable[Triple]) -> list[Triple]:
    """Sort (start, end, value) ranges and merge adjacent ones that carry the same value."""
    merged: list[Triple] = []
    for start, end, value in sorted(triples):
        if merged and merged[-1][1] >= start:
            raise DataError(f"overlapping ranges at U+{start:04X}")
        if merged and merged[-1][2] == value and merged[-1][1] + 1 == start:
            merged[-1] = (merged[-1][0], end, value)
        else:
            merged.append((start, end, value))
    return merged


def select(triples: Iterable[tuple[int, int, str]], wanted: Callable[[str], bool]) -> list[Range]:
    """Merged ranges of the (start, end, value) triples whose value satisfies ``wanted``."""
    return merge_ranges((start, end) for start, end, value in triples if wanted(value))


class RangeLookup:
    """Bisect lookup of a value by code point over disjoint (start, end, value) ranges."""

    def __init__(self, triples: Iterable[tuple[int, int, str]]) -> None:
        items = sorted(triples)
        self._starts = [t[0] for t in items]
        self._items = items

    def get(self, cp: int, default: str) -> str:
        i = bisect_right(self._starts, cp) - 1
        if i >= 0 and self._items[i][0] <= cp <= self._items[i][1]:
            return self._items[i][2]
        return default


def property_ranges(source: SourceFile, prop: str) -> list[Range]:
    """Merged ranges of the code points listed with property ``prop`` in a UCD-style file."""
    ranges = [parse_cp_field(row[0]) for row in source.rows if len(row) > 1 and row[1] == prop]
    if not ranges:
        raise DataError(f"property {prop!r} not found in {source.rel}")
    return merge_ranges(ranges)


# --------------------------------------------------------------------------------------------
# UnicodeData.txt
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CharRecord:
    """The UnicodeData.txt fields the tables need, for one code point or a First/Last range."""

    start: int
    end: int
    category: str
    ccc: int
    upper: str  # simple uppercase mapping (hex) or ""
    lower: str  # simple lowercase mapping (hex) or ""


def unicode_data(data: DataDir) -> list[CharRecord]:
    """All UnicodeData.txt records, with ``<..., First>``/``<..., Last>`` pairs joined."""
    records: list[CharRecord] = []
    pending_first: tuple[int, list[str]] | None = None
    for row in data.load("ucd/UnicodeData.txt").rows:
        if len(row) != 15:
            raise DataError(f"UnicodeData.txt: expected 15 fields, got {row!r}")
        cp = int(row[0], 16)
        name = row[1]
        if name.endswith(", First>"):
            pending_first = (cp, row)
            continue
        start = cp
        if name.endswith(", Last>"):
            if pending_first is None:
                raise DataError(f"UnicodeData.txt: {name} without First")
            start = pending_first[0]
            pending_first = None
        records.append(CharRecord(start, cp, row[2], int(row[3]), row[12], row[13]))
    return records


def categories_ranges(
    records: list[CharRecord], wanted: Callable[[CharRecord], bool]
) -> list[Range]:
    """Merged ranges of the records that satisfy ``wanted``."""
    return merge_ranges((r.start, r.end) for r in records if wanted(r))


# --------------------------------------------------------------------------------------------
# Emitting Python source
# --------------------------------------------------------------------------------------------


def py_str(text: str) -> str:
    """A double-quoted ASCII literal: printable ASCII stays, everything else is escaped.

    Never writing raw non-ASCII keeps invisible or bidi characters out of the generated files,
    where they would be unreviewable (and could reorder the source as displayed).
    """
    out = []
    for ch in text:
        cp = ord(ch)
        if ch in '\\"':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif 0x20 <= cp < 0x7F:
            out.append(ch)
        elif cp <= 0xFFFF:
            out.append(f"\\u{cp:04x}")
        else:
            out.append(f"\\U{cp:08x}")
    return '"' + "".join(out) + '"'


def py_tuple(items: list[str]) -> str:
    """A tuple display of already-rendered items: "(a,)" for one item, "(a, b)" otherwise."""
    return f"({items[0]},)" if len(items) == 1 else f"({', '.join(items)})"


def char_name(ch: str) -> str:
    """The character's name, or a stand-in such as <U+0009> for unnamed code points."""
    return ucd.name(ch, None) or f"<U+{ord(ch):04X}>"


def seq_names(text: str) -> str:
    """Names of all characters of a short string, for comments."""
    return ", ".join(char_name(ch) for ch in text)


def hex_cp(cp: int) -> str:
    return f"0x{cp:04X}"


def wrap_items(items: Iterable[str], indent: str = "    ") -> list[str]:
    """Pack comma-terminated items onto lines no wider than LINE_WIDTH."""
    lines: list[str] = []
    current = indent
    for item in items:
        piece = item + ","
        if current.strip() and len(current) + 1 + len(piece) > LINE_WIDTH:
            lines.append(current)
            current = indent
        current = (current + " " + piece) if current.strip() else current + piece
    if current.strip():
        lines.append(current)
    return lines


def wrap_string(pieces: Iterable[str], indent: str = "    ") -> list[str]:
    """Join string literals (as rendered by py_str) into implicitly concatenated lines.

    Few long literals compile several times faster than one literal per entry, which matters
    when bytecode is not cached (PYTHONDONTWRITEBYTECODE, read-only installs).
    """
    lines: list[str] = []
    current = ""
    for piece in pieces:
        body = piece[1:-1]
        if current and len(indent) + len(current) + len(body) + 2 > LINE_WIDTH:
            lines.append(f'{indent}"{current}"')
            current = ""
        current += body
    if current:
        lines.append(f'{indent}"{current}"')
    return lines


def emit_ranges(name: str, ranges: list[Range], comment: str) -> str:
    """A flat ``(start0, end0, start1, end1, ...)`` tuple of inclusive, merged ranges."""
    lines = [f"# {comment}", f"{name}: tuple[int, ...] = ("]
    if len(ranges) < NAME_COMMENT_LIMIT:
        for start, end in ranges:
            names = char_name(chr(start))
            if end != start:
                names += ".." + char_name(chr(end))
            lines.append(f"    {hex_cp(start)}, {hex_cp(end)},  # {names}")
    else:
        lines += wrap_items(f"{hex_cp(s)}, {hex_cp(e)}" for s, e in ranges)
    lines.append(")")
    return "\n".join(lines) + "\n"


def emit_triples(name: str, triples: list[Triple], comment: str) -> str:
    """A flat ``(start0, end0, value0, start1, ...)`` tuple, packed without comments."""
    lines = [f"# {comment}", f"{name}: tuple[int, ...] = ("]
    lines += wrap_items(f"{hex_cp(s)}, {hex_cp(e)}, {v}" for s, e, v in triples)
    lines.append(")")
    return "\n".join(lines) + "\n"


def emit_str_set(name: str, strings: Iterable[str], comment: str) -> str:
    """A frozenset literal of escaped strings, sorted by code points."""
    items = sorted(set(strings))
    lines = [f"# {comment}", f"{name}: frozenset[str] = frozenset("]
    if not items:
        lines[-1] = f"{name}: frozenset[str] = frozenset()"
        return "\n".join(lines) + "\n"
    lines.append("    {")
    if len(items) < NAME_COMMENT_LIMIT:
        lines += [f"        {py_str(s)},  # {seq_names(s)}" for s in items]
    else:
        lines += wrap_items((py_str(s) for s in items), indent="        ")
    lines += ["    }", ")"]
    return "\n".join(lines) + "\n"


@dataclass
class Module:
    """One generated module: which files it came from and its body (table definitions)."""

    name: str
    doc: str
    sources: list[str]
    body: list[str] = field(default_factory=list)
    #: Table name -> entry count, for the summary printed after generation.
    counts: dict[str, int] = field(default_factory=dict)
    #: Sources that are not Unicode data files (a package and its version).
    extra_sources: dict[str, str] = field(default_factory=dict)

    def source_stamps(self, data: DataDir) -> dict[str, str]:
        """Source -> its stamp (a data file's ``# Date:``, a package's version)."""
        out = {rel: data.load(rel).date for rel in self.sources}
        out.update(self.extra_sources)
        return out

    def render(self, data: DataDir, version: str) -> str:
        """The complete module text: stamp header, docstring, version, sources, tables."""
        head = [f"# Generated by scripts/build_tables.py from Unicode {version} -- do not edit."]
        for rel in self.sources:
            head.append(f"# Source: {rel} (Date: {data.load(rel).date})")
        for name, stamp in self.extra_sources.items():
            head.append(f"# Source: {name} ({stamp})")
        head.append(REGENERATE_LINE)
        parts = [
            "\n".join(head),
            f'"""{self.doc.strip()}\n"""',
            "from __future__ import annotations",
        ]
        parts.append(f"UNICODE_VERSION = {py_str(version)}")
        parts.append(render_sources(self.source_stamps(data)))
        parts += [chunk.rstrip("\n") for chunk in self.body]
        text = "\n\n".join(parts) + "\n"
        if not text.isascii():
            raise DataError(f"{self.name}: generated text is not pure ASCII")
        return text


def render_sources(sources: Mapping[str, str]) -> str:
    """``SOURCES = {...}``: data file (relative to DATA_DIR) -> its ``# Date:`` stamp."""
    lines = ["SOURCES: dict[str, str] = {"]
    lines += [f"    {py_str(rel)}: {py_str(date)}," for rel, date in sorted(sources.items())]
    lines.append("}")
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# scripts.py
# --------------------------------------------------------------------------------------------


@dataclass
class ScriptData:
    """Parsed Scripts.txt / ScriptExtensions.txt, reused by lookalikes."""

    names: list[str]
    ranges: list[tuple[int, int, str]]
    lookup: RangeLookup


def load_scripts(data: DataDir) -> ScriptData:
    """Script ranges with long names, checked against the embedded alias table."""
    source = data.load("ucd/Scripts.txt")
    ranges = [(*parse_cp_field(row[0]), row[1]) for row in source.rows]
    names = sorted({name for _, _, name in ranges})
    unknown = set(names) - set(SCRIPT_ALIASES.values())
    if unknown:
        raise DataError(f"Scripts.txt has scripts without an alias in SCRIPT_ALIASES: {unknown}")
    return ScriptData(names=names, ranges=ranges, lookup=RangeLookup(ranges))


def build_scripts(data: DataDir, scripts: ScriptData) -> Module:
    """SCRIPT_NAMES, SCRIPT_RANGES and the Script_Extensions tables.

    Script_Extensions is what keeps legitimate mixed-script text quiet: a Common-script
    character such as U+0640 ARABIC TATWEEL is "Arabic-ish", not a foreign intruder.
    """
    index = {name: i for i, name in enumerate(scripts.names)}
    triples = merge_triples((s, e, index[name]) for s, e, name in scripts.ranges)

    ext_rows = []
    for row in data.load("ucd/ScriptExtensions.txt").rows:
        start, end = parse_cp_field(row[0])
        members = []
        for code in row[1].split():
            if code not in SCRIPT_ALIASES:
                raise DataError(f"ScriptExtensions.txt: unknown script code {code!r} ({row[0]})")
            long_name = SCRIPT_ALIASES[code]
            if long_name not in index:
                raise DataError(f"ScriptExtensions.txt: {code}={long_name} not in Scripts.txt")
            members.append(index[long_name])
        ext_rows.append((start, end, tuple(sorted(set(members)))))
    ext_sets = sorted({members for _, _, members in ext_rows})
    ext_index = {members: i for i, members in enumerate(ext_sets)}
    ext_triples = merge_triples((s, e, ext_index[m]) for s, e, m in ext_rows)

    names_lines = ["# Long script names (Scripts.txt), sorted; other tables index into this."]
    names_lines.append("SCRIPT_NAMES: tuple[str, ...] = (")
    names_lines += [f"    {py_str(n)},  # {i}" for i, n in enumerate(scripts.names)]
    names_lines.append(")")

    sets_lines = [
        "# Distinct Script_Extensions values: sorted tuples of indexes into SCRIPT_NAMES.",
        "SCRIPT_EXTENSION_SETS: tuple[tuple[int, ...], ...] = (",
    ]
    for i, members in enumerate(ext_sets):
        label = " ".join(scripts.names[m] for m in members)
        sets_lines.append(f"    {py_tuple([str(m) for m in members])},  # {i}: {label}")
    sets_lines.append(")")

    return Module(
        name="scripts",
        doc=SCRIPTS_DOC,
        sources=["ucd/ScriptExtensions.txt", "ucd/Scripts.txt"],
        body=[
            "\n".join(names_lines),
            emit_triples(
                "SCRIPT_RANGES",
                triples,
                "(start, end, script_index) triples; unlisted code points are Unknown.",
            ),
            "\n".join(sets_lines),
            emit_triples(
                "SCRIPT_EXTENSIONS",
                ext_triples,
                "(start, end, ext_index) triples; ext_index into SCRIPT_EXTENSION_SETS.",
            ),
        ],
        counts={
            "SCRIPT_NAMES": len(scripts.names),
            "SCRIPT_RANGES": len(triples),
            "SCRIPT_EXTENSION_SETS": len(ext_sets),
            "SCRIPT_EXTENSIONS": len(ext_triples),
        },
    )


SCRIPTS_DOC = """
Script and Script_Extensions property tables (UAX #24).

SCRIPT_NAMES        sorted long script names ("Arabic", "Common", "Cyrillic", ...).
SCRIPT_RANGES       flat (start, end, script_index) triples, inclusive, sorted by start, adjacent
                    same-script ranges merged.  Only code points listed in Scripts.txt appear;
                    any other code point has script "Unknown".  Bisect over every third item.
SCRIPT_EXTENSION_SETS  distinct sorted tuples of SCRIPT_NAMES indexes.
SCRIPT_EXTENSIONS   flat (start, end, ext_index) triples.  A code point not listed here has
                    Script_Extensions == {its Script}.
"""


# --------------------------------------------------------------------------------------------
# confusables.py
# --------------------------------------------------------------------------------------------


def load_confusables(data: DataDir) -> dict[str, str]:
    """confusables.txt as source character -> prototype string."""
    mapping: dict[str, str] = {}
    for row in data.load("security/confusables.txt").rows:
        source = parse_sequence(row[0])
        if len(source) != 1:
            raise DataError(f"confusables.txt: multi-character source {row[0]!r}")
        if source in mapping:
            raise DataError(f"confusables.txt: duplicate source {row[0]!r}")
        mapping[source] = parse_sequence(row[1])
    return mapping


def load_intentional(data: DataDir) -> list[tuple[str, str]]:
    """intentional.txt pairs in file order."""
    pairs = []
    for row in data.load("security/intentional.txt").rows:
        a, b = parse_sequence(row[0]), parse_sequence(row[1])
        if len(a) != 1 or len(b) != 1:
            raise DataError(f"intentional.txt: expected single characters, got {row!r}")
        pairs.append((a, b))
    return pairs


def build_confusables(confusables: dict[str, str], intentional: list[tuple[str, str]]) -> Module:
    """CONFUSABLES (packed into one string, unpacked at import) and INTENTIONAL."""
    for proto in confusables.values():
        if "\n" in proto:
            raise DataError("a confusables prototype contains the packing separator \\n")
    data_lines = ["# Mappings: source character, then its prototype, then \\n; sorted by source."]
    data_lines.append("_DATA = (")
    data_lines += wrap_string(py_str(src + confusables[src] + "\n") for src in sorted(confusables))
    data_lines.append(")")
    unpack = (
        'CONFUSABLES: dict[str, str] = {line[0]: line[1:] for line in _DATA.split("\\n") if line}'
    )

    pair_lines = ["# intentional.txt pairs, in file order: (first, second)."]
    pair_lines.append("INTENTIONAL: tuple[tuple[str, str], ...] = (")
    for a, b in intentional:
        pair_lines.append(f"    ({py_str(a)}, {py_str(b)}),  # {char_name(a)} ~ {char_name(b)}")
    pair_lines.append(")")
    return Module(
        name="confusables",
        doc=CONFUSABLES_DOC,
        sources=["security/confusables.txt", "security/intentional.txt"],
        body=["\n".join(data_lines), unpack, "\n".join(pair_lines)],
        counts={"CONFUSABLES": len(confusables), "INTENTIONAL": len(intentional)},
    )


CONFUSABLES_DOC = """
UTS #39 confusable data.

CONFUSABLES  every mapping of confusables.txt: source character -> prototype string (the input
             of the UTS #39 skeleton).  To keep this file small and its import fast, the
             6,000+ pairs are stored as one string, _DATA, of entries "<source><prototype>"
             each ended by "\\n" (which no prototype contains), sorted by source code point,
             and unpacked into the dict once at import (about 2 ms).
INTENTIONAL  the pairs of intentional.txt, in file order: characters that are visually
             identical by design (e.g. LATIN CAPITAL LETTER A ~ GREEK CAPITAL LETTER ALPHA).
"""


# --------------------------------------------------------------------------------------------
# lookalikes.py
# --------------------------------------------------------------------------------------------


@dataclass
class CaseInfo:
    """Case of a letter, from UnicodeData.txt (not from Python's own, older, Unicode tables)."""

    upper: bool
    lower: bool


def case_of(record: CharRecord | None) -> CaseInfo:
    """Upper: Lu, or has a lowercase mapping but no uppercase one; lower: the converse."""
    if record is None:
        return CaseInfo(False, False)
    upper = record.category == "Lu" or (bool(record.lower) and not record.upper)
    lower = record.category == "Ll" or (bool(record.upper) and not record.lower)
    return CaseInfo(upper, lower)


@dataclass
class LookalikeResult:
    """TO_LATIN and what went into it, for the module and for the printed summary."""

    to_latin: dict[str, str]
    high_confidence: set[str]
    from_latin: dict[str, dict[str, str]]
    scripts: list[str]
    per_script: dict[str, int]
    dropped: Counter[str]
    notes: list[str]
    #: The Script of every TO_LATIN key.
    script_of: dict[str, str] = field(default_factory=dict)
    #: Every character that reads as an ASCII letter or digit -> what it may read as.
    readings: dict[str, str] = field(default_factory=dict)
    #: Other characters that show one ASCII character (punctuation, marks) -> it.
    shapes: dict[str, str] = field(default_factory=dict)


class LetterData:
    """What the look-alike derivation asks about characters, from the pinned data only."""

    def __init__(
        self,
        records: list[CharRecord],
        scripts: ScriptData,
        confusables: dict[str, str],
        default_ignorable: list[Range],
    ) -> None:
        # Single-code-point records only: First/Last ranges (CJK, Hangul, ...) are caseless and
        # never a Latin target, so record() is never asked about them.
        self._by_cp = {r.start: r for r in records if r.start == r.end}
        self._ignorable = {cp for s, e in default_ignorable for cp in range(s, e + 1)}
        self.records = records
        self.scripts = scripts
        self.confusables = confusables

    def record(self, ch: str) -> CharRecord | None:
        return self._by_cp.get(ord(ch))

    def script(self, ch: str) -> str:
        return self.scripts.lookup.get(ord(ch), "Unknown")

    def skeleton(self, text: str) -> str:
        """UTS #39 skeleton: NFD, drop default ignorables, map to prototypes, NFD again."""
        nfd = ucd.normalize("NFD", text)
        mapped = "".join(self.confusables.get(c, c) for c in nfd if ord(c) not in self._ignorable)
        return ucd.normalize("NFD", mapped)

    def is_foreign_letter(self, ch: str) -> bool:
        """A letter (L*) of a real script other than Latin, Common or Inherited."""
        rec = self.record(ch)
        script = self.script(ch)
        return (
            rec is not None
            and rec.category.startswith("L")
            and script not in NOT_LOOKALIKE_SCRIPTS
            and script != "Unknown"
        )

    def is_latin_target(self, ch: str) -> bool:
        """An ASCII letter, or a Latin letter whose NFD base is an ASCII letter (e.g. U+00EB)."""
        if ch.isascii():
            return ch.isalpha()
        rec = self.record(ch)
        if rec is None or not rec.category.startswith("L") or self.script(ch) != "Latin":
            return False
        base = ucd.normalize("NFD", ch)[0]
        return base.isascii() and base.isalpha()


def derive_to_latin(letters: LetterData) -> tuple[dict[str, str], Counter[str], list[str]]:
    """TO_LATIN from the skeletons: (mapping, drop counts by reason, drop notes).

    For each letter X of a script other than Latin/Common/Inherited, X is a look-alike of Latin
    when NFC(skeleton(X)) is one Latin target letter.  The skeleton folds case-like shapes
    (capital I and small l are both "l"), so case is put back: an uppercase X must map to an
    uppercase letter, except that a skeleton of "l" (plus marks) from an uppercase X becomes "I"
    (U+0407 CYRILLIC CAPITAL LETTER YI -> U+00CF); a lowercase X maps to "l" only when it is a
    full-height stroke (LOWERCASE_L_LOOKALIKES); caseless letters (Lo/Lm) keep the skeleton's
    letter.  Entries whose case cannot be made to agree are dropped.
    """
    to_latin: dict[str, str] = {}
    dropped: Counter[str] = Counter()
    notes: list[str] = []
    for rec in letters.records:
        if not rec.category.startswith("L"):
            continue
        for cp in range(rec.start, rec.end + 1):
            script = letters.scripts.lookup.get(cp, "Unknown")
            if script in NOT_LOOKALIKE_SCRIPTS or script == "Unknown":
                continue
            x = chr(cp)
            # Shortcut for most of the ~150,000 letters (Han, ...): with no mapping and no
            # decomposition (Hangul syllables decompose algorithmically, hence the range),
            # skeleton(x) is x itself, which is not Latin.
            hangul = 0xAC00 <= cp <= 0xD7A3
            if x not in letters.confusables and not ucd.decomposition(x) and not hangul:
                continue
            x_case = case_of(rec)
            folded = letters.skeleton(x)
            # "l" plus marks is the skeleton of both I-like and l-like letters.
            l_like = folded[:1] == "l" and all(ucd.category(c)[0] == "M" for c in folded[1:])
            if l_like and x_case.upper:
                folded = "I" + folded[1:]
            target = ucd.normalize("NFC", folded)
            if len(target) != 1 or not letters.is_latin_target(target):
                continue
            t_case = case_of(letters.record(target))
            reason = None
            if l_like and x_case.lower and x not in LOWERCASE_L_LOOKALIKES:
                reason = "lowercase letter with skeleton l, not l-shaped"
            elif x_case.upper and not t_case.upper:
                reason = "uppercase letter, non-uppercase target"
            elif x_case.lower and not t_case.lower:
                reason = "lowercase letter, non-lowercase target"
            if reason is not None:
                dropped[reason] += 1
                notes.append(f"dropped U+{cp:04X} {char_name(x)} -> {char_name(target)}: {reason}")
                continue
            to_latin[x] = target
    return to_latin, dropped, notes


def add_intentional(
    to_latin: dict[str, str],
    intentional: list[tuple[str, str]],
    letters: LetterData,
    notes: list[str],
) -> set[str]:
    """Add intentional.txt's (ASCII letter, foreign letter) pairs to TO_LATIN; return their keys.

    These pairs are declared identical by Unicode, so they take precedence over the skeleton
    and are what HIGH_CONFIDENCE is made of.
    """
    high_confidence: set[str] = set()
    for a, b in intentional:
        for latin, native in ((a, b), (b, a)):
            if not (latin.isascii() and latin.isalpha()) or not letters.is_foreign_letter(native):
                continue
            previous = to_latin.get(native)
            label = f"U+{ord(native):04X} {char_name(native)}"
            if previous is None:
                notes.append(f"intentional.txt adds {label} -> {latin}")
            elif previous != latin:
                notes.append(f"intentional.txt overrides {label}: {previous} -> {latin}")
            to_latin[native] = latin
            high_confidence.add(native)
    return high_confidence


def derive_from_latin(
    to_latin: dict[str, str], high_confidence: set[str], letters: LetterData
) -> dict[str, dict[str, str]]:
    """FROM_LATIN: per script, the one basic-block letter that restores each Latin letter.

    Built for FROM_LATIN_SCRIPTS and every script with FROM_LATIN_MIN_ENTRIES or more TO_LATIN
    entries.  Among the script's basic-block letters that map to the same Latin letter, the
    intentional.txt one wins, then the lowest code point (U+0443 over U+04AF for "y").
    """
    by_script: dict[str, list[str]] = defaultdict(list)
    for ch in to_latin:
        by_script[letters.script(ch)].append(ch)
    wanted = set(FROM_LATIN_SCRIPTS) | {
        s for s, chars in by_script.items() if len(chars) >= FROM_LATIN_MIN_ENTRIES
    }
    from_latin: dict[str, dict[str, str]] = {}
    for script in sorted(wanted):
        if script not in BASIC_BLOCKS:
            raise DataError(
                f"{script} has {len(by_script[script])} TO_LATIN entries but no BASIC_BLOCKS "
                "entry: add the script's main block to BASIC_BLOCKS in build_tables.py"
            )
        first, last = BASIC_BLOCKS[script]
        candidates: dict[str, list[str]] = defaultdict(list)
        for ch in by_script[script]:
            if first <= ord(ch) <= last:
                candidates[to_latin[ch]].append(ch)
        from_latin[script] = {
            latin: min(natives, key=lambda c: (c not in high_confidence, ord(c)))
            for latin, natives in sorted(candidates.items())
        }
    return from_latin


#: ASCII letters and digits that share a skeleton (UTS #39 folds them together):
#: a character that looks like one of a group may stand for any of them, and the
#: word around it decides which ("hoΙder" has an l, "Ιt" an I, "1Ι0" a 1).
AMBIGUOUS_READINGS = ("lI1", "O0")


def derive_readings(letters: LetterData) -> dict[str, str]:
    """Every non-ASCII character whose skeleton or NFKC form is one ASCII letter or
    digit -> the ASCII letters and digits it may read as, the likeliest first.

    Coverage by construction: letters of any script (Latin's own IPA letters and small
    capitals, dotless i, Cherokee and Cyrillic letters whose case differs from the
    letter they look like), numbers (superscripts, circled and Roman numerals, digits
    of other scripts), symbols and punctuation (inverted exclamation mark, APL rho).
    Combining marks, controls, separators and default ignorables are left out: they
    are not read as letters.  Which of the readings applies, and whether to restore it
    at all, is the engine's decision, by context.
    """
    out: dict[str, str] = {}
    for x, _cat in _non_ascii_chars(letters, skip="MCZ"):
        found: list[str] = []
        folded = ucd.normalize("NFKC", x)
        if len(folded) == 1 and folded.isascii() and folded.isalnum():
            found.append(folded)
        if x in letters.confusables or ucd.decomposition(x):
            sk = ucd.normalize("NFC", letters.skeleton(x))
            if len(sk) == 1 and sk.isascii() and sk.isalnum() and sk not in found:
                found.append(sk)
        if not found:
            continue
        readings = list(found)
        for group in AMBIGUOUS_READINGS:
            if any(r in group for r in found):
                readings += [r for r in group if r not in readings]
        out[x] = "".join(readings)
    return out


def _non_ascii_chars(letters: LetterData, skip: str) -> Iterator[tuple[str, str]]:
    """(character, General_Category) of every non-ASCII code point that is not a
    default ignorable, minus the categories whose first letter is in ``skip``."""
    for rec in letters.records:
        if rec.category[0] in skip:
            continue
        for cp in range(rec.start, rec.end + 1):
            if cp >= 0x80 and cp not in letters._ignorable:
                yield chr(cp), rec.category


def derive_shapes(letters: LetterData) -> dict[str, str]:
    """Every non-ASCII character :func:`derive_readings` leaves out whose NFKC form or
    skeleton is one ASCII character -> that character: punctuation look-alikes (``‚`` ->
    ``,``, ``ˊ`` -> ``'``, ``․`` -> ``.``) and combining marks that show a letter or a
    mark (Kannada anusvara ``ಂ`` -> ``o``, a combining augmentation dot -> ``.``).

    Coverage by construction; controls, separators and default ignorables are left
    out.  Legitimate text uses most of them (German ``‚``, ornate parentheses, every
    Kannada word), so the engine reads them only in a text disguised throughout.
    """
    out: dict[str, str] = {}
    for x, cat in _non_ascii_chars(letters, skip="CZ"):
        wanted = PUNCTUATION_MARKS | (ASCII_ALNUM if cat[0] == "M" else set())
        folded = ucd.normalize("NFKC", x)
        if len(folded) == 1 and folded in wanted:
            out[x] = folded
            continue
        if x in letters.confusables:
            sk = ucd.normalize("NFC", letters.skeleton(x))
            if len(sk) == 1 and sk in wanted:
                out[x] = sk
    return out


ASCII_ALNUM = frozenset("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


#: The ASCII punctuation marks a look-alike may stand for.
PUNCTUATION_MARKS = frozenset("!\"#%&'()*,-./:;?@[]_{}")


def build_lookalike_data(
    records: list[CharRecord],
    scripts: ScriptData,
    confusables: dict[str, str],
    intentional: list[tuple[str, str]],
    default_ignorable: list[Range],
) -> LookalikeResult:
    """TO_LATIN, HIGH_CONFIDENCE and FROM_LATIN, plus what the summary reports about them."""
    letters = LetterData(records, scripts, confusables, default_ignorable)
    to_latin, dropped, notes = derive_to_latin(letters)
    high_confidence = add_intentional(to_latin, intentional, letters, notes)
    from_latin = derive_from_latin(to_latin, high_confidence, letters)
    per_script = Counter(letters.script(ch) for ch in to_latin)
    return LookalikeResult(
        to_latin=dict(sorted(to_latin.items())),
        high_confidence=high_confidence,
        from_latin=from_latin,
        scripts=sorted(per_script),
        per_script=dict(sorted(per_script.items())),
        dropped=dropped,
        notes=notes,
        script_of={ch: letters.script(ch) for ch in to_latin},
        readings=derive_readings(letters),
        shapes=derive_shapes(letters),
    )


def build_lookalikes(result: LookalikeResult, scripts: ScriptData) -> Module:
    """Render lookalikes.py, every entry commented with both character names."""
    lines = ["# Non-Latin letter -> the Latin letter it passes for (* = from intentional.txt)."]
    lines.append("TO_LATIN: dict[str, str] = {")
    current_script = None
    # Grouped by script for review (a few scripts, e.g. Coptic, sit inside another's block).
    for native, latin in sorted(
        result.to_latin.items(), key=lambda kv: (scripts.lookup.get(ord(kv[0]), ""), kv[0])
    ):
        script = scripts.lookup.get(ord(native), "Unknown")
        if script != current_script:
            lines.append(f"    # {script}: {result.per_script[script]} entries")
            current_script = script
        star = "* " if native in result.high_confidence else ""
        lines.append(
            f"    {py_str(native)}: {py_str(latin)},  # {star}{char_name(native)} -> "
            f"{char_name(latin)}"
        )
    lines.append("}")

    hc = sorted(result.high_confidence)
    hc_lines = ["# TO_LATIN keys that intentional.txt lists as visually identical to their letter."]
    hc_lines.append("HIGH_CONFIDENCE: frozenset[str] = frozenset(")
    hc_lines.append("    {")
    hc_lines += [f"        {py_str(c)},  # {char_name(c)}" for c in hc]
    hc_lines += ["    }", ")"]

    fl_lines = ["# Per script: Latin letter -> the native letter (basic block) that restores it."]
    fl_lines.append("FROM_LATIN: dict[str, dict[str, str]] = {")
    for script, mapping in result.from_latin.items():
        fl_lines.append(f"    {py_str(script)}: {{")
        for latin, native in mapping.items():
            fl_lines.append(
                f"        {py_str(latin)}: {py_str(native)},  # {char_name(latin)} -> "
                f"{char_name(native)}"
            )
        fl_lines.append("    },")
    fl_lines.append("}")

    rd_lines = [
        "# Every character that reads as an ASCII letter or digit -> what it may read as,",
        "# the likeliest first (its NFKC form, then its skeleton, then the letters and",
        "# digits that share that skeleton).",
        "READINGS: dict[str, str] = {",
    ]
    rd_lines += [
        f"    {py_str(ch)}: {py_str(r)},  # {char_name(ch)}" for ch, r in result.readings.items()
    ]
    rd_lines.append("}")
    rd_lines += [
        "",
        "# Punctuation and marks that show one ASCII character -> that character.",
        "SHAPES: dict[str, str] = {",
    ]
    rd_lines += [
        f"    {py_str(ch)}: {py_str(r)},  # {char_name(ch)}"
        for ch, r in sorted(result.shapes.items())
    ]
    rd_lines.append("}")

    sc_lines = ["# Scripts that have at least one TO_LATIN entry."]
    sc_lines.append("LOOKALIKE_SCRIPTS: tuple[str, ...] = (")
    sc_lines += [f"    {py_str(s)}," for s in result.scripts]
    sc_lines.append(")")

    return Module(
        name="lookalikes",
        doc=LOOKALIKES_DOC,
        sources=[
            "security/confusables.txt",
            "security/intentional.txt",
            "ucd/DerivedCoreProperties.txt",
            "ucd/Scripts.txt",
            "ucd/UnicodeData.txt",
        ],
        body=[
            "\n".join(lines),
            "\n".join(hc_lines),
            "\n".join(fl_lines),
            "\n".join(rd_lines),
            "\n".join(sc_lines),
        ],
        counts={
            "TO_LATIN": len(result.to_latin),
            "HIGH_CONFIDENCE": len(result.high_confidence),
            "FROM_LATIN": sum(len(m) for m in result.from_latin.values()),
            "READINGS": len(result.readings),
            "SHAPES": len(result.shapes),
            "LOOKALIKE_SCRIPTS": len(result.scripts),
        },
    )


LOOKALIKES_DOC = """
Letters of other scripts that pass for Latin letters, derived from the UTS #39 skeleton.

TO_LATIN          non-Latin letter -> the single Latin letter it looks like.  Built from every
                  letter (General_Category L*) whose Script is not Latin/Common/Inherited and
                  whose skeleton, NFC-composed, is one ASCII letter or one Latin letter with an
                  ASCII base (Cyrillic U+0451 -> U+00EB).  Case agrees with the source letter;
                  the skeleton's I/l folding is undone (uppercase -> "I"; lowercase -> "l" only
                  for full-height strokes such as U+04CF CYRILLIC SMALL LETTER PALOCHKA);
                  entries whose case cannot agree are left out.  intentional.txt pairs
                  (marked * below) are added and take precedence.
HIGH_CONFIDENCE   keys of TO_LATIN from intentional.txt: visually identical by design.
FROM_LATIN        script -> {Latin letter -> native letter}: the inverse of TO_LATIN for that
                  script, restricted to the script's basic block, preferring HIGH_CONFIDENCE
                  letters, then the lowest code point.  Used to restore a word of that script
                  that has Latin letters mixed in.
READINGS          every non-ASCII character (letter, number, symbol or punctuation of any script)
                  whose NFKC form or skeleton is one ASCII letter or digit -> the ASCII letters
                  and digits it may read as, the likeliest first: the NFKC form, the skeleton,
                  then the letters and digits that share that skeleton ("l", "I", "1"; "O",
                  "0").  Coverage by construction; which reading applies, and whether to
                  restore it, the engine decides by context.
SHAPES            every other non-ASCII character whose NFKC form or skeleton is one ASCII
                  punctuation mark (any category) or, for a combining mark, one ASCII letter
                  or digit -> that character.  Read only in text disguised throughout.
LOOKALIKE_SCRIPTS scripts having at least one TO_LATIN entry.
"""


# --------------------------------------------------------------------------------------------
# properties.py
# --------------------------------------------------------------------------------------------


def bidi_classes(data: DataDir) -> list[tuple[int, int, str]]:
    """The Bidi_Class (short name) of every code point 0..10FFFF, as (start, end, class) runs.

    Defaults come from the ``@missing`` lines (a later one overrides an earlier one for its
    range, which is how unassigned code points in RTL blocks get R or AL), then the explicit
    data lines override those.  Each assignment paints a slice of a per-code-point list; the
    value can only change at a painted range's start or just after its end, so the runs are
    read off at those boundaries.
    """
    source = data.load("ucd/extracted/DerivedBidiClass.txt")
    assignments: list[tuple[int, int, str]] = []
    for fields in source.missing:
        value = BIDI_ALIASES.get(fields[1])
        if value is None:
            raise DataError(f"DerivedBidiClass.txt: unknown @missing class {fields[1]!r}")
        assignments.append((*parse_cp_field(fields[0]), value))
    known = set(BIDI_ALIASES.values())
    for row in source.rows:
        if row[1] not in known:
            raise DataError(f"DerivedBidiClass.txt: unknown class {row[1]!r}")
        assignments.append((*parse_cp_field(row[0]), row[1]))

    classes = ["L"] * 0x110000
    boundaries = {0, 0x110000}
    for start, end, value in assignments:
        classes[start : end + 1] = [value] * (end - start + 1)
        boundaries.update((start, end + 1))
    edges = sorted(boundaries)
    return [(a, b - 1, classes[a]) for a, b in itertools.pairwise(edges)]


PROPERTY_TABLES: list[tuple[str, str, str]] = [
    # (table name, data file, property name as written in the file)
    ("DEFAULT_IGNORABLE", "ucd/DerivedCoreProperties.txt", "Default_Ignorable_Code_Point"),
    ("BIDI_CONTROL", "ucd/PropList.txt", "Bidi_Control"),
    ("JOIN_CONTROL", "ucd/PropList.txt", "Join_Control"),
    ("VARIATION_SELECTOR", "ucd/PropList.txt", "Variation_Selector"),
    ("WHITE_SPACE", "ucd/PropList.txt", "White_Space"),
    ("REGIONAL_INDICATOR", "ucd/PropList.txt", "Regional_Indicator"),
    ("EXTENDED_PICTOGRAPHIC", "ucd/emoji/emoji-data.txt", "Extended_Pictographic"),
    ("EMOJI", "ucd/emoji/emoji-data.txt", "Emoji"),
    ("EMOJI_PRESENTATION", "ucd/emoji/emoji-data.txt", "Emoji_Presentation"),
    ("EMOJI_MODIFIER", "ucd/emoji/emoji-data.txt", "Emoji_Modifier"),
    ("EMOJI_MODIFIER_BASE", "ucd/emoji/emoji-data.txt", "Emoji_Modifier_Base"),
    ("EMOJI_COMPONENT", "ucd/emoji/emoji-data.txt", "Emoji_Component"),
]


def build_properties(data: DataDir, records: list[CharRecord]) -> Module:
    """Binary properties, bidi classes and general categories as flat range tuples."""
    tables: list[tuple[str, list[Range], str]] = []
    for name, rel, prop in PROPERTY_TABLES:
        tables.append((name, property_ranges(data.load(rel), prop), f"{prop} ({rel})."))

    classes = bidi_classes(data)
    note = "(DerivedBidiClass.txt, including unassigned code points' defaults)."
    tables += [
        ("BIDI_RTL", select(classes, lambda c: c in ("R", "AL")), f"Bidi_Class R or AL {note}"),
        ("BIDI_L", select(classes, lambda c: c == "L"), f"Bidi_Class L {note}"),
        ("BIDI_NSM", select(classes, lambda c: c == "NSM"), f"Bidi_Class NSM {note}"),
        ("BIDI_AN_EN", select(classes, lambda c: c in ("AN", "EN")), f"Bidi_Class AN or EN {note}"),
    ]

    tables += [
        (
            "COMBINING_MARK",
            categories_ranges(records, lambda r: r.category in ("Mn", "Mc", "Me")),
            "General_Category Mn, Mc or Me (UnicodeData.txt).",
        ),
        (
            "LETTER",
            categories_ranges(records, lambda r: r.category.startswith("L")),
            "General_Category L* (UnicodeData.txt).",
        ),
        (
            "DIGIT",
            categories_ranges(records, lambda r: r.category == "Nd"),
            "General_Category Nd (UnicodeData.txt).",
        ),
        (
            "FORMAT",
            categories_ranges(records, lambda r: r.category == "Cf"),
            "General_Category Cf (UnicodeData.txt).",
        ),
        (
            "VIRAMA",
            categories_ranges(records, lambda r: r.ccc == 9),
            "Canonical_Combining_Class 9, Virama (UnicodeData.txt).",
        ),
    ]
    for name, ranges, _ in tables:
        if not ranges:
            raise DataError(f"properties: {name} is empty")
    return Module(
        name="properties",
        doc=PROPERTIES_DOC,
        sources=[
            "ucd/DerivedCoreProperties.txt",
            "ucd/PropList.txt",
            "ucd/UnicodeData.txt",
            "ucd/emoji/emoji-data.txt",
            "ucd/extracted/DerivedBidiClass.txt",
        ],
        body=[emit_ranges(name, ranges, comment) for name, ranges, comment in tables],
        counts={name: len(ranges) for name, ranges, _ in tables},
    )


PROPERTIES_DOC = """
Character properties as flat range tuples.

Every table is (start0, end0, start1, end1, ...): inclusive ranges, sorted, non-overlapping and
merged (adjacent ranges joined).  Membership: i = bisect_right(table, cp); cp is in the table
when i is odd, or when i is even, i > 0 and table[i - 1] == cp (cp is a range's end).
"""


# --------------------------------------------------------------------------------------------
# emoji.py
# --------------------------------------------------------------------------------------------


def build_emoji(data: DataDir) -> Module:
    """Legitimate (RGI) emoji sequences, so that their ZWJ/VS/tag characters are not flagged."""
    tables: dict[str, set[str]] = {name: set() for name in EMOJI_SEQUENCE_TABLES.values()}
    for row in data.load("emoji/emoji-sequences.txt").rows:
        table = EMOJI_SEQUENCE_TABLES.get(row[1])
        if table is None:
            raise DataError(f"emoji-sequences.txt: unknown type {row[1]!r}")
        for seq in expand_sequence_field(row[0]):
            if table == "BASIC_EMOJI" and len(seq) == 1:
                continue  # single code points are covered by the EMOJI property ranges
            tables[table].add(seq)

    zwj: set[str] = set()
    for row in data.load("emoji/emoji-zwj-sequences.txt").rows:
        if row[1] != "RGI_Emoji_ZWJ_Sequence":
            raise DataError(f"emoji-zwj-sequences.txt: unknown type {row[1]!r}")
        zwj.update(expand_sequence_field(row[0]))

    bases = set()
    for row in data.load("ucd/emoji/emoji-variation-sequences.txt").rows:
        seq = parse_sequence(row[0])
        bases.add(seq[0])

    known = set(zwj).union(*tables.values())
    fully_qualified = set()
    for row in data.load("emoji/emoji-test.txt").rows:
        seq = parse_sequence(row[0])
        if row[1] in ("fully-qualified", "component") and len(seq) > 1 and seq not in known:
            fully_qualified.add(seq)

    order = [
        ("RGI_ZWJ_SEQUENCES", zwj, "RGI_Emoji_ZWJ_Sequence (emoji-zwj-sequences.txt)."),
        ("RGI_TAG_SEQUENCES", tables["RGI_TAG_SEQUENCES"], "RGI_Emoji_Tag_Sequence."),
        ("KEYCAP_SEQUENCES", tables["KEYCAP_SEQUENCES"], "Emoji_Keycap_Sequence."),
        ("FLAG_SEQUENCES", tables["FLAG_SEQUENCES"], "RGI_Emoji_Flag_Sequence."),
        ("MODIFIER_SEQUENCES", tables["MODIFIER_SEQUENCES"], "RGI_Emoji_Modifier_Sequence."),
        ("BASIC_EMOJI", tables["BASIC_EMOJI"], "Basic_Emoji entries of more than one code point."),
        (
            "EMOJI_VARIATION_BASES",
            bases,
            "Characters that have sequences in emoji-variation-sequences.txt.",
        ),
        (
            "FULLY_QUALIFIED",
            fully_qualified,
            "Multi-code-point fully-qualified/component emoji-test.txt entries not in the sets"
            " above.",
        ),
    ]
    for name, values, _ in order[:-1]:
        if not values:
            raise DataError(f"emoji: {name} is empty")
    return Module(
        name="emoji",
        doc=EMOJI_DOC,
        sources=[
            "emoji/emoji-sequences.txt",
            "emoji/emoji-test.txt",
            "emoji/emoji-zwj-sequences.txt",
            "ucd/emoji/emoji-variation-sequences.txt",
        ],
        body=[emit_str_set(name, values, comment) for name, values, comment in order],
        counts={name: len(values) for name, values, _ in order},
    )


EMOJI_DOC = """
Recommended-for-general-interchange (RGI) emoji sequences (UTS #51), as frozensets of strings.

A ZWJ, a variation selector or a tag character inside one of these sequences is legitimate and
must not be reported or removed.  Single-code-point emoji are in properties.EMOJI instead.
"""


# --------------------------------------------------------------------------------------------
# variants.py
# --------------------------------------------------------------------------------------------


def build_variants(data: DataDir) -> Module:
    """Registered base+variation-selector pairs: the VS in these is meaningful, keep it."""
    standardized = set()
    for row in data.load("ucd/StandardizedVariants.txt").rows:
        seq = parse_sequence(row[0])
        if len(seq) != 2:
            raise DataError(f"StandardizedVariants.txt: expected base + selector: {row!r}")
        standardized.add(seq)
    emoji_vs = set()
    for row in data.load("ucd/emoji/emoji-variation-sequences.txt").rows:
        seq = parse_sequence(row[0])
        if len(seq) != 2:
            raise DataError(f"emoji-variation-sequences.txt: expected base + selector: {row!r}")
        emoji_vs.add(seq)
    return Module(
        name="variants",
        doc=VARIANTS_DOC,
        sources=["ucd/StandardizedVariants.txt", "ucd/emoji/emoji-variation-sequences.txt"],
        body=[
            emit_str_set(
                "STANDARDIZED_VARIANTS", standardized, "StandardizedVariants.txt sequences."
            ),
            emit_str_set(
                "EMOJI_VARIATION_SEQUENCES", emoji_vs, "emoji-variation-sequences.txt sequences."
            ),
        ],
        counts={
            "STANDARDIZED_VARIANTS": len(standardized),
            "EMOJI_VARIATION_SEQUENCES": len(emoji_vs),
        },
    )


VARIANTS_DOC = """
Registered variation sequences, as 2-character strings (base character + variation selector).

A variation selector after a base listed here is a legitimate glyph choice; anywhere else it is
inert at best and a hiding place for data at worst.
"""


# --------------------------------------------------------------------------------------------
# identifiers.py
# --------------------------------------------------------------------------------------------


def build_identifiers(data: DataDir) -> Module:
    """UTS #39 identifier status and types, as ranges."""
    allowed = property_ranges(data.load("security/IdentifierStatus.txt"), "Allowed")
    rows = []
    for row in data.load("security/IdentifierType.txt").rows:
        start, end = parse_cp_field(row[0])
        rows.append((start, end, tuple(sorted(row[1].split()))))
    type_sets = sorted({types for _, _, types in rows})
    type_index = {types: i for i, types in enumerate(type_sets)}
    triples = merge_triples((s, e, type_index[t]) for s, e, t in rows)

    type_lines = ["# Distinct Identifier_Type values (a code point may have several types)."]
    type_lines.append("IDENTIFIER_TYPES: tuple[tuple[str, ...], ...] = (")
    for i, types in enumerate(type_sets):
        type_lines.append(f"    {py_tuple([py_str(t) for t in types])},  # {i}")
    type_lines.append(")")
    return Module(
        name="identifiers",
        doc=IDENTIFIERS_DOC,
        sources=["security/IdentifierStatus.txt", "security/IdentifierType.txt"],
        body=[
            emit_ranges("IDENTIFIER_ALLOWED", allowed, "Identifier_Status=Allowed."),
            "\n".join(type_lines),
            emit_triples(
                "IDENTIFIER_TYPE_RANGES",
                triples,
                "(start, end, type_index) triples; type_index into IDENTIFIER_TYPES.",
            ),
        ],
        counts={
            "IDENTIFIER_ALLOWED": len(allowed),
            "IDENTIFIER_TYPES": len(type_sets),
            "IDENTIFIER_TYPE_RANGES": len(triples),
        },
    )


IDENTIFIERS_DOC = """
UTS #39 identifier data.

IDENTIFIER_ALLOWED      flat (start, end, ...) ranges of Identifier_Status=Allowed; every other
                        code point is Restricted.
IDENTIFIER_TYPES        distinct sorted tuples of Identifier_Type values.
IDENTIFIER_TYPE_RANGES  flat (start, end, type_index) triples; unlisted code points have
                        Identifier_Type Not_Character.
"""


# --------------------------------------------------------------------------------------------
# bidi.py
# --------------------------------------------------------------------------------------------


def build_bidi(data: DataDir) -> Module:
    """Mirrored pairs and paired brackets, for checking bracket balance around bidi controls."""
    mirroring: dict[str, str] = {}
    for row in data.load("ucd/BidiMirroring.txt").rows:
        mirroring[parse_sequence(row[0])] = parse_sequence(row[1])
    brackets: dict[str, tuple[str, str]] = {}
    for row in data.load("ucd/BidiBrackets.txt").rows:
        if row[2] not in ("o", "c"):
            raise DataError(f"BidiBrackets.txt: unknown bracket type {row[2]!r}")
        brackets[parse_sequence(row[0])] = (parse_sequence(row[1]), row[2])

    m_lines = ["# Bidi_Mirroring_Glyph: character -> its mirror image."]
    m_lines.append("MIRRORING: dict[str, str] = {")
    items = sorted(mirroring.items())
    if len(items) < NAME_COMMENT_LIMIT:
        m_lines += [
            f"    {py_str(a)}: {py_str(b)},  # {char_name(a)} -> {char_name(b)}" for a, b in items
        ]
    else:
        m_lines += wrap_items(f"{py_str(a)}: {py_str(b)}" for a, b in items)
    m_lines.append("}")

    b_lines = ["# Bidi_Paired_Bracket: character -> (its pair, 'o' open or 'c' close)."]
    b_lines.append("BRACKETS: dict[str, tuple[str, str]] = {")
    for a, (b, kind) in sorted(brackets.items()):
        b_lines.append(f"    {py_str(a)}: ({py_str(b)}, {py_str(kind)}),  # {char_name(a)}")
    b_lines.append("}")
    return Module(
        name="bidi",
        doc=BIDI_DOC,
        sources=["ucd/BidiBrackets.txt", "ucd/BidiMirroring.txt"],
        body=["\n".join(m_lines), "\n".join(b_lines)],
        counts={"MIRRORING": len(mirroring), "BRACKETS": len(brackets)},
    )


BIDI_DOC = """
Bidi mirroring and paired-bracket data (UAX #9).

MIRRORING  Bidi_Mirroring_Glyph (BidiMirroring.txt): character -> mirrored character.
BRACKETS   Bidi_Paired_Bracket and Bidi_Paired_Bracket_Type (BidiBrackets.txt):
           character -> (paired bracket, "o" for opening or "c" for closing).
"""


# --------------------------------------------------------------------------------------------
# __init__.py
# --------------------------------------------------------------------------------------------


def render_init(modules: list[Module], data: DataDir, version: str) -> str:
    """The package __init__: the version and the union of every module's sources."""
    merged = {k: v for m in modules for k, v in m.source_stamps(data).items()}
    names = ", ".join(m.name for m in modules)
    head = [
        f"# Generated by scripts/build_tables.py from Unicode {version} -- do not edit.",
        REGENERATE_LINE,
    ]
    doc = (
        f'"""Unicode {version} tables generated from the Unicode data files.\n\n'
        f"Modules: {names}.\n"
        "See README.md in this folder for how they are built and checked.\n"
        '"""'
    )
    parts = ["\n".join(head), doc, "from __future__ import annotations"]
    parts += [f"UNICODE_VERSION = {py_str(version)}", render_sources(merged)]
    return "\n\n".join(parts) + "\n"


# --------------------------------------------------------------------------------------------
# lexicon.py
# --------------------------------------------------------------------------------------------

#: The word-frequency package and version the lexicon is cut from (``pip install``-able).
WORDFREQ_VERSION = "3.1.1"
#: Latin-script languages a disguised word's reading is looked up in.
LEXICON_LATIN_LANGS = ("en", "es", "fr", "de", "it", "pt", "nl", "pl")
#: Languages whose words a look-alike spelling may really be, per script.  Armenian has no
#: word list in wordfreq (it used to fall back to Russian there, which holds no Armenian).
LEXICON_SCRIPT_LANGS = {"Cyrillic": ("ru", "uk", "bg", "mk"), "Greek": ("el",), "Armenian": ()}
#: Zipf frequency from which a Latin reading counts as a word.
KNOWN_ZIPF = 3.0
#: Zipf frequency from which a word in its own script counts as real: deliberately low,
#: because rewriting a real word is worse than missing a disguised one.
SEEN_ZIPF = 1.0
#: A lower floor for long English words, asked only whether a word read through letter
#: forms (IPA, small capitals, symbols: decloak.engine.forms) is a word: technical
#: English ("subsystem", "executable", "postgresql") falls below KNOWN_ZIPF, and such
#: a word is asked only whole, never as part of a compound or before an ending.
RARE_ZIPF = 2.0
#: Shortest such word: short rare words ("nci") are abbreviations and foreign words.
RARE_MIN_LENGTH = 5
#: The language of those words.
RARE_LANG = "en"
#: How much more frequent (Zipf) an English word with f must be than the same word with
#: s for a long s in its place to read as the f it looks like ("ſile" is "file"; the
#: price: old print's "ſire" reads "fire", the far likelier word).
LONG_S_F_MARGIN = 1.0


def _wordlist(lang: str, floor: float) -> list[str]:
    """Words of ``lang`` with a Zipf frequency of at least ``floor``, made of letters only."""
    from wordfreq import iter_wordlist, zipf_frequency

    out = []
    for word in iter_wordlist(lang, "best"):
        if zipf_frequency(word, lang) < floor:
            break
        if word.isalpha():
            out.append(word)
    return out


def build_lexicon(result: LookalikeResult) -> Module:
    """Only what the tie-break can ever ask: Latin words a look-alike spelling (or an ASCII
    look-alike) can read as, and, per script, real words spelled only in look-alikes."""
    try:
        from importlib.metadata import version as package_version

        import wordfreq
    except ImportError as exc:  # pragma: no cover
        raise DataError("the lexicon needs wordfreq: pip install 'wordfreq==3.1.1'") from exc
    found = package_version("wordfreq")
    if found != WORDFREQ_VERSION:
        raise DataError(f"the lexicon is cut from wordfreq {WORDFREQ_VERSION}, found {found}")
    available = set(wordfreq.available_languages())
    # script -> case-folded letter -> the case-folded Latin letters its look-alikes read as
    # (the tie-break compares words case-folded, as wordfreq does: "СОР", "сор" and
    # U+1C83 CYRILLIC SMALL LETTER WIDE ES in place of "с" ask the same question)
    reads: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for ch, latin in result.to_latin.items():
        for folded in ch.casefold():
            reads[result.script_of[ch]][folded].add(latin.casefold())
    latin_words: set[str] = set()
    for lang in LEXICON_LATIN_LANGS:
        # readings of look-alikes, of ASCII look-alikes, and the stems of borrowed names
        # ("GitHub" in "в GitHubе") are all ASCII words: every one is a question asked
        latin_words.update(w for w in _wordlist(lang, KNOWN_ZIPF) if w.isascii())
    prefixes = {w[:k] for w in latin_words for k in range(len(w) + 1)}

    def reads_as_latin_word(word: str, table: dict[str, set[str]]) -> bool:
        """Whether some reading of ``word`` (each letter through its look-alikes) is a
        known Latin word: only then can the answer for ``word`` change a decision."""
        readings = {""}
        for c in word:
            readings = {r + x for r in readings for x in table.get(c, ()) if r + x in prefixes}
            if not readings:
                return False
        return bool(readings & latin_words)

    rare_words = sorted(
        w
        for w in _wordlist(RARE_LANG, RARE_ZIPF)
        if w.isascii() and len(w) >= RARE_MIN_LENGTH and w not in latin_words
    )
    long_s_f = sorted(
        w
        for w in _wordlist(RARE_LANG, KNOWN_ZIPF)
        if w.isascii()
        and "f" in w
        and wordfreq.zipf_frequency(w.replace("f", "s"), RARE_LANG)
        <= wordfreq.zipf_frequency(w, RARE_LANG) - LONG_S_F_MARGIN
    )
    native: dict[str, list[str]] = {}
    for sc, langs in LEXICON_SCRIPT_LANGS.items():
        words: set[str] = set()
        for lang in langs:
            if lang not in available:
                raise DataError(f"wordfreq {found} has no word list for {lang!r}")
            words.update(w for w in _wordlist(lang, SEEN_ZIPF) if reads_as_latin_word(w, reads[sc]))
        native[sc] = sorted(words)
    module = Module(
        "lexicon",
        LEXICON_DOC,
        [],
        extra_sources={"wordfreq": f"{WORDFREQ_VERSION}, 'best' word lists"},
    )
    module.body.append(
        "\n".join(
            [
                f"KNOWN_ZIPF = {KNOWN_ZIPF!r}",
                f"SEEN_ZIPF = {SEEN_ZIPF!r}",
                f"RARE_ZIPF = {RARE_ZIPF!r}",
                f"RARE_MIN_LENGTH = {RARE_MIN_LENGTH!r}",
                f"RARE_LANG = {py_str(RARE_LANG)}",
                f"LONG_S_F_MARGIN = {LONG_S_F_MARGIN!r}",
                f"LATIN_LANGS = {py_tuple([py_str(x) for x in LEXICON_LATIN_LANGS])}",
                "SCRIPT_LANGS: dict[str, tuple[str, ...]] = {",
                *(
                    f"    {py_str(sc)}: {py_tuple([py_str(x) for x in langs]) if langs else '()'},"
                    for sc, langs in LEXICON_SCRIPT_LANGS.items()
                ),
                "}",
            ]
        )
    )
    module.body.append(
        "# Latin words (lowercase, ASCII) a reading can be, separated by spaces.\n"
        "LATIN_WORDS = (\n"
        + "\n".join(wrap_string(py_str(w + " ") for w in sorted(latin_words)))
        + "\n)"
    )
    module.body.append(
        "# Rarer long English words (not in LATIN_WORDS), separated by spaces.\n"
        "RARE_WORDS = (\n" + "\n".join(wrap_string(py_str(w + " ") for w in rare_words)) + "\n)"
    )
    module.body.append(
        "# English words with f that a long s in place of each f reads as (space-separated).\n"
        "LONG_S_F_WORDS = (\n" + "\n".join(wrap_string(py_str(w + " ") for w in long_s_f)) + "\n)"
    )
    lines = ["# Per script: real words (lowercase) spelled only in look-alikes, space-separated."]
    lines.append("NATIVE_WORDS: dict[str, str] = {")
    for sc, words in native.items():
        if words:
            lines.append(f"    {py_str(sc)}: (")
            lines += wrap_string((py_str(w + " ") for w in words), indent="        ")
            lines.append("    ),")
        else:
            lines.append(f'    {py_str(sc)}: "",')
    lines.append("}")
    module.body.append("\n".join(lines))
    module.counts = {
        "LATIN_WORDS": len(latin_words),
        "RARE_WORDS": len(rare_words),
        "LONG_S_F_WORDS": len(long_s_f),
    } | {f"NATIVE_WORDS[{sc}]": len(words) for sc, words in native.items()}
    return module


LEXICON_DOC = """
The word-frequency tie-break as a table: only the words it can ever ask about.

Cut from wordfreq's word lists at build time, so decloak gives the same answer whether
or not wordfreq is installed, and pays no load cost at run time.

KNOWN_ZIPF, SEEN_ZIPF   frequency floors (Zipf scale: log10 of uses per billion words + 9).
RARE_ZIPF, RARE_MIN_LENGTH, RARE_LANG
                        the floor, shortest length and language of RARE_WORDS.
LATIN_LANGS             languages a Latin reading is looked up in; SCRIPT_LANGS, per script,
                        the languages a look-alike spelling may really be written in.
LATIN_WORDS             every lowercase ASCII word with a Zipf frequency >= KNOWN_ZIPF in one of
                        LATIN_LANGS: what a word spelled in look-alikes or an ASCII look-alike
                        can read as, and what the Latin stem of a borrowed name can be
                        ("GitHub" in "GitHub" + Cyrillic "e", declined in Russian).
RARE_WORDS              every lowercase ASCII word of RARE_LANG of RARE_MIN_LENGTH letters or more
                        with a Zipf frequency >= RARE_ZIPF that is not in LATIN_WORDS: asked only
                        whole, whether a word read through letter forms (IPA, small capitals,
                        symbols) is a word ("subsystem", "executable").
LONG_S_F_WORDS          every lowercase ASCII word of RARE_LANG with an f and a Zipf frequency
                        >= KNOWN_ZIPF that is at least LONG_S_F_MARGIN more frequent than the
                        same word with s for each f: a long s in its f's place reads as the f
                        it looks like ("file" and "for" spelled with the long s), where old
                        print's long s in "such" stays an s.
NATIVE_WORDS            per script, every lowercase word with a Zipf frequency >= SEEN_ZIPF in one
                        of SCRIPT_LANGS spelled only in that script's look-alikes that reads as
                        a word of LATIN_WORDS (for any other word, whether it is a real word
                        cannot change the tie-break's answer).
"""


# --------------------------------------------------------------------------------------------
# Driver
# --------------------------------------------------------------------------------------------


def generate(data: DataDir) -> tuple[dict[str, str], list[Module], LookalikeResult]:
    """Build every module in memory: file name -> text."""
    records = unicode_data(data)
    scripts = load_scripts(data)
    confusables = load_confusables(data)
    intentional = load_intentional(data)
    default_ignorable = property_ranges(
        data.load("ucd/DerivedCoreProperties.txt"), "Default_Ignorable_Code_Point"
    )
    lookalike = build_lookalike_data(records, scripts, confusables, intentional, default_ignorable)

    modules = [
        build_scripts(data, scripts),
        build_confusables(confusables, intentional),
        build_lookalikes(lookalike, scripts),
        build_properties(data, records),
        build_emoji(data),
        build_variants(data),
        build_identifiers(data),
        build_bidi(data),
        build_lexicon(lookalike),
    ]
    version = data.unicode_version()
    if ucd.unidata_version != version:
        raise DataError(
            f"unicodedata2 implements Unicode {ucd.unidata_version}, the data files are "
            f"{version}: NFD/NFC and names would not match; install unicodedata2=={version}"
        )
    files = {f"{m.name}.py": m.render(data, version) for m in modules}
    files["__init__.py"] = render_init(modules, data, version)
    return dict(sorted(files.items())), modules, lookalike


def print_summary(files: Mapping[str, str], modules: list[Module], result: LookalikeResult) -> None:
    """Sizes and entry counts, and the per-script look-alike counts, for the maintainer."""
    total = 0
    for name, text in files.items():
        total += len(text)
        print(f"  {name:<18} {len(text):>9,} bytes")
    print(f"  {'total':<18} {total:>9,} bytes")
    for module in modules:
        counts = ", ".join(f"{k}={v}" for k, v in module.counts.items())
        print(f"  {module.name}: {counts}")
    per_script = ", ".join(f"{s}={n}" for s, n in result.per_script.items())
    print(f"  TO_LATIN per script: {per_script}")
    for script, mapping in result.from_latin.items():
        print(f"  FROM_LATIN[{script}]: {len(mapping)} letters: {''.join(mapping)}")
    for reason, n in sorted(result.dropped.items()):
        print(f"  dropped ({reason}): {n}")


def main(argv: list[str] | None = None) -> int:
    """CLI entry point: 0 written or up to date, 1 --check found stale files, 2 data error."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "data_dir",
        nargs="?",
        type=Path,
        default=DEFAULT_DATA_DIR,
        help=f"folder with the Unicode data files (default: {DEFAULT_DATA_DIR})",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 and list the files that would change",
    )
    parser.add_argument(
        "--verbose", action="store_true", help="also list dropped and intentional look-alikes"
    )
    args = parser.parse_args(argv)

    started = time.perf_counter()
    try:
        files, modules, result = generate(DataDir(args.data_dir))
    except DataError as exc:
        print(f"build_tables: error: {exc}", file=sys.stderr)
        return 2

    if args.check:
        stale = [
            name
            for name, text in files.items()
            if not (OUT_DIR / name).is_file()
            or (OUT_DIR / name).read_bytes() != text.encode("ascii")
        ]
        if stale:
            print("build_tables: tables are out of date; these files would change:")
            for name in stale:
                print(f"  {(OUT_DIR / name).relative_to(REPO)}")
            print("run: python scripts/build_tables.py [DATA_DIR]")
            return 1
        print(
            f"build_tables: {len(files)} files up to date ({time.perf_counter() - started:.2f} s)"
        )
        return 0

    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        path = OUT_DIR / name
        if not path.is_file() or path.read_bytes() != text.encode("ascii"):
            path.write_bytes(text.encode("ascii"))
            print(f"wrote {path.relative_to(REPO)}")
    print_summary(files, modules, result)
    if args.verbose:
        for note in result.notes:
            print(f"  {note}")
    print(f"build_tables: done in {time.perf_counter() - started:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
