"""The engine's bounds, as one value handed down the pipeline.

Every judgement decloak makes looks at a bounded stretch of text: a unit (a
paragraph, or a window of a long one), a few characters around an invisible, the
first bytes of a payload.  These bounds are what keeps the cost of analysing any
input linear in its length, and what lets the streaming cleaner cut a text
anywhere between units and still produce exactly what cleaning it whole does.

They are parameters, not module globals: :func:`decloak.engine.analyze` and the
streaming cleaner take a :class:`Limits` (``LIMITS`` by default), and tests pass
small ones to exercise the long-paragraph and long-line rules on short inputs.
Changing a bound changes results on texts that reach it, so the defaults are part
of decloak's behaviour and are not user options.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Limits:
    """Sizes, in code points unless said otherwise."""

    unit_max: int = 8192
    """Paragraphs longer than this are judged in windows cut at line breaks (else
    spaces): a paragraph's script and whether it shows a disguise are decided per
    window, so one enormous paragraph costs no more per character than many small ones."""

    paragraph_max: int = 1 << 16
    """Paragraphs longer than this are judged unit by unit: the text is cut at every
    unit boundary inside such a paragraph and the pieces are judged apart, so within
    it everything decided per line (right-to-left context, bidi balance and display
    order, how far a backspace reaches) is decided per unit, and a unit's context is
    judged before stage A's repairs shift its bounds.  This is what lets the streaming
    cleaner hold a bounded amount of a paragraph, or of a line, of any length and still
    produce exactly what cleaning the whole text does.  Shorter paragraphs are judged
    whole (their windows are units for the letters stage only)."""

    zw_payload_min: int = 8
    """Shortest run of zero-width characters read as a bit string (one byte)."""

    payload_decode_max: int = 1 << 16
    """Longest run handed to the payload decoders (the rest of the run is still removed)."""

    zw_decode_max: int = 1 << 12
    """Longest zero-width run read as bits (512 bytes): each run is tried 48 ways."""

    neighbour_reach: int = 32
    """How far the visible neighbour of an invisible character is looked for, past
    other invisibles and erased text."""

    braille_reach: int = 64
    """How far a blank braille cell looks for braille text around it."""

    explain_reach: int = 64
    """How much of a (possibly enormous) word an explanation quotes on each side."""

    quote_marks: int = 16
    """How many combining marks an eraser's explanation quotes with their base."""

    def __post_init__(self) -> None:
        if self.unit_max < 2:
            raise ValueError("unit_max must be at least 2")
        if self.paragraph_max < 2 * self.unit_max:
            # a unit is at most 2 * unit_max long: one piece of a long paragraph must
            # never be long enough to count as a long paragraph itself
            raise ValueError("paragraph_max must be at least twice unit_max")


LIMITS = Limits()
"""The bounds decloak uses."""
