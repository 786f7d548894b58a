"""The lint rules: one table that the checks, every output format and the docs share.

Each rule has a fixed severity.  The levels follow what an attacker gains, not
how unusual the characters are:

* ``error``: the code a reviewer reads is not the code the compiler reads
  (bidi reordering, hidden payloads, invisible or mixed-script identifiers).
* ``warning``: very likely a disguise, but the code still means what it shows
  (an identifier that looks like another one, a stray invisible in a comment).
* ``note``: typography worth knowing about (fullwidth or mathematical letters).

Keeping rules as data means SARIF ``rules`` metadata, the ``docs/lint.md``
table and the checks cannot drift apart.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

__all__ = ["RULES", "Rule", "Severity", "rule"]


class Severity(enum.StrEnum):
    """How bad a finding is; ``--fail-on`` compares against :attr:`rank`."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"

    @property
    def rank(self) -> int:
        """Higher is worse: note 1, warning 2, error 3."""
        return _RANK[self]


_RANK = {Severity.NOTE: 1, Severity.WARNING: 2, Severity.ERROR: 3}


@dataclass(frozen=True, slots=True)
class Rule:
    """One lint rule: its id, finding kind, severity, and the help a user reads."""

    id: str
    kind: str
    severity: Severity
    summary: str
    """One sentence: what the rule finds (SARIF ``shortDescription``)."""
    help: str
    """Why it matters and what to do (SARIF ``help``, ``docs/lint.md``)."""
    example: str
    """A small example, written with ``<U+XXXX>`` badges for invisible characters."""
    fixable: bool = False
    """``decloak lint --fix`` removes what this rule finds (outside identifiers)."""


