"""Host names: judged as a browser judges them, not as prose.

A host name is where a disguise does the most harm (phishing), and where prose
rules see too little: ``stackoverflow`` is no word of any lexicon, so a look-alike
inside it (``stackoverƒlow.com``) passes for a real orthography; and ``հայ.am``
is spelled only in Armenian letters that look like Latin ones, which in English
prose would be a disguise but under Armenia's own top-level domain is genuine.
So a host name (``label.label.tld``, alone, in a URL or after the ``@`` of an
e-mail address) is judged by the rules browsers use to decide whether to show it in
Unicode or as punycode (``xn--...``): those of Chromium's IDN spoof checker, built
on UTS #39, and implemented here from the pinned Unicode tables.  A label a browser
would show as punycode is flagged; where the paragraph is Latin text it is restored
to the Latin host a reader takes it for.  A label a browser shows in Unicode is a
genuine internationalized name (``bücher.de``, ``яндекс.рф``, ``例え.テスト``) and
stays byte-identical, whatever prose rules would have said of its letters.

Rules, per label that is not plain ASCII (:func:`label_reason`):

1. its letters are compatibility forms of ASCII (``ｇｏｏｇｌｅ``, ``amazoⁿ``): a
   browser maps it to that ASCII host; restored like compatibility text;
2. a character whose UTS #39 Identifier_Status is not Allowed, or one Chromium takes
   out of its allowed set (:data:`NOT_IN_HOSTS`): IPA letters and small capitals
   (``ɡ``, ``ᴏ``), symbols, other scripts' historic letters;
3. letters of two scripts that UTS #39's *highly restrictive* level does not allow
   together (one script, or Latin with Han and Japanese kana, Bopomofo or Hangul);
4. a label of digits and digit look-alikes;
5. a label of one non-Latin script spelled only in letters that look like Latin ones
   (``ԍооԍӏе``: a whole-script confusable) under a top-level domain that is not of
   that script (:data:`WHOLE_SCRIPT_TLDS`);
6. rare Latin letters that read as an ASCII letter (``ƒ``, ``ʋ``, ``ɩ``) in a label
   otherwise ASCII, and dotless ``ı`` there when the label reads as known words
   (``scıencedirect``; a Turkish name such as ``altın`` reads as none), outside the
   Turkish and Azerbaijani domains: what Chromium catches by comparing skeletons with
   its list of well-known domains, decided here by rule instead;
7. letters only one country's domain may use (Icelandic ``þ ð`` under .is and .fo,
   Azerbaijani ``ə`` under .az), and the dangerous patterns (a combining mark after
   dotless ``ı``/``ȷ``, a dot above after ``i j l``, a CJK character that reads as a
   Latin letter beside ASCII letters: ``you丅ube``);
8. Latin letters beyond ASCII mixed with another script, even in an allowed mix.

Not host names: a top-level domain in mixed case or with Latin letters beyond ASCII
(``word.Next``, ``yɩɩndɩ.Hɔ``: a sentence that lost its space), IPA between slashes
or brackets (``/ˈhæ.pi/``).

Cost: only units that already hold a look-alike candidate reach this module; in them
only a dot followed by a letter, inside a word holding a character beyond ASCII, is
looked at; a run longer than :data:`HOST_MAX` characters is no host name (linear time
on any input).
"""

from __future__ import annotations

import bisect
import functools
import operator
import re
import string
from collections.abc import Callable
from dataclasses import dataclass

from .. import kernel, lexicon
from .._tables import confusables as _confusables
from .._tables import identifiers as _identifiers
from ..config import Config
from ..model import Kind
from ..unicode import (
    COMBINING_MARK,
    DEFAULT_IGNORABLE,
    DIGIT,
    LETTER,
    RangeSet,
    category,
    char_name,
    is_alpha,
    is_digit,
    is_lower,
    nfkc,
    script_extensions,
    script_of,
)
from .classes import COMPAT, NFKC_FORMS, READINGS, TO_LATIN, label
from .forms import letter_reading
from .records import Rec, emit_runs, order

HOST_MAX = 253
"""The longest host name DNS allows (RFC 1035): a longer run is no host name."""
LABEL_MAX = 63
"""The longest label DNS allows."""
MEMO_MAX = 4096
"""Labels (and host names) whose verdict is remembered: a hostile text repeats a few."""

