"""Frozen, typed results: findings, reports, edits, plans and offset maps.

Everything decloak returns is an immutable value.  Offsets are *code point*
offsets into the input string (Python ``str`` indexes), never byte offsets, so
they stay valid for the caller's own slicing.  A :class:`Plan` is the
replayable form of a repair: ``apply_plan(text, plan) == clean(text).text``.
"""

from __future__ import annotations

import bisect
import enum
import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from .patterns import Pattern


class Kind(enum.StrEnum):
    """The kinds of disguise decloak reports (``str`` values are stable API)."""

    HOMOGLYPH = "homoglyph"
    """A letter from another script standing in for a Latin (or native) letter."""
    COMPAT_LETTER = "compat-letter"
    """Fullwidth, mathematical or enclosed letter forms used as running text."""
    INVISIBLE = "invisible"
    """Zero-width, default-ignorable or control characters no script here needs."""
    TAG_PAYLOAD = "tag-payload"
    """Tag characters (U+E0000..E007F) outside a valid emoji tag sequence."""
    VARIATION_PAYLOAD = "variation-payload"
    """Variation selectors outside a valid variation sequence (smuggled bytes)."""
    ZERO_WIDTH_PAYLOAD = "zero-width-payload"
    """A run of zero-width characters that decodes to hidden bits."""
    BIDI = "bidi"
    """Bidi controls that are unbalanced or make display order differ from storage."""
    DELETION = "deletion"
    """Backspace, DEL and escape sequences that erase or hide what is stored."""
    ASCII_LOOKALIKE = "ascii-lookalike"
    """Swaps inside ASCII (``curI`` for ``curl``); flagged only, never repaired."""


@dataclass(frozen=True, slots=True)
class CharInfo:
    """One code point involved in a finding."""

    codepoint: int
    name: str
    script: str

    @property
    def char(self) -> str:
        return chr(self.codepoint)

    @property
    def label(self) -> str:
        """``U+0430 CYRILLIC SMALL LETTER A``: how humans refer to the character."""
        return f"U+{self.codepoint:04X} {self.name}"

    def to_dict(self) -> dict[str, Any]:
        return {"codepoint": f"U+{self.codepoint:04X}", "name": self.name, "script": self.script}


@dataclass(frozen=True, slots=True)
class Finding:
    """One disguise: where it is, what it is, and what a reader would see instead.

    ``replacement`` is what decloak suggests in place of ``text`` (``""`` to
    remove, ``None`` when nothing safe can be suggested).  ``repaired`` says
    whether :func:`decloak.clean` applies it under the config that produced it.
    ``payload`` holds decoded hidden content (tag text, selector bytes, bits).
    """

    start: int
    end: int
    kind: Kind
    text: str
    replacement: str | None
    confidence: float
    explanation: str
    chars: tuple[CharInfo, ...] = ()
    payload: str | None = None
    repaired: bool = True

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "start": self.start,
            "end": self.end,
            "kind": self.kind.value,
            "text": self.text,
            "replacement": self.replacement,
            "confidence": round(self.confidence, 3),
            "explanation": self.explanation,
            "repaired": self.repaired,
            "chars": [c.to_dict() for c in self.chars],
        }
        if self.payload is not None:
            out["payload"] = self.payload
        return out


