"""English prose for the dev and held-out draws of the newer sets, disjoint by source.

Why: "never tune on what you report".  A held-out draw must differ from the dev draw
in its seed *and* in its source texts, or tuning on dev cases would leak into the
held-out score through the shared paragraphs.  Sources are split by a hash of their
name (a licence file or a man page), so no licence or page gives text to both
draws; paragraphs that are originals of the main attack set (``attacks.jsonl``,
studied during development) are left out of both.

The sources are the ones the main builders read (``build_attacks.py``): Debian's
``common-licenses`` and English man pages in sections 1, 5, 7 and 8, rendered the
same way, restricted to the packages in ``data/source-packages.txt``.  Standard
library only.
"""

from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import build_attacks as ba
import common

#: The split a source belongs to: its name's SHA-256 decides, not a list anyone chose.
SPLITS = ("dev", "heldout")
MAN_PAGES_PER_SPLIT = 300
PARAS_PER_PAGE = 3


def split_of(source: str) -> str:
    """``dev`` or ``heldout`` for one source name (stable across machines and runs)."""
    return SPLITS[hashlib.sha256(source.encode()).digest()[0] & 1]


@dataclass
class Prose:
    """Paragraphs (source, text) and multi-paragraph articles of one split."""

    paragraphs: list[tuple[str, str]]
    articles: list[tuple[str, list[str]]]


def main_set_originals() -> set[str]:
    """Every clean original of the main attack set (its ``expected`` texts and paragraphs)."""
    seen: set[str] = set()
    if common.ATTACKS_FILE.exists():
        for case in common.read_jsonl(common.ATTACKS_FILE):
            seen.add(case["expected"])
            seen.update(p for p in case["expected"].split("\n\n") if p)
    return seen


def load(split: str, seed: str, pages: int = MAN_PAGES_PER_SPLIT) -> Prose:
    """The English prose of ``split``: licence paragraphs and articles, man page paragraphs.

    Man pages of the split are visited in an order seeded by ``seed`` and the first
    ``pages`` that yield prose are used (rendering every page would take many minutes).
    """
    if split not in SPLITS:
        raise ValueError(split)
    sources = common.SourceFilter()
    for problem in sources.problems()[:5]:
        print("warning:", problem, file=sys.stderr)
    exclude = main_set_originals()
    # licences of the other split (GPL-1/GPL-2, LGPL-2/LGPL-3 share sentences)
    for src, paras in ba.license_paragraphs(ba.LICENSE_DIR, sources):
        if split_of(src) != split:
            exclude.update(c for p in paras for c in [p, *ba.split_long(p)])
    seen: set[str] = set()
    paragraphs: list[tuple[str, str]] = []
    articles: list[tuple[str, list[str]]] = []
    for src, paras in ba.license_paragraphs(ba.LICENSE_DIR, sources):
        if split_of(src) != split:
            continue
        for p in paras:
            for chunk in ba.split_long(p):
                if ba.english_prose(chunk) and chunk not in seen and chunk not in exclude:
                    seen.add(chunk)
                    paragraphs.append((src, chunk))
        long_paras = [p for p in paras if len(p) >= 200 and p not in exclude]
        if len(long_paras) >= 8:
            articles.append((src, long_paras))
    candidates = [
        p for p in ba.man_pages(ba.MAN_DIR, sources) if split_of(f"man:{p.name}") == split
    ]
    common.rng(seed, "man-order").shuffle(candidates)
    used = 0
    for page in candidates:
        if used >= pages:
            break
        paras = [
            p
            for p in common.man_paragraphs(common.render_man(page))
            if ba.english_prose(p) and p not in seen and p not in exclude
        ]
        if not paras:
            continue
        used += 1
        common.rng(seed, "man", page.name).shuffle(paras)
        for p in paras[:PARAS_PER_PAGE]:
            seen.add(p)
            paragraphs.append((f"man:{page.parent.name}/{page.name}", p))
    return Prose(paragraphs, articles)
