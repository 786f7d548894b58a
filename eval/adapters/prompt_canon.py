"""prompt-canon: ``canonicalize()`` with its defaults (strip invisibles, map confusables).

Choices (prompt_canon 0.1 source): ``fold_case`` stays off (its default) so clean
text can come back byte-identical.  The package says it is "a normalization layer,
not a detector", so the flag is "canonicalize changed the text" and there is no
score; its findings list also reports kept ZWJ/ZWNJ, which would flag every Persian
sentence, so it is not used as the flag.
"""

from __future__ import annotations

from importlib.metadata import version

import prompt_canon

VERSION = version("prompt-canon")
NOTE = "clean = canonicalize(text).text (fold_case off); flag = output != input; no score."


def clean(text: str) -> str:
    return prompt_canon.canonicalize(text).text


def score(text: str) -> None:
    return None


def suspicious(text: str) -> bool:
    return clean(text) != text
