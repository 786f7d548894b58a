"""Text disguised throughout: every word, and its punctuation, read as a reader sees it.

Some generators swap *every* character for a random confusable (PyRIT's confusable
converter: ``Ρ𝘐℮𝝰𝙨𝚎 𝐮𝘀ℯ 𝜾⍴ 𝖨𝒾𝖓𝙠 ...`` for "Please use ip link ..."), punctuation
included (``‚`` for a comma, ``ˊ`` for an apostrophe, ``𝅭`` for a full stop) and ASCII
itself (``l`` for ``I``, ``|`` for ``l``, ``0`` for ``O``).  Word by word, the ordinary
rules leave much of such a paragraph: a word of four scripts and two symbols is no
word of any of them.  But the paragraph as a whole is unmistakable, and the ordinary
rules have already repaired many of its words.

A Latin unit is *saturated* (:func:`is_saturated`) when it has at least
:data:`MIN_WORDS` words, at least :data:`DISGUISED_SHARE` of them hold a character that
reads as an ASCII letter, digit or punctuation mark without being one, at most
:data:`NATIVE_SHARE` hold a letter that reads as nothing ASCII, and at least
:data:`REPAIRED_SHARE` of them were repaired by the ordinary rules.  Real text does not
look like that: IPA and maths units hold such characters in few words and have none
repaired, and real text in another alphabet or in an orthography beyond ASCII (``п``,
``é``, ``ş``) has letters that read as nothing ASCII in most of its words.

In a saturated unit every word the ordinary rules did not settle is read again
(:func:`read_saturated`): letters and digits by their readings (``l``/``I``/``1`` and
``O``/``0`` by the characters around, else by the lexicon), punctuation look-alikes
(the generated ``SHAPES`` table) by the mark they show, except quotation marks and
dashes, which real typography uses: those only where no typography puts them, a dash
inside a word or a number or opening a word (``8﹘bit``, ``‑instr``), a quotation mark
between letters (``doesn‛t``) or closing a word the unit's reading opened with an
ASCII one (``'perl’``).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Iterator, Sequence

from .. import chardata as cd
from .. import lexicon
from ..config import Config
from ..model import Kind
from ..unicode import category
from .classes import COMPAT, NFKC_FORMS, READINGS, SHAPES
from .forms import ordinal_digit, settle_long_s
from .records import Rec, emit_runs

MIN_WORDS = 5
"""Fewest words a saturated unit has (a short line says too little)."""
DISGUISED_SHARE = 0.75
"""Share of its words holding a character that reads as ASCII without being it."""
REPAIRED_SHARE = 0.3
"""Share of its words the ordinary rules repaired."""
NATIVE_SHARE = 0.25
"""Largest share of its words holding a letter that reads as no ASCII letter (``п``,
``ş``, ``ಕ``): the letters of a real alphabet."""
MAX_AMBIGUOUS = 4
"""At most this many l/I/1 or O/0 spots of a word are tried against the lexicon."""
CONF_SATURATED = 0.7
"""Confidence of a character read only because its unit is disguised throughout."""

_TOKEN_RE = re.compile(r"\S+")
_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")
_TYPOGRAPHY = frozenset({"Pi", "Pf", "Pd"})
"""Quotation marks and dashes: real typography (``’``, ``–``), never read as ASCII."""
_SENTENCE_ENDS = frozenset(".!?:")
_L_GROUP = ("l", "I")
_PIN = "="

_O_GROUP = ("O", "0")


def _digit(c: str) -> bool:
    """An ASCII digit (readings are ASCII; a character kept as it is may not be)."""
    return c.isascii() and c.isdigit()


def _alpha(c: str) -> bool:
    return c.isascii() and c.isalpha()


def _upper(c: str) -> bool:
    return c.isascii() and c.isupper()


def _lower(c: str) -> bool:
    return c.isascii() and c.islower()


def _alnum(c: str) -> bool:
    return c.isascii() and c.isalnum()


def _reads(ch: str) -> bool:
    """Whether ``ch`` reads as an ASCII letter, digit or mark without being one."""
    if ch.isascii():
        return False
    if ch in READINGS or ch in COMPAT:
        return True
    return ch in SHAPES and category(ch) not in _TYPOGRAPHY


def _native(ch: str) -> bool:
    """A letter beyond ASCII that reads as nothing ASCII: a real alphabet's letter."""
    return not ch.isascii() and ch not in READINGS and ch not in COMPAT and category(ch)[0] == "L"


