"""decloak's analysis engine: detectors that find disguises, and the pipeline that runs them.

Data flows one way, scan -> decide -> repair -> explain:

=====================  ==============================================================
:mod:`.classes`        character classes over the generated Unicode tables (nothing decided)
:mod:`.structure`      lines and units: the stretches every judgement is local to
:mod:`.deletions`      backspaces, DELs and escape sequences, applied as a reader saw them
:mod:`.invisibles`     invisible characters, and the payloads hidden in tags, selectors, bits
:mod:`.bidi`           controls that make the display differ from the storage
:mod:`.letters`        look-alike letters and compatibility forms, judged by word and unit
:mod:`.asciilook`      look-alikes inside ASCII (flagged in the strict profile, never repaired;
                       but a vertical line for an l, ``va|ue``, is repaired)
:mod:`.records`        what detectors return, and how records become edits and a plan
:mod:`.pipeline`       the two stages and how their records are merged
:mod:`.limits`         the bounds that keep every judgement local and the cost linear
=====================  ==============================================================

The compiled kernel (:mod:`decloak.kernel`) only scans and counts; every decision
is made in these modules.  :mod:`decloak.api` is the public front door.
"""

from __future__ import annotations

from .classes import COMPAT, FROM_LATIN, HIGH_CONFIDENCE, SPECIAL_RE, TABLES, TO_LATIN
from .letters import explain_record
from .limits import LIMITS, Limits
from .pipeline import analyze
from .records import Rec, apply_recs
from .structure import UnitCursor, window_end

UNIT_MAX = LIMITS.unit_max
"""The default unit size (see :class:`Limits`); read-only: pass a :class:`Limits` to change it."""

__all__ = [
    "COMPAT",
    "FROM_LATIN",
    "HIGH_CONFIDENCE",
    "LIMITS",
    "SPECIAL_RE",
    "TABLES",
    "TO_LATIN",
    "UNIT_MAX",
    "Limits",
    "Rec",
    "UnitCursor",
    "analyze",
    "apply_recs",
    "explain_record",
    "window_end",
]
