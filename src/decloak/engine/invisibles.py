"""Invisible characters and the payloads hidden in them.

Each invisible is judged against what a reader sees on either side of it: a ZWNJ
between Persian letters or a ZWJ inside an emoji family does work and stays; the
same character inside an English word splits a token and goes.  Runs of tag
characters, variation selectors or zero-width characters that no standard
sequence explains are decoded as hidden text before they are removed, because the
payload (a prompt injection, a fingerprint) is what a user needs to see.

Some removals are *soft*: a ZWNJ stopping an ``f`` ligature in German, a soft
hyphen where a hyphenator could have put it, a ZWSP after URL punctuation are all
legitimate on their own, so they go only when the same unit shows a definite
disguise.  A soft hyphen no hyphenator would place (``wi<SHY>ll``) goes anyway
(:class:`HyphenFacts`).  Bidi marks are judged with the line's other bidi controls
(:mod:`.bidi`), except as the digits of a hidden bit string.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from .. import chardata as cd
from .. import kernel
from .._tables import emoji as _emoji
from .._tables import variants as _variants
from ..config import Config
from ..model import Kind
from ..payloads import decode_selectors, decode_tags, decode_zero_width, selector_value
from ..unicode import (
    COMBINING_MARK,
    DEFAULT_IGNORABLE,
    DIGIT,
    EMOJI,
    EMOJI_MODIFIER,
    EXTENDED_PICTOGRAPHIC,
    LETTER,
    script_extensions,
    script_of,
)
from .bidi import idle_mark
from .classes import CONTROL_CHARS, SELECTOR_CHARS, SURROGATE_CHARS, TABLES, ZW_BITS, label
from .limits import Limits
from .records import Rec, quote
from .structure import LineFacts, Lines

_TAG_LO = ord(cd.TAG_FIRST) - 1  # U+E0000 (reserved) starts the tag block
_TAG_HI = ord(cd.TAG_LAST)
_TAG_SUBDIVISION = frozenset(
    chr(c)
    for c in [
        *range(ord(cd.TAG_DIGIT_ZERO), ord(cd.TAG_DIGIT_NINE) + 1),
        *range(ord(cd.TAG_LATIN_SMALL_A), ord(cd.TAG_LATIN_SMALL_Z) + 1),
    ]
)
_PAYLOAD_DIGITS = ZW_BITS | cd.BIDI_MARKS
"""What hidden bit strings are written in: the zero-width characters, and the bidi
marks, which look the same (nothing) and survive filters that strip zero-width ones."""
_NO_SCRIPT = frozenset({"Common", "Inherited", "Unknown"})
_UNCOUNTED = COMBINING_MARK | DEFAULT_IGNORABLE
_WORD_RE = re.compile(f"[{(LETTER | DIGIT | _UNCOUNTED).regex()}]+")
"""A word around a soft hyphen: letters and digits, with the marks and invisibles
(other soft hyphens too) that live inside words."""
_UNCOUNTED_RE = re.compile(f"[{_UNCOUNTED.fast_regex()}]")
_WORDS_KEPT = 4096
"""How many measured soft hyphens :class:`HyphenFacts` remembers (bounded memory)."""
_BRAILLE_LO = ord("\N{BRAILLE PATTERN BLANK}")
_BRAILLE_HI = ord("\N{BRAILLE PATTERN DOTS-12345678}")


@functools.lru_cache(maxsize=1024)
def _control_why(ch: str) -> str:
    return f"{label(ch)}: a control character with no visible form"


def _is_tag(ch: str) -> bool:
    return _TAG_LO <= ord(ch) <= _TAG_HI


@dataclass(slots=True)
class SpecialFindings:
    """What the walk over special characters found (see :func:`judge_specials`)."""

    recs: list[Rec] = field(default_factory=list)
    soft: list[Rec] = field(default_factory=list)
    """Removals that happen only in a unit showing a definite disguise."""
    bidi_positions: list[int] = field(default_factory=list)
    """Explicit bidi controls, judged line by line afterwards (:mod:`.bidi`)."""


def judge_specials(
    text: str,
    runs: list[tuple[int, int]],
    consumed: set[int],
    cfg: Config,
    limits: Limits,
    found: SpecialFindings,
    line_start: bool = True,
) -> None:
    """Judge every special character of ``runs`` that no eraser took, left to right."""
    facts = LineFacts(text, consumed)
    hyphens = HyphenFacts(text, limits)
    zw_seen = -1  # zero-width runs already tried as payloads end here
    around_end = -1
    around = ("", "")
    recs = found.recs
    for i, end in runs:
        while i < end:
            if i in consumed:
                i += 1
                continue
            ch = text[i]
            if ch in SURROGATE_CHARS:
                recs.append(_surrogate(i, ch))
                i += 1
            elif ch in CONTROL_CHARS:
                i = _controls(text, i, end, consumed, recs)
            elif _is_tag(ch):
                i = _tags(text, i, end, consumed, limits, recs)
            elif ch in SELECTOR_CHARS and selector_value(ch) is not None:
                i = _selectors(text, i, end, consumed, limits, recs)
            else:
                if ch in _PAYLOAD_DIGITS and i >= zw_seen:
                    j = _zero_width_payload(text, i, end, consumed, cfg, limits, recs)
                    if j < 0:
                        zw_seen = -j  # not a payload: its characters are judged one by one
                    else:
                        i = j
                        continue
                if ch in cd.BIDI_EXPLICIT:
                    found.bidi_positions.append(i)
                elif ch in cd.BIDI_MARKS:
                    # judged line by line with the explicit controls (.bidi): whether
                    # a mark does work depends on the whole line's display
                    if cfg.bidi != "off":
                        found.bidi_positions.append(i)
                    elif not facts.rtl(i):
                        recs.append(idle_mark(i, ch))
                else:
                    if i >= around_end:
                        # every character of a run of invisibles has the same visible
                        # neighbours: the ones around the run (found once per run)
                        around_end = i + 1
                        scr = TABLES.scr
                        while around_end < end and scr[ord(text[around_end])] & kernel.S_SPECIAL:
                            around_end += 1
                        around = (
                            neighbour(text, i, -1, consumed, limits),
                            neighbour(text, around_end - 1, 1, consumed, limits),
                        )
                    verdict = judge_invisible(
                        text, i, cfg, around, facts, limits, line_start, hyphens
                    )
                    if verdict is not None:
                        rec, is_soft = verdict
                        (found.soft if is_soft else recs).append(rec)
                i += 1


def _surrogate(i: int, ch: str) -> Rec:
    return Rec(
        i,
        i + 1,
        Kind.INVISIBLE,
        "",
        0.9,
        f"a lone surrogate U+{ord(ch):04X}: not a character, cannot be encoded as UTF-8",
    )


def _controls(text: str, i: int, end: int, consumed: set[int], recs: list[Rec]) -> int:
    """A run of C0/C1 controls: one record, explained by its first character."""
    j = i + 1
    while j < end and text[j] in CONTROL_CHARS and j not in consumed:
        j += 1
    recs.append(Rec(i, j, Kind.INVISIBLE, "", 0.8, _control_why(text[i])))
    return j


def _tags(text: str, i: int, end: int, consumed: set[int], limits: Limits, recs: list[Rec]) -> int:
    """A run of tag characters: kept in an emoji flag sequence, else decoded and removed."""
    j = i + 1
    while j < end and _is_tag(text[j]) and j not in consumed:
        j += 1
    if not valid_tag_sequence(text, i, j):
        payload = decode_tags(text[i : min(j, i + limits.payload_decode_max)])
        recs.append(
            Rec(
                i,
                j,
                Kind.TAG_PAYLOAD,
                "",
                1.0,
                f"{j - i} invisible tag characters outside an emoji flag sequence; "
                f"they spell hidden ASCII: {quote(payload)}",
                payload=payload,
            )
        )
    return j


def valid_tag_sequence(text: str, i: int, j: int) -> bool:
    """Tags i..j form a flag like England's: WAVING BLACK FLAG, 2-6 tag letters/digits, CANCEL TAG."""
    if i == 0 or text[i - 1] != cd.WAVING_BLACK_FLAG:
        return False
    seq = cd.WAVING_BLACK_FLAG + text[i:j]
    if seq in _emoji.RGI_TAG_SEQUENCES:
        return True
    body = text[i : j - 1]
    return (
        text[j - 1] == cd.CANCEL_TAG
        and 3 <= len(body) <= 6
        and all(c in _TAG_SUBDIVISION for c in body)
    )


