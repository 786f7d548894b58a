"""Letter forms that read as Latin letters or digits without being another alphabet's letters.

Compatibility forms (``𝐟𝐫𝐞𝐞``, ``ｆｒｅｅ``) fold when they spell running text
(:func:`compat_word`).  Everything else that reads as an ASCII letter or digit
(:data:`.classes.READINGS`, built from the whole UTS #39 confusables table and
NFKC: Latin's own IPA letters and small capitals, dotless ``ı``, Roman numerals,
mathematical Greek, superscripts, circled digits, digits and letters of other
scripts, symbols such as ``¡``) is judged token by token (:func:`latin_like`):

- a token is a run of ASCII letters and digits and such characters;
- in a number (its other characters are digits) a character that reads as a digit is
  that digit (``1З01``, ``54Յ2``); a superscript or circled digit only between digits
  (``10²`` is a power, ``AES²56`` a disguise);
- in a word, the word read in ASCII must be a known word (the lexicon), the token must
  hold no letter beyond ASCII that reads as nothing (``ışık``, IPA ``ʃɪp``: a real
  orthography), it must not sit in IPA brackets (``/ɡʊd/``, ``[ɡo]``), and the unit must
  not use the character for real elsewhere (a token with it reading as no known word:
  Turkish ``sınıf`` makes every ``ı`` of its unit Turkish).

The ambiguous readings (``l``/``I``/``1``, ``O``/``0``) are chosen by the token:
digits around give the digit, a capital at the start of a lowercase word gives ``I``,
and lowercase letters around give ``l``.
"""

from __future__ import annotations

import re
import string
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from .. import chardata as cd
from .. import lexicon
from .._tables import identifiers as _identifiers
from ..config import Config
from ..model import Kind
from ..unicode import (
    LETTER,
    RangeSet,
    category,
    char_name,
    is_alpha,
    is_digit,
    is_lower,
    is_upper,
    script_of,
)
from .classes import (
    CJK_LETTERS,
    COMPAT,
    COMPAT_SET,
    DECOMPOSED_LATIN_RE,
    DIGIT_ONLY_LETTERS,
    FULLWIDTH,
    JUDGED_FORMS,
    JUDGED_FORMS_RE,
    JUDGED_FORMS_SET,
    L_OR_I,
    LATIN_LIKE_LETTERS,
    MATH_ITALIC_NAMES,
    NEUTRAL_SCRIPTS,
    NFKC_FORMS,
    ORTHOGRAPHY,
    ORTHOGRAPHY_RE,
    POSITIONAL_DIGITS,
    READINGS,
    RTL_LIKE,
    RTL_TEXT,
    RTL_TEXT_RE,
    SCRIPT_DIGITS,
    ZERO_LETTERS,
    label,
    search_verified,
)
from .records import Rec, emit_runs