HOST_CHARS = (
    LETTER
    | COMBINING_MARK
    | DIGIT
    | RangeSet.of(READINGS)
    | RangeSet.of(COMPAT)
    | RangeSet.of("-.")
)
"""Characters a host name (as written in text) is made of: letters, marks, digits,
look-alikes of letters and digits, the hyphen and the dot."""
_RUN_RE = re.compile(f"[{HOST_CHARS.fast_regex()}]+")
"""Runs of host characters, astral ones over-approximated (checked by :func:`_astral_cut`)."""
_ASTRAL_RE = re.compile("[\U00010000-\U0010ffff]")
_ASCII_TLD_RE = re.compile(r"[a-z]{2,63}|[A-Z]{2,63}")
"""An ASCII top-level domain as text writes it: ``com``, ``COM``, never ``Next``."""

NOT_IN_HOSTS = RangeSet.of(
    [
        "\N{COMBINING LONG SOLIDUS OVERLAY}",  # draws a slash through a letter
        "\N{ARMENIAN HYPHEN}",  # looks like the ASCII hyphen
        "\N{HYPHEN}",  # looks like the ASCII hyphen
        "\N{RIGHT SINGLE QUOTATION MARK}",  # looks like the ASCII apostrophe
        "\N{HYPHENATION POINT}",  # looks like a dot
        "\N{KATAKANA-HIRAGANA DOUBLE HYPHEN}",  # looks like an equals sign
        "\N{MODIFIER LETTER TURNED COMMA}",  # looks like a quotation mark
        "\N{MODIFIER LETTER APOSTROPHE}",  # looks like the ASCII apostrophe
        "\N{MODIFIER LETTER VOICING}",  # looks like a letter's diacritic
        "\N{LATIN SMALL LETTER KRA}",  # looks like a small capital K
    ]
) | RangeSet(
    (
        # Pinyin letters with tone marks on top of diaeresis (ǎ ǜ): look like plain ones
        ord("\N{LATIN CAPITAL LETTER A WITH CARON}"),
        ord("\N{LATIN SMALL LETTER U WITH DIAERESIS AND GRAVE}"),
        # Latin Extended Additional before the Vietnamese letters: dotted and barred forms
        ord("\N{LATIN CAPITAL LETTER A WITH RING BELOW}"),
        ord("\N{LATIN SMALL LETTER LONG S WITH DOT ABOVE}"),
        # Cyrillic Extended-C: old letter variants that look like common ones
        ord("\N{CYRILLIC SMALL LETTER ROUNDED VE}"),
        ord("\N{CYRILLIC SMALL LETTER UNBLENDED UK}") + 2,  # + TJE (Unicode 16: no \N yet)
        # Greek Extended: polytonic letters whose marks are hard to tell apart
        ord("\N{GREEK SMALL LETTER ALPHA WITH PSILI}"),
        ord("\N{GREEK DASIA}"),
        # Cyrillic Extended-B: historic letters
        ord("\N{CYRILLIC CAPITAL LETTER ZEMLYA}"),
        ord("\N{COMBINING CYRILLIC LETTER IOTIFIED E}"),
        # Latin Extended-D: historic and phonetic letters (ꝺ ꞵ ꭓ look like ASCII ones)
        ord("\N{MODIFIER LETTER STRESS AND HIGH TONE}"),
        ord("\N{LATIN EPIGRAPHIC LETTER ARCHAIC M}"),
    )
)
"""Characters UTS #39 allows in identifiers that Chromium still refuses in host names
(``IDNSpoofChecker``'s allowed set), each for looking like something else."""

ALLOWED = RangeSet(_identifiers.IDENTIFIER_ALLOWED) - NOT_IN_HOSTS
"""Characters a browser shows in a host name (UTS #39 Identifier_Status=Allowed)."""

SCRIPT_SETS: tuple[frozenset[str], ...] = (
    frozenset({"Latin", "Han", "Hiragana", "Katakana"}),  # Japanese
    frozenset({"Latin", "Han", "Bopomofo"}),  # Chinese
    frozenset({"Latin", "Han", "Hangul"}),  # Korean
)
"""The script mixes UTS #39's *highly restrictive* level allows in one label."""
CJK_SCRIPTS = frozenset({"Han", "Hiragana", "Katakana", "Bopomofo", "Hangul"})
"""Scripts those mixes add to Latin: one of their characters that reads as a Latin
letter, beside ASCII letters (``you丅ube``, ``sp〇tify``), is a dangerous pattern."""