def legit_selector(text: str, i: int) -> bool:
    """One variation selector at ``i`` forms a sequence some standard defines."""
    if i == 0:
        return False
    base, vs = text[i - 1], text[i]
    pair = base + vs
    if pair in _variants.STANDARDIZED_VARIANTS or pair in _variants.EMOJI_VARIATION_SEQUENCES:
        return True
    if vs in (cd.VS15, cd.VS16) and (
        base in EXTENDED_PICTOGRAPHIC or base in EMOJI or base in "#*0123456789"
    ):
        return True
    # ideographic variation sequences: VS17..VS256 after a CJK ideograph
    return ord(vs) >= ord(cd.VS17) and script_of(base) == "Han"


def _selectors(
    text: str, i: int, end: int, consumed: set[int], limits: Limits, recs: list[Rec]
) -> int:
    """A run of variation selectors: kept when it is one defined sequence, else decoded."""
    j = i + 1
    while j < end and selector_value(text[j]) is not None and j not in consumed:
        j += 1
    if j - i == 1 and legit_selector(text, i):
        return j
    start = i
    if j - i > 1 and legit_selector(text, i):
        # A legit first selector (❤ + VS16) may still be part of the payload;
        # keep it out when the rest reads as text on its own.
        _, scheme = decode_selectors(text[i + 1 : min(j, i + 1 + limits.payload_decode_max)])
        if scheme != "hex":
            start = i + 1
    payload, scheme = decode_selectors(text[start : min(j, start + limits.payload_decode_max)])
    recs.append(
        Rec(
            start,
            j,
            Kind.VARIATION_PAYLOAD,
            "",
            0.95 if j - start > 1 else 0.7,
            f"{j - start} variation selector(s) outside any defined variation sequence; "
            f"read as bytes ({scheme}) they say {quote(payload)}",
            payload=payload,
        )
    )
    return j