_ASCII_ALNUM = frozenset("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_DIGITS = frozenset("0123456789")
_IPA_OPEN = frozenset("/[")
_IPA_CLOSE = frozenset("/]")
TOKEN_REACH = 64
"""How far a token is followed on each side of a character (a hostile text can be one
token of a million characters: each is then judged in stretches of this size)."""

CONF_FORM = 0.8
"""Confidence of a restored letter form in a known word or a number."""

CONF_STRAY = 0.6
"""Confidence of a letter form flagged, not restored, inside an ASCII word
(:func:`_stray`): above ``Config.threshold`` (0.5), so the text is suspicious, and
below any repair."""

_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_IDENTIFIER_ALLOWED = RangeSet(_identifiers.IDENTIFIER_ALLOWED)
_LATIN1 = RangeSet((ord(cd.LATIN1_SUPPLEMENT[0]), ord(cd.LATIN1_SUPPLEMENT[1])))
_NEVER_STRAY = frozenset(
    c
    for c in JUDGED_FORMS
    if (script_of(c) == "Latin" and c in _IDENTIFIER_ALLOWED)
    or category(c) == "Sm"
    or c in _LATIN1
    or c in POSITIONAL_DIGITS
)
"""Letter forms never flagged inside an ASCII word (:func:`_stray`): Latin letters UTS #39
allows in identifiers, the letters of living orthographies (Turkish ``ı``, Kabyle ``ɣ``,
Kabiyè ``ɩ``, Icelandic ``þ``), which a one-word title or a short message can hold with
nothing else to show its language; mathematical operators, a formula between letters
(``A∪B``, ``a×b``); the Latin-1 block (:data:`decloak.chardata.LATIN1_SUPPLEMENT`); and
superscript and subscript digits, a power or an index (``a²b``)."""

TECHNICAL_LETTERS = frozenset(
    c
    for c in JUDGED_FORMS
    if script_of(c) == "Latin"
    and category(c) in ("Ll", "Lu")
    and c not in _IDENTIFIER_ALLOWED
    and c not in NFKC_FORMS
    and READINGS[c][0] in _ASCII_LETTERS
)
"""Latin letters of no living orthography that read as an ASCII letter: small capitals
(``ᴄ``, ``ꜱ``), IPA letters (``ɑ``, ``ɡ``, ``ɪ``), medievalist and obsolete letters
(``ꬲ``, ``ꭤ``, ``Ƅ``).  UTS #39 gives each an Identifier_Type of Technical, Obsolete or
Uncommon_Use, so none is restricted to one language the way Turkish ``ı`` or Hausa
``ɗ`` is: outside a transcription they stand in English prose only as a disguise
(:func:`_technical_word`).  Letters by NFKC (``ſ``) have rules of their own."""

RAISED_LETTERS = frozenset(
    c
    for c in JUDGED_FORMS
    if category(c) == "Lm"
    and script_of(c) in ("Latin", "Common")
    and READINGS[c][0] in _ASCII_LETTERS
    and c not in cd.IPA_MODIFIER_MARKS
)
"""Raised and lowered (modifier) letters that read as an ASCII letter, but for the IPA's
marks of secondary articulation and release (``ʰ``, ``ʷ``, ``ˡ``): typography of no
orthography, read like :data:`TECHNICAL_LETTERS` at a word's edge (``DocBooᵏ``,
``ₓmlcatalog``); maths raises and lowers them after one letter (``xⁿ``, ``aᵢ``), which a
word of three ASCII letters or more is not."""

TECHNICAL_DIGITS = frozenset(
    c
    for c in JUDGED_FORMS
    if script_of(c) == "Latin"
    and category(c)[0] == "L"
    and c not in _IDENTIFIER_ALLOWED
    and c not in NFKC_FORMS
    and all(r in _DIGITS for r in READINGS[c])
)
"""Latin letters of no living orthography that look only like a digit: tone letters
(``Ƨ`` 2, ``Ƽ`` 5), the yogh ``Ȝ`` and medievalist abbreviations (``ꝯ`` 9).  Alone
between words of prose the lexicon knows, one is the digit (``and Ƨ seconds``,
``set to ꝯ``); Latin letters of orthographies that look like digits (``Ʒ``) stay."""

TECHNICAL_WORD_ASCII = 3
"""Fewest ASCII letters around each technical letter of a word read through it
(:func:`_technical_word`): ``bᴢip``, ``cɑpname``; a Uralic transcription's short
syllables (``kᴀ``) and a lone IPA letter stay."""


def _technical_word(t: str, mine: list[int], word: list[str], ascii_letters: int) -> bool:
    """Whether a run of a token, read ``word``, is an ASCII word with technical letters
    (:data:`TECHNICAL_LETTERS`, :data:`RAISED_LETTERS`) standing in for some of its
    letters, at least :data:`TECHNICAL_WORD_ASCII` ASCII letters for each: ``lexiᴄographically``,
    ``decompressꬲd``, ``bᴢip2``.  Read even where the lexicon does not know the word,
    in prose the lexicon knows (:func:`known_prose`; the caller asks): technical
    English is full of words below its floor (commands, derived forms), and no
    orthography writes these letters inside an English word.  An IPA transcription
    has other letters beyond ASCII or brackets around it, and is not read."""
    return (
        bool(mine)
        and all(t[k] in TECHNICAL_LETTERS or t[k] in RAISED_LETTERS for k in mine)
        and ascii_letters + len(mine) == len(word)
        and ascii_letters >= TECHNICAL_WORD_ASCII * len(mine)
        and _all(is_alpha, "".join(word))
    )


def _technical_word_alone(
    t: str, mine: list[int], word: list[str], ascii_letters: int, cfg: Config
) -> bool:
    """Whether a run read ``word`` is written in technical letters only
    (:data:`TECHNICAL_LETTERS`) and spells a known word (:func:`known_word`), or an
    English two-letter word (:data:`decloak.chardata.ENGLISH_TWO_LETTER_WORDS`), in
    small letters or capitalised: ``Ƅꬲ`` for "be".  Such a word is read only where the
    unit shows a disguise elsewhere (the caller defers it), as a lone ``ɑ`` is."""
    spelled = "".join(word)
    return (
        len(mine) >= 2
        and ascii_letters == 0
        and len(mine) == len(word)
        and all(t[k] in TECHNICAL_LETTERS for k in mine)
        and _all(is_lower, spelled[1:])
        and (
            spelled.lower() in cd.ENGLISH_TWO_LETTER_WORDS
            or (len(spelled) > 2 and known_word(spelled, cfg.use_lexicon))
        )
    )


TYPEFACE_DIGITS = frozenset(
    c
    for c in NFKC_FORMS
    if c in JUDGED_FORMS
    and READINGS[c][0] in _DIGITS
    and c not in POSITIONAL_DIGITS
    and not char_name(c).startswith(cd.DIGIT_SYMBOL_STYLES)
    and c not in cd.MATHS_OBJECT_DIGITS
)
"""Digits drawn in another typeface (NFKC: the digit): fullwidth, mathematical bold,
sans-serif and monospace, outlined, segmented.  One standing alone between the words of
Latin text is that digit (``set to 𝟦 + errno``, ``step (𝟮)``), unless the unit holds
mathematical letters the word rules left alone (``𝐱 = 𝟎``: a formula) or CJK letters
(:func:`_keeps_typeface`)."""
_TOKEN_CHARS = RangeSet.of(_ASCII_ALNUM) | RangeSet.of(READINGS)
_LTR_LIKE = JUDGED_FORMS_SET - RangeSet.of(RTL_LIKE)
# each pattern starts with a character class, which ``re`` skips to without trying a
# match at every position (a unit can be a long paragraph)
_NEAR = (_TOKEN_CHARS | RangeSet.of(".-()")).fast_regex()
# digits read even alone between words (typeface digits; powers spaced off both words;
# digit-only letters)
_ZERO_SYMBOLS = frozenset(
    c
    for c in JUDGED_FORMS
    if "0" in READINGS[c]
    and (
        (char_name(c).startswith("MATHEMATICAL") and char_name(c).endswith("CAPITAL OMICRON"))
        or char_name(c) == "CIRCLED DIGIT ZERO"
    )
)
"""Lone characters that can only be a 0: a mathematical capital omicron (maths names
nothing with it, an O in any font; before a bracket it would be big-O) and the circled
zero (callouts count from one)."""


_LONE_DIGIT_LETTERS = DIGIT_ONLY_LETTERS | ZERO_LETTERS | frozenset(SCRIPT_DIGITS)
_ALONE_RE = RangeSet.of(
    TYPEFACE_DIGITS
    | POSITIONAL_DIGITS
    | _LONE_DIGIT_LETTERS
    | TECHNICAL_DIGITS
    | cd.ORDINAL_INDICATORS
    | _ZERO_SYMBOLS
).fast_regex()
_NEAR_TOKEN_RE = re.compile(
    f"[{JUDGED_FORMS_SET.fast_regex()}](?:(?=[{_NEAR}])|(?<=[{_NEAR}].)|(?<=[{_ALONE_RE}]))"
)
_COMPAT_RE = re.compile(f"[{COMPAT_SET.fast_regex()}]")
_CJK_RE = re.compile(f"[{CJK_LETTERS.fast_regex()}]")
_SYMBOL_FORMS = RangeSet.of(c for c in JUDGED_FORMS if category(c)[0] in "PS")
"""Symbols that read as a letter or digit (a box-drawing ``│`` reads l, ``¡`` reads i)."""
_LOWER_MARKS = frozenset(
    c
    for c in _SYMBOL_FORMS.chars()
    if all(is_lower(r) for r in READINGS[c] if is_alpha(r))
    and any(is_alpha(r) for r in READINGS[c])
)
"""Symbols that read only as lowercase letters (``¡`` reads i)."""
_ASCII_UPPER = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_ASCII_LOWER = frozenset("abcdefghijklmnopqrstuvwxyz")
_TOKEN_RE = _TOKEN_CHARS.fast_regex()
# starts with its character class (see above); the character before is checked after
_SYMBOL_APART_RE = re.compile(f"[{_SYMBOL_FORMS.fast_regex()}](?![{_TOKEN_RE}])")


def near_token(t: str, s: int, e: int) -> bool:
    """Whether ``t[s:e]`` holds a Latin-like character that a token read by
    :func:`latin_like` could restore: one with a neighbour that can share its token
    (an ASCII letter or digit, a reading character); for a right-to-left one in a unit
    with real right-to-left text, a letter before it and an ASCII letter after it
    (:func:`_read` reads it only there); or a lone one standing for a digit
    (:func:`_lone_digit`).

    A unit with no such character has nothing to restore: the Arabic, Hebrew or Hindi
    text of a unit that also holds a Latin word (full of alefs, vavs and dandas) is
    settled by one regex scan.  The fast classes over-approximate; hits are checked.
    """
    rtl_text: bool | None = None  # looked up at the first right-to-left hit
    apart: frozenset[str] | None = None  # looked up at the first symbol hit
    pos = s
    while (m := _NEAR_TOKEN_RE.search(t, pos, e)) is not None:
        i = m.start()
        ch = t[i]
        pos = i + 1
        if ch not in JUDGED_FORMS or _opening_mark(t, i, s):
            continue
        if ch in _SYMBOL_FORMS:
            if apart is None:
                apart = symbols_apart(t, s, e)
            if ch in apart:
                continue  # the unit's own symbol (a drawn table's │)
        before = i > s and t[i - 1] in _TOKEN_CHARS
        after = i + 1 < e and t[i + 1] in _TOKEN_CHARS
        if not (before or after):
            if (
                ch in TYPEFACE_DIGITS
                or ch in _LONE_DIGIT_LETTERS
                or ch in TECHNICAL_DIGITS
                or ch in _ZERO_SYMBOLS
                or (ch in cd.ORDINAL_INDICATORS and _between_words(t, i, s, e))
                or _lone_digit(t, i, s, e) is not None
            ):
                return True
            continue
        if ch not in RTL_LIKE:
            return True
        if before and after and t[i + 1] in _ASCII_ALNUM and is_alpha(t[i + 1]):
            return True
        if rtl_text is None:
            rtl_text = holds_rtl_text(t, s, e)
        if not rtl_text:
            return True
    return False


def _opening_mark(t: str, i: int, s: int) -> bool:
    """Whether ``t[i]`` is a symbol reading only as a lowercase letter that opens a
    capitalised word: punctuation, the Spanish ``¡Hola`` (a lowercase letter glued
    before a capital starts no word)."""
    return (
        t[i] in _LOWER_MARKS
        and i + 1 < len(t)
        and t[i + 1] in _ASCII_UPPER
        and not (i > s and t[i - 1] in _TOKEN_CHARS)
    )


def symbols_apart(t: str, s: int, e: int) -> frozenset[str]:
    """The symbols of :data:`_SYMBOL_FORMS` that ``t[s:e]`` uses apart from any token
    (no letter, digit or reading character on either side) and in no slot of a number
    (:func:`_lone_digit`): there they are themselves, the ``│`` of a drawn table, so the
    unit uses them as symbols, not as letters."""
    found: set[str] = set()
    # each symbol once (a table repeats its bar a hundred times): its occurrences are
    # walked by str.find until one stands apart (at most 85 symbols: linear time)
    for ch in set(_SYMBOL_APART_RE.findall(t, s, e)):
        if ch not in JUDGED_FORMS or ch not in _SYMBOL_FORMS:
            continue
        i = t.find(ch, s, e)
        while i >= 0:
            if (
                not (i > s and t[i - 1] in _TOKEN_CHARS)
                and not (i + 1 < e and t[i + 1] in _TOKEN_CHARS)
                and _lone_digit(t, i, s, e) is None
            ):
                found.add(ch)
                break
            i = t.find(ch, i + 1, e)
    return frozenset(found)


def holds_rtl_text(t: str, s: int, e: int) -> bool:
    """Whether ``t[s:e]`` holds real right-to-left text (:data:`.classes.RTL_TEXT`)."""
    return search_verified(RTL_TEXT_RE, RTL_TEXT, t, s, e)


def compat_word(
    t: str,
    ws: int,
    we: int,
    cjk: bool,
    cfg: Config,
    out: list[Rec],
    converted: set[int],
    evidence: bool,
    alone: bool = False,
) -> bool | None:
    """Fold a word's compatibility letters when it is running text.

    Returns True when folded, None when the word is too weak to decide alone (a
    lone letter, two italic letters: maths, unless the unit spells words in these
    forms), False when it must stay (CJK typography, nothing to fold).  ``alone``: the
    unit holds no other word with compatibility letters, so a short known word with
    one italic letter (``𝑏e``) is no formula's (``d𝑥`` beside ``𝑓(𝑥)`` is).
    """
    if _COMPAT_RE.search(t, ws, we) is None:
        return False  # the kernel flagged another Latin-like (judged by latin_like)
    if (
        we - ws == 1
        and t[ws] in COMPAT
        and not (cjk and t[ws] in FULLWIDTH)
        and (digit := _joined_digit(t, ws)) is not None
    ):
        why = f"a compatibility letter joined to a number stands for the digit {digit!r}"
        emit_runs(out, [(ws, digit, 0.6)], Kind.COMPAT_LETTER, why)
        return True
    if we - ws == 1 and alone and _lone_zero(t, ws, cjk):
        why = (
            "a capital O in a mathematical or fullwidth typeface stands alone in text with no "
            "formula: it stands for the digit '0'"
        )
        emit_runs(out, [(ws, "0", 0.6)], Kind.COMPAT_LETTER, why)
        return True
    chars = [(i, t[i]) for i in range(ws, we) if t[i] in COMPAT and i not in converted]
    word = t[ws:we]
    if not chars:
        return False
    # modifier letters (the subscript in 𝐯ᵢ) are notation, not letters of a word
    n_letters = sum(
        1 for i in range(ws, we) if t[i] in COMPAT or (t[i] in LETTER and category(t[i]) != "Lm")
    )
    if cfg.compat_letters != "all":
        if cjk and all(c in FULLWIDTH for _, c in chars):
            return False  # Japanese/Chinese fullwidth typography
        if not evidence:
            if n_letters < 2 and not all(c in FULLWIDTH for _, c in chars):
                return None  # a lone mathematical symbol: 𝑥, ℝ (a lone Ｘ outside CJK is not)
            italic = all(char_name(c).startswith(MATH_ITALIC_NAMES) for _, c in chars)
            # 𝑎𝑏: a product of italic variables; 𝑏e alone in its unit: the word "be"
            if (
                n_letters < 3
                and italic
                and (len(chars) == n_letters or not alone or not _short_known(t, ws, we, cfg))
            ):
                return None
    reading = [COMPAT.get(c, c) for c in word]
    _digits_as_letters(reading, word, t[ws - 1] if ws else "", cfg.use_lexicon, t[we : we + 2])
    letters_as_digits(reading, word, t[ws - 1] if ws else "")
    settle_l_or_i(reading, word, cfg.use_lexicon)
    _other_shape(reading, word, chars, ws, cfg.use_lexicon)
    if (
        reading[0] == "l"
        and word[0] in L_OR_I
        and _sentence_start(t, ws)
        and _all(is_lower, "".join(reading[1:]))
        and known_word("I" + "".join(reading[1:]), cfg.use_lexicon)
    ):
        reading[0] = "I"  # "𝒍t may be used": a sentence opens with a capital
    why = f"compatibility letter forms spell running text: {word!r} reads {''.join(reading)!r}"
    emit_runs(out, [(i, reading[i - ws], 0.6) for i, _ in chars], Kind.COMPAT_LETTER, why)
    return True


def _other_shape(
    reading: list[str], word: str, chars: list[tuple[int, str]], ws: int, use_lexicon: bool | None
) -> None:
    """Re-read, in place, one compatibility letter of ``word`` as the other letter it
    looks like when only that makes a known word: the long ``ſ`` is an s by NFKC and
    an f by its shape (``Thereſore``; a real long s spells a word with s, ``Congreſs``).
    Words of three letters or more; letters only (a digit read as one is the number's);
    at most :data:`L_OR_I_FLIPS` letters tried."""
    if len(word) < 3 or known_word("".join(reading), use_lexicon):
        return
    for i, c in chars[:L_OR_I_FLIPS]:
        if not is_alpha(reading[i - ws]):
            continue
        for r in READINGS.get(c, "")[1:4]:
            if is_alpha(r) and r.lower() != reading[i - ws].lower():
                alt = [*reading[: i - ws], r, *reading[i - ws + 1 :]]
                if known_word("".join(alt), use_lexicon):
                    reading[i - ws] = r
                    return


def _lone_zero(t: str, i: int, cjk: bool) -> bool:
    """Whether the lone compatibility letter ``t[i]``, its unit's only one, is a capital
    O standing for 0 (``exit status is 𝕺 if``): maths names no variable O but in italic
    (``𝑂`` the origin) and writes big-O before a bracket (``𝒪(n)``), and a unit with a
    formula holds other such letters.  Only mathematical typefaces and, outside CJK
    text (typography), fullwidth."""
    ch = t[i]
    return (
        COMPAT.get(ch) == "O"
        and (char_name(ch).startswith(_MATHEMATICAL) or (ch in FULLWIDTH and not cjk))
        and not char_name(ch).startswith(MATH_ITALIC_NAMES)
        and t[i + 1 : i + 2] != "("
    )


_MATHEMATICAL = "MATHEMATICAL"
"""Name prefix of the mathematical alphanumeric letters (a circled or squared O is a
symbol of its own: the blood type 🅾)."""


def _sentence_start(t: str, i: int) -> bool:
    """Whether ``t[i]`` opens a line or follows a sentence's end and a space."""
    return i == 0 or t[i - 1] == "\n" or (i >= 2 and t[i - 1] == " " and t[i - 2] in ".!?")


def _short_known(t: str, ws: int, we: int, cfg: Config) -> bool:
    """Whether the short word ``t[ws:we]``, its compatibility letters folded, is a known
    word (``𝑏e``, ``𝑖f``, ``b𝑦``: one italic letter beside a plain one spells no product
    of variables)."""
    reading = [COMPAT.get(c, c) for c in t[ws:we]]
    settle_l_or_i(reading, t[ws:we], cfg.use_lexicon)
    return known_word("".join(reading), cfg.use_lexicon)


def _joined_digit(t: str, i: int) -> str | None:
    """The digit a lone compatibility letter ``t[i]`` reads as (``𝕺``, ``Ｏ``: O and 0)
    when one dot or hyphen joins it to an ASCII digit (``Version 2.𝕺``, ``a-z, Ｏ-9``),
    as :func:`_lone_digit` reads the other look-alikes, or when it stands between two
    ASCII digits (``1𝑶24``: no formula writes a letter inside a number), or, an O,
    when it opens a number of two digits more, an O, or three, another (``𝑂2110``,
    ``𝗅024``; the ``𝑙2`` norm is maths), stands alone in the
    brackets after a name (a manual section), or, an O, ends a number
    (:func:`_zero_ending_number`); else None."""
    digit = _digit_reading(t[i])
    if digit is None:
        return None
    if 0 < i < len(t) - 1 and t[i - 1] in _DIGITS and t[i + 1] in _DIGITS:
        return digit
    if (
        not (i and t[i - 1] in _TOKEN_CHARS)
        and t[i + 1 : i + 3] in _TWO_DIGITS
        and (digit == "0" or t[i + 3 : i + 4] in _DIGITS)
    ):
        return digit  # 𝑂2110-1301, 𝗅024: a number opens with it; maths writes no letter
        # glued before such digits (x₁₂ lowers them; the ℓ1 and 𝑙2 norms stay)
    if t[i - 1 : i] == "(" and t[i + 1 : i + 2] == ")" and i >= 2 and t[i - 2] in _ASCII_ALNUM:
        return digit  # options(𝖑): a manual section
    if _zero_ending_number(t, i, len(t)):
        return digit
    return digit if joined_to_number(t, i, 0, len(t)) else None


_TWO_DIGITS = frozenset(a + b for a in "0123456789" for b in "0123456789")


def _zero_ending_number(t: str, i: int, b: int) -> bool:
    """Whether ``t[i]``, a look-alike of both O and 0, ends a number: an ASCII digit
    before it and no letter, digit or bracket after it before ``b`` (``3𝑂 bits``,
    ``in 201𝐎``).  Maths avoids O as a variable because it is the digit's twin, so no
    formula writes "3 times O"; big-O opens a bracket (``3𝒪(n)``)."""
    return (
        i > 0
        and t[i - 1] in _DIGITS
        and set(READINGS.get(t[i], "")) <= _ZERO_SHAPES
        and "0" in READINGS.get(t[i], "")
        and (
            i + 1 >= b or not (t[i + 1] in _ASCII_ALNUM or t[i + 1] in READINGS or t[i + 1] == "(")
        )
    )


_ZERO_SHAPES = frozenset("Oo0")
"""Readings of a look-alike of O and 0 (and nothing else)."""


def joined_to_number(t: str, i: int, s: int, e: int) -> bool:
    """Whether one dot or hyphen joins ``t[i]`` to an ASCII digit within ``t[s:e]``
    (``Ȝ.0``, ``8859-Ꝫ``)."""
    return (i - 1 > s and t[i - 1] in _NUMBER_JOINERS and t[i - 2] in _DIGITS) or (
        i + 2 < e and t[i + 1] in _NUMBER_JOINERS and t[i + 2] in _DIGITS
    )


def _digits_as_letters(
    reading: list[str],
    chars: str,
    preceding: str = "",
    use_lexicon: bool | None = None,
    following: str = "",
) -> None:
    """Re-read, in place, the compatibility digits of a word read as ``reading`` that
    stand among letters ("𝟎ne", "ho𝟏d"): the letter they pass for, not the digit.
    ``preceding``: the character before the word (a digit there makes its first digit
    one of the number: ``2𝟬s`` is 20 seconds).  One ending a word is the letter only
    when that spells a known word: a digit ending a name is its number (``eth𝟢`` is
    eth0), where one opening a word is its letter (``𝟬penSSL``: no number starts one),
    and one ending it before ``following`` (what comes after the word), a dot or hyphen
    and a digit, is a version's or number's digit (``v𝟭.0``)."""
    for k, ch in enumerate(chars):
        if len(reading[k]) != 1 or not is_digit(reading[k]) or ch not in COMPAT:
            continue
        if k == len(chars) - 1 and following[:1] in _NUMBER_JOINERS and following[1:2] in _DIGITS:
            continue
        before = reading[k - 1][-1:] if k else preceding
        after = reading[k + 1][:1] if k + 1 < len(reading) else ""
        if (
            _is(is_digit, before)
            or _is(is_digit, after)
            or not (_is(is_alpha, before) or _is(is_alpha, after))
        ):
            continue
        r = letter_reading(
            ch,
            before if before.isascii() and before.isalpha() else "",
            after if after.isascii() and after.isalpha() else "",
        )
        if r is None:
            continue
        if not _is(is_alpha, after):
            trial = [*reading[:k], r, *reading[k + 1 :]]
            if not known_word("".join(trial), use_lexicon):
                continue
        reading[k] = r


HEX_DIGITS = frozenset(string.hexdigits)
HEX_MARKS = frozenset("xX")
"""The x of a hexadecimal number's prefix (``0x``, ``0X``)."""
ZERO_NAME_LETTERS = 2
"""Fewest small ASCII letters before a look-alike of O and 0 ending a name that make it
the name's digit (:func:`letters_as_digits`)."""


def letters_as_digits(reading: list[str], chars: str, preceding: str = "") -> None:
    """Re-read, in place, the look-alikes in ``chars`` of a letter and a digit both
    (``𝑂`` of O and 0, ``𝐈`` of I and 1) that ``reading`` reads as letters, as the digit
    where only a number or a name's number is written so:

    - inside a number: every other letter or digit of its run is a digit
      (``𝑂2110-1301``, a postal code; no formula writes a letter glued to a number but
      after it, ``3x``, which this does not touch), or a digit stands on each side
      (``SP8𖫩0-132``: no word holds a letter between two digits), before the ``s`` of a
      decade (``2𐓂s``), or in a hexadecimal number after ``0x`` (``0x1Οffff``);
    - opening a hexadecimal number: a look-alike of O before ``x`` and hex digits only
      (``𝙊x``, ``𝑶X1F``): no English word is O, x and hex digits;
    - ending a name: a look-alike of O after :data:`ZERO_NAME_LETTERS` small ASCII
      letters or more (``argv𝓞`` is argv0, as ``eth0``): no word ends in a capital O
      after small letters, and a name's number is its last character.

    ``preceding``: the character before the word (a letter or digit there joins it).
    """
    # One pass, left to right.  What lies left of ``k`` (already read, maybe already a
    # digit) is summed up as it is passed: where its run of ASCII letters and digits
    # starts, and the last place in that run that is no digit, no hex digit, or no small
    # ASCII letter of the text.  What lies right of ``k`` is not read yet: the same is
    # precomputed from the end.  So each look-alike is judged in constant time (a run of
    # ten thousand look-alikes read each time around was quadratic).
    n = len(chars)
    end = [n] * (n + 2)  # end[x]: where the run starting at x ends (x itself: no run)
    no_digit = [n] * (n + 2)  # the first place at or after x that is no digit
    no_hex = [n] * (n + 2)  # the first place at or after x that is no hex digit
    for x in range(n - 1, -1, -1):
        c = reading[x]
        end[x] = end[x + 1] if c in _ASCII_ALNUM else x
        no_digit[x] = no_digit[x + 1] if c in _DIGITS else x
        no_hex[x] = no_hex[x + 1] if c in HEX_DIGITS else x
    i = 0  # where the run ending at k - 1 starts
    last = _RunMarks()
    for k, ch in enumerate(chars):
        if _is(is_alpha, reading[k]) and len(reading[k]) == 1 and ch not in _ASCII_ALNUM:
            digit = _digit_reading(ch)
            if digit is not None and _number_or_name_digit(
                reading, chars, k, digit, preceding, i, end[k + 1], last, no_digit, no_hex
            ):
                reading[k] = digit
        c = reading[k]
        if c not in _ASCII_ALNUM:
            i = k + 1
            continue
        if c not in _DIGITS:
            last.no_digit = k
        if c not in HEX_DIGITS:
            last.no_hex = k
        if not (c in _ASCII_LOWER and c == ch):
            last.no_small = k


@dataclass(slots=True)
class _RunMarks:
    """The last places, left of the place judged, that are no digit, no hex digit, and
    no small ASCII letter of the text (:func:`letters_as_digits`): -1 for none."""

    no_digit: int = -1
    no_hex: int = -1
    no_small: int = -1


def _number_or_name_digit(
    reading: list[str],
    chars: str,
    k: int,
    digit: str,
    preceding: str,
    i: int,
    j: int,
    last: _RunMarks,
    no_digit: list[int],
    no_hex: list[int],
) -> bool:
    """Whether ``chars[k]``, read as a letter in ``reading``, is ``digit`` where it
    stands (:func:`letters_as_digits`), in the run ``reading[i:j]`` of ASCII letters and
    digits around it; ``last``, ``no_digit`` and ``no_hex`` say what the run holds left
    and right of ``k``."""
    digits_left = last.no_digit < i
    digits_right = no_digit[k + 1] >= j
    joined = i == 0 and preceding in _ASCII_ALNUM
    if j - i > 1 and not joined and digits_left and digits_right:
        return True  # 𝑂2110-1301
    if i < k < j - 1 and reading[k - 1] in _DIGITS and reading[k + 1] in _DIGITS:
        return True  # SP8𖫩0-132
    if k > i and reading[k - 1] in _DIGITS and j == k + 2 and reading[k + 1] == "s":
        return digits_left  # 2𐓂s: a decade, the 20s
    if reading[i : i + 2] in (["0", "x"], ["0", "X"]) and k >= i + 2:
        return last.no_hex < i + 2 and no_hex[k + 1] >= j  # 0x1Οffff: a hexadecimal number
    if digit != "0":
        return False
    if k == i == 0 and not joined and j - k >= 2 and reading[k + 1] in HEX_MARKS:
        return no_hex[k + 2] >= j  # 𝙊x, 𝑶X1F
    return (
        reading[k] == "O" and k == j - 1 and k - i >= ZERO_NAME_LETTERS and last.no_small < i
    )  # argv𝓞


def _is(test: Callable[[str], bool], ch: str) -> bool:
    """``test`` (a :mod:`decloak.unicode` predicate) of ``ch``, False for "" (no
    neighbour)."""
    return ch != "" and test(ch)


def _all(test: Callable[[str], bool], word: str) -> bool:
    """``test`` of every character of a non-empty ``word``."""
    return word != "" and all(test(c) for c in word)


def letter_reading(ch: str, before: str, after: str) -> str | None:
    """The letter ``ch`` reads as between the letters ``before`` and ``after`` (each an
    ASCII letter or ""), or None when it reads as no letter.

    ``l`` and ``I`` share a shape.  A compatibility form is what NFKC says (``𝑙`` is an
    l, ``𝐈`` an I), except a capital I inside a lowercase word, where it stands for an
    l ("fi𝐈e").  Any other l/I look-alike is an ``l`` after a lowercase letter
    ("hoΙder"), an ``I`` at the start of a word ("Ιt") or beside capitals.
    """
    options = [r for r in READINGS.get(ch, "") if is_alpha(r)]
    if not options:
        return None
    if ch == cd.LONG_S and before and not after:
        return "f"  # a long s never ends a word: "oſ" is "of"
    if "l" in options and "I" in options:
        if ch in NFKC_FORMS:
            if options[0] == "l" and _is(is_upper, after) and (not before or _is(is_upper, before)):
                return "I"  # "TH𝓁S", "𝟭D": among capitals a small l is the capital I
            return "l" if options[0] == "I" and _is(is_lower, before) else options[0]
        if _is(is_lower, before):
            return "l"
        if not before and _is(is_lower, after):
            return "I"
        if _is(is_upper, before) or _is(is_upper, after):
            return "I"
    return options[0]


L_OR_I_FLIPS = 4
"""At most this many l/I look-alikes in a word are tried the other way round."""


def settle_long_s(reading: list[str], chars: str, use_lexicon: bool | None = None) -> None:
    """Re-read, in place, the long s of ``chars`` read as s (``reading``: one entry per
    character) as the f it looks like when the word so read is an English word far more
    frequent than with s (:func:`decloak.lexicon.long_s_reads_f`): an attack writes
    ``ſile`` for ``file``; old print, the one real use of the long s, spells ``ſuch``,
    ``ſo`` and ``myſelf``, whose f-readings are no words.  All of a word's long s are
    read alike."""
    spots = [k for k, ch in enumerate(chars) if ch == cd.LONG_S and reading[k] == "s"]
    if not spots:
        return
    flipped = reading.copy()
    for k in spots:
        flipped[k] = "f"
    if lexicon.long_s_reads_f("".join(flipped), use_lexicon):
        for k in spots:
            reading[k] = "f"


def settle_l_or_i(reading: list[str], chars: str, use_lexicon: bool | None = None) -> None:
    """Re-read, in place, the l/I look-alikes of ``chars`` read as letters (``reading``
    is its reading so far, one entry per character) by the letters around each, after
    the long s (:func:`settle_long_s`); a word that then starts with a capital I and is
    no known word, but is one with an l ("Ιink" at the start of a sentence), starts
    with the l."""
    settle_long_s(reading, chars, use_lexicon)
    spots = [k for k, ch in enumerate(chars) if ch in L_OR_I and reading[k] in ("l", "I")]
    for k in spots:
        before = reading[k - 1] if k and reading[k - 1].isascii() else ""
        after = reading[k + 1] if k + 1 < len(reading) and reading[k + 1].isascii() else ""
        r = letter_reading(
            chars[k], before if _is(is_alpha, before) else "", after if _is(is_alpha, after) else ""
        )
        if r is not None:
            reading[k] = r
    word = "".join(reading)
    if (
        spots
        and spots[0] == 0
        and word[:1] == "I"
        and _all(is_lower, word[1:])
        and lexicon.is_known_latin(word, use_lexicon) is False
        and lexicon.is_known_latin("l" + word[1:], use_lexicon)
    ):
        reading[0] = "l"
        return
    # the letters around left it open ("PΙease": after a capital, a capital I): the
    # other reading of one spot when only that one spells a known word; between two
    # capitals it is the capital I of an acronym ("OꞮDs" is no "OlDs")
    if spots and len(spots) <= L_OR_I_FLIPS and lexicon.is_known_latin(word, use_lexicon) is False:
        for k in spots:
            if reading[k] not in ("l", "I") or _between_capitals(reading, k):
                continue
            flipped = [*reading[:k], "l" if reading[k] == "I" else "I", *reading[k + 1 :]]
            if lexicon.is_known_latin("".join(flipped), use_lexicon):
                reading[k] = flipped[k]
                return


def _capitals_around(reading: list[str], k: int) -> bool:
    """Whether two ASCII capitals stand on each side of ``reading[k]``."""
    around = reading[k - 2 : k] + reading[k + 1 : k + 3] if k >= 2 else []
    return len(around) == 4 and all(c in _ASCII_UPPER for c in around)


def letters_for_digits(
    reading: list[str], chars: str, use_lexicon: bool | None, opens_sentence: bool = False
) -> None:
    """Re-read, in place, the typeface digits of ``chars`` read as digits inside a word
    (``reading``, one entry per character) as the letter each also looks like, when
    that letter makes the word a known one: ``fie🯱ds`` is "fields", ``𜳰R`` "OR".

    Such a digit is a disguise whichever it stands for; beside another digit it is a
    digit of the number (``𝟏𝟎0``), and so before its ordinal suffix (``¹st``).  A word
    of two letters is read only in capitals, or capitalised where it opens a sentence
    (``opens_sentence``: ``🯱f this is used``): two lowercase letters say too little."""
    for k, ch in enumerate(chars):
        if not (ch in NFKC_FORMS and reading[k] in _DIGITS):
            continue
        prev = reading[k - 1] if k else ""
        nxt = reading[k + 1] if k + 1 < len(reading) else ""
        if prev in _DIGITS or nxt in _DIGITS or not (_is(is_alpha, prev) or _is(is_alpha, nxt)):
            continue
        if ordinal_digit(reading[:k], reading[k], "".join(reading[k + 1 :])):
            continue  # ¹st: a number and its ordinal suffix ("Ist" would pass for German)
        capitals = _is(is_upper, prev) or (not _is(is_alpha, prev) and _is(is_upper, nxt))
        # the case of the letters around first: "A🯱L" is AIL, "a🯱l" all
        for letter in sorted(READINGS[ch], key=lambda c: _is(is_upper, c) != capitals):
            if not is_alpha(letter):
                continue
            i, j = k, k + 1
            while i and _is(is_alpha, reading[i - 1]):
                i -= 1
            while j < len(reading) and _is(is_alpha, reading[j]):
                j += 1
            word = "".join(reading[i:k]) + letter + "".join(reading[k + 1 : j])
            titled = opens_sentence and i == 0 and k == 0 and letter in _ASCII_UPPER
            if (len(word) > 2 or _all(is_upper, word) or titled) and _form_word(word, use_lexicon):
                reading[k] = letter  # the first reading that spells a word (the lexicon
                break  # ignores case: "aIl" would pass for "all" too)
            elif letter == "O" and _capitals_around(reading, k):
                reading[k] = letter  # STD🯰UT: a word in capitals holds no number's 0
                break


def _between_capitals(reading: list[str], k: int) -> bool:
    """Whether ``reading[k]`` has an ASCII capital on each side."""
    return (
        0 < k < len(reading) - 1
        and reading[k - 1] in _ASCII_UPPER
        and reading[k + 1] in _ASCII_UPPER
    )


def _other_letter(ch: str) -> bool:
    """A letter or digit beyond ASCII that reads as no ASCII letter or digit."""
    return not ch.isascii() and ch not in READINGS and category(ch)[0] in "LN"


def _digit_reading(ch: str) -> str | None:
    return next((r for r in READINGS.get(ch, "") if r in _DIGITS), None)


def _script_counts(t: str, s: int, e: int) -> tuple[Counter[str], Counter[str]]:
    """Per script, the letters and numbers of ``t[s:e]`` beyond ASCII and, of those,
    the :data:`.classes.DIGIT_ONLY_LETTERS` and :data:`.classes.ZERO_LETTERS` (one pass
    per unit, made only when one is met)."""
    every: Counter[str] = Counter()
    digit_like: Counter[str] = Counter()
    for m in _BEYOND_ASCII_RE.finditer(t, s, e):
        for ch in m.group():
            if category(ch)[0] in "LN":
                script = script_of(ch)
                every[script] += 1
                if ch in _LONE_DIGIT_LETTERS:
                    digit_like[script] += 1
    return every, digit_like


_BEYOND_ASCII_RE = re.compile("[^\\x00-\\x7f]+")


def _inside_ascii_word(t: str, k: int) -> bool:
    """Whether ``t[k]`` has an ASCII letter on each side."""
    return 0 < k < len(t) - 1 and t[k - 1] in _ASCII_LETTERS and t[k + 1] in _ASCII_LETTERS


def _never_inside_latin(t: str, k: int) -> bool:
    """Whether ``t[k]``, between two ASCII letters, can be no letter of the word: a
    right-to-left letter (``pهlicer``; Hebrew and Arabic glue prefixes and suffixes to
    a Latin name, never a letter inside it) or another script's punctuation
    (``e᙮tbinary``: a Canadian syllabics full stop)."""
    if not _inside_ascii_word(t, k):
        return False
    ch = t[k]
    return ch in RTL_LIKE or (category(ch)[0] == "P" and script_of(ch) not in NEUTRAL_SCRIPTS)


def _foreign(t: str, k: int) -> bool:
    """Whether ``t[k]`` is never real text inside a word of ASCII letters: another
    script's letter that is no Latin look-alike letter (Cherokee, mathematical Greek), a
    symbol whose compatibility form is a letter (outlined, circled, squared letters), or
    a character :func:`_never_inside_latin`.  A symbol with no such form (a table's
    ``│``, Spanish ``¡``) can be the text's own, and its word must be a known one."""
    ch = t[k]
    if ch not in LATIN_LIKE_LETTERS and ch not in RTL_LIKE:
        return not (category(ch)[0] in "PS" and ch not in NFKC_FORMS) or _never_inside_latin(t, k)
    return _never_inside_latin(t, k)


def _token(t: str, i: int, s: int, e: int) -> tuple[int, int]:
    """The run of ASCII letters and digits and reading characters around ``i`` (bounded)."""
    a = i
    while a > max(s, i - TOKEN_REACH) and (t[a - 1] in _ASCII_ALNUM or t[a - 1] in READINGS):
        a -= 1
    b = i + 1
    while b < min(e, i + TOKEN_REACH) and (t[b] in _ASCII_ALNUM or t[b] in READINGS):
        b += 1
    if a < i and _opening_mark(t, a, s):
        a += 1  # "¡Hola": punctuation before the word
    return a, b


def _read(
    t: str,
    a: int,
    b: int,
    fixed: dict[int, str],
    rtl_text: bool,
    stray_script: Callable[[str], bool],
    use_lexicon: bool | None = None,
) -> list[str] | None:
    """``t[a:b]`` read character by character in ASCII, or None when a character reads
    as nothing there.  A character that reads as a digit is one beside a digit (a
    superscript or circled digit only before one: ``10²`` is a power); otherwise it
    reads as a letter, chosen by the letters around it (:func:`letter_reading`).

    ``rtl_text``: the unit holds real right-to-left text, where a right-to-left letter
    is read only inside a Latin word (a Hebrew prefix glued to a name is Hebrew).

    ``stray_script(ch)``: whether ``ch`` is a lone-digit letter
    (:data:`.classes.DIGIT_ONLY_LETTERS`, :data:`.classes.ZERO_LETTERS`) whose script the
    unit uses for nothing else; only the first are read inside a token (``Subsection Ⳓa``: the 6 of "6a")."""
    out: list[str] = []
    for k in range(a, b):
        ch = t[k]
        if ch in _ASCII_ALNUM:
            out.append(ch)
            continue
        if k in fixed:
            out.append(fixed[k])
            continue
        prev = out[-1] if out else ""
        nxt = t[k + 1] if k + 1 < b else ""
        digit = _digit_reading(ch)
        if digit is not None and (
            nxt in _DIGITS
            or (prev in _DIGITS and ch not in NFKC_FORMS)
            or (prev in _DIGITS and _zero_ending_number(t, k, b))
        ):
            out.append(digit)
            continue
        after = nxt if nxt in _ASCII_ALNUM and is_alpha(nxt) else ""
        if ch in NFKC_FORMS and READINGS[ch][0] in _DIGITS:
            if (
                ch in POSITIONAL_DIGITS
                and not ((prev in _DIGITS or not out) and _version_slot(t, k))
                and not _disguised_subscript(t, k, out, k == b - 1)
                and not _inside_a_name_or_number(t, k, out)
                and not (k == a and _qualifies_nothing(t, k))
                and not _name_digit(t, k, out, use_lexicon)
            ):
                return None  # a superscript or subscript digit is a power or an index
            out.append(READINGS[ch][0])  # a circled or mathematical digit is a digit
            continue
        if (
            category(ch) == "Lm"
            and not after
            and (len(out) < 3 or not _all(is_alpha, "".join(out[-3:])))
            and not (len(out) == 2 and all(c in _ASCII_LOWER for c in out) and after == "")
            and not (out == [_NO_VARIABLE] and after == "")
            and not _modifier_pair_word(t, k, out)
            and not (
                out
                and all(c in _ASCII_UPPER for c in out[-2:])
                and READINGS[ch][:1] in _ASCII_UPPER
                and ch not in cd.MATRIX_MARKS
            )
        ):
            # a modifier letter ending a short word is notation (aᵢ, xⁿ, Aᵀ, nᵗʰ); after
            # two small letters or three letters it may end a word ("maʸ", "CREATᴱ"):
            # notation qualifies one letter, and the lexicon decides (a small o names
            # no variable: "oᶠ" is "of"); a capital one
            # after capitals is an acronym's letter (TCᴾ, Cᴬ; Aᵀ and ABᵀ are maths)
            return None
        if ch in RTL_LIKE and rtl_text and not (_is(is_alpha, prev) and after):
            return None  # right-to-left letters count only inside a Latin word there
        r = letter_reading(ch, prev if _is(is_alpha, prev) else "", after)
        if r is None and digit is not None and k == b - 1 and _is(is_alpha, prev):
            if ch in POSITIONAL_DIGITS or (
                script_of(ch) in cd.SYMBOL_LETTER_SCRIPTS and category(ch)[0] == "L"
            ):
                return None  # CO₂, TPMₓ: an index; a Greek letter is itself (MP𝈆: a sign is not)
            r = digit  # a version ending a name: IPvⳓ
        if r is None and digit is not None and ch in DIGIT_ONLY_LETTERS and stray_script(ch):
            r = digit
        if r is None and digit is not None and ordinal_digit(out, digit, t[k + 1 : b]):
            r = digit  # Ʒrd: the suffix of an English ordinal says it is a number
        if r is None and digit is not None and k == a and _section_slot(t, a, b):
            r = digit  # gethostname(𝈆P): a manual section's number and its letters
        if r is None:
            return None
        out.append(r)
    return out


_NUMBER_JOINERS = frozenset(".-")
_SUBSCRIPT_DIGITS = frozenset(c for c in POSITIONAL_DIGITS if char_name(c).startswith("SUBSCRIPT"))


def _keeps_typeface(t: str, s: int, e: int, fixed: dict[int, str]) -> bool:
    """Whether ``t[s:e]`` keeps its lone typeface digits: it holds a compatibility
    letter (``𝐱``, ``ℝ``) that no rule folded, a mathematical symbol (the unit is a
    formula), or CJK letters (``１個の``: fullwidth forms are CJK typography)."""
    if search_verified(_CJK_RE, CJK_LETTERS, t, s, e):
        return True
    return any(
        m.start() not in fixed and COMPAT.get(m.group(), "0") not in _DIGITS
        for m in _COMPAT_RE.finditer(t, s, e)  # (a fast class: checked in COMPAT)
    )


_DECIMAL = _DIGITS | {"."}


def _number_start(t: str, k: int, chars: frozenset[str] = _DIGITS) -> int:
    """Where the run of ``chars`` (ASCII digits, by default) ending before ``t[k]``
    starts, looking back at most :data:`TOKEN_REACH` characters."""
    j = k
    while j > max(0, k - TOKEN_REACH) and t[j - 1] in chars:
        j -= 1
    return j


_AFTER_NUMBER_PART = frozenset(".,(")
"""What follows a raised digit that is a number's or a name's next part after a dot
(``1.².``, ``2.²,``, ``2.¹(a)``, ``libc.so.⁶.``): a footnote's mark after a sentence's
dot comes before a space."""


def _version_slot(t: str, i: int) -> bool:
    """Whether a superscript or subscript digit ``t[i]`` is a digit of a version
    number or a name: before a dot and a digit (``1.₁.1``, ``1.1₈.5``), after a letter or
    digit and a dot a subscript (``OpenSSL 3.₀``, ``ASN.₁``), and a superscript when a dot,
    comma or bracket follows it (:data:`_AFTER_NUMBER_PART`), when the number before
    holds a dot of its own (``dpkg 1.13.²``), when
    the number opens its line (``1.² "Contributor"``) or when a version word names it
    (``Version 1.²``, :data:`decloak.chardata.VERSION_WORDS`).  A superscript after a
    whole number's dot is otherwise a footnote (``in 2019.³``: a footnote's mark follows a
    sentence's end), and one after a digit a power (``1.5²``)."""
    if i + 2 < len(t) and t[i + 1] == "." and t[i + 2] in _DIGITS:
        return True
    if not (i >= 2 and t[i - 1] == "." and t[i - 2] in _ASCII_ALNUM):
        return False
    if t[i] in _SUBSCRIPT_DIGITS or t[i + 1 : i + 2] in _AFTER_NUMBER_PART:
        return True  # ASN.₁, libc.so.⁶., 1.².: no index follows a dot, no footnote a dot
    if READINGS[t[i]][0] == "0":
        return True  # 2.⁰: footnotes count from one
    if t[i - 2] not in _DIGITS:
        return False  # a footnote after a word's dot
    j = _number_start(t, i - 1)
    if j >= 2 and t[j - 1] == "." and t[j - 2] in _DIGITS:
        return True
    if j == 0 or t[j - 1] == "\n":
        return True
    w = j - 1 if t[j - 1] == " " else j
    v = w
    while v > max(0, w - VERSION_WORD_REACH) and t[v - 1] in _ASCII_LETTERS:
        v -= 1
    return v < w and (v == 0 or t[v - 1] not in _ASCII_ALNUM) and t[v:w].lower() in cd.VERSION_WORDS


VERSION_WORD_REACH = 12
"""Longest word before a number looked up in :data:`decloak.chardata.VERSION_WORDS`."""


def _disguised_subscript(t: str, k: int, out: list[str], last: bool) -> bool:
    """Whether the subscript digit ``t[k]`` (``out`` is its token read up to it;
    ``last``: it ends the token) is a digit in disguise rather than an index, a base or
    a count:

    - after a number it cannot be the base of: a digit of the number is as large as it
      (``5.1₄``), a letter opens the number (``X2551₉``), a hyphen and a digit follow
      (``885₉-11``: a number's parts) or letters do (``2₀s``: a number and its unit);
      ``1011₂`` and ``377₈`` are numbers in a base, and so is ``21₃`` where the text
      works in bases (:func:`_in_base_text`), but not ``102₄`` or ``1₉`` elsewhere;
    - ending its token after a name with a capital that ends in a small letter, when its last two
      letters are no chemical element's symbol (:data:`decloak.chardata.ELEMENT_SYMBOLS`):
      ``IPv₆``, where ``CO₂``, ``NaCl₂``, a variable ``T₁`` and a function ``log₂`` keep
      theirs.  A name in capitals keeps it too: ``TPM₂`` may be a disguise, but
      ``PGE₂`` and ``TXA₂`` are how biochemistry writes prostaglandin E2 and
      thromboxane A2.

    One followed by another subscript digit, or by a dot and one (``₁₆``, ``PM₂.₅``), is
    part of a written subscript and stays."""
    ch = t[k]
    if ch not in _SUBSCRIPT_DIGITS or not out:
        return False
    nxt = t[k + 1 : k + 3]
    if nxt[:1] in POSITIONAL_DIGITS or (nxt[:1] == "." and nxt[1:] in POSITIONAL_DIGITS):
        return False
    value = int(READINGS[ch][0])
    if out[-1] in _DIGITS:
        if not last:
            return t[k + 1] in _ASCII_LETTERS
        j = _number_start(t, k, _DECIMAL)
        if (j and t[j - 1] in _ASCII_LETTERS) or (nxt[:1] == "-" and nxt[1:] in _DIGITS):
            return True
        if j >= 2 and t[j - 1] == "-" and t[j - 2] in _ASCII_LETTERS:
            return True  # a name's number (SHA-25₆) is in no base
        if any(int(d) >= value for d in t[j:k] if d in _DIGITS):
            return True
        return value not in cd.ONE_DIGIT_BASES and not _in_base_text(t, k)
    if not last:
        return False
    i = len(out)
    while i and out[i - 1] in _ASCII_LETTERS:
        i -= 1
    name = "".join(out[i:])
    if i == 0 and len(name) >= 2 and k - len(out) >= 1 and t[k - len(out) - 1] == ".":
        return True  # a file name's extension (.bz₂, file.mp₃): no index follows a dot
    if len(name) < 2 or name[-1] in _ASCII_UPPER or not any(c in _ASCII_UPPER for c in name):
        return False
    return name[-2:] not in cd.ELEMENT_SYMBOLS


BASE_REACH = 160
"""How far around a subscript base :func:`_in_base_text` looks (bounded: linear time)."""
_BASE_NAMED_RE = re.compile(r"(?i)\b(?:base|radix)\b")


def _in_base_text(t: str, k: int) -> bool:
    """Whether the text around the subscript digit ``t[k]`` that ends a number works in
    bases: it names one (``base``, ``radix``) or writes the same subscript after another
    number (``21₃ + 12₃``).  A number in a base other than binary or octal
    (:data:`decloak.chardata.ONE_DIGIT_BASES`) is written where the text says so."""
    lo, hi = max(0, k - BASE_REACH), min(len(t), k + BASE_REACH)
    if _BASE_NAMED_RE.search(t, lo, hi):
        return True
    i = t.find(t[k], lo, hi)
    while i != -1:
        if i != k and i > 0 and t[i - 1] in _DIGITS:
            return True
        i = t.find(t[k], i + 1, hi)
    return False


_NO_VARIABLE = "o"
"""The one small letter maths never names a variable with: it is the twin of 0, and
little-o notation writes it before a bracket, ``o(n)``.  So a modifier letter after a
lone ``o`` is no index or power (``oᶠ``, ``oʳ``: "of", "or")."""


def _opening_modifier(t: str, a: int, b: int, mine: list[int], s: int) -> bool:
    """Whether the token ``t[a:b]`` is a modifier letter opening a word of ASCII
    letters (``ᶻdiff``, ``ᶻstdgrep``): raised or lowered, it qualifies nothing before it,
    and only the IPA's prenasalization and pre-aspiration open a word so
    (:data:`decloak.chardata.IPA_MODIFIER_MARKS`)."""
    return (
        mine == [a]
        and b - a >= 3
        and category(t[a]) == "Lm"
        and t[a] not in cd.IPA_MODIFIER_MARKS
        and (a == s or t[a - 1] in _WORD_OPENERS)
        and all(c in _ASCII_LETTERS for c in t[a + 1 : b])
    )


_WORD_OPENERS = frozenset(" \t\n(\"'")

KNOWN_PROSE_SHARE = 0.6
"""Share of a unit's plain words the lexicon must know for :func:`known_prose`."""
KNOWN_PROSE_WORDS = 200
"""Plain words :func:`known_prose` looks at, at most (bounded: linear time)."""
_PLAIN_LOWER_RE = re.compile(f"(?<![{_TOKEN_RE}_])[a-z]{{3,}}(?![{_TOKEN_RE}_])")


def known_prose(t: str, s: int, e: int, use_lexicon: bool | None) -> bool:
    """Whether ``t[s:e]`` is prose in a language the lexicon knows: of its plain
    lowercase words of three letters or more (:data:`KNOWN_PROSE_WORDS` at most),
    three or more and :data:`KNOWN_PROSE_SHARE` of them are listed.  Kabyle, Ewe or
    Hausa written with the same letters are not, and their letters stay theirs."""
    words = []
    for m in _PLAIN_LOWER_RE.finditer(t, s, e):
        words.append(m.group())
        if len(words) >= KNOWN_PROSE_WORDS:
            break
    if len(words) < 3:
        return False
    known = sum(1 for w in words if lexicon.is_known_latin(w, use_lexicon))
    return known >= KNOWN_PROSE_SHARE * len(words)


PAGE_NAME_ASCII = 3
"""Fewest ASCII letters of a manual page's name read through look-alikes."""


def _page_name(t: str, a: int, b: int, ascii_letters: int) -> bool:
    """Whether the token ``t[a:b]`` names a manual page, its section in brackets right
    after it (``gethoꜱtname(2)``, ``cmꭤke(1)``), with :data:`PAGE_NAME_ASCII` ASCII
    letters or more: commands and functions are named in ASCII, so a look-alike there
    is a disguise even where the name is no word the lexicon lists, in prose the
    lexicon knows (:func:`known_prose`; the caller asks)."""
    return ascii_letters >= PAGE_NAME_ASCII and _PAGE_SECTION_RE.match(t, b) is not None


_AFTER_SPACED = frozenset(",.;:)")
"""Punctuation after a superscript or subscript digit spaced off what precedes it
(``be ⁰.``, ``1, ², and 3``, ``(July ₈, 1999)``): a power, an index or a footnote mark
attaches to what it qualifies, so one spaced off is the digit.  A footnote's own mark
opening its line (``¹ Source``) has no space before it."""


_SECTION_LETTERS = 4
"""Most letters after a manual section's number (``3P``, ``3pm``, ``1ssl``)."""


def _section_slot(t: str, a: int, b: int) -> bool:
    """Whether the token ``t[a:b]`` fills the brackets right after a name with a
    character and up to :data:`_SECTION_LETTERS` ASCII letters: a manual section with
    its suffix (``gethostname(𝈆P)``); nothing else writes a letter there before them."""
    return (
        a >= 2
        and t[a - 1] == "("
        and (t[a - 2] in _ASCII_ALNUM or t[a - 2] == "_")
        and t[b : b + 1] == ")"
        and 1 <= b - a - 1 <= _SECTION_LETTERS
        and all(c in _ASCII_LETTERS for c in t[a + 1 : b])
    )


NAME_DIGIT_LETTERS = 3
"""Fewest small letters of an unknown name whose raised or lowered last digit is a digit
(:func:`_name_digit`: ``bzip₂``; ``m²``, ``cm³`` are units)."""


def _name_digit(t: str, k: int, out: list[str], use_lexicon: bool | None) -> bool:
    """Whether the superscript or subscript digit ``t[k]`` after the letters that end
    ``out`` (its token read up to it) is a name's digit, where no power, index or
    footnote stands:

    - before three small letters or more (``py³versions``): a power or an index ends
      its term (``x²y`` is a product);
    - ending a name in capitals and a ``v`` (``IPv⁴``, ``DHCPv⁶``, ``SNMPv³``): a
      protocol's version;
    - ending a file name's extension (``.bz²``);
    - a zero after two letters or more (``template⁰``): a footnote counts from one, and
      maths raises a letter, not a word, to the power zero;
    - ending a word of :data:`NAME_DIGIT_LETTERS` small letters or more that is no
      known word (``bzip₂``; ``ext⁴`` stays, the lexicon lists "ext"): a footnote follows
      a word, and a unit's power a unit of one or two letters (``m²``, ``cm³``).

    Not before a bracket (``sinh²(x)``: a function's power)."""
    i = len(out)
    while i and out[i - 1] in _ASCII_LETTERS:
        i -= 1
    name = "".join(out[i:])
    if not name or (i and out[i - 1] in _DIGITS):
        return False  # x123²: a variable's power (_inside_a_name_or_number reads names' numbers)
    after = t[k + 1 : k + 4]
    if len(after) == 3 and all(c in _ASCII_LOWER for c in after):
        return True
    if t[k + 1 : k + 2] in _TOKEN_CHARS or t[k + 1 : k + 2] == "(":
        return False
    if len(name) >= 3 and name[-1] == "v" and all(c in _ASCII_UPPER for c in name[:-1]):
        return True
    if i == 0 and len(name) >= 2 and k - len(out) >= 1 and t[k - len(out) - 1] == ".":
        return True  # .bz²: a file name's extension (the subscript: _disguised_subscript)
    if READINGS[t[k]][0] == "0" and len(name) >= 2:
        return True
    return (
        len(name) >= NAME_DIGIT_LETTERS
        and all(c in _ASCII_LOWER for c in name)
        and not known_word(name, use_lexicon)
    )


def _qualifies_nothing(t: str, k: int) -> bool:
    """Whether the superscript or subscript digit ``t[k]``, opening its token, has a
    small letter or a hyphen right after it (``³-way``, ``₆a``, ``⁶b``): nothing before
    it to qualify, and no isotope's mass number, which comes before an element's capital
    (``¹⁴C``, ``²³⁵U``)."""
    nxt = t[k + 1 : k + 2]
    return nxt in _ASCII_LOWER or (nxt == "-" and t[k + 2 : k + 3] in _ASCII_LETTERS)


_CHARGES = frozenset("\N{SUPERSCRIPT PLUS SIGN}\N{SUPERSCRIPT MINUS}")
_PAGE_SECTION_RE = re.compile(r"\([0-9][a-z]{0,4}\)")


def _inside_a_name_or_number(t: str, k: int, out: list[str]) -> bool:
    """Whether the superscript or subscript digit ``t[k]`` (``out``: its token read up
    to it) stands where no power, index or footnote can: between a name and its manual
    section (``wait₃(2)``), ending the number of a name of two letters or more
    (``aes25⁶``; ``x1²`` is a variable's power, ``SO4²⁻`` an ion's charge), or inside a number that goes on after a hyphen, after two digits or more
    that are no power of ten (``885⁹-15``; ``2⁸-1`` and ``10⁶-1`` are powers minus one)."""
    if (
        len(out) >= 2
        and all(c in _ASCII_LETTERS for c in out[-2:])
        and _PAGE_SECTION_RE.match(t, k + 1)
    ):
        return True  # (a page's name has two letters or more: x²(1) is maths)
    if not (out and out[-1] in _DIGITS):
        return False
    j = _number_start(t, k)
    nxt = t[k + 1 : k + 2]
    named = j >= 2 and t[j - 1] in _ASCII_LETTERS and t[j - 2] in _ASCII_LETTERS
    hyphened = j >= 3 and t[j - 1] == "-" and t[j - 2] in _ASCII_UPPER and t[j - 3] in _ASCII_UPPER
    if (named or hyphened) and nxt not in POSITIONAL_DIGITS and nxt not in _CHARGES:
        # a name's number (aes25⁶, ED2551⁹, UTF-1⁶); x1² is a variable's, SO4²⁻ a charge
        return True
    if _year_or_count_digit(t, j, k, nxt) or _iso_date_day(t, j, k, nxt):
        return True
    if nxt == "_" and t[k + 2 : k + 3] in _ASCII_ALNUM:
        return True  # an identifier's digit (x8⁶_64): no power is followed by an underscore
    if not (nxt == "-" and t[k + 2 : k + 3] in _DIGITS):
        return False
    base = t[j:k]
    return len(base) >= 2 and base.strip("0") != "1"


_ISO_DATE_HEAD_RE = re.compile(r"[0-9]{4}-[0-9]{2}-")
"""A date's year and month as ISO 8601 writes them, before its day."""


def _iso_date_day(t: str, j: int, k: int, nxt: str) -> bool:
    """Whether the superscript or subscript digit ``t[k]`` ends the one-digit-so-far day of
    an ISO 8601 date (``2024-03-1⁸``): no power or index ends a date."""
    return (
        k - j == 1
        and j >= 8
        and _ISO_DATE_HEAD_RE.fullmatch(t, j - 8, j) is not None
        and nxt not in _DIGITS
        and nxt not in POSITIONAL_DIGITS
    )


_ORDINAL_SUFFIXES = {"1": "st", "2": "nd", "3": "rd"}
"""English ordinal suffixes by last digit; any other digit, and 11 to 13, take ``th``."""


def ordinal_digit(out: list[str], digit: str, rest: str) -> bool:
    """Whether a character read as ``digit`` after the plain digits ``out`` of its token is
    a number's last digit because ``rest``, the rest of the token, is the English
    ordinal suffix that number takes (``Ʒrd`` is 3rd, ``1Ꝯth`` 19th; ``Ʒnd`` is no
    ordinal)."""
    if not all(c in _DIGITS for c in out):
        return False
    number = "".join(out) + digit
    suffix = "th" if number[-2:-1] == "1" else _ORDINAL_SUFFIXES.get(digit, "th")
    return rest.lower() == suffix


_NUMBER_PARTS = frozenset(".,")
"""What joins the digit groups of one number (``1,024``, ``3.141``)."""


def _year_or_count_digit(t: str, j: int, k: int, nxt: str) -> bool:
    """Whether the superscript digit ``t[k]`` ends a number of three plain digits
    ``t[j:k]`` that with it would be a year (:data:`decloak.chardata.YEAR_CENTURIES`) and
    that it cannot raise to a power: a square or cube (:data:`decloak.chardata.COMMON_POWERS`)
    only of a number that is no round one or power of two (``200²``, ``128²`` stay), and the
    superscript ends the number (no further superscript, charge, or dot and digit).
    ``198⁹``, ``202³``, ``102⁴``: a year or a count with its last digit raised.  A footnote
    mark on such a number reads as its digit too, the price of reading the years (the
    docs list it among the known limits)."""
    if t[k] in _SUBSCRIPT_DIGITS or k - j != 3 or nxt in POSITIONAL_DIGITS or nxt in _CHARGES:
        return False
    if j > 0 and (t[j - 1] in _NUMBER_PARTS or t[j - 1] in _ASCII_ALNUM):
        return False  # part of a longer number or a name (1,024², 3.141², x123²)
    if nxt in _NUMBER_PARTS and t[k + 2 : k + 3] in _DIGITS:
        return False
    base = int(t[j:k])
    if not cd.YEAR_CENTURIES[0] <= base // 10 <= cd.YEAR_CENTURIES[1]:
        return False
    return READINGS[t[k]][0] not in cd.COMMON_POWERS or (base % 10 != 0 and base.bit_count() != 1)


def _between_words(t: str, i: int, s: int, e: int) -> bool:
    """Whether ``t[i]`` stands alone between two words: one space on each side, an ASCII
    letter past each, or an opening bracket after (``These ⁴ fields``, ``version ₃
    capabilities``, ``exit status ⁰ (i.e. success)``).  A power, an
    index or a footnote mark attaches to what it qualifies (``10²``, ``x₁``, ``word¹``,
    a footnote's own ``¹ Source`` opening its line); a superscript or subscript digit
    spaced off from both words qualifies nothing and is the digit."""
    return (
        s + 2 <= i < e - 2
        and t[i - 1] == " "
        and t[i + 1] == " "
        and t[i - 2] in _ASCII_LETTERS
        and (t[i + 2] in _ASCII_LETTERS or t[i + 2] == "(")
    )


def _lone_digit(t: str, i: int, s: int, e: int) -> str | None:
    """The digit a lone character ``t[i]`` stands for in a number or a reference, else
    None: joined by one dot or hyphen to an ASCII digit ("OpenSSL Ȝ.0", "8859-Ꝫ",
    "①.21.10") or after a hyphen ending a name ("UTF-Ȣ"), or alone in the brackets
    of a manual page reference ("ctime(Ʒ)").

    Any character that reads as a digit but a Greek letter (maths: the ``θ`` of
    ``sin(θ)``, :data:`decloak.chardata.SYMBOL_LETTER_SCRIPTS`); a superscript only in
    a reference (``x²`` and ``10⁻³`` are powers).
    """
    ch = t[i]
    digit = _digit_reading(ch)
    if digit is None or (script_of(ch) in cd.SYMBOL_LETTER_SCRIPTS and is_alpha(ch)):
        return None  # (Greek musical notation is no letter: gethostbyname(𝈆))
    before = t[i - 1] if i > s else ""
    before2 = t[i - 2] if i - 1 > s else ""
    after = t[i + 1] if i + 1 < e else ""
    if before == "(" and after == ")" and (before2 in _ASCII_ALNUM or before2 == "_"):
        return digit
    if before == "(" and after == ")" and before2 == " " and i > s + 2 and t[i - 3] in _ASCII_ALNUM:
        return digit  # a manual page named apart from its section: "ext4 (₅)"
    if ch in POSITIONAL_DIGITS:
        # nor after a hyphen ending a number or a name (ISO 8859-₇, UTF-⁸): a power or
        # an index attaches to what it qualifies
        hyphened = before == "-" and before2 in _ASCII_ALNUM
        opening = before in ("", " ") and _qualifies_nothing(t, i)  # ³-way
        spaced = before == " " and after in _AFTER_SPACED  # "1, ², and 3", "be ⁰."
        # a zero quoted or bracketed with nothing to raise ("⁰", (⁰), and a number's
        # minus sign opening a word (-₁): no power, index or footnote stands there
        unraised = digit == "0" and before in _OPENING_MARKS
        negative = before == "-" and before2 in ("", " ", "(")
        if hyphened or opening or spaced or unraised or negative:
            return digit
        if _version_slot(t, i) or _between_words(t, i, s, e):
            return digit
        return None
    if joined_to_number(t, i, s, e) or (before == "-" and before2 in _ASCII_ALNUM):
        return digit
    if before in ("", " ") and after == "-" and t[i + 2 : i + 3] in _ASCII_LOWER:
        return digit  # a number opening a compound: "③-way", "ȣ-bit"
    return None


_OPENING_MARKS = frozenset("\"'([\N{LEFT DOUBLE QUOTATION MARK}\N{LEFT SINGLE QUOTATION MARK}")
"""Marks that open a quotation or a bracket: a superscript or subscript zero right after
one raises nothing (:func:`_lone_digit`)."""


def _runs(reading: list[str]) -> list[tuple[int, int]]:
    """The maximal runs of letters and of digits in a token's reading (offsets)."""
    out: list[tuple[int, int]] = []
    start = 0
    for k in range(1, len(reading) + 1):
        if k == len(reading) or is_alpha(reading[k]) != is_alpha(reading[start]):
            out.append((start, k))
            start = k
    return out


COMPOUND_PART = 4
"""Shortest part of a word read as two known words ("passwordless", "filesystem"): the
lexicon holds short words of many languages, and Turkish "hakkına" read with an i is
"hak" and "kina"."""


def _known_or_derived(low: str, use_lexicon: bool | None) -> bool:
    if lexicon.is_known_latin(low, use_lexicon):
        return True
    return any(
        low.endswith(ending)
        and len(low) - len(ending) >= 3
        and bool(lexicon.is_known_latin(low[: -len(ending)], use_lexicon))
        for ending in cd.ENDINGS
    )


def known_word(word: str, use_lexicon: bool | None) -> bool:
    """A known word (the lexicon), a known word with a common ending
    ("discoverable": the lexicon lists frequent words, not every derived form), or two
    known words written as one ("filesystems": :data:`COMPOUND_PART`)."""
    low = word.casefold()
    if _known_or_derived(low, use_lexicon):
        return True
    return any(
        bool(lexicon.is_known_latin(low[:k], use_lexicon))
        and _known_or_derived(low[k:], use_lexicon)
        for k in range(COMPOUND_PART, len(low) - COMPOUND_PART + 1)
    )


def _form_word(word: str, use_lexicon: bool | None) -> bool:
    """:func:`known_word`, or a rarer long English word read whole
    (:func:`decloak.lexicon.is_rare_word`: ``suᵇsystem``, ``executab𞺀e``): a letter
    form inside a long ASCII word that then reads as a real word is no orthography's
    letter, and technical English is full of words below the lexicon's floor."""
    return known_word(word, use_lexicon) or bool(lexicon.is_rare_word(word, use_lexicon))


ALIEN_ASCII = 3
"""Fewest ASCII letters of a word read through characters of scripts its unit writes
nothing else in (:func:`_accepted`: ``𐲂session``, ``topleve꣎``)."""


def _accepted(
    t: str,
    mine: list[int],
    word: str,
    ascii_letters: int,
    cfg: Config,
    alien: Callable[[int, list[int]], bool] | None = None,
) -> bool:
    """Whether a run of a token's reading is restored (see the module docstring).

    A run of digits always (its digits were read by the rule).  A run of letters, of two
    or more: an acronym (capitals, two of them ASCII: ``IRⅤ``); a word with another
    script's letter (Cherokee, mathematical Greek) beside ASCII letters, never real text
    there; a word of :data:`ALIEN_ASCII` ASCII letters or more with characters of scripts
    its unit writes nothing else in (``alien``: Old Hungarian ``𐲂session``, Hebrew
    ``textconט``, a Saurashtra danda in ``topleve꣎``), where no orthography of that
    script can be at work; else a known word (:func:`known_word`), of three letters or
    more when fewer than one is ASCII or a symbol stands in ("s।", a letter and a danda, say too little),
    unless the two, a sign and an ASCII letter, stand alone between words of prose and
    spell one of :data:`decloak.chardata.ENGLISH_TWO_LETTER_WORDS` in small letters, or
    capitalised where a sentence opens (:func:`_spaced_pair`).
    """
    if not _all(is_alpha, word):
        return True
    if len(word) < 2:
        return False
    if _all(is_upper, word) and ascii_letters >= 2:
        return True
    symbols = any(category(t[k])[0] in "PS" and t[k] not in NFKC_FORMS for k in mine)
    if ascii_letters >= 1 and all(_foreign(t, k) for k in mine):
        return True
    if alien is not None and ascii_letters >= ALIEN_ASCII and all(alien(k, mine) for k in mine):
        return True  # 𐲂session, textconט, topleve꣎: a script the unit writes nowhere else
    if len(word) < 3 and (ascii_letters < 1 or symbols):
        # but "all o𐅾 the", "🝨o do it", "𑃀n addition": one sign and one ASCII letter
        # spelling a short word of the sentence
        return (
            len(mine) == 1
            and ascii_letters == 1
            and (a := _spaced_pair(t, mine[0])) is not None
            and word.lower() in cd.ENGLISH_TWO_LETTER_WORDS
            and (_all(is_lower, word) or (_all(is_lower, word[1:]) and _sentence_start(t, a)))
        )
    return _form_word(word, cfg.use_lexicon)


def _modifier_pair_word(t: str, k: int, out: list[str]) -> bool:
    """Whether the modifier letter ``t[k]`` after the one small ASCII letter ``out``
    spells an English two-letter word standing alone between words of prose
    (``read aˢ text``, ``set uᵖ the``; :func:`_spaced_pair`), where maths would raise
    no letter but one of :data:`decloak.chardata.EXPONENT_LETTERS` (``aⁿ``, ``xʸ``)."""
    if len(out) != 1 or out[0] not in _ASCII_LOWER or k == 0 or t[k - 1] != out[0]:
        return False
    letter = READINGS[t[k]][:1]
    return (
        letter in _ASCII_LOWER
        and letter not in cd.EXPONENT_LETTERS
        and out[0] + letter in cd.ENGLISH_TWO_LETTER_WORDS
        and _spaced_pair(t, k) == k - 1
    )


def _spaced_pair(t: str, k: int) -> int | None:
    """Where the two-character token made of the sign ``t[k]`` and the ASCII letter
    beside it starts, when it stands alone between words: a space or a line's start
    before it, a space, a line's end or a sentence's punctuation after it, and an ASCII
    letter one space away on one side at least ("all o𐅾 the rights"); else None.  A
    sign glued to a letter in a formula or a table (``x→``, ``│a``) has no such
    neighbours, or spells no word."""
    a = k if k + 1 < len(t) and t[k + 1] in _ASCII_LETTERS else k - 1
    b = a + 2
    if a < 0 or b > len(t) or (a > 0 and t[a - 1] not in " \n"):
        return None
    if b < len(t) and t[b] not in _PAIR_ENDS:
        return None
    left = a >= 2 and t[a - 2] in _ASCII_LETTERS
    right = b + 1 < len(t) and t[b] == " " and t[b + 1] in _ASCII_LETTERS
    return a if left or right else None


_PAIR_ENDS = frozenset(" \n,.;:!?")
"""What may follow a short word of prose (:func:`_spaced_pair`)."""


def known_listed(word: str, use_lexicon: bool | None) -> bool:
    """A known word, or one with a common ending: :func:`known_word` without its
    compounds."""
    return _known_or_derived(word.casefold(), use_lexicon)


def _listed(reading: list[str], cfg: Config) -> bool:
    """Whether the word ``reading`` spells is known as one word: listed, or listed with
    a common ending (:func:`known_word` without its compounds)."""
    return _known_or_derived("".join(reading).casefold(), cfg.use_lexicon)


def _alternatives(t: str, a: int, reading: list[str], mine: list[int]) -> list[list[str]]:
    """The reading with one character read another way (ſ is s or f), bounded."""
    out = []
    for k in mine:
        for r in READINGS.get(t[k], "")[:4]:
            if is_alpha(r) and r.lower() != reading[k - a].lower():
                alt = list(reading)
                alt[k - a] = r
                out.append(alt)
    return out


PLAIN_WORD = 4
"""Shortest word read as the unit's own vocabulary (:func:`plain_words`)."""
_PLAIN_RE = re.compile(f"(?<![{_TOKEN_RE}])[0-9A-Za-z]{{{PLAIN_WORD},}}(?![{_TOKEN_RE}])")


def plain_words(t: str, s: int, e: int) -> frozenset[str]:
    """The tokens ``t[s:e]`` writes in plain ASCII (of :data:`PLAIN_WORD` characters or
    more): a word no lexicon lists (a command, ``dgst``) that the same paragraph spells
    plainly (``openssl dgƽt``, ``man openssl-dgst``) is the word.  One scan per unit,
    made only when a word is left unread."""
    return frozenset(_PLAIN_RE.findall(t, s, e))


def _stray(t: str, a: int, b: int, fixed: dict[int, str]) -> int | None:
    """The position of the one character of the token ``t[a:b]`` beyond ASCII when it
    sits inside an ASCII word (ASCII letters on both sides: ``gᴢip``, ``PostgreSꟴL``)
    and is not one of :data:`_NEVER_STRAY`, else None.

    Such a character, left unrestored because its word is no known word, is flagged
    (:data:`CONF_STRAY`) when nothing marks it as a letter of real text: a real word
    with it has a second letter beyond ASCII (Turkish ``Kırmızı``), or stands in a unit
    that shows its orthography, brackets it as IPA, or uses the character elsewhere
    (:func:`latin_like` checks those).  A modifier letter ending a word is notation
    (``aᵢ``), not inside a word."""
    spots = [k for k in range(a, b) if t[k] not in _ASCII_ALNUM and k not in fixed]
    if len(spots) != 1:
        return None
    k = spots[0]
    if not (a < k < b - 1 and _inside_ascii_word(t, k)):
        return None
    if t[k] in _NEVER_STRAY:
        return None
    return k


def _flag_strays(
    t: str, s: int, e: int, strays: list[tuple[int, int, int]], real: set[str], out: list[Rec]
) -> None:
    """Flag, without repairing, the characters :func:`_stray` found in tokens left
    unrestored ((position, token start, end)) when nothing marked the character real
    (``real``) and the unit ``t[s:e]`` holds it nowhere else: a letter of real text
    comes back in other words, a disguise's character is alone."""
    uses = Counter(JUDGED_FORMS_RE.findall(t, s, e))
    for k, a, b in strays:
        ch = t[k]
        if uses[ch] != 1 or ch in real:
            continue
        reading = letter_reading(ch, t[k - 1], t[k + 1]) or READINGS[ch][0]
        word = t[a:k] + reading + t[k + 1 : b]
        if category(ch) == "Lm" and ch not in cd.IPA_MODIFIER_MARKS and is_alpha(reading):
            # a raised or lowered letter inside a word is typography of no orthography
            why = (
                f"{label(ch)}, a raised or lowered letter, stands inside the ASCII word "
                f"{t[a:b]!r}, which reads {word!r}; nothing else in the text uses it"
            )
            kind = Kind.COMPAT_LETTER if ch in NFKC_FORMS else Kind.HOMOGLYPH
            out.append(Rec(k, k + 1, kind, reading, CONF_FORM, why))
            continue
        why = (
            f"{label(ch)} stands inside the ASCII word {t[a:b]!r}; read as {reading!r} the "
            f"word is {word!r}, which the lexicon does not know, so it is left as it is; "
            "but nothing else in the text uses this character as a letter"
        )
        kind = Kind.COMPAT_LETTER if ch in NFKC_FORMS else Kind.HOMOGLYPH
        out.append(Rec(k, k + 1, kind, reading, CONF_STRAY, why, repair=False))


def latin_like(
    t: str,
    s: int,
    e: int,
    cfg: Config,
    out: list[Rec],
    fixed: dict[int, str],
) -> None:
    """Restore the characters of ``t[s:e]`` (a unit judged Latin text) that read as ASCII
    letters or digits without being another alphabet's letters (module docstring).

    ``fixed`` maps positions other detectors already restored to what they became.
    The letters stage calls this only for units where :func:`near_token` found a
    character worth reading (it asks the kernel back for no other), so that scan is
    not repeated here; on any other unit the result is the same, only slower.
    """
    if not cfg.homoglyphs:
        return
    found: list[tuple[int, str, int, int]] = []  # (position, reading, token start, end)
    native: set[str] = set()
    # characters marked real by more than a word left unread (orthography, IPA, a
    # neighbouring letter, a table's symbol), and the ones :func:`_stray` finds in
    # tokens left unrestored: (position, token start, end)
    real: set[str] = set()
    strays: list[tuple[int, int, int]] = []
    rtl_text: bool | None = None  # looked up at the first token read
    apart: frozenset[str] | None = None  # looked up at the first symbol read
    keep: bool | None = None  # looked up at the first lone typeface digit
    vocabulary: frozenset[str] | None = None  # looked up at the first word left unread
    scripts: tuple[Counter[str], Counter[str]] | None = None  # at the first digit-only letter
    lone_words: list[tuple[int, str]] = []  # lone look-alikes of "a" and "I" between words
    prose: bool | None = None  # looked up when first asked (known_prose)
    sure: set[int] = set()  # technical letters read in known prose, whatever else stays
    technical_words: list[tuple[int, str, int, int]] = []  # words of technical letters only

    def in_prose() -> bool:
        """Whether the unit is prose the lexicon knows (:func:`known_prose`, one scan
        per unit, made when first asked)."""
        nonlocal prose
        if prose is None:
            prose = known_prose(t, s, e, cfg.use_lexicon)
        return prose

    def alien(k: int, mine: list[int]) -> bool:
        """Whether ``t[k]`` is of a script (not Latin, Greek, Cyrillic, Armenian, nor a
        neutral one) that the unit writes nowhere but in ``mine``."""
        nonlocal scripts
        sc = script_of(t[k])
        if sc in NEUTRAL_SCRIPTS or sc in cd.LONE_LETTER_SCRIPTS:
            return False
        if scripts is None:
            scripts = _script_counts(t, s, e)
        own = sum(1 for j in mine if script_of(t[j]) == sc and category(t[j])[0] in "LN")
        return scripts[0][sc] <= own

    def stray_script(ch: str) -> bool:
        nonlocal scripts
        if ch not in _LONE_DIGIT_LETTERS:
            return False
        if scripts is None:
            scripts = _script_counts(t, s, e)
        every, digit_like = scripts
        return every[script_of(ch)] == digit_like[script_of(ch)]

    if search_verified(ORTHOGRAPHY_RE, ORTHOGRAPHY, t, s, e) or DECOMPOSED_LATIN_RE.search(t, s, e):
        native.update(LATIN_LIKE_LETTERS)  # Icelandic þ, Turkish ı: letters of the text
        real.update(JUDGED_FORMS)
        if native.issuperset(c for c in JUDGED_FORMS_RE.findall(t, s, e) if c in JUDGED_FORMS):
            return  # Turkish with its ı and nothing else: no token can be restored
    done = s
    for m in JUDGED_FORMS_RE.finditer(t, s, e):
        i = m.start()
        if i < done or t[i] not in JUDGED_FORMS or t[i] in native or _opening_mark(t, i, s):
            continue  # (a token with a character of the text is read from its others)
        a, b = _token(t, i, s, e)
        done = b
        own = [t[k] for k in range(a, b) if t[k] in JUDGED_FORMS and k not in fixed]
        if apart is None and any(c in _SYMBOL_FORMS for c in own):
            apart = symbols_apart(t, s, e)
            native.update(apart)  # the unit's own symbols (a drawn table's │)
            real.update(apart)
        if own and native.issuperset(own):
            continue  # nothing left to restore (a Turkish ı, a table's │)
        if own and b - a == 1 and (digit := _lone_digit(t, a, s, e)) is not None:
            found.append((a, digit, a, b))
            continue
        if own and b - a == 1 and t[a] in cd.ORDINAL_INDICATORS and _between_words(t, a, s, e):
            found.append((a, READINGS[t[a]][0], a, b))  # case of ª disagreement
            continue
        if own and b - a == 1 and t[a] in _ZERO_SYMBOLS and t[a + 1 : a + 2] != "(":
            found.append((a, "0", a, b))  # exit status is 𝞞 if; between ⓪ and 255
            continue
        if own and b - a == 1 and stray_script(t[a]):
            digit = SCRIPT_DIGITS.get(t[a]) or _digit_reading(t[a]) or ""
            found.append((a, digit, a, b))  # section Ꮞ., with ዐ., default: ૩
            continue
        if own and b - a == 1 and t[a] in TECHNICAL_DIGITS:
            if in_prose():
                found.append((a, READINGS[t[a]][0], a, b))  # and Ƨ seconds of delay
            continue
        if own and b - a == 1 and t[a] in TYPEFACE_DIGITS:
            # a digit in another typeface alone between words (not in a formula)
            if keep is None:
                keep = _keeps_typeface(t, s, e, fixed)
            if not keep:
                found.append((a, READINGS[t[a]][0], a, b))
            continue
        if (
            own
            and b - a == 1
            and READINGS[t[a]][0] in cd.ENGLISH_ONE_LETTER_WORDS
            and _between_words(t, a, s, e)
        ):
            lone_words.append((a, READINGS[t[a]][0]))  # read if the unit shows a disguise
            continue
        if not own or b - a < 2:
            continue  # a lone character is a symbol: ⅰ), ², ɪ in a transcription
        if (
            (a > s and _other_letter(t[a - 1]))
            or (b < e and _other_letter(t[b]))
            or (a > s and b < e and t[a - 1] in _IPA_OPEN and t[b] in _IPA_CLOSE)
        ):
            # a real orthography or another script's text around (ışık, ၅၀၀), or IPA:
            # the characters are letters there (a token's own characters are ASCII or
            # reading characters, so only its neighbours can be other letters)
            native.update(own)
            real.update(own)
            continue
        if rtl_text is None:
            rtl_text = holds_rtl_text(t, s, e)
        reading = _read(t, a, b, fixed, rtl_text, stray_script, cfg.use_lexicon)
        if reading is None:
            native.update(own)
            if (k := _stray(t, a, b, fixed)) is not None:
                strays.append((k, a, b))
            continue
        # an l/I look-alike after a capital reads I, unless only l spells a word ("P𝚰ease")
        settle_l_or_i(reading, "".join(fixed.get(k, t[k]) for k in range(a, b)), cfg.use_lexicon)
        letters_for_digits(reading, t[a:b], cfg.use_lexicon, _sentence_start(t, a))
        for ra, rb in _runs(reading):
            mine = [a + k for k in range(ra, rb) if t[a + k] in JUDGED_FORMS and a + k not in fixed]
            after_number = ra > 0 and is_digit(reading[ra - 1]) and is_alpha(reading[ra])
            if after_number and mine and all(reading[k - a] in _ASCII_UPPER for k in mine):
                # a capital after a number is a unit's letter (1ᴹB, 64ᴷiB): ordinal
                # endings are small letters
                found += [(k, reading[k - a], a, b) for k in mine]
                continue
            if not mine or after_number:
                continue  # 1º, 2ª, 3rd: letters after a number are its ending
            # a letter another detector restored counts as the ASCII it becomes (else
            # a second cleaning, seeing it ASCII, would judge the run otherwise)
            ascii_letters = sum(
                1 for k in range(ra, rb) if t[a + k] in _ASCII_ALNUM or a + k in fixed
            )
            candidates = [reading, *_alternatives(t, a, reading, mine)]
            chosen = next(
                (
                    r
                    for r in candidates
                    if _accepted(t, mine, "".join(r[ra:rb]), ascii_letters, cfg, alien)
                ),
                None,
            )
            if (
                chosen is not None
                and len(candidates) > 1
                and not _listed(chosen[ra:rb], cfg)
                and known_word("".join(chosen[ra:rb]), cfg.use_lexicon)
            ):
                # one known word beats two written as one: ſ is an s by NFKC, but
                # "Thereſore" is no "there" + "sore"
                chosen = next(
                    (
                        r
                        for r in candidates
                        if _listed(r[ra:rb], cfg)
                        and _accepted(t, mine, "".join(r[ra:rb]), ascii_letters, cfg, alien)
                    ),
                    chosen,
                )
            if (
                chosen is None
                and ascii_letters >= rb - ra - 1 >= PLAIN_WORD - 1
                and not any(t[k] in real or t[k] in _LATIN1 for k in mine)
            ):
                # the unit's own vocabulary: the word, written plainly elsewhere in it
                # (not in a unit showing an orthography, nor for a Latin-1 typo)
                if vocabulary is None:
                    vocabulary = plain_words(t, s, e)
                if "".join(reading[ra:rb]) in vocabulary:
                    chosen = reading
            if chosen is None and _opening_modifier(t, a, b, mine, s):
                chosen = reading
            if chosen is None and _page_name(t, a, b, ascii_letters) and in_prose():
                chosen = reading  # gethoꜱtname(2): a manual page's name is ASCII
            if (
                chosen is None
                and not any(t[k] in real for k in mine)
                and _technical_word(t, mine, reading[ra:rb], ascii_letters)
                and in_prose()
            ):
                chosen = reading  # lexiᴄographically: no orthography's letter
                sure.update(mine)
            if chosen is None:
                technical = any(t[k] in TECHNICAL_LETTERS for k in mine) and in_prose()
                # a word left unread makes its letters the unit's own, but a technical
                # letter in known prose is no orthography's ("cꭤn Ƅꬲ used": still "represꬲnt")
                native.update(t[k] for k in mine if t[k] not in TECHNICAL_LETTERS or not technical)
                if technical and _technical_word_alone(t, mine, reading[ra:rb], ascii_letters, cfg):
                    # "cꭤn Ƅꬲ used": read if the unit shows a disguise elsewhere
                    technical_words += [(k, reading[k - a], a, b) for k in mine]
                    continue
                if (k := _stray(t, a, b, fixed)) is not None:
                    strays.append((k, a, b))
                continue
            found += [(k, chosen[k - a], a, b) for k in mine]
    if technical_words and (found or fixed):
        found += technical_words
    if lone_words and (found or fixed):
        # "Shows ɑ list": the word "a", in a paragraph disguised elsewhere
        found += [(k, r, k, k + 1) for k, r in lone_words]
    if strays:
        _flag_strays(t, s, e, strays, real, out)
    by_token: dict[tuple[int, int], list[tuple[int, str, float]]] = {}
    for k, rep, a, b in found:
        if t[k] not in native or k in sure:
            by_token.setdefault((a, b), []).append((k, rep, CONF_FORM))
    for (a, b), items in by_token.items():
        reads = list(t[a:b])
        for k, rep, _ in items:
            reads[k - a] = rep
        names = ", ".join(dict.fromkeys(label(t[k]) for k, _, _ in items))
        why = (
            "characters that only look like Latin letters or digits stand in for them in "
            f"{t[a:b]!r}, which reads {''.join(reads)!r} ({names})"
        )
        fixed.update((k, rep) for k, rep, _ in items)
        compat = [it for it in items if t[it[0]] in NFKC_FORMS]
        plain = [it for it in items if t[it[0]] not in NFKC_FORMS]
        if plain:
            emit_runs(out, plain, Kind.HOMOGLYPH, why)
        if compat:
            emit_runs(out, compat, Kind.COMPAT_LETTER, why)