def is_saturated(t: str, s: int, e: int, repaired: Sequence[tuple[int, ...]]) -> bool:
    """Whether the Latin unit ``t[s:e]`` is disguised throughout (module docstring);
    ``repaired``: every record the ordinary rules made in it, or its (start, end)
    (the records themselves: the test below mostly answers from their number)."""
    # cheap tests first (an attacked article has a repair every few hundred words):
    # a repaired word has a record, a disguised word a character beyond ASCII, and
    # words are about as many as spaces (half as many, with double spacing)
    spaced = t.count(" ", s, e) + t.count("\n", s, e) + 1
    if len(repaired) < REPAIRED_SHARE * spaced / 2:
        return False
    words = len(_TOKEN_RE.findall(t, s, e))
    if words < MIN_WORDS or len(repaired) < REPAIRED_SHARE * words:
        return False
    if len(_NON_ASCII_RE.findall(t, s, e)) < DISGUISED_SHARE * words:
        return False
    tokens = [m.span() for m in _TOKEN_RE.finditer(t, s, e)]
    disguised = sum(1 for a, b in tokens if any(_reads(t[k]) for k in range(a, b)))
    if disguised < DISGUISED_SHARE * len(tokens):
        return False
    native = sum(1 for a, b in tokens if any(_native(t[k]) for k in range(a, b)))
    if native > NATIVE_SHARE * len(tokens):
        return False  # words of a real alphabet: Russian has а and о, and п and д
    starts = sorted(r[0] for r in repaired)
    hit = 0
    j = 0
    for a, b in tokens:
        while j < len(starts) and starts[j] < a:
            j += 1
        if j < len(starts) and starts[j] < b:
            hit += 1
    return hit >= REPAIRED_SHARE * len(tokens)


def _candidates(ch: str, prev: str, nxt: str) -> tuple[str, ...]:
    """What ``ch`` may stand for in a word of a saturated unit, the likeliest first."""
    if ch.isascii():
        return (ch,)  # ASCII is itself, but for the few shapes _ascii_shapes re-reads
    folded = COMPAT.get(ch, "")
    if ch in NFKC_FORMS and folded.isascii() and folded:
        if _digit(folded) and _alpha(prev) and _alpha(nxt):
            # a digit form among letters passes for the letter (𝟏 in "disp𝟏ay")
            letters = [r for r in READINGS.get(ch, "") if _alpha(r)]
            if letters:
                return _L_GROUP if set(letters) & {"l", "I"} else (letters[0],)
        # a compatibility form is its letter (𝐁 is B, ｌ is l); an l or I is pinned
        # (_default_case keeps it but for a capital I inside a lowercase word)
        return (folded, _PIN) if folded in "lI" else (folded,)
    if ch in SHAPES and ch not in READINGS:
        if category(ch) == "Pd" and (_alnum(prev) or not prev) and _alnum(nxt):
            # a dash inside a word or a number is a hyphen (point–to–point, 8﹘bit,
            # 646‒IRV), and one opening a word an option's (‑instr)
            return (SHAPES[ch],)
        if SHAPES[ch] == "'" and _alpha(prev) and _alpha(nxt):
            return ("'",)  # an apostrophe inside a word (doesn‛t)
        if category(ch) not in _TYPOGRAPHY:
            return (SHAPES[ch],)
    readings = READINGS.get(ch) or COMPAT.get(ch, "")
    if not readings:
        return (ch,)
    digits = [r for r in readings if _digit(r)]
    letters = [r for r in readings if _alpha(r)]
    if digits and (_digit(prev) or _digit(nxt) or not letters):
        return (digits[0],)
    if set(letters) & {"l", "I"}:
        return _L_GROUP
    if set(letters) & {"O"}:
        return _O_GROUP if not letters or letters[0] == "O" else (letters[0],)
    return (letters[0],) if letters else (ch,)


