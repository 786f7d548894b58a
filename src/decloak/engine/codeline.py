"""Code and formulas: where a lone letter of another alphabet is a variable, not a word.

A lone Cyrillic ``х`` in English prose may be a quoted Russian letter; the same ``х``
in ``assert х < y``, ``f(х)``, ``р_k``, ``b"\\х02"`` or ``printf("%%х")`` is a variable,
an escape or a format conversion, and nobody writes those in another alphabet: a reader
(and a compiler) sees ``x``.  This module says when a lone letter stands in code or a
formula (:meth:`CodeContext.operand`), from what a reader sees around it:

- **glued to code**: the character just before or after it joins identifiers and
  operands (``_``, ``\\``, ``%``, operators, digits: ``р_k``, ``\\х02``, ``%%х``,
  ``2х``), a bracket makes it an argument or an index of a name (``f(х)``, ``a[і]``),
  or a dot joins it to a name (``х.shape``, ``self.х``);
- **an operand**: the nearest character on either side, past spaces, is an operator
  (``х < y``, ``y = a * t + с``, ``≤``, ``×``);
- **in a line of code**: the line holds code structure (an assignment or comparison, a
  statement end ``;``, braces, an escape, an indexed or called name, a snake_case name)
  and the letter is not itself quoted alone (``"с"`` is a letter being talked about).

It judges positions only; which letters and which units it applies to is policy in
:mod:`.letters` (lone Greek letters are maths symbols and stay; a unit holding real
words of the letter's script keeps it).  Each line is judged once per unit: a hostile
line of a million lone letters costs one pass.
"""

from __future__ import annotations

import re

GLUE = frozenset(
    "_\\%$@#=<>+*/^&|~0123456789"
    + "\N{SUPERSCRIPT TWO}\N{SUPERSCRIPT THREE}\N{SUPERSCRIPT ONE}"  # x², x³: powers
    + "".join(chr(c) for c in range(ord("\N{SUPERSCRIPT ZERO}"), ord("\N{SUPERSCRIPT NINE}") + 1))
    + "".join(chr(c) for c in range(ord("\N{SUBSCRIPT ZERO}"), ord("\N{SUBSCRIPT NINE}") + 1))
    + "\N{PRIME}\N{DOUBLE PRIME}"  # x′, x″: derivatives
)
"""Characters that, touching a letter, make it part of code or a formula: identifier
joiners (``_``), escapes (``\\x02``), format conversions (``%x``), sigils (``$x``,
``@x``, ``#x``), operators, digits (``2x``, ``x2``, ``\\x7f``), powers and indices
(``x²``, ``x₁``), primes (``x′``).  Quotes, apostrophes and sentence punctuation are left
out: ``"с"`` and ``с,`` are how prose quotes a letter."""

OPENERS = frozenset("([{")
"""A bracket before a letter makes it an argument or an index when a name or another
bracket comes just before the bracket (``f(x)``, ``a[i]``, ``g()(x)``); after a space,
``(с)`` is as likely a letter named in a parenthesis of prose."""

CLOSERS = frozenset(")]}")

EMPHASIS = frozenset("*_")
"""Markdown emphasis around a letter (``*с*``, ``_с_``) quotes it, like quotation marks."""

NEGATION = "!"
"""Before a letter (``!x``) a negation; after one (``x!``) it ends a sentence."""

OPERATORS = frozenset(
    "=<>+*/^&|~%"
    + "\N{LESS-THAN OR EQUAL TO}"  # x ≤ y
    + "\N{GREATER-THAN OR EQUAL TO}"  # x ≥ y
    + "\N{NOT EQUAL TO}"  # x ≠ y
    + "\N{PLUS-MINUS SIGN}"  # x ± 1
    + "\N{MULTIPLICATION SIGN}"  # 2 × x
    + "\N{DIVISION SIGN}"  # x ÷ 2
    + "\N{MINUS SIGN}"  # x − 1 (the typeset minus; the hyphen-minus is a dash in prose)
    + "\N{DOT OPERATOR}"  # a ⋅ x
    + "\N{ALMOST EQUAL TO}"  # x ≈ 1
    + "\N{IDENTICAL TO}"  # x ≡ 0
    + "\N{ELEMENT OF}"  # x ∈ S
    + "\N{NOT AN ELEMENT OF}"  # x ∉ S
)
"""Operators that, past spaces, make the letter beside them an operand.  Arrows are
left out: transliteration tables write ``х → kh``."""

QUOTES = frozenset(
    "\"'`"
    + "\N{LEFT DOUBLE QUOTATION MARK}\N{RIGHT DOUBLE QUOTATION MARK}"
    + "\N{LEFT SINGLE QUOTATION MARK}\N{RIGHT SINGLE QUOTATION MARK}"
    + "\N{LEFT-POINTING DOUBLE ANGLE QUOTATION MARK}\N{RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK}"
)
"""A letter between two of these is quoted alone: talked about, not used."""

REACH = 16
"""How far past spaces the neighbours of a letter are looked for."""

