"""Data for the provenance evaluation: sources, disguised copies, unrelated texts.

Built from offline text on this machine, deterministically, and without
importing decloak (the disguises below are written from the Unicode data
files, not from decloak's tables, so the evaluation does not grade decloak on
its own assumptions):

- **sources**: /usr/share/common-licenses/*, /usr/share/doc/*/copyright and
  English man pages (section 1, rendered with ``groff -Tutf8 -man`` and ``col
  -b``), cut into chunks of 500-3000 characters at paragraph breaks.  A chunk
  is dropped when 20% or more of its word 5-grams already occur in one earlier
  chunk (licence texts are copied into hundreds of copyright files), so every
  copy has exactly one right answer.
- **copies**: disguised copies of sources drawn with a fixed seed, one
  disguise each, in rotation (see ``DISGUISES``).
- **unrelated**: docstrings of the Python standard library (read with ``ast``,
  nothing imported): prose of another origin than any source.
"""

from __future__ import annotations

import ast
import gzip
import hashlib
import random
import re
import subprocess
import sys
import sysconfig
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UNICODE_DIR = ROOT.parent / "shared" / "unicode-18.0.0"
MIN_CHARS, MAX_CHARS = 500, 3000
OVERLAP_LIMIT = 0.2


@dataclass(frozen=True)
class Doc:
    id: str
    text: str


@dataclass(frozen=True)
class Query:
    id: str
    text: str
    source: str | None  # None for unrelated texts
    disguise: str


# --- reading -----------------------------------------------------------------------------


def chunks(text: str) -> list[str]:
    """Paragraph-aligned pieces of MIN_CHARS..MAX_CHARS characters (long paragraphs by line)."""
    paras: list[str] = []
    for p in re.split(r"\n\s*\n", text):
        p = p.strip("\n")
        if not p.strip():
            continue
        if len(p) <= MAX_CHARS:
            paras.append(p)
            continue
        cur = ""
        for line in p.splitlines():
            if cur and len(cur) + len(line) + 1 > MAX_CHARS:
                paras.append(cur)
                cur = ""
            cur = f"{cur}\n{line}" if cur else line
        if cur:
            paras.append(cur)
    out: list[str] = []
    cur = ""
    for p in paras:
        if cur and len(cur) + len(p) + 2 > MAX_CHARS:
            if len(cur) >= MIN_CHARS:
                out.append(cur)
            cur = ""
        cur = f"{cur}\n\n{p}" if cur else p
        if len(cur) >= MIN_CHARS * 2:
            out.append(cur)
            cur = ""
    if len(cur) >= MIN_CHARS:
        out.append(cur)
    return [c for c in out if MIN_CHARS <= len(c) <= MAX_CHARS]


def render_man(path: Path) -> str:
    """An English man page as plain text (no hyphenation, no overstrike)."""
    with gzip.open(path, "rb") as fh:
        source = fh.read()
    groff = subprocess.run(
        ["groff", "-Tutf8", "-man", "-rHY=0", "-rLL=78n"],
        input=source,
        capture_output=True,
        timeout=60,
        check=False,
    )
    col = subprocess.run(
        ["col", "-b", "-x"], input=groff.stdout, capture_output=True, timeout=60, check=False
    )
    return col.stdout.decode("utf-8", "replace")


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def _licenses() -> Iterator[Doc]:
    for p in sorted(Path("/usr/share/common-licenses").iterdir()):
        if p.is_file():
            for i, c in enumerate(chunks(_read(p))):
                yield Doc(f"license/{p.name}#{i}", c)