WHOLE_SCRIPT_TLDS: dict[str, frozenset[str]] = {
    "Cyrillic": frozenset({"bg", "by", "kg", "kz", "mk", "mn", "rs", "ru", "su", "tj", "ua", "uz"}),
    "Greek": frozenset({"gr", "cy"}),
    "Armenian": frozenset({"am"}),
    "Georgian": frozenset({"ge"}),
    "Hebrew": frozenset({"il"}),
    "Ethiopic": frozenset({"er", "et"}),
    "Thai": frozenset({"th"}),
    "Lao": frozenset({"la"}),
    "Myanmar": frozenset({"mm"}),
    "Devanagari": frozenset({"in", "np"}),
    "Bengali": frozenset({"bd", "in"}),
    "Gurmukhi": frozenset({"in"}),
    "Gujarati": frozenset({"in"}),
    "Oriya": frozenset({"in"}),
    "Tamil": frozenset({"in", "lk", "sg"}),
    "Telugu": frozenset({"in"}),
    "Kannada": frozenset({"in"}),
    "Malayalam": frozenset({"in"}),
    "Sinhala": frozenset({"lk"}),
}
"""Scripts whose letters can spell a whole label that looks Latin, with the ASCII
top-level domains of the countries that write them (a label of such letters is
genuine there, or under a top-level domain written in the same script: ``.рф``)."""

TLD_LETTERS: dict[str, frozenset[str]] = {
    "\N{LATIN SMALL LETTER THORN}": frozenset({"is", "fo"}),
    "\N{LATIN CAPITAL LETTER THORN}": frozenset({"is", "fo"}),
    "\N{LATIN SMALL LETTER ETH}": frozenset({"is", "fo"}),
    "\N{LATIN CAPITAL LETTER ETH}": frozenset({"is", "fo"}),
    "\N{LATIN SMALL LETTER SCHWA}": frozenset({"az"}),
    "\N{LATIN CAPITAL LETTER SCHWA}": frozenset({"az"}),
}
"""Letters only the domains of the countries whose orthographies use them may hold:
elsewhere ``þ`` reads as a ``p`` and ``ə`` as an ``e`` (Chromium's rule)."""

DOTLESS = frozenset({"\N{LATIN SMALL LETTER DOTLESS I}", "\N{LATIN SMALL LETTER DOTLESS J}"})
"""Letters that a combining mark after makes look like ``i``/``j`` with that mark."""
DOTLESS_TLDS = frozenset({"tr", "az"})
"""Domains of the languages that write dotless ``ı`` (Turkish, Azerbaijani)."""
DOT_ABOVE = "\N{COMBINING DOT ABOVE}"
DOTTED_BASES = frozenset("ijl")
"""Letters a combining dot above doubles a dot on, or makes look like ``i``."""

_LATIN_LOOKALIKES = frozenset(
    c
    for c, r in READINGS.items()
    if c not in COMPAT and c not in TO_LATIN and c in LETTER and script_of(c) == "Latin"
)
"""Latin letters beyond ASCII that read as an ASCII letter (``ƒ ʋ ɩ ı``)."""

_START = operator.attrgetter("start")
_HOST_KINDS = frozenset({Kind.HOMOGLYPH, Kind.COMPAT_LETTER})
"""Kinds of prose records that host rules replace inside a host name."""

CONF_HOST = 0.9
"""Confidence of a restored character of a host name a browser refuses to show."""

_RARE = frozenset(c for c in _LATIN_LOOKALIKES if c in ALLOWED)
"""Latin look-alikes a browser shows (``ı ƒ ʋ``): real letters where a text uses them."""
_RARE_RE = re.compile(f"[{RangeSet.of(_RARE).regex()}]")

WORD_PARTS_MAX = 3
"""Most known words a label's reading is split into (``science`` + ``direct``)."""
WORD_PART_MIN = 3
"""Fewest letters of each of them: two-letter words split anything."""


@dataclass(frozen=True, slots=True)
class Host:
    """A host name found in text: its span and its labels' spans."""

    start: int
    end: int
    labels: tuple[tuple[int, int], ...]

    def tld(self, t: str) -> str:
        s, e = self.labels[-1]
        return t[s:e]


