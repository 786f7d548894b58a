"""The do-nothing baseline: returns every text unchanged and flags nothing.

It anchors the scale: its legitimate-text score is perfect by construction and its
attack scores are what a tool gets for doing no harm and no good.
"""

from __future__ import annotations

VERSION = "0"
NOTE = "Returns the input; score 0, never suspicious."


def clean(text: str) -> str:
    return text


def score(text: str) -> float:
    return 0.0


def suspicious(text: str) -> bool:
    return False


def payloads(text: str) -> list[str]:
    return []
