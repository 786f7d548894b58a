"""How ``decloak scan`` writes a report: the text form and the JSON forms, one finding at a time.

A report is written as its head (verdict or summary fields, then the patterns)
followed by its findings; the findings can be rendered one by one as a stream
produces them (:mod:`decloak.scanstream`) and joined later, so that a report of
400,000 findings never needs them all in memory.  The JSON is byte for byte
what ``json.dumps(report.to_dict(), ensure_ascii=False, indent=2)`` prints (or
the compact form for ``--jsonl``); tests check this on random findings.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Sequence
from json.encoder import encode_basestring
from typing import IO, TYPE_CHECKING, Any, Protocol

from .errors import OutputError
from .model import CharInfo, Kind
from .patterns import Pattern
from .unicode import is_printable

if TYPE_CHECKING:
    from .scanstream import ScanStream, ScanSummary

__all__ = [
    "TEXT_PATTERNS_MAX",
    "JsonFindings",
    "TextFindings",
    "json_around_findings",
    "json_between",
    "json_document",
    "json_empty_findings",
    "json_finding",
    "plural",
    "text_finding",
    "text_head",
    "visible",
    "write_report",
]

SPOOL_MEMORY = 8 << 20
"""Bytes of a report's findings held in memory before they go to a temporary file.

A report leads with its verdict and patterns, known only once the whole input
is read; the findings rendered meanwhile wait in a spool, so memory stays
bounded whatever their number."""

TEXT_PATTERNS_MAX = 10
"""Pattern lines the text report leads with at most (``--json`` lists every pattern)."""

_ENC: Callable[[str], str] = encode_basestring


class FindingRow(Protocol):
    """What rendering needs of a finding (a :class:`~decloak.model.Finding` has it all)."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def kind(self) -> Kind: ...
    @property
    def text(self) -> str: ...
    @property
    def replacement(self) -> str | None: ...
    @property
    def confidence(self) -> float: ...
    @property
    def explanation(self) -> str: ...
    @property
    def chars(self) -> tuple[CharInfo, ...]: ...
    @property
    def payload(self) -> str | None: ...
    @property
    def repaired(self) -> bool: ...


def plural(n: int, word: str, words: str | None = None, *, grouped: bool = False) -> str:
    """``1 finding``, ``2 findings``; ``grouped``: ``12,345 documents``."""
    return (f"{n:,}" if grouped else str(n)) + f" {word if n == 1 else (words or word + 's')}"


# --- text -------------------------------------------------------------------------------


def visible(s: str, width: int = 72) -> str:
    """Show invisible characters as <U+XXXX> so a terminal cannot hide or reorder them."""
    out: list[str] = []
    used = 0
    for k, ch in enumerate(s):
        cp = ord(ch)
        if is_printable(ch) and not (
            0x2000 <= cp <= 0x206F or 0xFE00 <= cp <= 0xFE0F or cp >= 0xE0000
        ):
            tok = ch
        else:
            tok = f"<U+{cp:04X}>"
        if used + len(tok) > width:
            out.append(f"…(+{len(s) - k} more)")
            break
        out.append(tok)
        used += len(tok)
    return "'" + "".join(out) + "'"


def text_head(
    head: str,
    count: int,
    score: float,
    suspicious: bool,
    kinds: dict[str, int],
    patterns: Sequence[Pattern],
    style: Callable[..., str],
) -> str:
    """The verdict line and the pattern lines that lead a text report (no final newline)."""
    if not count:
        return f"{head}clean (score 0.00)"
    listed = ", ".join(f"{k} {n}" for k, n in sorted(kinds.items()))
    verdict = style("suspicious", "red", bold=True) if suspicious else "low suspicion"
    lines = [f"{head}{verdict}, score {score:.2f}: {plural(count, 'finding')} ({listed})"]
    for p in patterns[:TEXT_PATTERNS_MAX]:
        lines.append(f"  {style('pattern:', 'magenta', bold=True)} {p.summary}")
    if len(patterns) > TEXT_PATTERNS_MAX:
        more = len(patterns) - TEXT_PATTERNS_MAX
        lines.append(f"  {style('pattern:', 'magenta', bold=True)} … and {plural(more, 'more')}")
    return "\n".join(lines)


_MEMO_MAX = 4096
"""Rendered fragments remembered per writer (a disguised article repeats a few letters)."""
_MEMO_TEXT_MAX = 16


