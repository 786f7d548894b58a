"""decloak itself, through its public API only (``clean``, ``scan``) with default config."""

from __future__ import annotations

import decloak

VERSION = decloak.__version__
NOTE = "decloak.clean(text).text; decloak.scan(text): .score, .suspicious, finding payloads."

_last: tuple[str, decloak.Report] | None = None


def _scan(text: str) -> decloak.Report:
    """One scan per text, shared by score / suspicious / payloads."""
    global _last
    if _last is None or _last[0] is not text:
        _last = (text, decloak.scan(text))
    return _last[1]


def clean(text: str) -> str:
    return decloak.clean(text).text


def score(text: str) -> float:
    return float(_scan(text).score)


def suspicious(text: str) -> bool:
    return bool(_scan(text).suspicious)


def payloads(text: str) -> list[str]:
    return [f.payload for f in _scan(text).findings if f.payload]