def find_hosts(t: str, s: int, e: int, first: int | None = None) -> list[Host]:
    """Host names in ``t[s:e]`` holding a character beyond ASCII.

    A host is a run of host characters (:data:`HOST_CHARS`) with two labels or more
    separated by dots; a trailing dot ends a sentence, and the top-level domain holds
    letters only.  Scheme, user, path and port are cut off by the characters that
    are not host characters (``/ @ :``).  ``first``: where to start looking (the
    first dot followed by a letter in a word beyond ASCII, when the caller knows).
    A dot in an ASCII word (most are: "e.g.", "file.txt") is passed over by the kernel
    (:func:`decloak.kernel.foreign_dot`); else the run holding it is found by the regex
    engine from the word's start (at most :data:`HOST_MAX` characters back), and runs
    already seen are not read again: linear time.
    """
    out: list[Host] = []
    floor = s
    nxt = s if first is None else first
    while True:
        # most dots sit in ASCII words ("e.g.", "file.txt"): passed over by the kernel
        pos = kernel.foreign_dot(t, s, e, nxt, HOST_MAX)
        if pos < 0:
            break
        lo = pos - HOST_MAX if pos - HOST_MAX > s else s
        a = t.rfind(" ", lo, pos) + 1 or lo
        # the run of host characters holding the dot, found from the word's start by the
        # regex engine (a dot is a host character, so some run holds it)
        run = _RUN_RE.search(t, max(a, floor), e)
        while run is not None and run.end() <= pos:
            run = _RUN_RE.search(t, run.end(), e)
        rs, re_ = run.span() if run is not None else (pos, pos + 1)
        rs, re_ = _astral_cut(t, rs, re_, pos)
        if rs == lo and lo > s and t[lo - 1] in HOST_CHARS:
            rs = lo - 1  # the run goes on past the stretch: longer than any host name
        floor = re_  # runs are disjoint: the next one starts after this one
        nxt = re_
        while re_ > rs and t[re_ - 1] in ".-":
            re_ -= 1  # "see google.com." : the sentence's full stop
        if pos - rs <= HOST_MAX and re_ - rs <= HOST_MAX and not t[rs:re_].isascii():
            host = _parse(t, rs, re_)
            if host is not None:
                out.append(host)
    return out


def _astral_cut(t: str, rs: int, re_: int, pos: int) -> tuple[int, int]:
    """The part of the run ``t[rs:re_]`` around ``pos`` with no astral character that is
    no host character (the run's regex lets every astral character through: an exact
    class of astral ranges is ten times slower to scan)."""
    for m in _ASTRAL_RE.finditer(t, rs, re_):
        k = m.start()
        if t[k] not in HOST_CHARS:
            if k < pos:
                rs = k + 1
            else:
                return rs, k
    return rs, re_


def _in_ipa(t: str, rs: int, re_: int) -> bool:
    """IPA with syllable dots between slashes or brackets (``/ˈhæ.pi/``, ``[ɡʊ.di]``),
    not a URL's path (``https://host/``)."""
    before = t[rs - 1] if rs > 0 else ""
    return (
        before in ("/", "[")
        and (rs < 2 or t[rs - 2] not in "/:")
        and t[re_ : re_ + 1] in ("/", "]")
    )


def _parse(t: str, rs: int, re_: int) -> Host | None:
    """The host name ``t[rs:re_]`` (a run of host characters), or None when it is none."""
    if _in_ipa(t, rs, re_):
        return None
    labels: list[tuple[int, int]] = []
    a = rs
    while True:
        b = t.find(".", a, re_)
        b = re_ if b < 0 else b
        if b == a or b - a > LABEL_MAX:
            return None  # an empty label ("..."), or no DNS label
        labels.append((a, b))
        if b == re_:
            break
        a = b + 1
    if len(labels) < 2:
        return None
    ts, te = labels[-1]
    tld = t[ts:te]
    if tld.isascii():
        if not _ASCII_TLD_RE.fullmatch(tld):
            return None  # "e.g", "v1.2", "word.Next" (a sentence that lost its space)
        return Host(rs, re_, tuple(labels))
    tld = nfkc(tld)
    if te - ts < 2 or not all(is_alpha(c) or category(c)[0] == "M" for c in tld):
        return None  # no top-level domain
    if tld.isascii() and not _ASCII_TLD_RE.fullmatch(tld):
        return None  # "word.Ｎext"
    if not tld.isascii() and any(script_of(c) == "Latin" for c in tld):
        return None  # no top-level domain is Latin beyond ASCII: "yɩɩndɩ.Hɔ" is a sentence
    return Host(rs, re_, tuple(labels))


_ASCII_LETTERS = frozenset(string.ascii_letters)
_LATIN_ONLY = frozenset({"Latin"})
_NO_SCRIPT = frozenset({"Common", "Inherited"})


def _scripts(text: str) -> list[frozenset[str]]:
    """The Script_Extensions of each character that has a script of its own."""
    out = []
    for c in text:
        if c.isascii():
            if c in _ASCII_LETTERS:
                out.append(_LATIN_ONLY)
            continue
        scx = script_extensions(c) - _NO_SCRIPT
        if scx:
            out.append(scx)
    return out


