"""disarm: ``canonicalize()``, ``has_anomalies()`` and ``decode_smuggled()``.

Choices (disarm 0.17 source): disarm refuses a generic "clean" and offers several
transforms.  Measured on a 400 + 400 subset, ``canonicalize()`` (case kept, NFKC,
invisibles and bidi stripped, confusables folded) beats the recommended
``get_pipeline("llm_guardrail")`` (which also lowercases) on both repair and
legitimate text, and beats ``strip_obfuscation`` / ``strip_format`` /
``normalize_web_input`` / ``rag_ingest`` on at least one axis without losing on the
other, so it is used.  The flag is ``has_anomalies(text)`` (no lexicon); payloads
are the ``text`` of ``decode_smuggled(text)`` entries that decoded.  No score.
"""

from __future__ import annotations

import disarm as _disarm

VERSION = _disarm.__version__
NOTE = (
    "clean = canonicalize(text) (best of its transforms on a subset; llm_guardrail "
    "lowercases); flag = has_anomalies(text); payloads = decode_smuggled(text)[i].text; "
    "no score."
)


def clean(text: str) -> str:
    return str(_disarm.canonicalize(text))


def score(text: str) -> None:
    return None


def suspicious(text: str) -> bool:
    return bool(_disarm.has_anomalies(text))


def payloads(text: str) -> list[str]:
    return [p.text for p in _disarm.decode_smuggled(text) if getattr(p, "text", None)]