RULES: tuple[Rule, ...] = (
    Rule(
        "bidi-reorder",
        "bidi",
        Severity.ERROR,
        "Bidirectional controls make a line display in a different order than it is stored.",
        "Explicit bidi controls (U+202A..U+202E, U+2066..U+2069) reorder what an editor or a "
        "code review shows, so the code that runs is not the code that was read (Trojan Source, "
        "CVE-2021-42574). The message shows the line as stored, with each control as a "
        "<U+XXXX> badge, and as displayed. Remove the controls; if right-to-left text needs "
        "them, keep them balanced inside one string literal and write them as escapes "
        "(\\u2067 ... \\u2069).",
        'if access_level != "user<U+202E> <U+2066># Check if admin<U+2069> <U+2066>":',
        fixable=True,
    ),
    Rule(
        "bidi-unbalanced",
        "bidi",
        Severity.ERROR,
        "A bidi control is left open at the end of a string literal or comment, or closes nothing.",
        "UTS #55 asks that embeddings, overrides and isolates be closed inside the string "
        "literal or comment that opens them: one left open reorders the code after the literal "
        "on that line, which is how Trojan Source comments out or stretches code. --fix removes "
        "the unbalanced controls.",
        'label = "<U+202B>\u05e9\u05dc\u05d5\u05dd"  # an embedding never closed',
        fixable=True,
    ),
    Rule(
        "bidi-in-code",
        "bidi",
        Severity.ERROR,
        "A bidi control stands in code, outside any string literal or comment.",
        "Outside literals a bidi control has no meaning to a compiler; it can only change how "
        "the code is displayed. --fix removes it (unless it is part of an identifier).",
        "x = 1<U+2066> + 2",
        fixable=True,
    ),
    Rule(
        "invisible-in-identifier",
        "invisible",
        Severity.ERROR,
        "An identifier contains an invisible or default-ignorable character.",
        "Two identifiers that differ only by a zero-width character look identical, yet name "
        "different things (and JavaScript accepts U+3164 HANGUL FILLER as a whole invisible "
        "variable name). decloak never removes these itself: renaming an identifier changes "
        "the program, so rename it by hand.",
        "is<U+200B>Admin = True",
    ),
    Rule(
        "invisible",
        "invisible",
        Severity.WARNING,
        "A stray invisible character, outside any script or emoji sequence that needs it.",
        "Zero-width spaces, joiners, word joiners and other default-ignorable characters hide "
        "in strings, comments and between tokens. Those that a script needs (ZWNJ in Persian, "
        "ZWJ in emoji sequences and Indic scripts) are not reported. --fix removes the rest.",
        'token = "abc<U+200B>def"',
        fixable=True,
    ),
    Rule(
        "tag-payload",
        "tag-payload",
        Severity.ERROR,
        "Invisible tag characters carry hidden ASCII text.",
        "Tag characters (U+E0020..U+E007E) mirror ASCII and display as nothing; outside an "
        "emoji flag sequence they smuggle text, such as prompt injections aimed at code "
        "assistants. The message shows the decoded text. --fix removes them.",
        'msg = "hello<U+E0069><U+E0067><U+E006E>..."',
        fixable=True,
    ),
    Rule(
        "variation-payload",
        "variation-payload",
        Severity.ERROR,
        "Variation selectors outside a variation sequence carry hidden bytes.",
        "Each of the 256 variation selectors can stand for one byte; after a character they "
        "display as nothing. The GlassWorm worm hid JavaScript this way in VS Code extensions "
        "and fed it to eval(). The message shows the decoded bytes. --fix removes them.",
        "const s = '|<U+E0155><U+E0166><U+E0151>...'",
        fixable=True,
    ),
    Rule(
        "zero-width-payload",
        "zero-width-payload",
        Severity.ERROR,
        "A run of zero-width characters decodes to hidden bits.",
        "Runs of zero-width spaces and joiners are a known way to watermark or smuggle text. "
        "The message shows the decoded text. --fix removes the run.",
        '"hi<U+200B><U+200C><U+200B><U+200B>..."',
        fixable=True,
    ),
    Rule(
        "mixed-script-identifier",
        "mixed-script",
        Severity.ERROR,
        "An identifier mixes scripts inside one word (UTS #39 restriction levels).",
        "A word that mixes Latin with Cyrillic or Greek letters (p<U+0430>ypal) looks like a "
        "Latin word but is a different name. Each word of an identifier (split at underscores, "
        "digits and lower-to-upper case changes) must be at most Moderately Restrictive in the "
        "sense of UTS #39: a single script, Latin with Han/Kana/Hangul/Bopomofo, or Latin with "
        "one other script that is not Cyrillic or Greek. A word written wholly in "
        "another script's letters that all look Latin, joined to Latin words, is reported too. "
        "Identifiers in one script (a Russian variable name) are fine. Rename by hand.",
        "p<U+0430>ypal = load()",
    ),
    Rule(
        "confusable-identifier",
        "confusable",
        Severity.WARNING,
        "Two different identifiers in one file look the same (equal UTS #39 skeletons).",
        "A function sayH<U+041D>llo next to sayHello is the Trojan Source homoglyph attack: "
        "a call that reads as one function runs another. Reported when at least one of the "
        "two is non-ASCII (ASCII-only pairs such as l1/ll are left to ordinary linters).",
        "def sayHello(): ...  def say<U+041D>ello(): ...",
    ),
    Rule(
        "homoglyph",
        "homoglyph",
        Severity.WARNING,
        "A letter from another script stands in for a Latin letter in a string or comment.",
        "decloak's text judgement: legitimate words in any script are never reported, only "
        "words that mix in look-alikes (p<U+0430>ypal.com in a URL string). Run decloak clean "
        "to see the repaired text; lint does not change strings.",
        'url = "https://p<U+0430>ypal.com"',
    ),
    Rule(
        "deletion",
        "deletion",
        Severity.WARNING,
        "Backspace, DEL or an escape sequence hides part of the line on a terminal.",
        "cat or git diff on a terminal applies backspaces and escape sequences, so a reviewer "
        "sees less than is stored. Write them as escapes (\\b, \\x1b) in string literals.",
        'echo "safe<U+0008><U+0008><U+0008><U+0008>rm -rf"',
    ),
    Rule(
        "compat-letter",
        "compat-letter",
        Severity.NOTE,
        "Fullwidth, mathematical or enclosed letters spell a word.",
        "Python and other NFKC-normalising languages read an identifier spelled in "
        "mathematical or fullwidth letters as the plain one (the same variable); in strings "
        "they defeat search and filters. Usually typography, hence a note.",
        "\U0001d518\U0001d52b\U0001d526\U0001d520\U0001d52c\U0001d521\U0001d522 = 1",
    ),
    Rule(
        "ascii-lookalike",
        "ascii-lookalike",
        Severity.NOTE,
        "ASCII letters and digits swapped for look-alikes (curI for curl, G00gle).",
        "Only with --profile strict, and only in strings and comments: ASCII identifiers "
        "like this are too common to report.",
        'cmd = "curI https://example.org"',
    ),
)

_BY_ID = {r.id: r for r in RULES}


def rule(rule_id: str) -> Rule:
    """The rule with this id (KeyError for an unknown id)."""
    return _BY_ID[rule_id]