def _restriction(text: str) -> tuple[str, ...] | None:
    """The scripts of a label that UTS #39's highly restrictive level refuses to mix,
    or None when it allows them."""
    sets = set(_scripts(text))
    if not sets:
        return None
    if frozenset.intersection(*sets):
        return None
    if any(all(not x.isdisjoint(combo) for x in sets) for combo in SCRIPT_SETS):
        return None
    names = sorted({min(x) for x in sets})
    return tuple(names)


def _known_words(word: str, use_lexicon: bool | None) -> int:
    """The fewest known words, of three letters or more, ``word`` splits into (a known
    word itself is 1), or 0 when it splits into none within :data:`WORD_PARTS_MAX`.
    Linear in the label's length (a label holds at most :data:`LABEL_MAX` letters)."""
    if lexicon.is_known_latin(word, use_lexicon):
        return 1
    n = len(word)
    if n > LABEL_MAX:
        return 0
    best = [0] + [WORD_PARTS_MAX + 1] * n  # best[k]: fewest words spelling word[:k]
    for k in range(WORD_PART_MIN, n + 1):
        for j in range(0, k - WORD_PART_MIN + 1):
            if (
                best[j] < WORD_PARTS_MAX
                and best[j] + 1 < best[k]
                and lexicon.is_known_latin(word[j:k], use_lexicon)
            ):
                best[k] = best[j] + 1
    return best[n] if best[n] <= WORD_PARTS_MAX else 0


def _whole_script(mapped: str, tld: str) -> str | None:
    """The script of a label spelled only in that script's Latin look-alikes, under a
    top-level domain not of that script; else None."""
    letters = [c for c in mapped if c != "-" and not ("0" <= c <= "9")]
    if not letters:
        return None
    script = script_of(letters[0])
    if script not in WHOLE_SCRIPT_TLDS or any(script_of(c) != script for c in letters):
        return None
    if not all(c in TO_LATIN or any(is_alpha(r) for r in READINGS.get(c, "")) for c in letters):
        return None
    if any(script_of(c) == script for c in tld) or tld.lower() in WHOLE_SCRIPT_TLDS[script]:
        return None
    return script


def label_reason(
    text: str,
    tld: str,
    is_tld: bool,
    use_lexicon: bool | None,
    native: Callable[[str], bool] = lambda c: False,
) -> str | None:
    """Why a browser would show this label as punycode (plain words), or None when it
    shows it in Unicode; ``text`` is a label beyond ASCII, ``tld`` the host's top-level
    domain (see the module docstring for the rules).  ``native`` says whether the text
    around uses a character as a letter of its own (a rare letter of the label is
    then the orthography's, not a stand-in: ``ʋ`` in a Kasem text)."""
    mapped = nfkc(text)
    if mapped.isascii():
        return f"is written in compatibility forms of the ASCII name {mapped!r}"
    for c in mapped:
        if not c.isascii() and c not in ALLOWED:
            return f"holds {label(c)}, a character browsers do not show in host names"
    mixed = _restriction(mapped)
    if mixed:
        return f"mixes {' and '.join(mixed)} letters"
    if all(is_digit(c) or any(is_digit(r) for r in READINGS.get(c, "")) for c in mapped):
        return "is made of digits and look-alikes of digits"
    tld_ascii = tld.lower() if tld.isascii() else ""
    whole = _whole_script(mapped, tld)
    if whole and (not is_tld or tld_ascii or _ascii_reading(mapped)):
        return f"is spelled only in {whole} letters that look like Latin ones"
    for c in mapped:
        if c in TLD_LETTERS and tld_ascii not in TLD_LETTERS[c]:
            return f"holds {label(c)}, a letter only the domains {_dotted(TLD_LETTERS[c])} may use"
    prev = ""
    for c in mapped:
        if c in COMBINING_MARK and (prev in DOTLESS or (c == DOT_ABOVE and prev in DOTTED_BASES)):
            return f"puts {label(c)} on {prev!r}, which makes it look like another letter"
        prev = c
    odd = [c for c in mapped if not c.isascii()]
    if all(c in _LATIN_LOOKALIKES for c in odd) and not any(native(c) for c in odd):
        reading = "".join(READINGS[c][0] if c in _LATIN_LOOKALIKES else c for c in mapped)
        if any(c not in DOTLESS for c in odd):
            return f"spells {reading!r} with {label(odd[0])} standing in for an ASCII letter"
        if tld_ascii not in DOTLESS_TLDS and _known_words(reading.lower(), use_lexicon) > 0:
            return f"reads {reading!r}, with dotless \N{LATIN SMALL LETTER DOTLESS I} for i"
    for k, c in enumerate(mapped):
        if (
            c in READINGS
            and script_of(c) in CJK_SCRIPTS
            and (
                (k and mapped[k - 1].isascii() and mapped[k - 1].isalnum())
                or (k + 1 < len(mapped) and mapped[k + 1].isascii() and mapped[k + 1].isalnum())
            )
        ):
            return f"puts {label(c)}, which looks like a Latin letter, beside Latin letters"
    scripts = {script_of(c) for c in mapped if c in LETTER} - {"Common", "Inherited"}
    if len(scripts) > 1 and any(not c.isascii() and script_of(c) == "Latin" for c in mapped):
        return "mixes Latin letters beyond ASCII with another script"
    return None