def _known(word: str, use_lexicon: bool | None) -> bool:
    """A known word, or one followed by a number (``file1``, ``ASN1``)."""
    stem = word.rstrip("0123456789")
    return bool(lexicon.is_known_latin(word, use_lexicon)) or (
        stem != word and len(stem) >= 3 and bool(lexicon.is_known_latin(stem, use_lexicon))
    )


def _read_token(token: str, use_lexicon: bool | None, sentence_start: bool) -> str:
    """The token as a reader sees it: each character's likeliest reading, the l/I and
    O/0 spots of each word read by the letters around, else the choice that makes a
    known word (a final l/I spot may be a ``1``: ``file1``)."""
    raw = list(token)
    out: list[str] = []
    options: list[tuple[str, ...]] = []
    for k, ch in enumerate(raw):
        prev = out[-1] if out else ""
        nxt = raw[k + 1] if k + 1 < len(raw) else ""
        nxt_read = (
            nxt if nxt.isascii() else (READINGS.get(nxt, "") or COMPAT.get(nxt, "") or nxt)[:1]
        )
        opts = _candidates(ch, prev, nxt_read)
        options.append(opts)
        out.append(opts[0])
    # words: maximal runs of letters in the reading; ambiguous spots tried on the lexicon
    for a, k in _runs_of(out):
        spots = [j for j in range(a, k) if len(options[j]) > 1 and options[j][-1] != _PIN]
        pinned = [j for j in range(a, k) if options[j][-1] == _PIN]
        if pinned and not spots:
            out[a:k] = _default_case(out, options, a, k, sentence_start and a == 0)
            continue
        if not spots:
            continue
        if (
            a == 0
            and spots[0] == 0
            and "1" in READINGS.get(raw[0], "")
            and ordinal_digit([], "1", "".join(out[1:k]))
        ):
            out[0] = "1"  # ¹st: a number before its ordinal suffix ("Ist" passes for German)
            continue
        if k - a == 1:
            out[a] = _lone(options[a], raw[k] if k < len(raw) else "")
            continue
        best = _default_case(out, options, a, k, sentence_start and a == 0)
        acronym = k - a >= 2 and _upper("".join(best))
        if len(spots) <= MAX_AMBIGUOUS and not acronym and not _known("".join(best), use_lexicon):
            choices = [
                options[j] + ("1",) if "l" in options[j] and j == k - 1 else options[j]
                for j in spots
            ]
            for combo in itertools.product(*choices):
                trial = list(best)
                for j, r in zip(spots, combo, strict=True):
                    trial[j - a] = r
                if _known("".join(trial), use_lexicon):
                    best = trial
                    break
        out[a:k] = best
    if (
        len(out) >= 3
        and out[0] == "'"
        and SHAPES.get(raw[-1]) == "'"
        and not raw[-1].isascii()
        and _alpha(out[-2])
    ):
        out[-1] = "'"  # 'perl’: the quotation closes as the reading opened it
    pinned_at = {j for j, o in enumerate(options) if o[-1] == _PIN}
    _ascii_shapes(out, raw, sentence_start, use_lexicon, pinned_at)
    _long_s_words(out, raw, use_lexicon)  # after the shapes: "ſоⅠ|о𝑤𝘪𝕟𝐠" holds a |
    _digits_in_words(out, use_lexicon, sentence_start)
    return "".join(out)


_DIGIT_LETTERS = {"1": ("l", "I"), "0": ("o", "O")}
"""The letters a 1 and a 0 show: a generator swaps them for each other."""
NUMBER_ENDINGS = frozenset({"st", "nd", "rd", "th", "s"})
"""Letters that follow a number as its ending (``1st``, ``10th``, ``100s``): such a
word is a number, not a word of digits in disguise."""


