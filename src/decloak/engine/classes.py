"""Character classes the detectors judge by, built once from the generated tables.

Nothing here decides anything: this module names sets of characters (look-alikes,
compatibility letters, controls, word characters, native letters of each
alphabet) and builds the per-code-point tables the kernel scans
(:class:`decloak.kernel.Tables`).  Every set is derived from the Unicode 18 tables
in :mod:`decloak._tables` and the judgements in :mod:`decloak.chardata`, so a new
Unicode version changes them by regeneration, not by editing.
"""

from __future__ import annotations

import functools
import re

from .. import chardata as cd
from .. import kernel
from .._tables import lookalikes as _look
from ..unicode import (
    BIDI_RTL,
    COMBINING_MARK,
    DEFAULT_IGNORABLE,
    EMOJI_MODIFIER,
    FORMAT,
    LETTER,
    VARIATION_SELECTOR,
    RangeSet,
    category,
    char_name,
    nfkc,
    script_extensions,
    script_of,
    script_ranges,
)

# --- look-alikes ---------------------------------------------------------------------------

TO_LATIN: dict[str, str] = {
    k: v
    for k, v in _look.TO_LATIN.items()
    if k not in BIDI_RTL and script_of(k) not in cd.NON_LATINLIKE_SCRIPTS
}
"""Look-alikes decloak restores: UTS #39 skeletons from left-to-right alphabets (see
:data:`decloak.chardata.NON_LATINLIKE_SCRIPTS` for the ones left out, and why)."""

HIGH_CONFIDENCE: frozenset[str] = _look.HIGH_CONFIDENCE
"""Look-alikes from ``intentional.txt``: visually identical to their Latin letter."""

CONTEXT_SCRIPTS: tuple[str, ...] = tuple(s for s in cd.CONTEXT_SCRIPTS if s in _look.FROM_LATIN)
"""Alphabets a paragraph can be written in and whose words take Latin look-alikes back."""

FROM_LATIN: dict[str, dict[str, str]] = {s: _look.FROM_LATIN[s] for s in CONTEXT_SCRIPTS}
TO_LATIN_TRANS = str.maketrans(TO_LATIN)

LOOKALIKES = RangeSet.of(TO_LATIN)
LATIN_LETTERS = script_ranges("Latin") & LETTER

# Marks that occur inside words of the look-alike alphabets (decomposed ё, Greek
# tonos): the combining blocks of Latin, Cyrillic and Greek, not every mark.
MARKS = COMBINING_MARK & RangeSet(
    (
        ord("\N{COMBINING GRAVE ACCENT}"),
        ord("\N{COMBINING LATIN SMALL LETTER X}"),
        ord("\N{COMBINING CYRILLIC TITLO}"),
        ord("\N{COMBINING CYRILLIC MILLIONS SIGN}"),
        ord("\N{COMBINING DOUBLED CIRCUMFLEX ACCENT}"),
        ord("\N{COMBINING LATIN SMALL LETTER INSULAR T}"),
        ord("\N{COMBINING DOTTED GRAVE ACCENT}"),
        ord("\N{COMBINING RIGHT ARROWHEAD AND DOWN ARROWHEAD BELOW}"),
        ord("\N{COMBINING LEFT HARPOON ABOVE}"),
        ord("\N{COMBINING ASTERISK ABOVE}"),
        ord("\N{COMBINING LIGATURE LEFT HALF}"),
        ord("\N{COMBINING CYRILLIC TITLO RIGHT HALF}"),
    )
)

# Letters of each context alphabet: a paragraph's native letters tell its script.
SCRIPT_LETTERS = {s: script_ranges(s) & LETTER for s in CONTEXT_SCRIPTS}

# --- compatibility letters -------------------------------------------------------------------