_CODE_LINE_RE = re.compile(
    r"""
      =                                   # assignment, comparison: x = 1, x == y, x += 1
    | \s[<>]=?\s | [<>]=                  # x < y, x >= y
    | [{}]                                # blocks, sets, format fields
    | ;[ \t]*(?:$|//|\#)                  # a statement ends the line
    | \\[0-9A-Za-z\\]                     # an escape: \n, \x02, \\
    | [0-9A-Za-z_]\[                      # an index: a[i]
    | (?<![0-9A-Za-z_])[A-Za-z_][0-9A-Za-z_]*\((?!\d*\)|e?s\))  # a call f(x); not sysctl(8),
                                          # word(s); from a name's start only (linear)
    | [0-9A-Za-z]_[0-9A-Za-z]             # a snake_case name: p_prev
    """,
    re.VERBOSE | re.MULTILINE,
)
"""What makes a line code (or a formula) rather than prose."""

_CALL = r"(?<![0-9A-Za-z_])[A-Za-z_][0-9A-Za-z_]*\((?!\d*\)|e?s\))"
if _CALL not in _CODE_LINE_RE.pattern:  # the two patterns must differ in the call only
    raise RuntimeError("codeline: the call branch of _CODE_LINE_RE changed")
_CODE_BEYOND_SECTIONS_RE = re.compile(
    _CODE_LINE_RE.pattern.replace(
        _CALL, r"(?<![0-9A-Za-z_])[A-Za-z_][0-9A-Za-z_]*\((?!\S[A-Za-z]{0,4}\)|e?s\))"
    ),
    re.VERBOSE | re.MULTILINE,
)
""":data:`_CODE_LINE_RE` with a name before one character in brackets (and up to four
letters after it) taken for a manual page reference, not a call: ``setpriv(ⵏ)``,
``gethostname(𝈆P)`` make no line code (:meth:`CodeContext.page_section`)."""

_CODE_HINT_RE = re.compile(r"[=<>{};\\\[(_]")
"""A character every branch of :data:`_CODE_LINE_RE` needs: a line with none of them (most
lines of prose) is no code, found by a scan ten times cheaper than the full pattern."""

_EOL_RE = re.compile(r"[\n\r]")

_ASCII_NAME = frozenset("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_")


class CodeContext:
    """Answers, for positions of one unit in increasing order, whether a lone letter
    there stands in code or a formula (module docstring).  Line verdicts are
    remembered, and lines are found from where the last one ended, so a unit costs
    one pass however many letters are asked about."""

    __slots__ = ("_code", "_line", "_sections", "bounds", "text")

    def __init__(self, text: str, bounds: tuple[int, int]) -> None:
        self.text = text
        self.bounds = bounds
        self._line = (bounds[0], bounds[0])  # the line last found (start, end)
        self._code = False
        self._sections: tuple[int, bool] = (-1, False)  # (line start, verdict)

    def _line_at(self, i: int) -> tuple[int, int]:
        """(start, end) of the line holding ``i``, and its verdict in ``_code``."""
        ls, le = self._line
        if ls <= i < le:
            return ls, le
        t = self.text
        us, ue = self.bounds
        lo = le if i >= le else us
        ls = max(t.rfind("\n", lo, i), t.rfind("\r", lo, i)) + 1 or lo
        m = _EOL_RE.search(t, i, ue)
        le = m.start() if m else ue
        self._line = (ls, le)
        self._code = (
            _CODE_HINT_RE.search(t, ls, le) is not None
            and _CODE_LINE_RE.search(t, ls, le) is not None
        )
        return ls, le

    def page_section(self, i: int) -> bool:
        """Whether the character at ``i``, alone in brackets after a name, names a manual
        page's section (``setpriv(ⵏ)``) rather than a function's argument (``f(х)``):
        its line is prose, read as if no such reference were a call."""
        ls, le = self._line_at(i)
        if not self._code:
            return True
        if self._sections[0] != ls:
            found = _CODE_BEYOND_SECTIONS_RE.search(self.text, ls, le) is not None
            self._sections = (ls, not found)
        return self._sections[1]

    def operand(self, i: int) -> bool:
        """Whether the lone letter at ``i`` stands in code or a formula."""
        t = self.text
        ls, le = self._line_at(i)
        before = t[i - 1] if i > ls else ""
        after = t[i + 1] if i + 1 < le else ""
        if before in QUOTES and after in QUOTES:
            return False  # quoted alone ("с", 'х'): a letter talked about, or a literal
        if before == after and before in EMPHASIS and not self._code:
            outside = (t[i - 2] if i - 2 >= ls else "", t[i + 2] if i + 2 < le else "")
            if outside[0] not in _ASCII_NAME and outside[1] not in _ASCII_NAME:
                return False  # emphasised alone in prose (*с*, _с_); a*с*b multiplies
        if before in GLUE or after in GLUE or before == NEGATION:
            return True
        if before in OPENERS and i - 2 >= ls and (t[i - 2] in _ASCII_NAME or t[i - 2] in CLOSERS):
            return True  # an argument or an index: f(x), a[i]
        if (before == "." and i - 2 >= ls and t[i - 2] in _ASCII_NAME) or (
            after == "." and i + 2 < le and t[i + 2] in _ASCII_NAME
        ):
            return True  # an attribute: self.x, x.shape
        left = _neighbour(t, i - 1, max(ls, i - REACH) - 1, -1)
        right = _neighbour(t, i + 1, min(le, i + REACH), 1)
        if left in OPERATORS or right in OPERATORS:
            return True
        return self._code


def _neighbour(t: str, k: int, stop: int, step: int) -> str:
    """The first character from ``k`` towards ``stop`` (exclusive) that is not a space
    or tab, or "" when there is none."""
    while k != stop:
        ch = t[k]
        if ch not in " \t":
            return ch
        k += step
    return ""