def _digits_in_words(out: list[str], use: bool | None, sentence_start: bool) -> None:
    """Re-read, in place, the 1s and 0s of each word of letters and digits as the letters
    they show (l or I, o or O) when that, and only that, spells a known word:
    ``a11`` is "all", ``typica11y`` "typically", ``0therwise`` "Otherwise", ``CAUT10N``
    "CAUTION".  The generator swaps them (for ``l`` and ``O``, and for typeface digits)
    in a unit already judged disguised throughout; a number with its ending (``10th``)
    and a name's number (``file1``: "filel" is no word) stay.  At most
    :data:`MAX_AMBIGUOUS` digits of a word are tried."""
    for a, k in _runs_of(out, _alnum):
        spots = [j for j in range(a, k) if out[j] in _DIGIT_LETTERS]
        if not spots or len(spots) > MAX_AMBIGUOUS:
            continue  # (bounded before the others are gathered: a long run costs linear time)
        others = [out[j] for j in range(a, k) if j not in spots]
        if (
            not others
            or not all(_alpha(c) for c in others)
            or "".join(others).lower() in NUMBER_ENDINGS
        ):
            continue
        capitals = all(_upper(c) for c in others) and len(others) >= 2
        choices: list[tuple[str, ...]] = []
        for j in spots:
            small, capital = _DIGIT_LETTERS[out[j]]
            opening = j == a and (sentence_start or _upper(out[j + 1] if j + 1 < k else ""))
            if out[j] == "0":  # o or O: the same letter, cased as the word
                choices.append((capital if capitals or opening else small,))
            else:  # l or I: two letters, the word's case first
                choices.append((capital, small) if capitals or opening else (small, capital))
        for combo in itertools.product(*choices):
            trial = out[a:k]
            for j, r in zip(spots, combo, strict=True):
                trial[j - a] = r
            if _known("".join(trial), use):
                out[a:k] = trial
                break


def _long_s_words(out: list[str], raw: list[str], use_lexicon: bool | None) -> None:
    """Each word's long s read as the f it shows when that spells the far more frequent
    English word (:func:`.forms.settle_long_s`: ``ſ𝕚𝗲ǀᏧ`` is "field")."""
    for a, k in _runs_of(out):
        if cd.LONG_S in raw[a:k]:
            word = out[a:k]
            settle_long_s(word, "".join(raw[a:k]), use_lexicon)
            out[a:k] = word


def _runs_of(out: list[str], member: Callable[[str], bool] = _alpha) -> Iterator[tuple[int, int]]:
    """The maximal runs of ``member`` characters (ASCII letters, or with ``_alnum``
    letters and digits) in a token's reading, as (start, end), each found before it is
    yielded: the caller may rewrite a run in place, at the same length."""
    k = 0
    while k < len(out):
        if not member(out[k]):
            k += 1
            continue
        a = k
        while k < len(out) and member(out[k]):
            k += 1
        yield a, k