class Report:
    """The result of :func:`decloak.scan`: findings, a score in [0, 1], a verdict.

    Immutable.  ``findings`` may be given as a zero-argument callable: they are
    then built on first access (a corpus job that only needs ``suspicious``
    never pays for thousands of :class:`Finding` objects).  ``patterns`` (the
    findings reduced to what happened to the document, see
    :mod:`decloak.patterns`) likewise.  Two reports are equal when their
    findings, score, verdict and length are: patterns follow from those and the text.
    """

    __slots__ = ("_findings", "_patterns", "length", "score", "suspicious")

    _findings: tuple[Finding, ...] | Callable[[], tuple[Finding, ...]]
    _patterns: tuple[Pattern, ...] | Callable[[], tuple[Pattern, ...]]
    score: float
    suspicious: bool
    length: int

    def __init__(
        self,
        findings: tuple[Finding, ...] | Callable[[], tuple[Finding, ...]],
        score: float,
        suspicious: bool,
        length: int,
        patterns: tuple[Pattern, ...] | Callable[[], tuple[Pattern, ...]] = (),
    ) -> None:
        object.__setattr__(self, "_findings", findings)
        object.__setattr__(self, "_patterns", patterns)
        object.__setattr__(self, "score", score)
        object.__setattr__(self, "suspicious", suspicious)
        object.__setattr__(self, "length", length)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Report is immutable (cannot set {name!r})")

    @property
    def findings(self) -> tuple[Finding, ...]:
        f = self._findings
        if callable(f):
            made: tuple[Finding, ...] = f()
            object.__setattr__(self, "_findings", made)
            return made
        return f

    @property
    def patterns(self) -> tuple[Pattern, ...]:
        """The disguise patterns of the document, the most frequent first (built on first use).

        >>> from decloak import scan
        >>> print(scan("It w\u0430s \u0430 long d\u0430y.").patterns[0].summary)
        on line 1, every 'a' (3 of 3) is Cyrillic 'а' U+0430
        """
        p = self._patterns
        if callable(p):
            made: tuple[Pattern, ...] = p()
            object.__setattr__(self, "_patterns", made)
            return made
        return p

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Report):
            return NotImplemented
        return (self.findings, self.score, self.suspicious, self.length) == (
            other.findings,
            other.score,
            other.suspicious,
            other.length,
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return (
            f"Report(score={self.score:.3f}, suspicious={self.suspicious}, "
            f"length={self.length}, findings={len(self.findings)})"
        )

    @property
    def kinds(self) -> Counter[str]:
        """Number of findings by kind."""
        return Counter(f.kind.value for f in self.findings)

    @property
    def payloads(self) -> tuple[str, ...]:
        """Every decoded hidden payload, in order of appearance."""
        return tuple(f.payload for f in self.findings if f.payload is not None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "suspicious": self.suspicious,
            "score": round(self.score, 4),
            "length": self.length,
            "kinds": dict(sorted(self.kinds.items())),
            "patterns": [p.to_dict() for p in self.patterns],
            "findings": [f.to_dict() for f in self.findings],
        }


class PlanStep(NamedTuple):
    """Replace ``input[start:end]`` (which must equal ``before``) by ``after``.

    An immutable record (a named tuple: a corpus document can have thousands).
    """

    start: int
    end: int
    before: str
    after: str
    kind: Kind


class Plan:
    """A replayable repair: sorted, non-overlapping steps over one input.

    ``input_length`` and each step's ``before`` let :func:`decloak.apply_plan`
    refuse to replay a plan on a text it was not made for.  Immutable; ``steps``
    may be given as a zero-argument callable and are then built on first use.
    """

    __slots__ = ("_count", "_steps", "input_length")

    _count: int
    _steps: tuple[PlanStep, ...] | Callable[[], tuple[PlanStep, ...]]
    input_length: int

    def __init__(
        self,
        input_length: int,
        steps: tuple[PlanStep, ...] | Callable[[], tuple[PlanStep, ...]],
        count: int | None = None,
    ) -> None:
        object.__setattr__(self, "input_length", input_length)
        object.__setattr__(self, "_steps", steps)
        if count is None:
            count = len(self.steps)
        object.__setattr__(self, "_count", count)

    def __len__(self) -> int:
        """Number of steps (without building them)."""
        return self._count

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Plan is immutable (cannot set {name!r})")

    @property
    def steps(self) -> tuple[PlanStep, ...]:
        s = self._steps
        if callable(s):
            made: tuple[PlanStep, ...] = s()
            object.__setattr__(self, "_steps", made)
            return made
        return s

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Plan):
            return NotImplemented
        return (self.input_length, self.steps) == (other.input_length, other.steps)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Plan(input_length={self.input_length}, steps={len(self.steps)})"

    def to_json(self) -> str:
        return json.dumps(
            {
                "input_length": self.input_length,
                "steps": [[s.start, s.end, s.before, s.after, s.kind.value] for s in self.steps],
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, data: str) -> Plan:
        raw = json.loads(data)
        steps = tuple(
            PlanStep(int(a), int(b), str(c), str(d), Kind(e)) for a, b, c, d, e in raw["steps"]
        )
        return cls(int(raw["input_length"]), steps)


@dataclass(frozen=True, slots=True)
class Edit:
    """One change made by :func:`decloak.clean`, located in both texts."""

    input_start: int
    input_end: int
    output_start: int
    output_end: int
    before: str
    after: str
    kind: Kind

    def to_dict(self) -> dict[str, Any]:
        return {
            "input_start": self.input_start,
            "input_end": self.input_end,
            "output_start": self.output_start,
            "output_end": self.output_end,
            "before": self.before,
            "after": self.after,
            "kind": self.kind.value,
        }


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Maps output positions back to input positions (and forward).

    Stored piecewise: ``out_starts[i]`` / ``in_starts[i]`` begin a stretch; a
    stretch is either copied unchanged (``copied[i]``) or the output of one edit.
    Inside an edit's output every position maps to the edit's input start.
    """

    out_starts: tuple[int, ...]
    in_starts: tuple[int, ...]
    copied: tuple[bool, ...]
    input_length: int
    output_length: int

    def to_input(self, pos: int) -> int:
        """Input position of output position ``pos`` (``pos == len(output)`` allowed)."""
        if not 0 <= pos <= self.output_length:
            raise IndexError(f"output position {pos} outside 0..{self.output_length}")
        if pos == self.output_length:
            return self.input_length
        i = bisect.bisect_right(self.out_starts, pos) - 1
        if self.copied[i]:
            return self.in_starts[i] + (pos - self.out_starts[i])
        return self.in_starts[i]

    def to_output(self, pos: int) -> int:
        """Output position where input position ``pos`` ended up (start of its edit)."""
        if not 0 <= pos <= self.input_length:
            raise IndexError(f"input position {pos} outside 0..{self.input_length}")
        if pos == self.input_length:
            return self.output_length
        i = bisect.bisect_right(self.in_starts, pos) - 1
        if i < 0:  # inside a deletion at the very start
            return 0
        if self.copied[i]:
            nxt = self.out_starts[i + 1] if i + 1 < len(self.out_starts) else self.output_length
            # past the copied stretch means inside a deletion that follows it
            return self.out_starts[i] + min(pos - self.in_starts[i], nxt - self.out_starts[i])
        return self.out_starts[i]


@dataclass(frozen=True, slots=True)
class Cleaned:
    """The result of :func:`decloak.clean`: restored text plus how it was made.

    ``findings`` are built on first use: cleaning a corpus rarely needs them.
    """

    text: str
    plan: Plan
    _findings: Callable[[], tuple[Finding, ...]] = field(repr=False, compare=False)

    _report: Callable[[], Report] = field(repr=False, compare=False)

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Every disguise found, as :func:`decloak.scan` reports it (repaired or not)."""
        return self._findings()

    @property
    def report(self) -> Report:
        """The same :class:`Report` :func:`decloak.scan` gives, from this one analysis."""
        return self._report()

    @property
    def changed(self) -> bool:
        return len(self.plan) > 0

    @property
    def edits(self) -> tuple[Edit, ...]:
        """Every change with its input span, output span, before and after text."""
        out: list[Edit] = []
        shift = 0
        for s in self.plan.steps:
            o = s.start + shift
            out.append(Edit(s.start, s.end, o, o + len(s.after), s.before, s.after, s.kind))
            shift += len(s.after) - (s.end - s.start)
        return tuple(out)

    @property
    def offsets(self) -> OffsetMap:
        """Offset map from output positions back to input positions."""
        outs: list[int] = []
        ins: list[int] = []
        copied: list[bool] = []
        i_pos = o_pos = 0
        for s in self.plan.steps:
            if s.start > i_pos:
                outs.append(o_pos)
                ins.append(i_pos)
                copied.append(True)
                o_pos += s.start - i_pos
            if s.after:
                outs.append(o_pos)
                ins.append(s.start)
                copied.append(False)
                o_pos += len(s.after)
            i_pos = s.end
        n = self.plan.input_length
        if i_pos < n or not outs:
            outs.append(o_pos)
            ins.append(i_pos)
            copied.append(True)
        return OffsetMap(tuple(outs), tuple(ins), tuple(copied), n, len(self.text))