def _dotted(tlds: frozenset[str]) -> str:
    return " and ".join(f".{x}" for x in sorted(tlds))


def _ascii_reading(text: str) -> bool:
    return all(c.isascii() or c in TO_LATIN for c in text)


_SMALL_CAPITAL = "LATIN LETTER SMALL CAPITAL "


def _char_reading(c: str) -> str:
    """The ASCII letters and digits ``c`` may read as, most likely first ("" for none):
    its look-alike reading, else the reading of its UTS #39 skeleton, or the letter a
    small capital is (``ԍ`` → ``ɢ`` → ``g``: the Cyrillic letter of ``ԍооԍӏе``)."""
    if c in READINGS:
        return READINGS[c]
    if c in TO_LATIN:
        return TO_LATIN[c]
    if c in COMPAT:
        return COMPAT[c]
    for x in (c, _confusables.CONFUSABLES.get(c, "")):
        if len(x) != 1:
            continue
        if x in READINGS:
            return READINGS[x]
        name = char_name(x)
        if name.startswith(_SMALL_CAPITAL) and len(name) == len(_SMALL_CAPITAL) + 1:
            return name[-1].lower()
    return ""


ALTERNATIVES_MAX = 4
"""Most characters of a label whose second reading is tried (ſ reads s or f)."""


def _reading(t: str, use_lexicon: bool | None) -> list[tuple[int, str]] | None:
    """The Latin reading of the characters beyond ASCII in the label ``t`` (offsets), or
    None when one of them reads as no ASCII letter or digit.

    A digit look-alike is a digit in a label of digits, else the letter it also reads
    as (``inte𝟣`` is ``intel`` to a reader); ``l`` and ``I`` are told apart by the
    letters around (:func:`.forms.letter_reading`), and a character with a second
    reading takes it when only that makes the label read as known words
    (``ſedoraproject``)."""
    out: list[tuple[int, str]] = []
    options: dict[int, str] = {}
    digits = all(is_digit(c) or c == "-" or any(is_digit(r) for r in _char_reading(c)) for c in t)
    if len(t) == 1 and not t.isascii():
        # one character alone is what it reads as first: "О.shape" is an O, "𝟎.com" a 0
        digits = is_digit(_char_reading(t)[:1] or "x")
    for k in range(len(t)):
        c = t[k]
        if c.isascii():
            continue
        if c in DEFAULT_IGNORABLE:
            continue  # a soft hyphen or joiner: invisible, judged (and removed) elsewhere
        reads = _char_reading(c)
        if not reads:
            return None
        before = t[k - 1] if k > 0 and t[k - 1].isascii() and t[k - 1].isalpha() else ""
        after = t[k + 1] if k + 1 < len(t) and t[k + 1].isascii() and t[k + 1].isalpha() else ""
        letters = [r for r in reads if is_alpha(r)]
        rep: str | None = None
        if digits or not letters:
            rep = next((r for r in reads if is_digit(r)), None)
        if rep is None and letters:
            rep = letter_reading(c, before, after) if c in READINGS else None
            rep = rep if rep and is_alpha(rep) else letters[0]
            if len(t) == 1 and c in TO_LATIN:
                rep = TO_LATIN[c]  # alone, no letters around: its own case (І is I)
        if rep is None:
            return None
        if rep == "I" and ((before and is_lower(before)) or (after and is_lower(after))):
            rep = "l"  # host names are written in lower case: "ӏ" between letters is an l
        out.append((k, rep))
        if len(letters) > 1 and len(options) < ALTERNATIVES_MAX:
            # l and I share a shape; but a compatibility capital I (𝐈, Ｉ) is mapped to
            # the letter i by a browser, so there it may be an i
            alts = dict.fromkeys("i" if r == "I" and c in NFKC_FORMS else r for r in letters)
            same = "lI" if rep in "lI" else rep.lower() + rep.upper()
            options[k] = "".join(r for r in alts if r not in same)
    if any(c.isascii() and c.islower() for c in t) and not any(
        c.isascii() and c.isupper() for c in t
    ):
        # host names are case-insensitive and a browser shows them in lower case: a
        # capital look-alike in a label of small letters ("discoƦd", "Ηulu") is
        # restored as the small letter, the form the browser shows; a label with no
        # ASCII letter keeps the case a reader sees ("self.Ѕ" in code)
        out = [(k, rep.lower()) for k, rep in out]
    if options:
        return _best(t, out, options, use_lexicon)
    return out