def _ascii_shapes(
    out: list[str], raw: list[str], sentence_start: bool, use: bool | None, pinned: set[int]
) -> None:
    """Re-read, in place, the ASCII characters a generator swaps among themselves (``l``,
    ``I``, ``1``, ``|``; ``O``, ``0``), by the characters around and the lexicon:

    - beside a digit, an l-shape is a ``1`` ("5l2", "l.5");
    - among lowercase letters, a capital ``I``, a ``1`` or a ``|`` is an ``l`` ("wouId",
      "resu1t"), a ``0`` an ``o``;
    - in a word of capitals, an ``l`` is an ``I`` ("FDPlC", "lP");
    - an ``O`` beside a digit and no letter is a ``0`` ("2O17"), and so is a word of one
      ``O``;
    - a word of one l-shape or ``O`` before a mark is a digit ("status is l.");
    - a word that is no known word but is one with an l-shape read the other way takes
      that reading ("Iink" -> "link", "PIease" -> "Please"; "lf" -> "If" where a
      sentence starts, "lnvariant" -> "Invariant" anywhere: :data:`_OPENING_I_WORD`); a
      final ``l`` after a known word is a ``1`` ("filel" -> "file1").
    """
    n = len(out)
    for k in range(n):
        ch = raw[k]
        if not ch.isascii() or ch not in "lI|1O0":
            continue
        before = out[k - 1] if k else ""
        after = out[k + 1] if k + 1 < n else ""
        after2 = out[k + 2] if k + 2 < n else ""
        if ch in "lI|" and (_digit(before) or _digit(after) or (after in ".," and _digit(after2))):
            out[k] = "1"
        elif ch in "I|1" and _lower(before) and (_lower(after) or not _alnum(after)):
            if ch != "1" or _alpha(after):
                out[k] = "l"
        elif ch == "0" and _lower(before) and _lower(after):
            out[k] = "o"
        elif (
            ch == "O"
            and (_digit(before) or _digit(after))
            and not (_alpha(before) or _alpha(after))
        ):
            out[k] = "0"  # 2O17, 2O2O: an O among digits only is a 0
    if n == 1 and raw[0] == "O":
        out[0] = "0"  # a word of one O: English has no such word, a number is 0
    # words: runs of letters (and l-shapes read so far)
    longest = lexicon.longest_known_latin()
    for a, k in _runs_of(out):
        shapes = [j for j in range(a, k) if (raw[j] in "lI|" and raw[j].isascii()) or j in pinned]
        if k - a == 1 and raw[a] in "lI|O" and k < n and out[k] in ".,;:)":
            out[a] = "0" if raw[a] == "O" else "1"
            continue
        if not shapes:
            continue
        shaped = set(shapes)
        others = [out[j] for j in range(a, k) if j not in shaped]
        if others and all(_upper(c) for c in others) and (len(others) >= 2 or shapes[0] == a):
            for j in shapes:
                out[j] = "I"
            continue
        if k - a > longest + 1:
            continue  # no reading of it, nor of it but its last letter, is a known word
        word = "".join(out[a:k])
        if _known(word, use) and not (sentence_start and a == 0 and word[0] == "l"):
            continue
        for j in shapes:
            flip = "I" if out[j] == "l" else "l"
            trial = word[: j - a] + flip + word[j - a + 1 :]
            if _known(trial, use) and (
                j > a or sentence_start or trial[0] == "l" or k - a >= _OPENING_I_WORD
            ):
                out[j] = flip
                break
        else:
            if out[k - 1] == "l" and raw[k - 1] == "l" and _known(word[:-1], use) and len(word) > 3:
                out[k - 1] = "1"


_OPENING_I_WORD = 4
"""Shortest word whose opening l-shape is read I outside a sentence's start when only
that spells a known word (``lnvariant``): two or three letters say too little (``lf``
reads "If" only where a sentence starts, ``lt`` is "lt")."""


def _lone(options: tuple[str, ...], nxt: str) -> str:
    """A word of one ambiguous character: ``O``/``0`` is the digit, and ``l``/``I``/``1``
    the pronoun ``I`` unless a mark ends the word ("exit status is 1.")."""
    if options == _O_GROUP:
        return "0"
    return "1" if nxt and not _alnum(nxt) and not (nxt.isascii() and nxt.isspace()) else "I"


