"""ftfy: ``fix_text`` with the two purely cosmetic rewrites turned off.

Choices (ftfy 6.3 source): ``uncurl_quotes`` and ``fix_line_breaks`` are switched
off because they rewrite correct typography and CRLF, which no one would count as
removing a disguise (datatrove's ftfy step switches them off too); everything else
is ftfy's default, including ``fix_character_width`` (fullwidth -> ASCII) and NFC.
ftfy has no disguise detector (``badness`` measures mojibake), so the flag is
"fix_text changed the text" and there is no score.
"""

from __future__ import annotations

import ftfy as _ftfy

VERSION = _ftfy.__version__
NOTE = (
    "clean = fix_text(text, uncurl_quotes=False, fix_line_breaks=False), other options "
    "default; flag = output != input; no score."
)


def clean(text: str) -> str:
    return _ftfy.fix_text(text, uncurl_quotes=False, fix_line_breaks=False)


def score(text: str) -> None:
    return None


def suspicious(text: str) -> bool:
    return clean(text) != text
