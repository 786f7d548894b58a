"""silverspeak's normaliser: ``fast_normalize`` with the CLI's defaults.

Choices (silverspeak 3.0 source): ``fast_normalize(text, kb=load_default_kb(),
min_score=0.0, score_margin=0.0)``, exactly what ``silverspeak normalize`` runs; the
knowledge base is loaded once.  It strips format characters, applies NFKC and maps
letters outside the text's dominant script to that script.  No detector: flag =
output != input; no score.
"""

from __future__ import annotations

import logging
from importlib.metadata import version

from silverspeak.homoglyphs.fast_normalize import fast_normalize
from silverspeak.homoglyphs.hkb.kb import load_default_kb

VERSION = version("silverspeak")
NOTE = (
    "clean = fast_normalize(text, kb=load_default_kb(), min_score=0.0, score_margin=0.0)"
    ".text (the CLI defaults); flag = output != input; no score."
)

_KB = load_default_kb()
# fast_normalize logs a root-logger warning for every text that is not 75% one script.
logging.getLogger().setLevel(logging.ERROR)


def clean(text: str) -> str:
    return fast_normalize(text=text, kb=_KB, min_score=0.0, score_margin=0.0).text


def score(text: str) -> None:
    return None


def suspicious(text: str) -> bool:
    return clean(text) != text