def _best(
    t: str,
    out: list[tuple[int, str]],
    options: dict[int, str],
    use_lexicon: bool | None,
) -> list[tuple[int, str]]:
    """``out``, or the reading with one character read its other way when only that
    one reads as known words."""

    def parts(reading: list[tuple[int, str]]) -> int:
        fixed = list(t)
        for k, rep in reading:
            fixed[k] = rep
        return _known_words("".join(fixed).lower(), use_lexicon) or WORD_PARTS_MAX + 1

    best, fewest = out, parts(out)
    for k, others in options.items():
        for alt in others[:ALTERNATIVES_MAX]:
            cand = [(j, alt if j == k else rep) for j, rep in out]
            n = parts(cand)
            if n < fewest:
                best, fewest = cand, n
    return best


@functools.lru_cache(maxsize=MEMO_MAX)
def punycode(host: str) -> str:
    """``host`` as a browser shows a name it refuses to show in Unicode (xn--…)."""
    parts = []
    for part in host.split("."):
        if part.isascii():
            parts.append(part)
        else:
            try:
                mapped = nfkc(part).lower()
                parts.append(
                    mapped
                    if mapped.isascii()
                    else "xn--" + mapped.encode("punycode").decode("ascii")
                )
            except UnicodeError:  # pragma: no cover - the codec takes any str
                parts.append(part)
    return ".".join(parts)


Verdict = tuple[str, list[tuple[int, str]] | None] | None
"""Why a label is refused and its reading (offsets in the label), or None: shown."""


def judge_hosts(
    t: str,
    s: int,
    e: int,
    latin: bool,
    cfg: Config,
    out: list[Rec],
    memo: dict[tuple[str, str, bool, frozenset[str]], Verdict] | None = None,
) -> None:
    """Judge the host names of ``t[s:e]`` (a unit) by host rules; ``out`` holds the
    unit's records from prose rules, replaced in place inside every host name: a
    genuine name keeps its letters, a refused one is flagged, and restored when the
    unit is Latin text (``latin``) and every odd character reads as ASCII."""
    hosts = find_hosts(t, s, e)
    if hosts:
        _judge(t, s, e, hosts, latin, cfg, out, {} if memo is None else memo)


