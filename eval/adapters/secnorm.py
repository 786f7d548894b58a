"""secnorm: ``normalize()`` with its default preset and its own risk report.

Choices (secnorm 1.0 source): the default preset ``security_balanced`` (all seven
steps); ``llm_input_sanitize`` differs only in also stripping every variation
selector, which breaks emoji and CJK variants.  The score is ``evaluate_risk().score``
(0-1) and the flag is its recommended action not being "allow" (score >= 0.35).
secnorm reports that tag characters were present but not what they spell, so no
payloads.
"""

from __future__ import annotations

import secnorm as _secnorm

VERSION = _secnorm.__version__
NOTE = (
    "clean = normalize(text, 'security_balanced').normalized_text; score = "
    "evaluate_risk().score; flag = recommended_action != 'allow'."
)

_last: tuple[str, _secnorm.NormalizationResult] | None = None


def _run(text: str) -> _secnorm.NormalizationResult:
    global _last
    if _last is None or _last[0] is not text:
        _last = (text, _secnorm.normalize(text, "security_balanced"))
    return _last[1]


def clean(text: str) -> str:
    return _run(text).normalized_text


def score(text: str) -> float:
    return float(_run(text).evaluate_risk().score)


def suspicious(text: str) -> bool:
    return _run(text).evaluate_risk().recommended_action != "allow"
