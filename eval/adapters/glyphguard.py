"""glyphguard: its own sanitizer, detector and payload decoder.

Choices (read from glyphguard 0.3 source): ``sanitize(text, "llm-input")`` is the
profile documented for text going into a model or classifier ("strip every
smuggling channel, keep native scripts and emoji") and folds look-alikes; the flag
is ``detect()`` reaching MEDIUM severity, the CLI's default ``--fail-on``; the
score ranks by the highest finding severity (none < INFO < ... < CRITICAL);
payloads are ``payloads()`` decoded as UTF-8.
"""

from __future__ import annotations

import glyphguard as gg

VERSION = gg.__version__
NOTE = (
    "clean = sanitize(text, 'llm-input').text; flag = max detect() severity >= MEDIUM "
    "(CLI default --fail-on); score = max severity (none=0 ... CRITICAL=1); payloads() as UTF-8."
)

_last: tuple[str, int] | None = None


def _worst(text: str) -> int:
    global _last
    if _last is None or _last[0] is not text:
        sev = [int(f.severity) for f in gg.detect(text)]
        _last = (text, max(sev) + 1 if sev else 0)
    return _last[1]


def clean(text: str) -> str:
    return gg.sanitize(text, "llm-input").text


def score(text: str) -> float:
    """0 without findings, then 0.2 (INFO) ... 1.0 (CRITICAL)."""
    return _worst(text) / 5


def suspicious(text: str) -> bool:
    return _worst(text) - 1 >= int(gg.Severity.MEDIUM)


def payloads(text: str) -> list[str]:
    return [p.text for p in gg.payloads(text)]