def _man_pages(pages: int = 600) -> Iterator[Doc]:
    """Chunks of man pages spread evenly over the alphabet (every k-th page)."""
    from concurrent.futures import ThreadPoolExecutor

    found = sorted(Path("/usr/share/man/man1").glob("*.1.gz"))
    picked = found[:: max(1, len(found) // pages)]
    with ThreadPoolExecutor(4) as pool:  # groff runs in subprocesses: threads suffice
        for k in range(0, len(picked), 16):
            batch = picked[k : k + 16]
            for p, text in zip(batch, pool.map(render_man, batch), strict=True):
                for i, c in enumerate(chunks(text)):
                    yield Doc(f"man1/{p.name[:-3]}#{i}", c)


def _copyrights() -> Iterator[Doc]:
    for p in sorted(Path("/usr/share/doc").glob("*/copyright")):
        for i, c in enumerate(chunks(_read(p))):
            yield Doc(f"copyright/{p.parent.name}#{i}", c)


def _grams(text: str) -> set[int]:
    words = re.sub(r"[^\w\s]", "", text.casefold()).split()
    return {
        int.from_bytes(hashlib.blake2b(" ".join(words[i : i + 5]).encode(), digest_size=8).digest())
        for i in range(max(1, len(words) - 4))
    }


QUOTAS = (("license", _licenses, 400), ("man1", _man_pages, 650), ("copyright", _copyrights, 450))
"""Families in the order they are read (licences first: copyright files quote them), with caps."""


def sources(limit: int = 1200) -> list[Doc]:
    """Up to ``limit`` mutually distinct source chunks, in a fixed order."""
    seen: dict[int, list[int]] = {}
    kept: list[Doc] = []
    sizes: list[int] = []
    for _family, read, quota in QUOTAS:
        taken = 0
        for doc in read():
            if taken >= quota or len(kept) >= limit:
                break
            g = _grams(doc.text)
            if len(g) < 40:
                continue  # tables of file names, lists of authors: too few words to trace
            overlap: dict[int, int] = {}
            for h in g:
                for k in seen.get(h, ()):
                    overlap[k] = overlap.get(k, 0) + 1
            if any(n >= OVERLAP_LIMIT * min(len(g), sizes[k]) for k, n in overlap.items()):
                continue
            for h in g:
                seen.setdefault(h, []).append(len(kept))
            kept.append(doc)
            sizes.append(len(g))
            taken += 1
    return kept


def unrelated(n: int = 100, seed: int = 7) -> list[Doc]:
    """``n`` chunks of Python standard-library docstrings (a source family not in the index)."""
    lib = Path(sysconfig.get_paths()["stdlib"])
    texts: list[Doc] = []
    for path in sorted(lib.glob("*.py")):
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except (SyntaxError, UnicodeDecodeError, OSError):
            continue
        docs = [ast.get_docstring(tree) or ""]
        docs += [
            ast.get_docstring(node) or ""
            for node in ast.walk(tree)
            if isinstance(node, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        ]
        for i, c in enumerate(chunks("\n\n".join(d for d in docs if d))):
            texts.append(Doc(f"pydoc/{path.stem}#{i}", c))
    rng = random.Random(seed)
    return sorted(rng.sample(texts, min(n, len(texts))), key=lambda d: d.id)


# --- disguises, from the Unicode data files ------------------------------------------------


def _lookalikes() -> dict[str, str]:
    """ASCII letter -> its look-alike from UTS #39 intentional.txt (Cyrillic, then Greek)."""
    pairs: dict[str, list[str]] = {}
    path = UNICODE_DIR / "security" / "intentional.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        a, b = (chr(int(x.strip(), 16)) for x in line.split(";"))
        for x, y in ((a, b), (b, a)):
            if x.isascii() and x.isalpha() and not y.isascii():
                pairs.setdefault(x, []).append(y)

    def rank(ch: str) -> tuple[int, int]:
        cp = ord(ch)
        return (0 if 0x400 <= cp < 0x530 else 1 if 0x370 <= cp < 0x400 else 2, cp)

    return {k: min(v, key=rank) for k, v in sorted(pairs.items())}


LOOKALIKES = _lookalikes()
ZERO_WIDTH = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff")


def half_swap(text: str, rng: random.Random) -> str:
    """The content-farm trick: every 'a' in the second half becomes CYRILLIC SMALL LETTER A."""
    half = len(text) // 2
    return text[:half] + text[half:].replace("a", "\u0430")


def full_swap(text: str, rng: random.Random) -> str:
    """Every letter that has an intentional look-alike is replaced by it."""
    return "".join(LOOKALIKES.get(c, c) for c in text)


def zero_width(text: str, rng: random.Random) -> str:
    """A zero-width character inside every word of four letters or more."""

    def insert(m: re.Match[str]) -> str:
        w = m.group(0)
        k = rng.randrange(1, len(w))
        return w[:k] + rng.choice(ZERO_WIDTH) + w[k:]

    return re.sub(r"[A-Za-z]{4,}", insert, text)


def math_bold(text: str, rng: random.Random) -> str:
    def bold(c: str) -> str:
        if "A" <= c <= "Z":
            return chr(0x1D400 + ord(c) - 65)
        if "a" <= c <= "z":
            return chr(0x1D41A + ord(c) - 97)
        return c

    return "".join(bold(c) for c in text)


def excerpt(text: str, rng: random.Random, share: float = 0.6) -> str:
    spans = [m.span() for m in re.finditer(r"\S+", text)]
    n = max(1, round(len(spans) * share))
    first = rng.randrange(0, len(spans) - n + 1)
    return text[spans[first][0] : spans[first + n - 1][1]]


def excerpt_lookalikes(text: str, rng: random.Random) -> str:
    """A 60% excerpt with 30% of its letters swapped for look-alikes."""
    part = excerpt(text, rng)
    return "".join(LOOKALIKES.get(c, c) if rng.random() < 0.3 else c for c in part)


def mixture(text: str, rng: random.Random) -> str:
    """A half swap, then zero-width characters; sometimes bold, sometimes an excerpt first."""
    if rng.random() < 0.5:
        text = excerpt(text, rng, 0.8)
    text = zero_width(half_swap(text, rng), rng)
    if rng.random() < 0.5:
        words = text.split(" ")
        k = len(words) // 3
        text = " ".join([*words[:k], math_bold(" ".join(words[k : 2 * k]), rng), *words[2 * k :]])
    return text


DISGUISES: dict[str, Callable[[str, random.Random], str]] = {
    "half swap (a -> Cyrillic а)": half_swap,
    "full look-alike swap": full_swap,
    "zero-width inside words": zero_width,
    "math-bold letters": math_bold,
    "60% excerpt + look-alikes": excerpt_lookalikes,
    "mixture": mixture,
}


def copies(srcs: list[Doc], n: int = 200, seed: int = 1) -> list[Query]:
    """``n`` disguised copies of distinct sources, the disguises in rotation."""
    rng = random.Random(seed)
    picked = rng.sample(srcs, n)
    names = list(DISGUISES)
    out = []
    for i, doc in enumerate(picked):
        name = names[i % len(names)]
        out.append(Query(f"copy{i:03d}", DISGUISES[name](doc.text, rng), doc.id, name))
    return out


def dataset(
    n_sources: int = 1200, n_copies: int = 200, n_unrelated: int = 100
) -> tuple[list[Doc], list[Query]]:
    srcs = sources(n_sources)
    if len(srcs) < 1000:
        print(f"warning: only {len(srcs)} distinct sources on this machine", file=sys.stderr)
    queries = copies(srcs, n_copies)
    queries += [Query(d.id, d.text, None, "unrelated") for d in unrelated(n_unrelated)]
    return srcs, queries
