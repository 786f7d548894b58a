"""``scan`` over a stream of text pieces: findings one piece at a time, then the summary.

:func:`decloak.scan` holds the whole text and every :class:`~decloak.model.Finding`.
:class:`ScanStream` holds one piece (see :func:`decloak.stream.iter_pieces`): it analyses each
piece on its own, yields that piece's findings as :class:`Located` rows (offsets
shifted into the whole input, with their line and column), and keeps only
counters between pieces: the confidences for the score, the kinds, and a
:class:`~decloak.patterns.PatternCounter`.  Time is linear in the input; memory
is bounded by a piece, whatever the number of findings.

The rows and :meth:`ScanStream.summary` are exactly what ``scan`` of the whole
text gives (same offsets, explanations, score, verdict, kinds and patterns):
every judgement decloak makes is local to a unit (and to a line, or, in a line
longer than ``Limits.line_max``, to a unit again), and pieces are cut accordingly.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from operator import attrgetter
from typing import NamedTuple

from .api import _char_infos, score_of_counts
from .config import Config, get_config
from .engine import analyze, explain_record
from .model import CharInfo, Kind
from .patterns import Pattern, PatternCounter
from .stream import Piece

__all__ = ["Located", "ScanStream", "ScanSummary"]

BATCH = 4096
"""Findings per batch: a piece with many findings is given in slices, so memory stays small."""

_CHARS_MEMO = 4096
"""Character lists remembered by finding text (a disguised article repeats a few letters)."""
_MEMO_TEXT_MAX = 16


class Located(NamedTuple):
    """One finding of a streamed scan: the fields of :class:`~decloak.model.Finding`
    (offsets into the whole input) plus its 1-based line and column (code points)."""

    start: int
    end: int
    kind: Kind
    text: str
    replacement: str | None
    confidence: float
    explanation: str
    chars: tuple[CharInfo, ...]
    payload: str | None
    repaired: bool
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class ScanSummary:
    """What :class:`~decloak.model.Report` says besides its findings."""

    count: int
    score: float
    suspicious: bool
    length: int
    kinds: dict[str, int]
    patterns: tuple[Pattern, ...]


_CONFIDENCE = attrgetter("confidence")
_KIND = attrgetter("kind")


class ScanStream:
    """Iterate to get the findings (:class:`Located`, in input order), then :meth:`summary`.

    >>> pieces = [Piece("It w\\u0430s late.\\n\\n", True), Piece("Pay by c\\u0430rd.\\n", True)]
    >>> stream = ScanStream(pieces)
    >>> [(f.start, f.line, f.column, f.replacement) for f in stream]
    [(4, 1, 5, 'a'), (22, 3, 9, 'a')]
    >>> stream.summary().count, stream.summary().kinds
    (2, {'homoglyph': 2})
    """

    def __init__(self, pieces: Iterable[Piece], config: Config | str | None = None) -> None:
        self._pieces = pieces
        self._cfg = get_config(config)
        self._confidences: Counter[float] = Counter()
        self._kinds: Counter[Kind] = Counter()
        self._patterns = PatternCounter()
        self._length = 0
        self._count = 0
        self._done = False
        self._chars: dict[str, tuple[CharInfo, ...]] = {}

    def __iter__(self) -> Iterator[Located]:
        for batch in self.batches():
            yield from batch

    def batches(self) -> Iterator[list[Located]]:
        """The findings in lists of at most :data:`BATCH` (cheaper to write out in bulk)."""
        if self._done:
            raise RuntimeError("a ScanStream can be iterated once")
        cfg = self._cfg
        repair = cfg.repair
        line = 1  # line at the start of the piece
        before = 0  # characters of that line before the piece (a piece of a long line)
        chars_memo = self._chars
        for piece, starts_line in self._pieces:
            if not piece:
                continue
            recs = analyze(piece, cfg, line_start=starts_line)
            offset = self._length
            self._length += len(piece)
            last_break = piece.rfind("\n")
            after = len(piece) - last_break - 1 if last_break >= 0 else before + len(piece)
            if not recs:
                self._patterns.add(piece, ())
                line += piece.count("\n")
                before = after
                continue
            self._confidences.update(map(_CONFIDENCE, recs))
            self._kinds.update(map(_KIND, recs))
            self._patterns.add(piece, recs)
            self._count += len(recs)
            out: list[Located] = []
            cur = 0  # position of the line cursor in the piece
            cur_line = line
            line_start = -before  # where the line holding ``cur`` starts
            for r in recs:
                s, e = r.start, r.end
                if s >= cur:
                    k = piece.count("\n", cur, s)
                    if k:
                        cur_line += k
                        line_start = piece.rfind("\n", cur, s) + 1
                else:  # overlapping findings: step back (rare, and only as far as the overlap)
                    k = piece.count("\n", s, cur)
                    if k:
                        cur_line -= k
                        k = piece.rfind("\n", 0, s)
                        line_start = k + 1 if k >= 0 else -before
                cur = s
                text = piece[s:e]
                chars = chars_memo.get(text) if len(text) <= _MEMO_TEXT_MAX else None
                if chars is None:
                    chars = _char_infos(piece, s, e)
                    if len(text) <= _MEMO_TEXT_MAX and len(chars_memo) < _CHARS_MEMO:
                        chars_memo[text] = chars
                out.append(
                    Located(
                        offset + s,
                        offset + e,
                        r.kind,
                        text,
                        r.replacement,
                        r.confidence,
                        explain_record(piece, r),
                        chars,
                        r.payload,
                        bool(repair and r.repair and r.replacement is not None),
                        cur_line,
                        s - line_start + 1,
                    )
                )
                if len(out) >= BATCH:
                    yield out
                    out = []
            line += piece.count("\n")
            before = after
            yield out
        self._done = True

    def summary(self) -> ScanSummary:
        """Score, verdict, length, kinds and patterns of the whole input (after iterating)."""
        if not self._done:
            raise RuntimeError("summary() needs the stream read to its end first")
        score = score_of_counts(self._confidences)
        return ScanSummary(
            self._count,
            score,
            score >= self._cfg.threshold,
            self._length,
            dict(sorted((k.value, n) for k, n in self._kinds.items())),
            self._patterns.patterns(),
        )
