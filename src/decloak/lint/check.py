"""Linting one text: decloak's judgement on the text, plus code-specific rules.

The work is split by what each part of a file is:

* everywhere: :func:`decloak.scan` judges the text (bidi reordering, payloads,
  stray invisibles, look-alikes): over whole lines for bidi, literal by literal
  for the rest, and its findings become lint rules by where they fall.  Its
  judgement is what keeps Russian comments, Hebrew strings with points,
  Persian ZWNJ and emoji ZWJ sequences quiet.
* code (outside literals and comments): stricter, because code has no need of
  invisible characters at all: any default-ignorable character in an identifier
  is an error, scripts are checked word by word (UTS #39), identifiers are
  compared by skeleton, and bidi controls must not appear.
* string literals and comments: bidi controls must be closed where they are
  opened (UTS #55), since an open one reorders the code that follows.

A file of printable ASCII cannot hold any of this and is dismissed after one
``bytes.translate``, which is what makes linting a whole tree fast.  Everything
else is linear in the file's length.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from bidi import get_display

from ..api import scan
from ..chardata import (
    BIDI_EXPLICIT,
    BIDI_OPENERS_EMBED,
    BIDI_OPENERS_ISOLATE,
    BOM,
    PDF,
    PDI,
    VERTICAL_LINE,
)
from ..config import DEFAULT, Config
from ..model import Finding, Kind
from ..unicode import (
    category,
    char_name,
    is_alnum,
    is_digit,
    is_printable,
    nfkc,
    script_extensions,
)
from .idents import (
    DEFAULT_IGNORABLE,
    identifier_runs,
    judge_scripts,
    skeleton,
    visible,
)
from .lexer import Context, Language, Layout, language_for
from .rules import Severity, rule

__all__ = ["LINT_CONFIG", "LintFinding", "badge", "lint_text"]

LINT_CONFIG = DEFAULT.with_options(use_lexicon=False)
"""decloak's default judgement, without the optional word-frequency lexicon: lint
results must not depend on whether an extra is installed (and loading it costs
seconds, too much for a pre-commit hook)."""

_PLAIN_ASCII = bytes((0x09, 0x0A, 0x0B, 0x0C, 0x0D, *range(0x20, 0x7F)))
"""Printable ASCII and layout controls: a file of only these has nothing to find
(``bytes.translate`` deletes them ten times faster than a regex search)."""
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_EXPLICIT_RE = re.compile(f"[{''.join(sorted(BIDI_EXPLICIT))}]")
_IGNORABLE_RE = re.compile(f"[{DEFAULT_IGNORABLE.regex()}]")
_IGNORABLE_FAST = re.compile(f"[{DEFAULT_IGNORABLE.fast_regex()}]")
"""Over-approximates astral ranges (for speed): check hits against DEFAULT_IGNORABLE."""
_MARKS_OK_IN_CODE = frozenset("\u200e\u200f")  # LRM, RLM: Pattern_White_Space (UAX #31)
_MAX_SHOWN = 160
_MAX_PAYLOAD = 200


@dataclass(frozen=True, slots=True)
class LintFinding:
    """One lint finding in one file.

    Lines and columns are 1-based and count code points; ``end_column`` is
    exclusive (SARIF's convention).  ``start``/``end`` are code point offsets.
    ``fix`` lists the ``(start, end)`` spans ``--fix`` would delete; empty when
    the finding must be repaired by hand (identifiers are never rewritten).
    """

    rule: str
    kind: str
    severity: Severity
    message: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    fix: tuple[tuple[int, int], ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "kind": self.kind,
            "severity": self.severity.value,
            "message": self.message,
            "rule": self.rule,
        }


def lint_text(
    text: str,
    path: str = "",
    *,
    language: Language | None = None,
    config: Config | None = None,
) -> tuple[LintFinding, ...]:
    """Lint one source text; ``path`` picks the language family (see :mod:`.lexer`).

    >>> [f.rule for f in lint_text("p\\u0430ypal = 1\\n", "x.py")]
    ['mixed-script-identifier']
    """
    cfg = LINT_CONFIG if config is None else config
    plain = text.isascii() and not text.encode("ascii").translate(None, _PLAIN_ASCII)
    if plain and not cfg.ascii_lookalikes:
        return ()  # printable ASCII and layout controls only: nothing to hide

    lang = language if language is not None else language_for(path, text[:256])
    return _Linter(text, lang, cfg).run()


# --- presentation ---------------------------------------------------------------------------


def badge(s: str) -> str:
    """``s`` with every invisible, control or bidi character as a ``<U+XXXX>`` badge.

    Messages pass through here so that no terminal, browser or review tool can
    hide or reorder what decloak is pointing at.
    """
    out: list[str] = []
    for ch in s:
        if ch == " " or (is_printable(ch) and ch not in DEFAULT_IGNORABLE and ch != "\u2800"):
            out.append(ch)
        else:
            out.append(f"<U+{ord(ch):04X}>")
    return "".join(out)


def _shorten(s: str, limit: int) -> str:
    return s if len(s) <= limit else s[:limit] + f"…(+{len(s) - limit} more)"


def _label(ch: str) -> str:
    return f"U+{ord(ch):04X} {char_name(ch)}"


def _names(chars: Iterable[str]) -> str:
    labels = list(dict.fromkeys(_label(c) for c in chars))
    if len(labels) > 3:
        labels = [*labels[:3], f"{len(labels) - 3} more"]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


def _displayed(line: str) -> str:
    """How ``line`` looks in an editor (left-to-right paragraph), controls gone."""
    try:
        shown = str(get_display(line, base_dir="L"))
    except Exception:  # a display library failure must not lose the finding
        shown = line
    return _IGNORABLE_RE.sub("", shown)


# --- the linter -----------------------------------------------------------------------------


@dataclass(slots=True)
class _Issue:
    rule: str
    start: int
    end: int
    message: str
    fix: list[tuple[int, int]] = field(default_factory=list)


@dataclass(slots=True)
class _BidiLine:
    judged: list[Finding] = field(default_factory=list)
    """decloak's own bidi findings on the line (it knows legitimate RTL usage)."""
    unterminated: list[tuple[int, str]] = field(default_factory=list)
    stray: list[int] = field(default_factory=list)
    in_code: list[int] = field(default_factory=list)


class _Lines:
    """Offset to (line, column), 1-based, by binary search over line starts."""

    __slots__ = ("_cached", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._cached: list[int] | None = None

    @property
    def _starts(self) -> list[int]:
        # built on first use: most files with non-ASCII text have nothing to report
        if self._cached is None:
            self._cached = [0, *(m.end() for m in re.finditer("\n", self._text))]
        return self._cached

    def line_of(self, pos: int) -> int:
        return bisect.bisect_right(self._starts, pos)

    def position(self, pos: int) -> tuple[int, int]:
        line = self.line_of(pos)
        return line, pos - self._starts[line - 1] + 1

    def span(self, line: int) -> tuple[int, int]:
        starts = self._starts
        start = starts[line - 1]
        end = starts[line] - 1 if line < len(starts) else len(self._text)
        if end > start and self._text[end - 1] == "\r":
            end -= 1
        return start, end


class _Linter:
    def __init__(self, text: str, lang: Language, cfg: Config) -> None:
        self.text = text
        self.lang = lang
        self.cfg = cfg
        self.layout = Layout(text, lang)
        self.lines = _Lines(text)
        self.issues: list[_Issue] = []
        self.covered: set[int] = set()
        # non-ASCII identifier occurrences in code: (start, end, token)
        self.idents: list[tuple[int, int, str]] = []
        self._ident_starts: list[int] = []
        self.all_idents: dict[str, int] = {}
        self.ident_payloads: dict[int, Finding] = {}  # by start: payloads inside identifiers

    # -- driver

    def run(self) -> tuple[LintFinding, ...]:
        if self.lang.code:
            self._find_identifiers()
        grouped: dict[tuple[str, int], list[_Issue]] = {}
        bidi_lines: dict[int, _BidiLine] = {}
        for f in self._judgements():
            self._map_scan_finding(f, grouped, bidi_lines)
        if self.lang.code:
            self._code_invisibles(grouped)
            self._identifier_rules()
        self._bidi_controls(bidi_lines)
        self._emit_bidi(bidi_lines)
        for (rule_id, _line), items in grouped.items():
            self.issues.append(_merge(rule_id, items))
        return self._finish()

    def _finish(self) -> tuple[LintFinding, ...]:
        out: list[LintFinding] = []
        ordered = sorted(self.issues, key=lambda i: (i.start, -rule(i.rule).severity.rank, i.rule))
        for i in ordered:
            r = rule(i.rule)
            line, col = self.lines.position(i.start)
            end_line, end_col = self.lines.position(max(i.end, i.start + 1))
            fix = tuple(sorted(set(i.fix))) if r.fixable else ()
            out.append(
                LintFinding(
                    i.rule, r.kind, r.severity, i.message, i.start, i.end,
                    line, col, end_line, end_col, fix,
                )
            )  # fmt: skip
        return tuple(out)

    # -- identifiers

    def _find_identifiers(self) -> None:
        layout, text = self.layout, self.text
        if not any(layout.atom_index(m.start()) < 0 for m in _NON_ASCII.finditer(text)):
            return  # every non-ASCII character is in a literal or comment
        starts, ends = layout.starts, layout.ends
        n = len(starts)
        k = 0
        for s, e, tok in identifier_runs(text):
            while k < n and ends[k] <= s:
                k += 1
            if k < n and starts[k] <= s:
                continue  # inside a string literal or comment
            if s == 0 and tok[0] == BOM:  # the encoding signature, not part of a name
                s, tok = 1, tok[1:]
            if not tok or is_digit(tok[0]) or not any(is_alnum(c) or c == "_" for c in tok):
                continue  # a number, or a run of invisibles alone (see _code_invisibles)
            self.all_idents.setdefault(tok, s)
            if not tok.isascii():
                self.idents.append((s, e, tok))
        self._ident_starts = [s for s, _, _ in self.idents]

    def _in_identifier(self, pos: int) -> bool:
        i = bisect.bisect_right(self._ident_starts, pos) - 1
        return i >= 0 and pos < self.idents[i][1]

    def _identifier_rules(self) -> None:
        for s, e, tok in self.idents:
            hidden = [
                (s + k, c)
                for k, c in enumerate(tok)
                if c in DEFAULT_IGNORABLE and s + k not in self.covered
            ]
            shown = visible(tok)
            if hidden:
                chars = _names(c for _, c in hidden)
                if shown:
                    what = f"it looks like `{shown}` but is a different name"
                else:
                    what = "the whole name is invisible"
                msg = f"identifier `{badge(_shorten(tok, 80))}` contains {chars}: {what}"
                for p, _ in hidden:
                    f = self.ident_payloads.get(p)
                    if f is not None and f.end - f.start > 1 and f.payload:
                        shown_payload = badge(_shorten(f.payload, _MAX_PAYLOAD))
                        msg += f"; they hide a payload that decodes to `{shown_payload}`"
                self.issues.append(_Issue("invisible-in-identifier", s, e, msg + "; rename it"))
            if not shown:
                continue
            verdict = judge_scripts(shown)
            if verdict is not None:
                if verdict.whole_word:
                    msg = (
                        f"identifier `{shown}` joins Latin words with the "
                        f"{verdict.scripts[0]} word `{verdict.word}`, whose letters all look "
                        f"Latin (`{skeleton(verdict.word)}`)"
                    )
                else:
                    msg = (
                        f"identifier `{shown}` mixes {' and '.join(verdict.scripts)} in the "
                        f"word `{verdict.word}` ({_shorten(', '.join(verdict.foreign), 120)}); "
                        f"UTS #39 restriction level: {verdict.level.label}"
                    )
                if verdict.looks_like:
                    msg += f"; it reads as `{verdict.looks_like}`"
                self.issues.append(_Issue("mixed-script-identifier", s, e, msg))
            folded = nfkc(shown)
            if folded != shown:
                odd = [c for c in shown if nfkc(c) != c]
                self.issues.append(
                    _Issue(
                        "compat-letter",
                        s,
                        e,
                        f"identifier `{shown}` is spelled with compatibility characters "
                        f"({_names(odd)}); NFKC, which Python applies to identifiers, "
                        f"reads it as `{folded}`",
                    )
                )
        self._confusables()

    def _confusables(self) -> None:
        if not self.idents:
            return
        groups: dict[str, list[str]] = {}
        for tok in self.all_idents:  # in order of first appearance
            groups.setdefault(skeleton(tok), []).append(tok)
        twins: dict[str, str] = {}
        for members in groups.values():
            if len(members) < 2 or all(m.isascii() for m in members):
                continue
            original = next((m for m in members if m.isascii()), members[0])
            for m in members:
                if m != original and not m.isascii() and visible(m) == m:
                    twins[m] = original
        for s, e, tok in self.idents:
            other = twins.get(tok)
            if other is None:
                continue
            line, col = self.lines.position(self.all_idents[other])
            odd = [c for c in tok if c not in other]
            detail = f" ({_names(odd)})" if odd else ""
            self.issues.append(
                _Issue(
                    "confusable-identifier",
                    s,
                    e,
                    f"identifier `{tok}`{detail} looks the same as `{other}` "
                    f"(line {line}, column {col}) but is a different name "
                    "(equal UTS #39 skeletons)",
                )
            )

    # -- decloak's findings

    def _judgements(self) -> list[Finding]:
        """decloak's findings: bidi from the whole file, the rest literal by literal.

        Bidi needs whole lines (Trojan Source crosses from a string into code).
        Letters need the literal alone: scanned with the code around it, a one-word
        Russian string (all its letters with Latin look-alikes) sits in "Latin
        text" and looks like a disguise; scanned alone it is the Russian text it
        is.  A vertical line read as an l (``va|ue`` in prose) is dropped: in code it
        is an operator, and nothing about it is hidden.  Escapes and format
        placeholders (``\\t``, ``%s``, ``{name}``, also ``\\u0345`` in a comment)
        become spaces, so the ``t`` of ``\\t`` is not read as a Latin letter glued to
        the Russian word after it.
        """
        layout = self.layout
        # a vertical line is an operator in code (flags|mode), and visible to any reviewer
        found = [f for f in scan(self.text, self.cfg).findings if f.text != VERTICAL_LINE]
        if not layout.starts:
            return found
        out = [f for f in found if f.kind is Kind.BIDI or layout.atom_index(f.start) < 0]
        if self.cfg.ascii_lookalikes:  # plain ASCII can be a look-alike too (curI)
            suspects = list(range(len(layout)))
        else:
            suspects = sorted(
                {layout.atom_index(m.start()) for m in _NOT_PLAIN.finditer(self.text)} - {-1}
            )
        for i in suspects:
            start, end = layout.starts[i], layout.ends[i]
            chunk = _neutralise(self.text[start:end])
            for f in scan(chunk, self.cfg).findings:
                if f.kind is not Kind.BIDI and f.text != VERTICAL_LINE:
                    out.append(replace(f, start=f.start + start, end=f.end + start))
        out.sort(key=lambda f: (f.start, f.end))
        return self._one_verdict_per_word(out)

    def _one_verdict_per_word(self, found: list[Finding]) -> list[Finding]:
        """Give a mixed-script word one verdict in the whole file.

        decloak reads a word that mixes two scripts by its context: ``Z`` plus a
        Greek alpha is a Latin disguise of Greek in a Greek literal, and a Greek
        disguise of ``Za`` in a Latin one.  Literals are judged one by one, so
        the same word could get both verdicts in one file (pygments' lean.py
        lists ``a-zA-Z`` and Greek ranges in two regular expressions).  Where
        that happens, every occurrence of the word is reported with both
        readings instead, as one finding over the whole word.  Words judged one
        way only keep decloak's own words.
        """
        text = self.text
        occurrences: dict[tuple[int, int], list[Finding]] = {}
        for f in found:
            if (
                f.kind is Kind.HOMOGLYPH
                and f.replacement  # a reading to compare
                and self.layout.context_at(f.start) is not Context.CODE
            ):
                span = _word_span(text, f.start, f.end)
                if span is not None:
                    occurrences.setdefault(span, []).append(f)
        readings: dict[str, dict[tuple[str, str], str]] = {}
        for (ws, we), fs in occurrences.items():
            word = text[ws:we]
            for f in fs:
                repl = f.replacement or ""
                direction = (_script(f.text), _script(repl))
                reading = word[: f.start - ws] + repl + word[f.end - ws :]
                readings.setdefault(word, {}).setdefault(direction, reading)
        torn = {w: r for w, r in readings.items() if len(r) > 1}
        if not torn:
            return found
        out: list[Finding] = []
        done: set[tuple[int, int]] = set()
        for f in found:
            span = _word_span(text, f.start, f.end) if f.kind is Kind.HOMOGLYPH else None
            word = text[span[0] : span[1]] if span is not None else ""
            if span is None or span not in occurrences or word not in torn:
                out.append(f)
                continue
            if span in done:
                continue
            done.add(span)
            ways = torn[word]
            scripts = sorted({s for d in ways for s in d})
            told = " and ".join(
                f"'{r}' in {to}" for (_, to), r in sorted(ways.items(), key=lambda i: i[0][1])
            )
            out.append(
                replace(
                    f,
                    start=span[0],
                    end=span[1],
                    text=word,
                    replacement=word,
                    explanation=(
                        f"{' and '.join(scripts)} letters that look alike are mixed inside the "
                        f"word '{word}', which reads {told}"
                    ),
                )
            )
        return out

    def _map_scan_finding(
        self,
        f: Finding,
        grouped: dict[tuple[str, int], list[_Issue]],
        bidi_lines: dict[int, _BidiLine],
    ) -> None:
        if f.start == 0 and f.text == BOM:
            return  # a byte order mark at the start of a file is an encoding signature
        line = self.lines.line_of(f.start)
        if f.kind is Kind.BIDI:
            bidi_lines.setdefault(line, _BidiLine()).judged.append(f)
            return
        ctx = self.layout.context_at(f.start)
        in_ident = self.lang.code and any(self._in_identifier(p) for p in (f.start, f.end - 1))
        removable = [(f.start, f.end)] if f.replacement == "" and not in_ident else []
        payload = f.kind in (Kind.TAG_PAYLOAD, Kind.VARIATION_PAYLOAD, Kind.ZERO_WIDTH_PAYLOAD)
        if payload and f.end - f.start == 1 and not in_ident:
            # One selector or tag carries one byte at most: a stray invisible, not a message
            # (a regular expression listing U+FE00 raw in a character class, say).
            self.covered.add(f.start)
            grouped.setdefault(("invisible", line), []).append(
                _Issue(
                    "invisible",
                    f.start,
                    f.end,
                    f"{_label(f.text)} outside any sequence it could belong to: invisible",
                    removable,
                )
            )
            return
        if payload:
            if in_ident:  # reported with the identifier, by invisible-in-identifier
                self.ident_payloads[f.start] = f
                return
            self.covered.update(range(f.start, f.end))
            self.issues.append(_Issue(f.kind.value, f.start, f.end, _payload_message(f), removable))
            return
        if ctx is Context.CODE and f.kind is not Kind.INVISIBLE and f.kind is not Kind.DELETION:
            return  # letters in code: the identifier rules judge them
        if in_ident:
            return  # invisible-in-identifier reports it
        rule_id = {
            Kind.INVISIBLE: "invisible",
            Kind.DELETION: "deletion",
            Kind.HOMOGLYPH: "homoglyph",
            Kind.COMPAT_LETTER: "compat-letter",
            Kind.ASCII_LOOKALIKE: "ascii-lookalike",
        }.get(f.kind)
        if rule_id is None:
            return
        self.covered.update(range(f.start, f.end))
        msg = badge(f.explanation)
        if ctx is not Context.CODE and ctx is not Context.TEXT:
            msg += f" (in a {ctx.value})"
        grouped.setdefault((rule_id, line), []).append(
            _Issue(rule_id, f.start, f.end, msg, removable)
        )

    def _code_invisibles(self, grouped: dict[tuple[str, int], list[_Issue]]) -> None:
        """Default-ignorables between tokens: code never needs them (decloak may not say)."""
        for m in _IGNORABLE_FAST.finditer(self.text):
            p, ch = m.start(), m.group()
            if (
                ch not in DEFAULT_IGNORABLE
                or p in self.covered
                or ch in BIDI_EXPLICIT  # the bidi rules report these
                or ch in _MARKS_OK_IN_CODE
                or (p == 0 and ch == BOM)
                or self.layout.context_at(p) is not Context.CODE
                or self._in_identifier(p)
            ):
                continue
            self.covered.add(p)
            grouped.setdefault(("invisible", self.lines.line_of(p)), []).append(
                _Issue(
                    "invisible",
                    p,
                    p + 1,
                    f"{_label(ch)} in code, outside any identifier, string or comment: "
                    "invisible, and no language needs it there",
                    [(p, p + 1)],
                )
            )

    # -- bidi

    def _bidi_controls(self, lines: dict[int, _BidiLine]) -> None:
        """Balance explicit bidi controls per literal/comment and line (UTS #55)."""
        key: tuple[int, int] | None = None
        stack: list[tuple[int, str]] = []
        where = ""

        def flush() -> None:
            for p, _ch in stack:
                lines.setdefault(self.lines.line_of(p), _BidiLine()).unterminated.append((p, where))
            stack.clear()

        for m in _EXPLICIT_RE.finditer(self.text):
            p, ch = m.start(), m.group()
            line = self.lines.line_of(p)
            ai = self.layout.atom_index(p)
            if ai < 0:
                if self.lang.code and not self._in_identifier(p):
                    lines.setdefault(line, _BidiLine()).in_code.append(p)
                continue
            if (ai, line) != key:
                flush()
                key = (ai, line)
                atom = self.layout.atom(ai)
                multiline = "\n" in self.text[atom.start : atom.end]
                where = f"line inside the {atom.context.value}" if multiline else atom.context.value
            if ch in BIDI_OPENERS_EMBED or ch in BIDI_OPENERS_ISOLATE:
                stack.append((p, ch))
            elif ch == PDF:
                # closes the last embedding, unless an isolate opened after it is still open
                if stack and stack[-1][1] in BIDI_OPENERS_EMBED:
                    stack.pop()
                else:
                    lines.setdefault(line, _BidiLine()).stray.append(p)
            elif ch == PDI:
                # closes the last open isolate and every embedding opened inside it
                iso = [k for k, (_, c) in enumerate(stack) if c in BIDI_OPENERS_ISOLATE]
                if iso:
                    del stack[iso[-1] :]
                else:
                    lines.setdefault(line, _BidiLine()).stray.append(p)
        flush()

    def _emit_bidi(self, lines: dict[int, _BidiLine]) -> None:
        """One finding per line: every bidi problem on it, and the line stored and displayed.

        ``bidi-reorder`` when decloak judges the controls illegitimate *and* they
        change what is displayed (python-bidi, with and without the controls);
        ``bidi-unbalanced`` when they are left open or close nothing;
        ``bidi-in-code`` when they stand outside literals and comments.
        """
        for line, bl in sorted(lines.items()):
            parts: list[str] = []
            fix: list[tuple[int, int]] = []
            points: list[int] = []
            reorders = False
            if bl.judged:
                ls, le = self.lines.span(line)
                text = self.text[ls:le]
                reorders = _displayed(text) != _displayed(_EXPLICIT_RE.sub("", text))
                if reorders:
                    parts.append(
                        "bidi controls make this line display in another order than stored"
                    )
                for f in bl.judged:
                    points += [f.start, f.end - 1]
                    if f.replacement == "":
                        fix.append((f.start, f.end))
            if bl.unterminated:
                by_where: dict[str, list[int]] = {}
                for p, w in bl.unterminated:
                    by_where.setdefault(w, []).append(p)
                for w, ps in by_where.items():
                    parts.append(
                        f"{_names(self.text[p] for p in ps)} left open at the end of the {w}"
                    )
            if bl.stray:
                parts.append(f"{_names(self.text[p] for p in bl.stray)} closes nothing")
            if bl.in_code:
                parts.append(
                    f"{_names(self.text[p] for p in bl.in_code)} outside any string or comment"
                )
            if not parts:  # decloak's judgement alone (in prose, say): its own words
                parts.extend(badge(f.explanation) for f in bl.judged)
            for p in (*(p for p, _ in bl.unterminated), *bl.stray, *bl.in_code):
                fix.append((p, p + 1))
                points.append(p)
            if reorders:
                rule_id = "bidi-reorder"
            elif bl.unterminated or bl.stray or not bl.in_code:
                rule_id = "bidi-unbalanced"
            else:
                rule_id = "bidi-in-code"
            start, end = min(points), max(points) + 1
            stored, displayed = self._line_views(line, start, end)
            parts.append(f"stored: `{stored}`, displayed: `{displayed}`")
            self.issues.append(_Issue(rule_id, start, end, "; ".join(parts), fix))

    def _line_views(self, line: int, start: int, end: int) -> tuple[str, str]:
        """The line as stored (badges) and as displayed (python-bidi), both trimmed."""
        ls, le = self.lines.span(line)
        end = min(max(end, start + 1), le) if le > start else start
        s = self.text[ls:le]
        lo, hi = 0, len(s)
        if hi > _MAX_SHOWN:  # a window around the controls
            lo = max(0, start - ls - 40)
            hi = min(len(s), max(end - ls + 40, lo + _MAX_SHOWN // 2))
        window = s[lo:hi].replace("\t", " ").strip()
        pre = "…" if lo > 0 else ""
        post = "…" if hi < len(s) else ""
        return (
            pre + badge(window) + post,
            pre + badge(_displayed(window)) + post,
        )


_NOT_PLAIN = re.compile(r"[^\t\n\x0b\x0c\r\x20-\x7e]+")
# ASCII escapes, printf and brace placeholders: code inside a string, not its text.
# Only ASCII ones: an escape or placeholder holding a non-ASCII character stays
# visible to the scan (``\\<ZWSP>``, ``{p<U+0430>ypal}``).
_CODE_IN_STRINGS = re.compile(
    r"\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|N\{[\x20-\x7c]*\}|[\x21-\x7e])"
    r"|%[-#0 +]*(?:\d+|\*)?(?:\.(?:\d+|\*))?[a-zA-Z]"
    r"|\$?\{[\x20-\x7a\x7c\x7e]*\}"
)


_WORD_REACH = 64
"""How far a word is followed from a finding: longer runs of letters are not words."""


def _word_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The run of letters (and marks) around ``text[start:end]``, or None past the reach."""
    lo = start
    while lo > 0 and _wordish(text[lo - 1]):
        lo -= 1
        if start - lo > _WORD_REACH:
            return None
    hi = end
    while hi < len(text) and _wordish(text[hi]):
        hi += 1
        if hi - end > _WORD_REACH:
            return None
    return lo, hi


def _wordish(ch: str) -> bool:
    return category(ch)[0] in "LM"


def _script(s: str) -> str:
    """The script of the first letter of ``s`` that has one (Common when none has)."""
    for ch in s:
        sx = script_extensions(ch) - {"Common", "Inherited"}
        if sx:
            return min(sx)
    return "Common"


def _neutralise(literal: str) -> str:
    """``literal`` with escapes and placeholders blanked (same length: offsets hold)."""
    return _CODE_IN_STRINGS.sub(lambda m: " " * len(m.group()), literal)


def _merge(rule_id: str, items: list[_Issue]) -> _Issue:
    """One finding per rule and line: a line of 16 escape sequences is one problem."""
    if len(items) == 1:
        return items[0]
    items = sorted(items, key=lambda i: (i.start, i.end))  # rules may report out of order
    first = items[0]
    more = len(items) - 1
    return _Issue(
        rule_id,
        first.start,
        max(i.end for i in items),
        f"{first.message} (and {more} more on this line)",
        sorted(span for i in items for span in i.fix),
    )


def _payload_message(f: Finding) -> str:
    n = f.end - f.start
    one = n == 1
    what = {
        Kind.TAG_PAYLOAD: f"{n} invisible tag character{'' if one else 's'} outside any "
        "emoji tag sequence",
        Kind.VARIATION_PAYLOAD: f"{n} variation selector{'' if one else 's'} outside any "
        "variation sequence",
        Kind.ZERO_WIDTH_PAYLOAD: f"a run of {n} zero-width characters",
    }[f.kind]
    verb = "hides" if one or f.kind is Kind.ZERO_WIDTH_PAYLOAD else "hide"
    if f.payload:
        shown = badge(_shorten(f.payload, _MAX_PAYLOAD))
        return f"{what} {verb} a payload that decodes to `{shown}`"
    return f"{what}: {badge(f.explanation)}"