def _zero_width_payload(
    text: str,
    i: int,
    end: int,
    consumed: set[int],
    cfg: Config,
    limits: Limits,
    recs: list[Rec],
) -> int:
    """A run of zero-width characters and bidi marks read as bits: the position after it
    when it decodes, else minus the run's end (its characters are then judged one by one)."""
    j = i + 1
    while j < end and text[j] in _PAYLOAD_DIGITS and j not in consumed:
        j += 1
    if j - i >= limits.zw_payload_min and cfg.zero_width_payloads:
        bits = decode_zero_width(text[i : min(j, i + limits.zw_decode_max)])
        if bits is not None:
            recs.append(
                Rec(
                    i,
                    j,
                    Kind.ZERO_WIDTH_PAYLOAD,
                    "",
                    0.95,
                    f"a run of {j - i} {_digits_name(text[i:j])} encodes hidden bits: "
                    f"{quote(bits)}",
                    payload=bits,
                )
            )
            return j
    return -j


def neighbour(text: str, i: int, step: int, consumed: set[int], limits: Limits) -> str:
    """The nearest character a reader sees before (step -1) or after (+1) ``i``.

    Steps over erased text and other invisible characters, a bounded distance,
    so that a judgement does not change once those are gone (idempotence).
    """
    j = i + step
    scr = TABLES.scr
    n = len(text)
    for _ in range(limits.neighbour_reach):
        if not 0 <= j < n:
            return ""
        ch = text[j]
        if j not in consumed and (not scr[ord(ch)] & kernel.S_SPECIAL or ch in "\n\r"):
            return ch
        j += step
    return ""