def _judge(
    t: str,
    s: int,
    e: int,
    hosts: list[Host],
    latin: bool,
    cfg: Config,
    out: list[Rec],
    memo: dict[tuple[str, str, bool, frozenset[str]], Verdict],
) -> None:
    """:func:`judge_hosts` on the host names found."""
    starts = [h.start for h in hosts]
    ends = [h.end for h in hosts]

    def inside(i: int, j: int) -> bool:
        k = bisect.bisect_right(starts, i) - 1
        return k >= 0 and j <= ends[k]

    outside: set[str] | None = None

    def native(c: str) -> bool:
        """Whether the unit uses the rare letter ``c`` outside its host names: it is
        then its orthography's (the unit is searched once, on the first question)."""
        nonlocal outside
        if outside is None:
            outside = set()
            prev = s
            for h in hosts:
                outside.update(_RARE_RE.findall(t, prev, h.start))
                prev = h.end
            outside.update(_RARE_RE.findall(t, prev, e))
        return c in outside

    mine: list[Rec] = []
    for host in hosts:
        name = t[host.start : host.end]
        tld = host.tld(t)
        for a, b in host.labels:
            text = t[a:b]
            if text.isascii():
                continue
            is_tld = (a, b) == host.labels[-1]
            rare = frozenset(c for c in text if c in _RARE and native(c))
            # a top-level domain in look-alikes after ASCII names, or names restored to
            # ASCII ("example.соm", "systemd.ехес", "Αa.сс"): no real one is; a name
            # with no ASCII letter is another script's (genuine "кму.укр" stays)
            ascii_name = is_tld and all(
                t[x:y].isascii()
                or (
                    any(c in _ASCII_LETTERS for c in t[x:y])
                    and _reading(t[x:y], cfg.use_lexicon) is not None
                )
                for x, y in host.labels[:-1]
            )
            # (the memo key of such a top-level domain has "" for its domain: none is)
            key = (text, "" if ascii_name else tld, is_tld and not ascii_name, rare)
            visible = "".join(c for c in text if c not in DEFAULT_IGNORABLE)
            lookalike = _whole_script(nfkc(visible), "") if ascii_name and visible else None
            if key in memo:
                verdict = memo[key]
            elif lookalike is not None:
                why = (
                    f"is a top-level domain spelled only in {lookalike} letters that look "
                    "like Latin ones, after ASCII names"
                )
                verdict = (why, _reading(text, cfg.use_lexicon))
                if len(memo) < MEMO_MAX:
                    memo[key] = verdict
            else:
                reason = label_reason(text, tld, key[2], cfg.use_lexicon, key[3].__contains__)
                verdict = None if reason is None else (reason, _reading(text, cfg.use_lexicon))
                if len(memo) < MEMO_MAX:
                    memo[key] = verdict
            if verdict is not None:
                _emit(mine, name, text, a, *verdict, latin)
    if len(hosts) == 1:  # the common case, without a call per record of the unit
        hs, he = hosts[0].start, hosts[0].end
        kept = [r for r in out if r.kind not in _HOST_KINDS or not (hs <= r.start and r.end <= he)]
    else:
        kept = [r for r in out if r.kind not in _HOST_KINDS or not inside(r.start, r.end)]
    out[:] = kept + mine


def _emit(
    out: list[Rec],
    name: str,
    text: str,
    a: int,
    why: str,
    reading: list[tuple[int, str]] | None,
    latin: bool,
) -> None:
    """Records for a refused label at ``a``: restored in Latin text when it reads as ASCII."""
    shown = punycode(name)
    words = f"the host name {name!r} is not what it seems: its label {text!r} {why}; " + (
        f"a browser would show it as {shown!r}"
        if "xn--" in shown
        else f"a browser takes it for the ASCII host {shown!r}"
    )
    if reading is None or not latin:
        out.append(Rec(a, a + len(text), Kind.HOMOGLYPH, None, 0.9, words, repair=False))
        return
    fixed = list(text)
    for k, rep in reading:
        fixed[k] = rep
    words += f", and a reader takes it for {''.join(fixed)!r}"
    for compat in (False, True):
        items = [
            (a + k, rep, CONF_HOST)
            for k, rep in reading
            if (text[k] in COMPAT or text[k] in NFKC_FORMS) == compat
        ]
        if items:
            emit_runs(out, items, Kind.COMPAT_LETTER if compat else Kind.HOMOGLYPH, words)


def judge_units(
    t: str,
    units: list[kernel.Unit],
    recs: list[Rec],
    cfg: Config,
    is_latin: Callable[[kernel.Unit], bool],
) -> list[Rec]:
    """The letters stage's records (sorted, ``recs``) with the host names of ``units``
    judged by host rules (:func:`judge_hosts`), still sorted; ``is_latin`` says
    whether a unit is Latin text.  Only a unit holding a dot followed by a letter in a
    word beyond ASCII is looked at (:func:`decloak.kernel.foreign_dots`), and the
    records are copied only when a unit holds a host name."""
    memo: dict[tuple[str, str, bool, frozenset[str]], Verdict] = {}
    changes: list[tuple[int, int, list[Rec]]] = []
    if not units:
        return recs
    # one kernel call: a unit with no dot before a letter in a word beyond ASCII holds
    # no host name to judge (find_hosts goes on from that dot exactly as it would have
    # from the unit's first one)
    lo = 0  # the units come in order: so do their records
    for index, first in kernel.foreign_dots(t, units, HOST_MAX):
        u = units[index]
        s, e = u[0], u[1]
        hosts = find_hosts(t, s, e, first)
        if not hosts:
            continue
        i = bisect.bisect_left(recs, s, lo, key=_START)
        j = lo = bisect.bisect_left(recs, e, i, key=_START)
        mine = recs[i:j]
        _judge(t, s, e, hosts, is_latin(u), cfg, mine, memo)
        changes.append((i, j, sorted(mine, key=order)))
    if not changes:
        return recs
    out: list[Rec] = []
    k = 0
    for i, j, mine in changes:
        out.extend(recs[k:i])
        out.extend(mine)
        k = j
    out.extend(recs[k:])
    return out