def _default_case(
    out: list[str], options: list[tuple[str, ...]], a: int, b: int, sentence_start: bool
) -> list[str]:
    """The word ``out[a:b]`` with its l/I spots read by the letters around: ``l`` after
    a lowercase letter, ``I`` beside capitals; at the start of a word before lowercase
    letters, ``I`` only where a sentence starts ("If", but "lookup"); O/0 spots inside a
    word are the letter."""
    word = out[a:b]
    for j in range(a, b):
        if options[j][-1] == _PIN:
            # a compatibility l or I: itself, but a capital I inside a lowercase word
            # stands for an l ("fi𝐈e"); the letter before as already read ("𝑰Ⲓ" after
            # "optiona" is "ll")
            before = word[j - a - 1] if j > a else ""
            word[j - a] = "l" if options[j][0] == "I" and _lower(before) else options[j][0]
        elif options[j] == _L_GROUP:
            before = word[j - a - 1] if j > a else ""
            after = out[j + 1] if j + 1 < b else ""
            if _lower(before):
                word[j - a] = "l"
            elif _upper(before) or _upper(after):
                word[j - a] = "I"
            elif not before and not after:
                pass  # a word of one letter: see _lone
            elif not before:
                word[j - a] = "I" if sentence_start else "l"
        elif options[j] == _O_GROUP:
            word[j - a] = "O"
    return word


def _ordinary(token: str, a: int, recs: list[Rec]) -> str | None:
    """``token`` (at ``a``) as the ordinary rules' records read it, or None when a record
    changes its length (a ligature) or reaches past it."""
    chars = list(token)
    for r in recs:
        if r.replacement is None or not r.repair:
            continue
        if r.start < a or r.end > a + len(token) or len(r.replacement) != r.end - r.start:
            return None
        chars[r.start - a : r.end - a] = list(r.replacement)
    return "".join(chars)


def _settled(reading: str) -> bool:
    """Whether the ordinary rules' reading of a token stands: nothing left that reads as
    ASCII without being it, and no l/I/1/| or O/0 shape in it (the generator swaps
    those among ASCII too, and the lexicon, blind to case, knows both ``lf`` and ``if``:
    such a token is read again, by the letters around), nor a dash or quotation mark
    that reads as ASCII (read again: :func:`_candidates` says where it is the ASCII
    mark)."""
    return not any(_reads(c) or c in _AMBIGUOUS_ASCII or c in SHAPES for c in reading)


_AMBIGUOUS_ASCII = frozenset("lI|1O0")


def read_saturated(t: str, s: int, e: int, cfg: Config, recs: list[Rec]) -> list[Rec]:
    """The records of the saturated unit ``t[s:e]``: the ordinary rules' ``recs`` for
    each token whose reading they settled (:func:`_settled`: ``Ａｌｌ`` read ``All``
    stands), and for every other token, one record per run of characters read anew
    (its look-alikes, punctuation and ambiguous ASCII)."""
    by_token: dict[int, list[Rec]] = {}
    tokens = [m.span() for m in _TOKEN_RE.finditer(t, s, e)]
    starts = [a for a, _ in tokens]
    for r in recs:
        k = bisect.bisect_right(starts, r.start) - 1
        by_token.setdefault(k, []).append(r)
    out: list[Rec] = []
    sentence_start = True
    for k, (a, b) in enumerate(tokens):
        token = t[a:b]
        mine = by_token.get(k, [])
        ordinary = _ordinary(token, a, mine)
        if ordinary is None or _settled(ordinary):
            out.extend(mine)
            sentence_start = (ordinary or token)[-1:] in _SENTENCE_ENDS
            continue
        reading = _read_token(token, cfg.use_lexicon, sentence_start)
        sentence_start = reading[-1:] in _SENTENCE_ENDS
        if reading == token or len(reading) != len(token):
            out.extend(mine)
            continue
        why = (
            "the paragraph is disguised throughout (its words and punctuation are "
            f"look-alikes): {token!r} reads {reading!r}"
        )
        changed = [
            (a + j, r) for j, (c, r) in enumerate(zip(token, reading, strict=True)) if c != r
        ]
        plain = [(p, r, CONF_SATURATED) for p, r in changed if t[p] not in NFKC_FORMS]
        compat = [(p, r, CONF_SATURATED) for p, r in changed if t[p] in NFKC_FORMS]
        if plain:
            emit_runs(out, plain, Kind.HOMOGLYPH, why)
        if compat:
            emit_runs(out, compat, Kind.COMPAT_LETTER, why)
    return out