def judge_invisible(
    text: str,
    i: int,
    cfg: Config,
    around: tuple[str, str],
    facts: LineFacts,
    limits: Limits,
    line_start: bool = True,
    hyphens: HyphenFacts | None = None,
) -> tuple[Rec, bool] | None:
    """Decide one invisible character; None keeps it, (rec, soft) removes it.

    A *soft* removal is a keep unless the same unit holds a definite disguise.
    """
    ch = text[i]
    prev, nxt = around  # what a reader sees on either side (see neighbour)
    prev_s = script_of(prev) if prev else ""
    next_s = script_of(nxt) if nxt else ""
    reason = cd.INVISIBLE_REASONS.get(ch)

    def remove(conf: float = 0.9, why: str | None = None) -> tuple[Rec, bool]:
        return (
            Rec(
                i,
                i + 1,
                Kind.INVISIBLE,
                "",
                conf,
                f"{label(ch)}: {why or reason or 'an invisible default-ignorable character'}",
            ),
            False,
        )

    if ch == cd.BOM:
        # a byte order mark opens a file, or a line where files were joined: there it
        # splits nothing and is kept; inside a line it is an invisible like any other
        at_line_start = text[i - 1] in "\n\r" if i else line_start
        return None if at_line_start else remove()
    if ch in (cd.ZWSP, cd.WORD_JOINER):
        if prev_s in cd.ZWSP_SCRIPTS or next_s in cd.ZWSP_SCRIPTS:
            return None
        if facts.spaceless(i) and not (prev in LETTER and nxt in LETTER):
            return None  # Khmer/Thai text: word breaks beside Latin words and spaces too
        if ch == cd.ZWSP and prev in cd.BREAK_AFTER:
            rec, _ = remove(
                0.5,
                "a zero-width space after URL punctuation in a paragraph "
                "that shows other disguises",
            )
            return rec, True  # a line-break hint in a long URL, unless the paragraph is attacked
        return remove()
    if ch == cd.ZWNJ:
        if prev_s in cd.JOINER_SCRIPTS or next_s in cd.JOINER_SCRIPTS:
            return None
        if prev in cd.LIGATURE_FIRST and nxt in cd.LIGATURE_SECOND:
            rec, _ = remove(0.5)
            return rec, True
        return remove()
    if ch == cd.ZWJ:
        if _emoji_side(prev) and (nxt in EXTENDED_PICTOGRAPHIC or nxt in EMOJI):
            return None
        if prev_s in cd.JOINER_SCRIPTS or next_s in cd.JOINER_SCRIPTS:
            return None
        return remove()
    if ch == cd.SOFT_HYPHEN:
        between_letters = prev in LETTER and nxt in LETTER
        if cfg.soft_hyphen == "remove":
            return remove(0.3, "a soft hyphen (the strict profile removes hyphenation hints)")
        if between_letters:
            if hyphens is None:
                hyphens = HyphenFacts(text, limits)
            why = hyphens.misplaced(i)
            if why is not None:
                return remove(0.6, why)
            rec, _ = remove(0.4, "a soft hyphen inside a word that shows other disguises")
            return rec, True
        return remove(0.6)
    if ch == cd.CGJ:
        return None if nxt in COMBINING_MARK else remove()
    if ch == cd.MVS or "\N{MONGOLIAN FREE VARIATION SELECTOR ONE}" <= ch <= (
        "\N{MONGOLIAN FREE VARIATION SELECTOR FOUR}"
    ):
        return None if prev_s == "Mongolian" or next_s == "Mongolian" else remove()
    if ch == "\N{HANGUL CHOSEONG FILLER}":
        return None if next_s == "Hangul" and nxt != "\N{HANGUL JUNGSEONG FILLER}" else remove()
    if ch == "\N{HANGUL JUNGSEONG FILLER}":
        return None if prev_s == "Hangul" and prev != "\N{HANGUL CHOSEONG FILLER}" else remove()
    if ch in ("\N{KHMER VOWEL INHERENT AQ}", "\N{KHMER VOWEL INHERENT AA}"):
        return None if prev_s == "Khmer" else remove()
    if ch == cd.BRAILLE_BLANK:
        # legit inside braille text (braille art, transcriptions): a non-blank
        # braille cell within the surrounding run of braille cells
        return None if _near_braille(text, i, limits) else remove(0.7)
    if ch in cd.BIDI_EXPLICIT or ch in cd.BIDI_MARKS:
        return None  # judged by .bidi
    if ch in cd.VISIBLE_FORMAT_CHARACTERS:
        return None  # drawn: an Arabic number sign spans the digits after it
    scripts = script_extensions(ch) - _NO_SCRIPT
    if scripts:
        # a format control of one script (Egyptian hieroglyph joiners, Duployan overlaps)
        if (prev and script_of(prev) in scripts) or (nxt and script_of(nxt) in scripts):
            return None
        name = " or ".join(sorted(scripts)).replace("_", " ")
        return remove(why=f"a format control of {name} text, outside it: it shows nothing here")
    return remove(why=cd.FORMAT_REASONS.get(ch))


def _near_braille(text: str, i: int, limits: Limits) -> bool:
    """A non-blank braille cell lies in the braille run around ``i`` (bounded look-around)."""
    for step in (-1, 1):
        j = i + step
        for _ in range(limits.braille_reach):
            if not 0 <= j < len(text) or not _BRAILLE_LO <= ord(text[j]) <= _BRAILLE_HI:
                break
            if text[j] != cd.BRAILLE_BLANK:
                return True
            j += step
    return False


def _emoji_side(ch: str) -> bool:
    return bool(ch) and (
        ch in EXTENDED_PICTOGRAPHIC
        or ch in EMOJI_MODIFIER
        or ch == cd.VS16
        or ch == cd.KEYCAP
        or ch == cd.CANCEL_TAG
    )


def _digits_name(run: str) -> str:
    if all(c in cd.BIDI_MARKS for c in run):
        return "bidi marks"
    if any(c in cd.BIDI_MARKS for c in run):
        return "zero-width characters and bidi marks"
    return "zero-width characters"