class TextFindings:
    """Renders findings for the text report; remembers the parts that repeat.

    The part after ``[start:end]`` depends only on the finding's kind, text,
    replacement and characters, so it is built once per distinct short text.
    """

    def __init__(self, style: Callable[..., str]) -> None:
        self.style = style
        self._memo: dict[tuple[Kind, str, str | None, bool], tuple[str, str]] = {}

    def render(self, f: FindingRow, line: int, column: int) -> str:
        """One finding: where, what, why, which characters (no final newline)."""
        key = (f.kind, f.text, f.replacement, f.repaired)
        parts = self._memo.get(key) if len(f.text) <= _MEMO_TEXT_MAX else None
        if parts is None:
            parts = self._parts(f)
            if len(f.text) <= _MEMO_TEXT_MAX and len(self._memo) < _MEMO_MAX:
                self._memo[key] = parts
        what, names = parts
        return f"  {line}:{column} [{f.start}:{f.end}] {what}\n      {f.explanation}{names}"

    def _parts(self, f: FindingRow) -> tuple[str, str]:
        style = self.style
        if f.replacement is None:
            change = "(left as is)"
        elif f.replacement == "":
            change = "-> removed"
        else:
            change = f"-> {visible(f.replacement)!s}"
        if not f.repaired and f.replacement is not None:
            change += " (suggested, not applied)"
        names = "; ".join(c.label for c in f.chars[:4])
        if len(f.chars) > 4:
            names += f"; +{len(f.chars) - 4} more"
        what = (
            f"{style(f.kind.value, 'yellow', bold=True)} {style(visible(f.text), 'red')} {change}"
        )
        return what, (f"\n      {style(names, 'cyan')}" if names else "")


def text_finding(f: FindingRow, line: int, column: int, style: Callable[..., str]) -> str:
    """One finding of the text report (see :class:`TextFindings`, which remembers)."""
    return TextFindings(style).render(f, line, column)


# --- JSON -------------------------------------------------------------------------------


def _chars_json(chars: tuple[CharInfo, ...], pad: str | None) -> str:
    if not chars:
        return "[]"
    if pad is None:
        return (
            "["
            + ", ".join(
                f'{{"codepoint": "U+{c.codepoint:04X}", "name": {_ENC(c.name)}, '
                f'"script": {_ENC(c.script)}}}'
                for c in chars
            )
            + "]"
        )
    p1, p2, p3 = pad + "  ", pad + "    ", pad + "      "
    items = ",\n".join(
        f'{p2}{{\n{p3}"codepoint": "U+{c.codepoint:04X}",\n{p3}"name": {_ENC(c.name)},\n'
        f'{p3}"script": {_ENC(c.script)}\n{p2}}}'
        for c in chars
    )
    return f"[\n{items}\n{p1}]"


class JsonFindings:
    """Renders findings as JSON nested ``level`` levels deep (``None``: compact).

    Exactly ``json.dumps(f.to_dict(), ensure_ascii=False, indent=2)`` at that depth
    (its first line unindented), built from fragments: the ones that depend only
    on the finding's kind, text, replacement and characters are remembered.
    """

    def __init__(self, level: int | None) -> None:
        self.level = level
        if level is None:
            self._sep, self._p = ", ", ""
            self._close = "}"
        else:
            pad = "  " * level
            self._sep, self._p = ",\n", pad + "  "
            self._close = f"\n{pad}}}"
        self._pad = None if level is None else "  " * level
        self._head = "{" if level is None else "{\n"
        self._mid: dict[tuple[Kind, str, str | None, float], str] = {}
        self._tail: dict[tuple[str, bool, str | None], str] = {}

    def render(self, f: FindingRow) -> str:
        short = len(f.text) <= _MEMO_TEXT_MAX
        key = (f.kind, f.text, f.replacement, f.confidence)
        mid = self._mid.get(key) if short else None
        if mid is None:
            mid = self._middle(f)
            if short and len(self._mid) < _MEMO_MAX:
                self._mid[key] = mid
        tkey = (f.text, f.repaired, f.payload)
        tail = self._tail.get(tkey) if short else None
        if tail is None:
            tail = self._ending(f)
            if short and len(self._tail) < _MEMO_MAX:
                self._tail[tkey] = tail
        sep, p = self._sep, self._p
        return (
            f'{self._head}{p}"start": {f.start}{sep}{p}"end": {f.end}{sep}{mid}'
            f'{p}"explanation": {_ENC(f.explanation)}{sep}{tail}'
        )

    def _middle(self, f: FindingRow) -> str:
        sep, p = self._sep, self._p
        rep = "null" if f.replacement is None else _ENC(f.replacement)
        conf = float.__repr__(round(f.confidence, 3))
        return (
            f'{p}"kind": "{f.kind.value}"{sep}{p}"text": {_ENC(f.text)}{sep}'
            f'{p}"replacement": {rep}{sep}{p}"confidence": {conf}{sep}'
        )

    def _ending(self, f: FindingRow) -> str:
        sep, p = self._sep, self._p
        out = (
            f'{p}"repaired": {"true" if f.repaired else "false"}{sep}'
            f'{p}"chars": {_chars_json(f.chars, self._pad)}'
        )
        if f.payload is not None:
            out += f'{sep}{p}"payload": {_ENC(f.payload)}'
        return out + self._close


def json_finding(f: FindingRow, level: int | None) -> str:
    """One finding as JSON nested ``level`` levels deep (see :class:`JsonFindings`)."""
    return JsonFindings(level).render(f)


def json_between(level: int | None) -> str:
    """What separates two findings of a report nested ``level`` levels deep."""
    return ", " if level is None else ",\n" + "  " * (level + 2)