# Fullwidth ASCII letters and digits, mathematical alphanumerics, enclosed letters, and
# letterlike symbols that fill the gaps of the mathematical alphabets (U+210E PLANCK
# CONSTANT is italic h).  Membership is decided from NFKC: a character whose NFKC form
# is one ASCII letter or digit.
_COMPAT_BLOCKS = (
    (ord("\N{FULLWIDTH DIGIT ZERO}"), ord("\N{FULLWIDTH LATIN SMALL LETTER Z}")),
    (ord("\N{MATHEMATICAL BOLD CAPITAL A}"), ord("\N{MATHEMATICAL MONOSPACE DIGIT NINE}")),
    (ord("\N{CIRCLED LATIN CAPITAL LETTER A}"), ord("\N{CIRCLED LATIN SMALL LETTER Z}")),
    (ord("\N{SQUARED LATIN CAPITAL LETTER A}"), ord("\N{NEGATIVE SQUARED LATIN CAPITAL LETTER Z}")),
    (ord("\N{DOUBLE-STRUCK CAPITAL C}"), ord("\N{DOUBLE-STRUCK ITALIC SMALL J}")),
)
_ASCII_ALNUM = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_ASCII_DIGITS = frozenset("0123456789")


def _compat_chars() -> dict[str, str]:
    out: dict[str, str] = {}
    for lo, hi in _COMPAT_BLOCKS:
        for cp in range(lo, hi + 1):
            ch = chr(cp)
            folded = nfkc(ch)
            if folded != ch and folded in _ASCII_ALNUM:
                out[ch] = folded
    # Squared and negative squared letters have no NFKC decomposition for all of them;
    # map the remaining ones by name.
    for lo, hi in _COMPAT_BLOCKS[3:4]:
        for cp in range(lo, hi + 1):
            ch = chr(cp)
            if ch in out:
                continue
            name = char_name(ch)
            if name.endswith(tuple(f"LETTER {c}" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ")):
                out[ch] = name[-1]
    return out


COMPAT: dict[str, str] = _compat_chars()
"""Compatibility letter -> the ASCII letter or digit it is a styled form of."""
COMPAT_SET = RangeSet.of(COMPAT)
FULLWIDTH = RangeSet((ord("\N{FULLWIDTH DIGIT ZERO}"), ord("\N{FULLWIDTH LATIN SMALL LETTER Z}")))
MATH_ITALIC_NAMES = ("MATHEMATICAL ITALIC", "PLANCK CONSTANT")
# Compatibility letters (𝐀, Ａ) count as Latin: they read as Latin letters.
COMPAT_LETTERS = RangeSet.of(c for c, v in COMPAT.items() if v not in "0123456789")
LATIN_OR_COMPAT = LATIN_LETTERS | COMPAT_LETTERS

# --- everything else that reads as a Latin letter or digit ----------------------------------

READINGS: dict[str, str] = _look.READINGS
"""Every character that reads as ASCII letters or digits -> its possible readings, the
likeliest first (generated from the whole confusables table and NFKC).  Right-to-left
ones are judged only inside a Latin word (:mod:`.forms`): a Hebrew prefix glued to a
Latin name ("וWindows") is Hebrew."""
SHAPES: dict[str, str] = _look.SHAPES
"""Punctuation look-alikes and combining marks that show one ASCII character -> it
(generated from the confusables table and NFKC); read only in a unit disguised
throughout (:mod:`.saturated`)."""
LATIN_LIKE: frozenset[str] = frozenset(READINGS) - frozenset(TO_LATIN) - frozenset(COMPAT)
"""What :data:`TO_LATIN` and :data:`COMPAT` do not cover: judged by :mod:`.forms`."""
LATIN_LIKE_SET = RangeSet.of(LATIN_LIKE)
LATIN_LIKE_RE = re.compile(f"[{LATIN_LIKE_SET.fast_regex()}]")
RTL_LIKE: frozenset[str] = frozenset(c for c in LATIN_LIKE if c in BIDI_RTL)
"""Right-to-left characters that read as Latin letters (Hebrew ו for l, Arabic ه for o)."""
FORM_DIGITS: frozenset[str] = frozenset(c for c, r in COMPAT.items() if r in _ASCII_DIGITS)
"""Compatibility digits (mathematical, fullwidth: ``𝟎``, ``０``): no word holds them, so
:mod:`.forms` reads them with the Latin-likes, in numbers ("2𝟎24")."""
JUDGED_FORMS: frozenset[str] = LATIN_LIKE | FORM_DIGITS
"""What :func:`.forms.latin_like` reads: the Latin-likes and the compatibility digits."""
JUDGED_FORMS_SET = RangeSet.of(JUDGED_FORMS)
JUDGED_FORMS_RE = re.compile(f"[{JUDGED_FORMS_SET.fast_regex()}]")
RTL_TEXT = (BIDI_RTL & LETTER) - RangeSet.of(RTL_LIKE)
"""Right-to-left letters that read as no Latin letter: a unit holding one has real
right-to-left text, where a Hebrew prefix may be glued to a Latin name ("וWindows")."""
RTL_TEXT_RE = re.compile(f"[{RTL_TEXT.fast_regex()}]")
NFKC_FORMS: frozenset[str] = frozenset(c for c in READINGS if nfkc(c) in _ASCII_ALNUM)
"""Characters whose NFKC form is their reading: compatibility forms (², ①, ª)."""
LATIN_LIKE_LETTERS: frozenset[str] = frozenset(c for c in LATIN_LIKE if c in LATIN_LETTERS)
"""Latin-like characters that are letters of the Latin script (IPA, small capitals, ı,
þ): real letters of some orthography, unlike symbols and other scripts' letters."""
NEUTRAL_SCRIPTS = frozenset({"Common", "Inherited"})
_DIGIT_ZERO = "DIGIT ZERO"  # the name of every script's zero (its value, by name)
DIGIT_ONLY_LETTERS: frozenset[str] = frozenset(
    c
    for c in LATIN_LIKE
    if all(r in _ASCII_DIGITS for r in READINGS[c])
    and category(c)[0] in "LN"
    and category(c) != "Nd"
    and script_of(c) not in NEUTRAL_SCRIPTS | cd.LONE_LETTER_SCRIPTS
)
"""Letters (and letter numerals) of a script with letters of its own that look like a
digit and like no Latin letter: Cherokee ``Ꮞ`` (4), Coptic ``Ⳓ`` (6), Bamum ``ꛯ`` (2).
In Latin text whose unit writes nothing else in that script, one is a digit in disguise
(``section Ꮞ.``; :func:`.forms.latin_like`): a real word of the script comes with its
other letters.  Not those of :data:`decloak.chardata.LONE_LETTER_SCRIPTS`, nor another
script's decimal digits (Bengali ``৪`` is a 4 that looks like an 8)."""
ZERO_LETTERS: frozenset[str] = frozenset(
    c
    for c in LATIN_LIKE
    if set(READINGS[c]) <= set("Oo0")
    and "0" in READINGS[c]
    and (category(c)[0] == "L" or char_name(c).endswith(_DIGIT_ZERO))
    and script_of(c) not in NEUTRAL_SCRIPTS | cd.LONE_LETTER_SCRIPTS
)
"""Letters of a script with letters of its own that look only like O and 0 (Ethiopic
``ዐ``, Oriya ``ଠ``), and its digit zero when that looks like 0 (Kannada ``೦``): alone in
Latin text whose unit writes nothing else in that script, one is a 0 (English has no
word "O"; :func:`.forms.latin_like`).  The letters stage
reads the other alphabets' ones (Coptic ``Ⲟ``, Carian ``𐊫``) the same way."""
_DIGIT_WORDS = ("ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE")
SCRIPT_DIGITS: dict[str, str] = {
    c: str(value)
    for c in LATIN_LIKE
    if category(c) == "Nd" and script_of(c) not in NEUTRAL_SCRIPTS | cd.LONE_LETTER_SCRIPTS
    for value, word in enumerate(_DIGIT_WORDS)
    if char_name(c).endswith(f"DIGIT {word}") and str(value) in READINGS[c]
}
"""Another script's decimal digits that look like the ASCII digit of their own value
(Devanagari ``३`` 3, Arabic-Indic ``١`` 1; the value from the character's name): alone
in Latin text whose unit writes nothing else in that script, one is that digit
(:func:`.forms.latin_like`), the same number in another script's shape."""
OTHER_FORMS = RangeSet.of(
    c
    for c in LATIN_LIKE
    if "Latin" not in script_extensions(c)
    and not script_extensions(c) <= NEUTRAL_SCRIPTS
    and c not in DIGIT_ONLY_LETTERS
    and c not in ZERO_LETTERS
    and c not in SCRIPT_DIGITS
)
"""Latin-like characters of another script's own text (the Arabic alef reads as ``l``,
Cyrillic ``б`` as ``6``, the Devanagari danda as ``I``): every page in their script is
full of them, and they stand in for Latin only in Latin text, so the kernel counts one
as a candidate only beside an ASCII letter or digit
(:func:`decloak.kernel.counts_as_candidate`).  A :data:`DIGIT_ONLY_LETTERS` or
:data:`ZERO_LETTERS` one counts anywhere: it stands in for a digit alone between words."""
ORTHOGRAPHY = LATIN_LETTERS - RangeSet.of(_ASCII_ALNUM) - RangeSet.of(READINGS)
"""Latin letters beyond ASCII that read as no ASCII letter (é, ş, æ, ð, ɛ, ə): a unit
holding one is written in an orthography that may use the Latin-like letters too."""
ORTHOGRAPHY_RE = re.compile(f"[{ORTHOGRAPHY.fast_regex()}]")
_DIACRITICS = RangeSet(
    (ord("\N{COMBINING GRAVE ACCENT}"), ord("\N{COMBINING LATIN SMALL LETTER X}"))
)
DECOMPOSED_LATIN_RE = re.compile(f"[A-Za-z][{_DIACRITICS.regex()}]")
"""A Latin letter with a combining diacritic (``u`` + U+0308 for a decomposed ``ü``): the
same evidence of an orthography as :data:`ORTHOGRAPHY`, in text that is not in NFC."""
L_OR_I: frozenset[str] = frozenset(c for c, r in READINGS.items() if "l" in r and "I" in r)
POSITIONAL_DIGITS: frozenset[str] = frozenset(
    c
    for c in NFKC_FORMS
    if nfkc(c) in _ASCII_DIGITS and char_name(c).startswith(("SUPERSCRIPT", "SUBSCRIPT"))
)
"""Superscript and subscript digits: a power or an index (``10²``, ``x₁``), read as a
digit only before another digit; other digit forms (circled ``④``, mathematical
``𝟒``) are that digit wherever a token holds them ("IPv④")."""
"""Characters that pass for both l and I: the letters around them say which."""

# --- controls and invisibles -----------------------------------------------------------------

# C0/C1 controls that are not layout.
CONTROLS = RangeSet.of(
    chr(c)
    for c in [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)]
    if chr(c) not in cd.LAYOUT_CONTROLS
)
# Lone surrogates are not characters: they cannot be encoded, so they always go.
SURROGATES = RangeSet((ord("\ud800"), ord("\udfff")))
SPECIAL = CONTROLS | DEFAULT_IGNORABLE | FORMAT | RangeSet.of(cd.BRAILLE_BLANK) | SURROGATES
"""What stage A looks at: controls, default-ignorables (invisibles, bidi, tags,
selectors), every other format character (interlinear annotation, Egyptian hieroglyph
joiners, the visible Arabic number signs: engine.invisibles keeps the drawn ones), the
blank braille cell and lone surrogates."""
# Stage A tests every special character against these: plain sets, as a RangeSet's
# membership test is a Python-level call (a third of stage A's time on Persian,
# Hindi and emoji text, where every ZWNJ, ZWJ and selector is looked at).
CONTROL_CHARS = frozenset(CONTROLS.chars())
SURROGATE_CHARS = frozenset(SURROGATES.chars())
SELECTOR_CHARS = frozenset(VARIATION_SELECTOR.chars())
ZW_BITS = frozenset({cd.ZWSP, cd.ZWNJ, cd.ZWJ, cd.WORD_JOINER, cd.BOM})
"""The zero-width characters hidden bit strings are written in."""

# --- words and context -----------------------------------------------------------------------

# Word characters for the letters stage: letters, marks, compatibility letters and the
# joiners that legitimately live inside words (after stage A only legitimate ones remain).
WORD = LETTER | MARKS | COMPAT_SET | RangeSet.of((cd.ZWNJ, cd.ZWJ, cd.SOFT_HYPHEN, cd.CGJ))
WORD_RUN_RE = re.compile(f"[{WORD.fast_regex()}]*")

# Letter counts for a paragraph's context.  Only letters no repair can create count as
# evidence, so that cleaning never changes a paragraph's context (and ``clean`` stays
# idempotent): Latin letters that are not the reading of any look-alike (t, m, k, ß,
# ñ...), compatibility letters by their folded reading, and native letters of each
# alphabet that look like no Latin letter (д, л, λ).
_AMBIGUOUS_LATIN = frozenset(TO_LATIN.values())
UNAMBIGUOUS_LATIN = RangeSet.of(
    c for c in (LATIN_LETTERS - COMPAT_SET).chars() if c not in _AMBIGUOUS_LATIN
) | RangeSet.of(c for c, v in COMPAT.items() if v not in "0123456789" and v not in _AMBIGUOUS_LATIN)

NATIVE_LETTERS = RangeSet(())
for _s in CONTEXT_SCRIPTS:
    NATIVE_LETTERS = NATIVE_LETTERS | (SCRIPT_LETTERS[_s] - LOOKALIKES - LATIN_LIKE_SET)
CJK_LETTERS = RangeSet(())
for _s in sorted(cd.CJK_SCRIPTS):
    CJK_LETTERS = CJK_LETTERS | (script_ranges(_s) & LETTER)

RTL_RE = re.compile(f"[{BIDI_RTL.fast_regex()}]")
SPACELESS = RangeSet(())
for _s in sorted(cd.ZWSP_SCRIPTS):
    SPACELESS = SPACELESS | (script_ranges(_s) & LETTER)
SPACELESS_RE = re.compile(f"[{SPACELESS.fast_regex()}]")

# Characters that attach to the one before them and so cannot be reordered alone.
ATTACHERS = COMBINING_MARK | VARIATION_SELECTOR | EMOJI_MODIFIER | DEFAULT_IGNORABLE
ATTACHER_RE = re.compile(f"[{ATTACHERS.fast_regex()}]")

# --- the kernel's tables -----------------------------------------------------------------------

# Script numbers for the kernel: Latin (with compatibility letters), the context
# alphabets, then every other script that has a look-alike (only its look-alikes).
_KERNEL_SCRIPTS: dict[str, RangeSet] = {"Latin": LATIN_OR_COMPAT}
_KERNEL_SCRIPTS.update((sc, SCRIPT_LETTERS[sc] | RangeSet(())) for sc in CONTEXT_SCRIPTS)
for _ch in sorted(TO_LATIN):
    _sc = script_of(_ch)
    if _sc not in _KERNEL_SCRIPTS:
        _KERNEL_SCRIPTS[_sc] = RangeSet(())
    if _sc not in CONTEXT_SCRIPTS and _sc != "Latin":
        _KERNEL_SCRIPTS[_sc] = _KERNEL_SCRIPTS[_sc] | RangeSet.of(_ch)

TABLES = kernel.Tables(
    {
        kernel.F_WORD: WORD,
        kernel.F_LETTER: LETTER | COMPAT_LETTERS,
        kernel.F_LATIN: LATIN_OR_COMPAT,
        kernel.F_LOOK: LOOKALIKES,
        kernel.F_NATIVE: NATIVE_LETTERS,
        kernel.F_COMPAT: COMPAT_SET | LATIN_LIKE_SET,
        kernel.F_UNAMB: UNAMBIGUOUS_LATIN,
        kernel.F_CJK: CJK_LETTERS,
    },
    _KERNEL_SCRIPTS,
    {k: v for k, v in TO_LATIN.items() if k not in L_OR_I},
    HIGH_CONFIDENCE,
    SPECIAL,
    OTHER_FORMS,
)
"""The per-code-point tables both kernels scan."""

SPECIAL_RE = TABLES.special_runs_re
"""Runs of special characters, exactly: the reference the table scans are tested against."""


def search_verified(rx: re.Pattern[str], members: RangeSet, t: str, s: int, e: int) -> bool:
    """Whether ``t[s:e]`` holds a member of ``members``; ``rx`` is its fast (over-approximate) class."""
    pos = s
    while True:
        m = rx.search(t, pos, e)
        if m is None:
            return False
        if m.group()[0] in members:
            return True
        pos = m.start() + 1


@functools.lru_cache(maxsize=4096)
def label(ch: str) -> str:
    """``U+0430 CYRILLIC SMALL LETTER A``: memoised, as a hostile text repeats a few
    characters a million times (and each record then shares one string)."""
    return f"U+{ord(ch):04X} {char_name(ch)}"