class HyphenFacts:
    """Where a soft hyphen stands in its word, and whether its line shows a hyphenator.

    A soft hyphen is a hyphenation hint; :data:`decloak.chardata.HYPHEN_WORD_MIN` and
    its neighbours say where hyphenators put one, and why.  Words are measured a
    bounded distance (``limits.neighbour_reach``) either way from the hyphen: every
    threshold is far below it, so a longer word is simply long.  Each line is
    searched for a hyphenated long word at most once, left to right (linear).
    """

    __slots__ = ("_lines", "_memo", "_reach", "_text", "_words")

    def __init__(self, text: str, limits: Limits) -> None:
        self._text = text
        self._reach = limits.neighbour_reach
        self._lines = Lines(text)
        self._memo: dict[int, bool] = {}
        self._words: dict[int, tuple[int, int, int]] = {}

    def measure(self, i: int) -> tuple[int, int, int]:
        """(letters in the word, in the part before ``i``, in the part after it) around
        the soft hyphen at ``i``; digits count as letters, marks and invisibles not at all.

        A word is measured once for all its soft hyphens (a hyphenated news text has
        one every few letters), unless it reaches past ``limits.neighbour_reach``.
        """
        known = self._words.get(i)
        if known is not None:
            return known
        text, reach = self._text, self._reach
        right = text[i + 1 : i + 1 + reach]
        m = _WORD_RE.match(right)
        after = right[: m.end()] if m else ""
        lo = max(0, i - reach)
        left = text[lo:i][::-1]
        m = _WORD_RE.match(left)
        before = left[: m.end()] if m else ""
        whole_right = len(after) < len(right) or i + 1 + reach >= len(text)
        if whole_right and (len(before) < len(left) or lo == 0):
            return self._remember(i - len(before), before[::-1] + cd.SOFT_HYPHEN + after, i)
        word = _letters(before) + _letters(after)
        first = _letters(before.split(cd.SOFT_HYPHEN, 1)[0])
        return word, first, _letters(after.split(cd.SOFT_HYPHEN, 1)[0])

    def _remember(self, start: int, word: str, i: int) -> tuple[int, int, int]:
        """Measure every soft hyphen of the whole ``word`` at ``start``; the one at ``i``."""
        if len(self._words) > _WORDS_KEPT:
            self._words.clear()
        parts = word.split(cd.SOFT_HYPHEN)
        counts = [_letters(p) for p in parts]
        total = sum(counts)
        pos = start
        for k in range(len(parts) - 1):
            pos += len(parts[k])
            self._words[pos] = (total, counts[k], counts[k + 1])
            pos += 1
        return self._words[i]

    def misplaced(self, i: int) -> str | None:
        """Why the soft hyphen at ``i`` (between letters) is no hyphenation hint, or None."""
        word, before, after = self.measure(i)
        if word < cd.HYPHEN_WORD_MIN:
            return (
                f"a soft hyphen inside a {word}-letter word: no hyphenator breaks a word "
                f"shorter than {cd.HYPHEN_WORD_MIN} letters, so it only splits the word"
            )
        if min(before, after) < cd.HYPHEN_PART_MIN:
            return (
                "a soft hyphen that leaves a single letter on one side: no hyphenator "
                "breaks a word there, so it only splits the word"
            )
        if word < cd.HYPHEN_LONG_WORD and not self._hyphenated(i):
            return (
                f"a soft hyphen inside a {word}-letter word, in a line where no long word "
                "has one: hyphenation tools mark the long words too, so it only splits the word"
            )
        return None

    def _hyphenated(self, i: int) -> bool:
        """The line around ``i`` holds a soft hyphen at a plausible break of a long word."""
        ls, le = self._lines.at(i)
        found = self._memo.get(ls)
        if found is None:
            found = False
            j = self._text.find(cd.SOFT_HYPHEN, ls, le)
            while j >= 0 and not found:
                word, before, after = self.measure(j)
                found = word >= cd.HYPHEN_LONG_WORD and min(before, after) >= cd.HYPHEN_PART_MIN
                j = self._text.find(cd.SOFT_HYPHEN, j + 1, le)
            self._memo[ls] = found
        return found


def _letters(s: str) -> int:
    """How many letters and digits ``s`` holds (part of a word: see :data:`_WORD_RE`)."""
    s = s.replace(cd.SOFT_HYPHEN, "")
    if s.isascii():
        return len(s)  # the common case: no mark or invisible can be in it
    return len(s) - sum(1 for c in _UNCOUNTED_RE.findall(s) if c in _UNCOUNTED)
