"""decancer-py: ``parse()`` with every option that keeps legitimate text intact.

Choices (decancer_py 0.4 stub file): ``retain_capitalization``, ``retain_diacritics``,
``retain_emojis`` and ``retain_<script>`` for every script it offers except Greek,
Cyrillic and Armenian (retaining those would switch off the look-alike folding that
is the point of the tool).  decancer is built for comparison, not display, so it
still lowercases folded letters and rewrites punctuation.  No detector: flag =
output != input; no score.
"""

from __future__ import annotations

from importlib.metadata import version

import decancer_py

VERSION = version("decancer-py")
OPTIONS = {
    "retain_capitalization": True,
    "retain_diacritics": True,
    "retain_emojis": True,
    **{
        f"retain_{s}": True
        for s in (
            *("japanese", "chinese", "korean", "arabic", "hebrew", "devanagari", "bengali"),
            *("gujarati", "tamil", "thai", "lao", "burmese", "khmer", "mongolian", "braille"),
        )
    },
}
NOTE = (
    "clean = str(parse(text, retain_capitalization, retain_diacritics, retain_emojis, "
    "retain_<every script but greek/cyrillic/armenian>)); flag = output != input; no score."
)


def clean(text: str) -> str:
    return str(decancer_py.parse(text, **OPTIONS))


def score(text: str) -> None:
    return None


def suspicious(text: str) -> bool:
    return clean(text) != text