def json_around_findings(head: dict[str, Any], level: int | None) -> tuple[str, str, str]:
    """``(before, between, after)``: the JSON of ``head`` plus a last key ``"findings"``,
    cut where the findings go.  Findings (from :func:`json_finding` at ``level + 2``)
    are written as ``before + f1 + between + f2 + ... + after``; with none,
    ``before`` and ``after`` are joined by ``[]`` instead (see :func:`json_document`)."""
    marker = "\x00findings\x00"
    if level is None:
        text = json.dumps({**head, "findings": marker}, ensure_ascii=False)
        cut = text.rindex(json.dumps(marker))
        return text[:cut] + "[", json_between(level), "]" + text[cut + len(json.dumps(marker)) :]
    text = json.dumps({**head, "findings": marker}, ensure_ascii=False, indent=2)
    pad = "  " * level
    if level:
        text = text.replace("\n", "\n" + pad)
    cut = text.rindex(json.dumps(marker))
    before = text[:cut] + "[\n" + pad + "    "
    after = "\n" + pad + "  ]" + text[cut + len(json.dumps(marker)) :]
    return before, json_between(level), after


def json_document(head: dict[str, Any], findings: Sequence[FindingRow], level: int | None) -> str:
    """The whole JSON of a report held in memory (the reference the streamed form matches)."""
    before, between, after = json_around_findings(head, level)
    if not findings:
        return _empty(before, after, level)
    writer = JsonFindings(None if level is None else level + 2)
    return before + between.join(map(writer.render, findings)) + after


def _empty(before: str, after: str, level: int | None) -> str:
    """``before`` and ``after`` joined by an empty list, as json.dumps writes it."""
    if level is None:
        return before + after
    return before.rstrip(" \n") + after.lstrip(" \n")


def json_empty_findings(before: str, after: str, level: int | None) -> str:
    """What a report with no findings is: the head with ``"findings": []``."""
    return _empty(before, after, level)


# --- a whole report from a stream -------------------------------------------------------


class _Writer(Protocol):
    def write(self, data: bytes, /) -> Any: ...


def write_report(
    stream: ScanStream,
    out: _Writer,
    *,
    fmt: str = "text",
    name: str = "<input>",
    several: bool = False,
    style: Callable[..., str] = lambda s, *_, **__: s,
    lead: str = "",
) -> ScanSummary:
    """Scan ``stream`` to its end and write the report to ``out`` as UTF-8; its summary.

    ``fmt`` is ``"text"``, ``"json"`` or ``"jsonl"``.  ``several``: the report is one
    of a list (text lines name the input; JSON objects gain a ``"path"`` and
    ``--json`` nests them one level deep, without a final newline: the caller
    writes the list around them).  ``lead`` is written just before the report.
    Nothing is written until the input has been read to its end, so an input
    error leaves ``out`` untouched; the findings wait in a spool meanwhile.
    """
    level = None if fmt == "jsonl" else (1 if several else 0)
    between = json_between(level)
    as_text = TextFindings(style)
    as_json = JsonFindings(None if level is None else level + 2)
    empty = True
    with _Spool() as spool:
        for batch in stream.batches():
            if not batch:
                continue
            if fmt == "text":
                chunk = "".join([as_text.render(f, f.line, f.column) + "\n" for f in batch])
            else:
                chunk = between.join(map(as_json.render, batch))
                if not empty:
                    chunk = between + chunk
            spool.write(chunk.encode("utf-8"))
            empty = False
        summary = stream.summary()
        if fmt == "text":
            head = text_head(
                f"{name}: " if several else "",
                summary.count,
                summary.score,
                summary.suspicious,
                summary.kinds,
                summary.patterns,
                style,
            )
            out.write((lead + head + "\n").encode("utf-8"))
            spool.copy_to(out)
            return summary
        obj: dict[str, Any] = {"path": name} if several or fmt == "jsonl" else {}
        obj.update(
            suspicious=summary.suspicious,
            score=round(summary.score, 4),
            length=summary.length,
            kinds=summary.kinds,
            patterns=[p.to_dict() for p in summary.patterns],
        )
        before, _, after = json_around_findings(obj, level)
        end = "" if fmt == "json" and several else "\n"
        if empty:
            out.write((lead + json_empty_findings(before, after, level) + end).encode("utf-8"))
        else:
            out.write((lead + before).encode("utf-8"))
            spool.copy_to(out)
            out.write((after + end).encode("utf-8"))
        return summary


class _Spool:
    """Where a report's findings wait for its head: memory, then an unnamed temporary file."""

    def __init__(self) -> None:
        self.fh: IO[bytes] | None = None

    def __enter__(self) -> _Spool:
        self.fh = tempfile.SpooledTemporaryFile(max_size=SPOOL_MEMORY)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.fh is not None:
            self.fh.close()

    def write(self, data: bytes) -> None:
        assert self.fh is not None
        try:
            self.fh.write(data)
        except OSError as e:
            raise OutputError(
                f"cannot hold the report in a temporary file: {e.strerror or e}"
            ) from None

    def copy_to(self, out: _Writer) -> None:
        assert self.fh is not None
        self.fh.seek(0)
        while chunk := self.fh.read(1 << 20):
            out.write(chunk)
