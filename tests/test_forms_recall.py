"""Look-alike forms the word rules cannot restore are still found, and a few are restored.

Why: a look-alike left inside an English word whose reading the lexicon does not know
(a program's name, ``gᴢip``) was neither repaired nor flagged, so a filter relying on
``scan`` saw clean text.  Such a character is now flagged without repair, unless the
text shows it is a letter of real writing (Turkish, Kabyle, IPA); and lone digits that
only a number can explain are restored.  Legitimate writing stays unflagged.
"""

from __future__ import annotations

import string
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import decloak


@pytest.mark.parametrize(
    ("text", "char"),
    [
        # too few words to tell the language: the small capital is only flagged (in
        # English prose it is read: test_a_technical_letter_inside_an_english_word...)
        ("Run g\N{LATIN LETTER SMALL CAPITAL Z}ip now.", "z"),
    ],
)
def test_stray_form_inside_an_ascii_word_is_flagged_not_repaired(text: str, char: str) -> None:
    report = decloak.scan(text)
    assert report.suspicious
    (finding,) = report.findings
    assert finding.replacement == char
    assert not finding.repaired
    assert "left as it is" in finding.explanation
    assert decloak.clean(text).text == text


@pytest.mark.parametrize(
    "text",
    [
        # a living orthography's letter, alone in a short text (UTS #39 allows it)
        "Fransız Pasifik Kolonileri",
        "NumLock LED’inin anımsanan durumu.",
        "Sbadu tal\N{LATIN SMALL LETTER GAMMA}ut n tmacint",
        "Kabaaz\N{LATIN SMALL LETTER IOTA}ya",
        # two letters beyond ASCII in one word, or the same letter in two words
        "Kırmızı",
        "g\N{LATIN LETTER SMALL CAPITAL Z}ip g\N{LATIN LETTER SMALL CAPITAL Z}ap",
        # IPA in brackets, an orthography around, a formula, a power, a Latin-1 slip
        "It is pronounced [g\N{LATIN LETTER SMALL CAPITAL I}t] there.",
        "The formula p\N{LOGICAL OR}q holds.",
        "Let a\N{MULTIPLICATION SIGN}b be the product, and a\N{SUPERSCRIPT TWO}b the term.",
        "jushaka\N{INVERTED EXCLAMATION MARK}n puyatjusa shiig",
        # a modifier letter ending a short word is notation
        "the sum of a\N{LATIN SUBSCRIPT SMALL LETTER I} over all i",
    ],
)
def test_real_writing_is_not_flagged(text: str) -> None:
    assert decloak.scan(text).findings == ()
    assert decloak.clean(text).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a digit in another typeface, alone between words
        ("the exit code is set to \N{MATHEMATICAL SANS-SERIF DIGIT FOUR} + errno.", "4"),
        ("obtained from step (\N{MATHEMATICAL SANS-SERIF BOLD DIGIT TWO}) above", "2"),
        ("\N{MATHEMATICAL MONOSPACE DIGIT FIVE} The message was verified", "5"),
        ("These \N{SEGMENTED DIGIT FOUR} fields are normally random.", "4"),
        ("I have \N{FULLWIDTH DIGIT THREE} cats.", "3"),
        # a superscript or subscript digit in a version number
        ("features that OpenSSL 3.\N{SUBSCRIPT ZERO} makes available.", "3.0"),
        ("OpenSSL 1.\N{SUBSCRIPT ONE}.1 will mostly just work", "1.1.1"),
        ("color mode (since dpkg 1.1\N{SUBSCRIPT EIGHT}.5).", "1.18.5"),
        # spaced off both words, a superscript or subscript digit qualifies nothing
        ("These \N{SUPERSCRIPT FOUR} fields are normally random.", "These 4 fields"),
        ("while others have version \N{SUBSCRIPT THREE} capabilities.", "version 3 cap"),
        # a compatibility O joined to a number by a dot or hyphen
        ("Version 2.\N{MATHEMATICAL BOLD FRAKTUR CAPITAL O} of the toolkit", "2.0 of"),
        ("For example, a-z, \N{FULLWIDTH LATIN CAPITAL LETTER O}-9, and hyphen", "0-9"),
        # Greek musical notation is no Greek letter: a manual page reference
        ("when a gethostbyname(\N{GREEK VOCAL NOTATION SYMBOL-7}) is done", "(3)"),
    ],
)
def test_lone_and_version_digits_are_restored(text: str, expected: str) -> None:
    out = decloak.clean(text).text
    assert out.isascii()
    assert expected in out


@pytest.mark.parametrize(
    "text",
    [
        # maths, CJK typography, callouts, powers, indices, footnotes
        "Let \N{MATHEMATICAL BOLD SMALL X} = \N{MATHEMATICAL BOLD DIGIT ZERO} be the origin.",
        "\N{FULLWIDTH DIGIT ONE}個の write を使って",
        "\N{CIRCLED DIGIT ONE} Open the lid.",
        "the indicator \N{MATHEMATICAL DOUBLE-STRUCK DIGIT ONE} of the set",
        "An area of 10\N{SUPERSCRIPT TWO} m, a step of 1.5\N{SUPERSCRIPT TWO}, H\N{SUBSCRIPT TWO}O.",
        "The binary 1011\N{SUBSCRIPT TWO} and x\N{SUBSCRIPT ONE} stay.",
        "It was founded in 1998.\N{SUPERSCRIPT TWO} The next year",
        "\N{SUPERSCRIPT ONE} Source: the census of the year before.",
        "big-O notation \N{MATHEMATICAL SCRIPT CAPITAL O}(n) and the field \N{DOUBLE-STRUCK CAPITAL R}",
        "The text ends here.\N{SUPERSCRIPT ONE} More text follows.",
        "the sum a\N{SUBSCRIPT ONE} + a\N{SUBSCRIPT TWO} of both",
        "the angle sin(\N{GREEK SMALL LETTER THETA}) and f(\N{GREEK SMALL LETTER LAMDA})",
    ],
)
def test_digit_symbols_stay(text: str) -> None:
    assert decloak.clean(text).text == text
    assert decloak.scan(text).findings == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sets the RDMA su\N{MODIFIER LETTER SMALL B}system in network namespaces.", "subsystem"),
        ("The compressed executab\N{LATIN CAPITAL LETTER IOTA}e is a shell script.", "executable"),
        ("The E\N{FALLING DIAGONAL CROSSING RISING DIAGONAL}uberant tags", "Exuberant"),
    ],
)
def test_rarer_long_english_words_are_read(text: str, expected: str) -> None:
    assert expected in decloak.clean(text).text


def test_rarer_words_are_asked_only_whole() -> None:
    # Crimean Tatar: "nci" and "slav" are rare English words, but never a part of one
    for text in ("6-ncı madde", "Kilise Slavcası; Eski Slavca"):
        assert decloak.clean(text).text == text


def test_l_or_i_between_capitals_is_the_capital_i() -> None:
    # "OIDs" is no known word, "olds" is; between two capitals the acronym's I stands
    text = "The O\N{LATIN CAPITAL LETTER SMALL CAPITAL I}Ds for all commits"
    assert decloak.clean(text).text == "The OIDs for all commits"


def test_the_units_own_vocabulary_reads_a_word_no_lexicon_lists() -> None:
    text = 'For the openssl dg\N{LATIN SMALL LETTER TONE FIVE}t command, type "man openssl-dgst".'
    assert decloak.clean(text).text == 'For the openssl dgst command, type "man openssl-dgst".'
    # a Latin-1 typo of a real text stays (the UDHR's Cashibo-Cacataibo, in a unit
    # with its orthography's á), and so does a word spelled only once
    for kept in (
        "Masaro tatpa. Gob\N{INVERTED EXCLAMATION MARK}eron istachpa; irimiyá. Gobieron tpotsia.",
        "Run g\N{LATIN LETTER SMALL CAPITAL Z}ip now.",
    ):
        assert decloak.clean(kept).text == kept


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a right-to-left letter, or another script's punctuation, inside a Latin word
        ("The p\N{ARABIC LETTER HEH}licer to bind to.", "The policer to bind to."),
        ("The null\N{ARABIC LETTER HEH GOAL MEDIAL FORM}k argument.", "The nullok argument."),
        (
            "A profile in e\N{CANADIAN SYLLABICS FULL STOP}tbinary format.",
            "A profile in extbinary format.",
        ),
    ],
)
def test_what_is_never_a_letter_inside_a_latin_word_is_restored(text: str, expected: str) -> None:
    assert decloak.clean(text).text == expected
    assert decloak.scan(text).findings[0].repaired


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # U+1CCF1 OUTLINED DIGIT ONE (no name in this interpreter's Unicode)
        ("leading blanks separate fie\U0001ccf1ds here", "leading blanks separate fields here"),
        ("This keyword is now obso\N{SEGMENTED DIGIT ONE}ete.", "This keyword is now obsolete."),
        # U+1CCF0 OUTLINED DIGIT ZERO
        ("combined using \U0001ccf0R, all of them", "combined using OR, all of them"),
        # beside a digit it stays a digit
        ("set it to \N{MATHEMATICAL BOLD DIGIT ONE}0 or more", "set it to 10 or more"),
    ],
)
def test_a_typeface_digit_inside_a_word_is_the_letter_it_looks_like(
    text: str, expected: str
) -> None:
    assert decloak.clean(text).text == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("under the terms of section \N{CHEROKEE LETTER SE}.", "under the terms of section 4."),
        ("the rest to band \N{BAMUM LETTER KOGHOM}.", "the rest to band 2."),
        (
            "\N{GEORGIAN MTAVRULI CAPITAL LETTER YN} Perform load balancing.",
            "2 Perform load balancing.",
        ),
        (
            "specified in Subsection \N{COPTIC CAPITAL LETTER OLD COPTIC HEI}a, above",
            "specified in Subsection 6a, above",
        ),
    ],
)
def test_a_lone_digit_only_letter_of_an_unused_script_is_the_digit(
    text: str, expected: str
) -> None:
    assert decloak.clean(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        # the script's own text in the unit: the letter is a letter of it
        "The Cherokee syllabary: \N{CHEROKEE LETTER TSA}\N{CHEROKEE LETTER LA}\N{CHEROKEE LETTER GI} and \N{CHEROKEE LETTER SE}.",
        # Latin's own letters (Skolt Sami, phonetics) and another script's decimal digits
        "The letter \N{LATIN CAPITAL LETTER EZH} is used.",
        "Bengali writes four as \N{BENGALI DIGIT FOUR} in text.",
        # Cyrillic: one-letter words of code-switched writing, judged by the paragraph
        "The Cyrillic letter \N{CYRILLIC SMALL LETTER BE} is a b.",
    ],
)
def test_letters_of_real_text_stay(text: str) -> None:
    assert decloak.clean(text).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Removes all IPv\N{SUBSCRIPT SIX} entries from cache.",
            "Removes all IPv6 entries from cache.",
        ),
        (
            "objects that depend on those (see Section 5.1\N{SUBSCRIPT FOUR}).",
            "objects that depend on those (see Section 5.14).",
        ),
        (
            "a public key for the X2551\N{SUBSCRIPT NINE} and X448 key types",
            "a public key for the X25519 and X448 key types",
        ),
    ],
)
def test_a_subscript_digit_no_index_base_or_count_explains_is_the_digit(
    text: str, expected: str
) -> None:
    assert decloak.clean(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "CO\N{SUBSCRIPT TWO} and H\N{SUBSCRIPT TWO}O, FADH\N{SUBSCRIPT TWO}, NaCl\N{SUBSCRIPT TWO}.",
        "Fe\N{SUBSCRIPT TWO}O\N{SUBSCRIPT THREE} rusts.",
        "The times T\N{SUBSCRIPT ONE} and T\N{SUBSCRIPT TWO} differ.",
        "Take log\N{SUBSCRIPT TWO} of n.",
        "The number 1011\N{SUBSCRIPT TWO} is 377\N{SUBSCRIPT EIGHT} in no way.",
        "Fine dust PM\N{SUBSCRIPT TWO}.\N{SUBSCRIPT FIVE} and 1F\N{SUBSCRIPT ONE}\N{SUBSCRIPT SIX}.",
        "Prostaglandin PGE\N{SUBSCRIPT TWO} and thromboxane TXA\N{SUBSCRIPT TWO}.",
        "Vitamin B\N{SUBSCRIPT ONE}\N{SUBSCRIPT TWO} and HbA\N{SUBSCRIPT ONE}c.",
    ],
)
def test_indices_bases_and_counts_stay(text: str) -> None:
    assert decloak.clean(text).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a compatibility letter between two digits is a digit of the number
        (
            "Port numbers below 1\N{MATHEMATICAL BOLD ITALIC CAPITAL O}24 are bound by root.",
            "Port numbers below 1024 are bound by root.",
        ),
        (
            "Port numbers below 1\N{FULLWIDTH LATIN CAPITAL LETTER O}24 are bound by root.",
            "Port numbers below 1024 are bound by root.",
        ),
        ("an X.5\N{MATHEMATICAL SCRIPT CAPITAL O}9 certificate", "an X.509 certificate"),
        # a small l between capitals is the capital I
        (
            "THIS DISCLA\N{MATHEMATICAL ITALIC SMALL L}MER OF WARRANTY",
            "THIS DISCLAIMER OF WARRANTY",
        ),
        ("TH\N{MATHEMATICAL BOLD FRAKTUR SMALL L}S LICENSE", "THIS LICENSE"),
        # one italic letter beside a plain one, the unit's only such word: a short word
        (
            "such provision shall \N{MATHEMATICAL ITALIC SMALL B}e reformed only",
            "such provision shall be reformed only",
        ),
        (
            "Node can't be deleted \N{MATHEMATICAL ITALIC SMALL I}f there is any child.",
            "Node can't be deleted if there is any child.",
        ),
        # the long s read as the f its shape shows, when only that spells one word
        ("There\N{LATIN SMALL LETTER LONG S}ore, we insist on it.", "Therefore, we insist on it."),
        # a subscript digit after a hyphen joined to a number, or before one
        (
            "the characters in ISO 8859-\N{SUBSCRIPT SEVEN} that are printable",
            "the characters in ISO 8859-7 that are printable",
        ),
        (
            "the characters in ISO 885\N{SUBSCRIPT NINE}-11 that are printable",
            "the characters in ISO 8859-11 that are printable",
        ),
    ],
)
def test_second_dev_draw_rules(text: str, expected: str) -> None:
    assert decloak.clean(text).text == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a formula's italic letters, several in the unit: d𝑥 is no word there
        (
            "Let \N{MATHEMATICAL ITALIC SMALL F} be continuous; then "
            "\N{MATHEMATICAL ITALIC SMALL F}(\N{MATHEMATICAL ITALIC SMALL X}) "
            "d\N{MATHEMATICAL ITALIC SMALL X} exists.",
            None,
        ),
        # a real long s spells a word with s (read by NFKC, as before)
        (
            "the Congre\N{LATIN SMALL LETTER LONG S}s of the United States",
            "the Congress of the United States",
        ),
        # an acronym's I between capitals stays an I, though "olds" is a word
        (
            "The O\N{LATIN CAPITAL LETTER SMALL CAPITAL I}Ds for all commits.",
            "The OIDs for all commits.",
        ),
        ("A number in base two: 1011\N{SUBSCRIPT TWO}-bit wide.", None),
    ],
)
def test_second_dev_draw_negatives(text: str, expected: str | None) -> None:
    assert decloak.clean(text).text == (text if expected is None else expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a lone letter of an unused alphabet that looks only like O and 0 is a 0
        (
            "If llvm-as succeeds, it will exit with \N{CARIAN LETTER O}.",
            "If llvm-as succeeds, it will exit with 0.",
        ),
        (
            "llvm-cxxfilt returns \N{ETHIOPIC SYLLABLE PHARYNGEAL A} unless it fails.",
            "llvm-cxxfilt returns 0 unless it fails.",
        ),
        # one joined to a number by a dot is its digit
        (
            "Version 2.\N{COPTIC CAPITAL LETTER O} of the Qt toolkit.",
            "Version 2.0 of the Qt toolkit.",
        ),
        (
            "Since version 3.\N{LISU LETTER O}, keys can be generated.",
            "Since version 3.0, keys can be generated.",
        ),
        # a subscript opening a token after a version's dot, or between a number and
        # its unit; a double-struck digit that names nothing in maths
        (
            "In 4.\N{SUBSCRIPT FOUR}BSD, termcap entries omit it.",
            "In 4.4BSD, termcap entries omit it.",
        ),
        (
            'a time span value such as "5min 2\N{SUBSCRIPT ZERO}s".',
            'a time span value such as "5min 20s".',
        ),
        (
            "the Datum type (\N{MATHEMATICAL DOUBLE-STRUCK DIGIT FOUR} bytes on some machines)",
            "the Datum type (4 bytes on some machines)",
        ),
        # a digit of a number followed by a compatibility letter's word: 20 seconds
        (
            'a time span value such as "5min 2\N{MATHEMATICAL SANS-SERIF BOLD DIGIT ZERO}s".',
            'a time span value such as "5min 20s".',
        ),
    ],
)
def test_lone_letters_that_look_like_zero_are_zero(text: str, expected: str) -> None:
    assert decloak.clean(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        # the alphabet's own text in the unit; a double-struck one or zero of maths
        "The indicator \N{MATHEMATICAL DOUBLE-STRUCK DIGIT ONE} of the set A.",
        "The Amharic word \N{ETHIOPIC SYLLABLE PHARYNGEAL A}\N{ETHIOPIC SYLLABLE LA}\N{ETHIOPIC SYLLABLE MA} has \N{ETHIOPIC SYLLABLE PHARYNGEAL A} first.",
    ],
)
def test_zero_shaped_letters_of_real_text_stay(text: str) -> None:
    assert decloak.clean(text).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a typeface digit ending a name is its number, not the letter it passes for
        (
            "Start a chain on ingress of eth\N{MATHEMATICAL SANS-SERIF DIGIT ZERO} first.",
            "Start a chain on ingress of eth0 first.",
        ),
        # a sentence opens with a capital: the l-shaped letter there is I
        (
            "\N{MATHEMATICAL BOLD ITALIC SMALL L}t may be used to forward traffic.",
            "It may be used to forward traffic.",
        ),
        (
            "Done. \N{MATHEMATICAL FRAKTUR SMALL L}t can write entries.",
            "Done. It can write entries.",
        ),
        # a modifier capital after two capitals is an acronym's letter
        (
            "for an active TC\N{MODIFIER LETTER CAPITAL P} connection attempt",
            "for an active TCP connection attempt",
        ),
    ],
)
def test_third_dev_draw_rules(text: str, expected: str) -> None:
    assert decloak.clean(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "The product AB\N{MODIFIER LETTER CAPITAL T} and the adjoint AB\N{MODIFIER LETTER CAPITAL H} here.",
        "Take A\N{MODIFIER LETTER CAPITAL T} and x\N{SUPERSCRIPT LATIN SMALL LETTER N} as given.",
    ],
)
def test_matrix_notation_stays(text: str) -> None:
    assert decloak.clean(text).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a superscript or subscript after a hyphen ending a name qualifies nothing
        (
            "if the terminal is UTF-\N{SUPERSCRIPT EIGHT} compatible",
            "if the terminal is UTF-8 compatible",
        ),
        # a superscript after a version's own dot is its last digit
        (
            "The name of the build machine (since dpkg 1.13.\N{SUPERSCRIPT TWO}).",
            "The name of the build machine (since dpkg 1.13.2).",
        ),
        # a modifier letter ending a word of two small letters: the lexicon decides
        (
            "systemctl daemon-reload ma\N{MODIFIER LETTER SMALL Y} be executed.",
            "systemctl daemon-reload may be executed.",
        ),
        (
            "printed, always in th\N{MODIFIER LETTER SMALL E} following order",
            "printed, always in the following order",
        ),
    ],
)
def test_fourth_dev_draw_rules(text: str, expected: str) -> None:
    assert decloak.clean(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "It was first measured in 2019.\N{SUPERSCRIPT THREE} The rest followed.",
        "The sum of a\N{LATIN SUBSCRIPT SMALL LETTER I} and the n\N{MODIFIER LETTER SMALL T}\N{MODIFIER LETTER SMALL H} root.",
    ],
)
def test_footnotes_and_notation_stay(text: str) -> None:
    assert decloak.clean(text).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a capital after a number is a unit's letter
        (
            "Set the buffer size, defaults to 1\N{MODIFIER LETTER CAPITAL M}B.",
            "Set the buffer size, defaults to 1MB.",
        ),
        (
            "a small amount of storage, e.g. 64\N{MODIFIER LETTER CAPITAL K}iB, which",
            "a small amount of storage, e.g. 64KiB, which",
        ),
        # a modifier capital beside a capital is an acronym's letter
        (
            "Certify a public key using the specified C\N{MODIFIER LETTER CAPITAL A} key.",
            "Certify a public key using the specified CA key.",
        ),
        # between a name and its manual section, and inside a number going on
        (
            "Most of it is derived from the wait\N{SUBSCRIPT THREE}(2) system call.",
            "Most of it is derived from the wait3(2) system call.",
        ),
        (
            "ISO 885\N{SUPERSCRIPT NINE}-15 encodes the Euro sign.",
            "ISO 8859-15 encodes the Euro sign.",
        ),
    ],
)
def test_fifth_dev_draw_rules(text: str, expected: str) -> None:
    assert decloak.clean(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "The 1\N{MASCULINE ORDINAL INDICATOR} and 2\N{FEMININE ORDINAL INDICATOR} place, and the 1\N{MODIFIER LETTER SMALL S}\N{MODIFIER LETTER SMALL T} one.",
        "The values 2\N{SUPERSCRIPT EIGHT}-1 and 10\N{SUPERSCRIPT SIX}-1 are powers minus one.",
        "Take x\N{SUPERSCRIPT TWO}(1) and A\N{MODIFIER LETTER CAPITAL T} as given.",
    ],
)
def test_ordinals_and_powers_stay(text: str) -> None:
    assert decloak.clean(text).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a lone capital O in a mathematical typeface, in text with no formula, is 0
        (
            "Exit status is \N{MATHEMATICAL BOLD FRAKTUR CAPITAL O} if command was successful.",
            "Exit status is 0 if command was successful.",
        ),
        (
            "llvm-cxxfilt returns \N{MATHEMATICAL SANS-SERIF ITALIC CAPITAL O} unless it fails.",
            "llvm-cxxfilt returns 0 unless it fails.",
        ),
        # a digit form opening a word is its letter, ending one its number
        (
            "The \N{MATHEMATICAL SANS-SERIF BOLD DIGIT ZERO}penSSL libraries use it.",
            "The OpenSSL libraries use it.",
        ),
        # spaced off both words before a bracket, a superscript qualifies nothing
        (
            "exit with exit status \N{SUPERSCRIPT ZERO} (i.e. indicate success).",
            "exit with exit status 0 (i.e. indicate success).",
        ),
    ],
)
def test_seventh_dev_draw_rules(text: str, expected: str) -> None:
    assert decloak.clean(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "Let \N{MATHEMATICAL ITALIC CAPITAL O} be the origin.",
        "It runs in \N{MATHEMATICAL SCRIPT CAPITAL O}(n) time.",
        "Merci pour tout \N{NEGATIVE SQUARED LATIN CAPITAL LETTER O}\N{VARIATION SELECTOR-16} \u00e0 bient\u00f4t !",
    ],
)
def test_maths_and_emoji_o_stay(text: str) -> None:
    assert decloak.clean(text).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a long s never ends a word: there it is the f it looks like
        (
            "Any member o\N{LATIN SMALL LETTER LONG S} the public is a licensee.",
            "Any member of the public is a licensee.",
        ),
        (
            "I\N{LATIN SMALL LETTER LONG S} the queue length exceeds max, drop it.",
            "If the queue length exceeds max, drop it.",
        ),
        # an l-shaped typeface digit opening a word before a capital is I
        (
            "See the discussion of user and group \N{MATHEMATICAL SANS-SERIF BOLD DIGIT ONE}D mappings.",
            "See the discussion of user and group ID mappings.",
        ),
        # a manual page named apart from its section
        (
            "(See the ext4 (\N{SUBSCRIPT FIVE}) man page for details.)",
            "(See the ext4 (5) man page for details.)",
        ),
        # another script's digit zero, alone where the unit writes nothing else in it
        (
            "The default is \N{KANNADA DIGIT ZERO}, meaning the test goes on.",
            "The default is 0, meaning the test goes on.",
        ),
    ],
)
def test_eighth_dev_draw_rules(text: str, expected: str) -> None:
    assert decloak.clean(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        # a real long s: at the start and inside words, never at the end
        "The Congre\N{LATIN SMALL LETTER LONG S}s of \N{LATIN SMALL LETTER LONG S}uch States",
        # Kannada text with its own zero
        "\N{KANNADA LETTER KA}\N{KANNADA LETTER NNA} \N{KANNADA DIGIT ZERO} and more",
    ],
)
def test_long_s_text_and_script_digits(text: str) -> None:
    out = decloak.clean(text).text
    assert out == text.replace("\N{LATIN SMALL LETTER LONG S}", "s")  # NFKC, as before


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a superscript opening a token before a small letter or a hyphen
        ("The \N{SUPERSCRIPT THREE}-way merge refuses to run.", "The 3-way merge refuses to run."),
        ("For details, see topic \N{SUPERSCRIPT SIX}b.", "For details, see topic 6b."),
        # a name's number is in no base
        (
            "SHA-1 and SHA-25\N{SUBSCRIPT SIX} for Checksums-Sha256.",
            "SHA-1 and SHA-256 for Checksums-Sha256.",
        ),
        # an ordinal indicator alone between words is its letter
        (
            "In case of \N{FEMININE ORDINAL INDICATOR} disagreement, the original prevails.",
            "In case of a disagreement, the original prevails.",
        ),
        # another script's digit of the same value, alone
        (
            "Number of frames to skip (default: \N{GUJARATI DIGIT THREE}).",
            "Number of frames to skip (default: 3).",
        ),
        # a typeface digit opening a sentence, capitalised
        (
            "\N{SEGMENTED DIGIT ONE}f you wish to create a single archive, use tar.",
            "If you wish to create a single archive, use tar.",
        ),
    ],
)
def test_ninth_dev_draw_rules(text: str, expected: str) -> None:
    assert decloak.clean(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "The isotopes \N{SUPERSCRIPT ONE}\N{SUPERSCRIPT FOUR}C and \N{SUPERSCRIPT THREE}He decay.",
        "El 1\N{FEMININE ORDINAL INDICATOR} piso y el 2\N{MASCULINE ORDINAL INDICATOR} patio, M\N{FEMININE ORDINAL INDICATOR} Jos\u00e9.",
        "\N{ARABIC LETTER MEEM}\N{ARABIC LETTER REH}\N{ARABIC LETTER HAH}\N{ARABIC LETTER BEH}\N{ARABIC LETTER ALEF} \N{ARABIC-INDIC DIGIT ONE} and more",
        "see step \N{SEGMENTED DIGIT ONE}a below",
    ],
)
def test_isotopes_ordinals_and_script_digits_stay(text: str) -> None:
    out = decloak.clean(text).text
    assert out == (text if "step" not in text else "see step 1a below")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a small o names no variable: a modifier letter after it spells a word
        (
            "Grant all o\N{MODIFIER LETTER SMALL F} the privileges available.",
            "Grant all of the privileges available.",
        ),
        (
            "if the old cluster was running, o\N{MODIFIER LETTER SMALL R} if hooks are present",
            "if the old cluster was running, or if hooks are present",
        ),
        # a superscript ending the number of a name of two letters or more
        (
            "If this option isn't specified then aes25\N{SUPERSCRIPT SIX} is used.",
            "If this option isn't specified then aes256 is used.",
        ),
    ],
)
def test_eleventh_dev_draw_rules(text: str, expected: str) -> None:
    assert decloak.clean(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "The circle x1\N{SUPERSCRIPT TWO} + x2\N{SUPERSCRIPT TWO} = r\N{SUPERSCRIPT TWO} holds.",
        "The SO4\N{SUPERSCRIPT TWO}\N{SUPERSCRIPT MINUS} ion and the sum a\N{LATIN SUBSCRIPT SMALL LETTER I}.",
    ],
)
def test_variables_and_charges_stay(text: str) -> None:
    assert decloak.clean(text).text == text


def test_a_lone_look_alike_of_a_is_the_word_in_a_disguised_paragraph() -> None:
    text = "Shows \N{LATIN SMALL LETTER ALPHA} list of patterns and their st\N{LATIN SMALL LETTER R WITHOUT HANDLE}ength."
    assert decloak.clean(text).text.startswith("Shows a list of patterns")
    # with no other disguise it may be the phonetic symbol the text names
    plain = "The vowel \N{LATIN SMALL LETTER ALPHA} is open and back."
    assert decloak.clean(plain).text == plain


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a capital omicron names nothing in maths; the circled zero numbers no callout
        (
            "Exit status is \N{MATHEMATICAL SANS-SERIF BOLD ITALIC CAPITAL OMICRON} if it worked.",
            "Exit status is 0 if it worked.",
        ),
        (
            "RLENGTH is set to \N{GREEK CAPITAL LETTER OMICRON}, and 1 is returned.",
            "RLENGTH is set to 0, and 1 is returned.",
        ),
        (
            "version must be between \N{CIRCLED DIGIT ZERO} and 255.",
            "version must be between 0 and 255.",
        ),
        # a number opening a compound
        ("The \N{CIRCLED DIGIT THREE}-way merge program.", "The 3-way merge program."),
    ],
)
def test_twelfth_dev_draw_rules(text: str, expected: str) -> None:
    assert decloak.clean(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "\N{CIRCLED DIGIT ONE} Open the lid.",
        "It runs in \N{MATHEMATICAL BOLD CAPITAL OMICRON}(n) time.",
        "The \N{GREEK SMALL LETTER ALPHA} particle and \N{GREEK CAPITAL LETTER OMEGA} here.",
    ],
)
def test_callouts_and_greek_symbols_stay(text: str) -> None:
    assert decloak.clean(text).text == text


def test_an_i_shaped_sign_opening_a_sentence_is_i() -> None:
    text = "\N{KAITHI DANDA}n addition, various other attributes are allowed."
    assert decloak.clean(text).text == "In addition, various other attributes are allowed."
    inside = "the \N{KAITHI DANDA}n word"
    assert decloak.clean(inside).text == inside


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "the org.freedesktop.Policy\N{MODIFIER LETTER CAPITAL K}it1 service",
            "the org.freedesktop.PolicyKit1 service",
        ),
        (
            "will never cause dp\N{MODIFIER LETTER SMALL K}g-gensymbols to fail",
            "will never cause dpkg-gensymbols to fail",
        ),
        (
            "created by useradd or newus\N{MODIFIER LETTER SMALL E}rs.",
            "created by useradd or newusers.",
        ),
    ],
)
def test_a_raised_letter_inside_an_ascii_word_is_its_letter(text: str, expected: str) -> None:
    assert decloak.clean(text).text == expected


def test_ipa_marks_inside_words_stay() -> None:
    text = "The words p\N{MODIFIER LETTER SMALL H}in and k\N{MODIFIER LETTER SMALL W}a and \N{MODIFIER LETTER SMALL M}baka."
    assert decloak.clean(text).text == text


def test_a_modifier_letter_opening_a_word_is_its_letter() -> None:
    text = "The zcmp and \N{MODIFIER LETTER SMALL Z}diff commands compare files."
    assert decloak.clean(text).text == "The zcmp and zdiff commands compare files."
    prenasal = "The word \N{MODIFIER LETTER SMALL M}baka stays."
    assert decloak.clean(prenasal).text == prenasal


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The consistent section numbers are 1, \N{SUPERSCRIPT TWO}, and 3.",
            "The consistent section numbers are 1, 2, and 3.",
        ),
        (
            "Without base-time specified, it will default to be \N{SUPERSCRIPT ZERO}.",
            "Without base-time specified, it will default to be 0.",
        ),
    ],
)
def test_a_superscript_spaced_off_before_punctuation_is_its_digit(text: str, expected: str) -> None:
    assert decloak.clean(text).text == expected


@pytest.mark.parametrize(
    "text",
    ["As shown,\N{SUPERSCRIPT TWO} the rest follows.", "\N{SUPERSCRIPT ONE} Source: the census."],
)
def test_footnote_marks_stay(text: str) -> None:
    assert decloak.clean(text).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "any and all o\N{GREEK THREE OBOLS SIGN} the rights conveyed herein.",
            "any and all of the rights conveyed herein.",
        ),
        (
            "\N{ALCHEMICAL SYMBOL FOR CRUCIBLE-4}o do it, run the tool.",
            "To do it, run the tool.",
        ),
        ("\N{KAITHI DANDA}n addition, the file is read.", "In addition, the file is read."),
    ],
)
def test_a_sign_and_a_letter_spelling_a_short_word_of_prose_are_the_word(
    text: str, expected: str
) -> None:
    assert decloak.clean(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "the map x\N{RIGHTWARDS ARROW} y",
        "at 25 \N{DEGREE SIGN}C and 77 \N{DEGREE SIGN}F",
        "the product a\N{MULTIPLICATION SIGN}b of two numbers",
    ],
)
def test_signs_glued_to_letters_in_notation_stay(text: str) -> None:
    assert decloak.clean(text).text == text


OUTLINED_CAPITAL_O = "\U0001cce4"
"""OUTLINED LATIN CAPITAL LETTER O (Unicode 16: the interpreter's own tables lack its name)."""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "the new v\N{MATHEMATICAL SANS-SERIF BOLD DIGIT ONE}.0.0 release",
            "the new v1.0.0 release",
        ),
        ("use 3\N{MATHEMATICAL ITALIC CAPITAL O} bits", "use 30 bits"),
        (f"use 3{OUTLINED_CAPITAL_O} bits", "use 30 bits"),
        ("the STD\N{SEGMENTED DIGIT ZERO}UT stream", "the STDOUT stream"),
    ],
)
def test_zero_and_o_by_the_characters_around(text: str, expected: str) -> None:
    assert decloak.clean(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "a bound of 3\N{MATHEMATICAL SCRIPT CAPITAL O}(n) steps",
        "the variable 2\N{MATHEMATICAL ITALIC SMALL X} here",
    ],
)
def test_notation_after_a_number_stays(text: str) -> None:
    assert decloak.clean(text).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a buffer of 102\N{SUBSCRIPT FOUR} bytes", "a buffer of 1024 bytes"),
        ("seen in 1\N{SUBSCRIPT NINE} cases", "seen in 19 cases"),
        ("a 1\N{SUBSCRIPT SIX}-bit value", "a 16-bit value"),
    ],
)
def test_a_one_digit_subscript_base_in_no_base_text_is_the_digit(text: str, expected: str) -> None:
    assert decloak.clean(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "In base three, 21\N{SUBSCRIPT THREE} is seven.",
        "Add 21\N{SUBSCRIPT THREE} and 12\N{SUBSCRIPT THREE} digit by digit.",
        "The binary 1011\N{SUBSCRIPT TWO} is 13 and 377\N{SUBSCRIPT EIGHT} is 255.",
        "the radix-5 number 44\N{SUBSCRIPT FIVE}",
    ],
)
def test_numbers_in_a_base_the_text_works_in_stay(text: str) -> None:
    assert decloak.clean(text).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("first seen (198\N{SUPERSCRIPT NINE}), then", "first seen (1989), then"),
        ("copyright 2020-202\N{SUPERSCRIPT THREE} the authors", "copyright 2020-2023 the authors"),
        ("a buffer of 102\N{SUPERSCRIPT FOUR} bytes", "a buffer of 1024 bytes"),
    ],
)
def test_a_superscript_ending_a_year_is_its_digit(text: str, expected: str) -> None:
    assert decloak.clean(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "a grid of 100\N{SUPERSCRIPT TWO} cells",
        "a 200\N{SUPERSCRIPT TWO} m plot and a 128\N{SUPERSCRIPT THREE} volume",
        "an image of 1,024\N{SUPERSCRIPT TWO} pixels; 3.141\N{SUPERSCRIPT TWO} is near 9.87",
        "sold 300\N{SUPERSCRIPT THREE} units, 512\N{SUPERSCRIPT THREE} cells, x123\N{SUPERSCRIPT TWO}",
        "the ion 123\N{SUPERSCRIPT TWO}\N{SUPERSCRIPT PLUS SIGN} and 10\N{SUPERSCRIPT NINE} Hz",
    ],
)
def test_squares_cubes_and_powers_after_numbers_stay(text: str) -> None:
    assert decloak.clean(text).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("open the \N{LATIN SMALL LETTER LONG S}ile, then", "open the file, then"),
        ("\N{LATIN SMALL LETTER LONG S}or all users", "for all users"),
        ("the de\N{LATIN SMALL LETTER LONG S}ault value", "the default value"),
        ("the le\N{LATIN SMALL LETTER LONG S}t side", "the left side"),
    ],
)
def test_a_long_s_spelling_a_word_with_f_is_the_f(text: str, expected: str) -> None:
    assert decloak.clean(text).text == expected


def test_the_long_s_of_old_print_is_an_s() -> None:
    text = (
        "\N{LATIN SMALL LETTER LONG S}uch a thing I my\N{LATIN SMALL LETTER LONG S}elf"
        " \N{LATIN SMALL LETTER LONG S}aw the fir\N{LATIN SMALL LETTER LONG S}t day"
    )
    assert decloak.clean(text).text == "such a thing I myself saw the first day"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The \N{LATIN CAPITAL LETTER EZH}rd edition sold", "The 3rd edition sold"),
        ("the 1\N{LATIN SMALL LETTER CON}th day", "the 19th day"),
        ("The x8\N{SUPERSCRIPT SIX}_64 build needs", "The x86_64 build needs"),
        ("dated 2024-03-1\N{SUPERSCRIPT EIGHT}.", "dated 2024-03-18."),
        ("an MP\N{GREEK VOCAL NOTATION SYMBOL-7} file", "an MP3 file"),
    ],
)
def test_ordinals_identifiers_dates_and_signs_read_their_digit(text: str, expected: str) -> None:
    assert decloak.clean(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "a \N{LATIN CAPITAL LETTER EZH}nd try",
        "the term x\N{SUPERSCRIPT TWO}_1 and 2\N{SUPERSCRIPT EIGHT}-1 values",
        "the angle \N{GREEK SMALL LETTER THETA} is 2\N{SUPERSCRIPT EIGHT}",
        "the constant \N{GREEK SMALL LETTER THETA}rd",
    ],
)
def test_no_ordinal_no_identifier_stays(text: str) -> None:
    assert decloak.clean(text).text == text


def test_a_typeface_digit_among_letters_takes_the_case_around() -> None:
    """The lexicon ignores case, so the first letter that spells a word wins, tried in
    the case of the letters around: "aIl" passed for "all" and was kept."""
    one = "\N{SEGMENTED DIGIT ONE}"
    assert decloak.clean(f"update a{one}l heads").text == "update all heads"
    assert decloak.clean(f"THE A{one}L CODE").text == "THE AIL CODE"


def test_a_long_s_in_a_line_disguised_throughout_is_the_f() -> None:
    text = (
        "\N{MATHEMATICAL BOLD CAPITAL T}\N{MATHEMATICAL SANS-SERIF SMALL H}e "
        "\N{MATHEMATICAL SCRIPT SMALL T}\N{FULLWIDTH LATIN SMALL LETTER Y}pe "
        "\N{LATIN SMALL LETTER LONG S}\N{MATHEMATICAL DOUBLE-STRUCK SMALL I}"
        "\N{MATHEMATICAL SANS-SERIF BOLD SMALL E}\N{LATIN LETTER DENTAL CLICK}d "
        "\N{MATHEMATICAL BOLD ITALIC SMALL I}\N{MATHEMATICAL BOLD SMALL S} "
        "\N{MATHEMATICAL BOLD SMALL O}\N{MATHEMATICAL SANS-SERIF SMALL P}t"
        "\N{MATHEMATICAL DOUBLE-STRUCK SMALL I}on\N{MATHEMATICAL SCRIPT SMALL A}l."
    )
    assert decloak.clean(text).text == "The type field is optional."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("which is read a\N{MODIFIER LETTER SMALL S} text", "which is read as text"),
        ("set u\N{MODIFIER LETTER SMALL P} the device", "set up the device"),
        ("go t\N{MODIFIER LETTER SMALL O} the shop", "go to the shop"),
    ],
)
def test_a_letter_and_a_modifier_letter_spelling_a_short_word_are_the_word(
    text: str, expected: str
) -> None:
    assert decloak.clean(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "where a\N{SUPERSCRIPT LATIN SMALL LETTER N} is the term",
        "the value x\N{MODIFIER LETTER SMALL Y} here",
        "with a\N{MODIFIER LETTER SMALL T} most and a b\N{LATIN SUBSCRIPT SMALL LETTER K} c",
        "the aspirated t\N{MODIFIER LETTER SMALL H} and k\N{MODIFIER LETTER SMALL W} sounds",
    ],
)
def test_exponents_and_phonetic_marks_after_one_letter_stay(text: str) -> None:
    assert decloak.clean(text).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "domainname u\N{LATIN LETTER SMALL CAPITAL S}es the "
            "getho\N{LATIN LETTER SMALL CAPITAL S}tname(2) function",
            "domainname uses the gethostname(2) function",
        ),
        (
            "for the build see cm\N{LATIN SMALL LETTER INVERTED ALPHA}ke(1), and "
            "\N{LATIN SMALL LETTER DOTLESS J}ournalctl(1) for the logs",
            "for the build see cmake(1), and journalctl(1) for the logs",
        ),
    ],
)
def test_a_manual_page_name_is_ascii(text: str, expected: str) -> None:
    assert decloak.clean(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "Turkish: the \N{LATIN SMALL LETTER DOTLESS I}\N{LATIN SMALL LETTER S WITH CEDILLA}"
        "\N{LATIN SMALL LETTER DOTLESS I}k(1) page",
        "Ur yelli umagrad deg wal\N{LATIN SMALL LETTER GAMMA}u(1) i izemren ad yettwafhem"
        " d tukci, ne\N{LATIN SMALL LETTER GAMMA} i kra n agraw, "
        "\N{LATIN SMALL LETTER GAMMA}er tlelliyin.",
    ],
)
def test_names_in_an_orthography_before_a_section_stay(text: str) -> None:
    assert decloak.clean(text).text == text


def _bold(s: str) -> str:
    """``s`` in mathematical bold letters (a line disguised throughout)."""
    return "".join(
        unicodedata.lookup(f"MATHEMATICAL BOLD {'CAPITAL' if c.isupper() else 'SMALL'} {c.upper()}")
        if c.isascii() and c.isalpha()
        else c
        for c in s
    )


def test_in_a_line_disguised_throughout_an_l_follows_the_letter_read_before_it() -> None:
    """ "optiona" + a bold italic I + a Coptic Iauda + "y": the Iauda was judged by the
    bold I as first seen (a capital), not as read (an l), and stayed a capital I."""
    text = (
        _bold("the value is set ")
        + _bold("optiona")
        + "\N{MATHEMATICAL BOLD ITALIC CAPITAL I}\N{COPTIC CAPITAL LETTER IAUDA}"
        + _bold("y by the user.")
    )
    assert decloak.clean(text).text == "the value is set optionally by the user."


def test_in_a_line_disguised_throughout_a_long_s_beside_a_vertical_line_is_f() -> None:
    text = (
        _bold("the ")
        + "\N{LATIN SMALL LETTER LONG S}o\N{ROMAN NUMERAL ONE}|"
        + _bold("owing steps are run in order.")
    )
    assert decloak.clean(text).text == "the following steps are run in order."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "the file with the lexi\N{LATIN LETTER SMALL CAPITAL C}ographically latest name",
            "the file with the lexicographically latest name",
        ),
        (
            "this file is decompress\N{LATIN SMALL LETTER BLACKLETTER E}d using the tool",
            "this file is decompressed using the tool",
        ),
        (
            "Bzgrep is used to invoke grep on b\N{LATIN LETTER SMALL CAPITAL Z}ip2-compressed files.",
            "Bzgrep is used to invoke grep on bzip2-compressed files.",
        ),
        (
            # a word of technical letters only, where the unit shows a disguise: and the
            # letter is read in "represent" though "Ƅꬲ" came first
            "which can repres\N{LATIN SMALL LETTER BLACKLETTER E}nt the number that "
            "c\N{LATIN SMALL LETTER INVERTED ALPHA}n "
            "\N{LATIN CAPITAL LETTER TONE SIX}\N{LATIN SMALL LETTER BLACKLETTER E} used.",
            "which can represent the number that can be used.",
        ),
    ],
)
def test_a_technical_letter_inside_an_english_word_is_its_letter(text: str, expected: str) -> None:
    """Small capitals, IPA letters and medievalist letters (UTS #39 Technical, Obsolete,
    Uncommon_Use) are no orthography's; inside an ASCII word of English prose they were
    only flagged where the lexicon did not know the word, and one left unread made the
    letter the unit's own everywhere."""
    assert decloak.clean(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        # IPA: in brackets, or beside other letters beyond ASCII
        "The word is pronounced /k\N{LATIN SMALL LETTER ALPHA}r/ in most of the country.",
        "the vowel \N{LATIN SMALL LETTER ALPHA} is written for the sound in father",
        "In Hausa the word \N{LATIN SMALL LETTER D WITH HOOK}anbatta is written so in the text.",
        "the clicks of \N{LATIN LETTER RETROFLEX CLICK}Kung are written with their letter here",
        # not English prose
        "ke\N{LATIN LETTER SMALL CAPITAL A}la m\N{LATIN LETTER SMALL CAPITAL E}nne ja muu",
    ],
)
def test_orthographies_and_transcriptions_keep_their_letters(text: str) -> None:
    assert decloak.clean(text).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Boston, MA \N{MATHEMATICAL ITALIC CAPITAL O}2110-1301 USA", "Boston, MA 02110-1301 USA"),
        ("the prefix \N{MATHEMATICAL BOLD ITALIC CAPITAL O}X is", "the prefix 0X is"),
        (
            "print it with the \N{MATHEMATICAL SANS-SERIF BOLD ITALIC CAPITAL O}x prefix",
            "print it with the 0x prefix",
        ),
        (
            "the name is in argv\N{MATHEMATICAL BOLD SCRIPT CAPITAL O} here",
            "the name is in argv0 here",
        ),
        (
            "the name is in argv\N{MATHEMATICAL BOLD CAPITAL OMICRON} here",
            "the name is in argv0 here",
        ),
        ("the name is in argv\N{OLD ITALIC LETTER O} here", "the name is in argv0 here"),
        ("the SP8\N{BASSA VAH LETTER OO}0-132 standard", "the SP800-132 standard"),
    ],
)
def test_a_look_alike_of_o_and_0_in_a_number_or_ending_a_name_is_0(
    text: str, expected: str
) -> None:
    assert decloak.clean(text).text == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a formula's letters in bold are folded, but the O stays a letter
        (
            "the gas \N{MATHEMATICAL BOLD CAPITAL C}\N{MATHEMATICAL BOLD CAPITAL O}2 is",
            "the gas CO2 is",
        ),
        ("a point \N{MATHEMATICAL ITALIC CAPITAL O} is the origin", None),
        ("the big-O bound \N{MATHEMATICAL ITALIC CAPITAL O}(n) holds", None),
    ],
)
def test_an_o_of_maths_or_chemistry_stays_a_letter(text: str, expected: str | None) -> None:
    assert decloak.clean(text).text == (expected or text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "like the -w option of git-shortlog(\N{LYCIAN LETTER J}).",
            "like the -w option of git-shortlog(1).",
        ),
        ("is to use command setpriv(\N{TIFINAGH LETTER YAN}).", "is to use command setpriv(1)."),
        (
            "by gethostname(\N{GREEK VOCAL NOTATION SYMBOL-7}P) or by getaddrinfo(3) is shown.",
            "by gethostname(3P) or by getaddrinfo(3) is shown.",
        ),
    ],
)
def test_a_manual_section_is_a_number(text: str, expected: str) -> None:
    """The bracket after a name made the line code, so the lone letter in it was read as
    a function's argument: ``setpriv(l)``."""
    assert decloak.clean(text).text == expected


def test_an_argument_in_a_formula_stays_a_letter() -> None:
    assert (
        decloak.clean("where f(\N{TIFINAGH LETTER YAN}) = 2 holds").text == "where f(l) = 2 holds"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Specification Version 1.\N{SUPERSCRIPT TWO} (July 8, 1999)",
            "Specification Version 1.2 (July 8, 1999)",
        ),
        (
            '1.\N{SUPERSCRIPT TWO}. "Contributor Version" means the',
            '1.2. "Contributor Version" means the',
        ),
        (
            "with the addition of a .bz\N{SUBSCRIPT TWO} suffix.",
            "with the addition of a .bz2 suffix.",
        ),
    ],
)
def test_version_clause_and_extension_digits(text: str, expected: str) -> None:
    assert decloak.clean(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "as reported in 2019.\N{SUPERSCRIPT THREE} The next year",
        "the area is 1.5\N{SUPERSCRIPT TWO} and",
        "the gas CO\N{SUBSCRIPT TWO}. Water is H\N{SUBSCRIPT TWO}O.",
    ],
)
def test_footnotes_powers_and_formulas_keep_their_marks(text: str) -> None:
    assert decloak.clean(text).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "after an unsuccessful attempt and \N{LATIN CAPITAL LETTER TONE TWO} seconds of delay",
            "after an unsuccessful attempt and 2 seconds of delay",
        ),
        (
            "the block size is set to \N{LATIN SMALL LETTER CON} by default",
            "the block size is set to 9 by default",
        ),
    ],
)
def test_a_lone_technical_letter_that_looks_only_like_a_digit_is_the_digit(
    text: str, expected: str
) -> None:
    assert decloak.clean(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        # a letter of orthographies (Skolt Sami, Laz): it stays
        "follow the conditions in section \N{LATIN CAPITAL LETTER EZH}.",
        # a paragraph the lexicon does not know
        "ke \N{LATIN CAPITAL LETTER TONE TWO} ma",
    ],
)
def test_lone_letters_of_orthographies_stay(text: str) -> None:
    assert decloak.clean(text).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "use IPv\N{SUPERSCRIPT FOUR} and DHCPv\N{SUPERSCRIPT SIX} here",
            "use IPv4 and DHCPv6 here",
        ),
        ("all bzip\N{SUBSCRIPT TWO}-compressed files", "all bzip2-compressed files"),
        ("run the py\N{SUPERSCRIPT THREE}versions tool", "run the py3versions tool"),
        ("use template\N{SUPERSCRIPT ZERO}, not the other", "use template0, not the other"),
        ('the value "\N{SUPERSCRIPT ZERO}", is', 'the value "0", is'),
        ("it returns -\N{SUBSCRIPT ONE}, on error", "it returns -1, on error"),
        ("since version 2.\N{SUPERSCRIPT TWO}, the tool", "since version 2.2, the tool"),
    ],
)
def test_raised_and_lowered_digits_of_names_and_numbers(text: str, expected: str) -> None:
    assert decloak.clean(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "the area m\N{SUPERSCRIPT TWO} and cm\N{SUPERSCRIPT THREE} of it",
        "where sinh\N{SUPERSCRIPT TWO}(x) and log\N{SUBSCRIPT TWO} n and x\N{SUPERSCRIPT TWO}y hold",
        "as the word\N{SUPERSCRIPT ONE} and Smith\N{SUPERSCRIPT TWO} say, with H\N{SUBSCRIPT TWO}O",
        "the x\N{SUPERSCRIPT ZERO} term and x \N{SUPERSCRIPT MINUS}\N{SUPERSCRIPT ONE} here",
    ],
)
def test_powers_indices_and_footnotes_of_words_stay(text: str) -> None:
    assert decloak.clean(text).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "start the \N{OLD HUNGARIAN CAPITAL LETTER EB}session script now",
            "start the Xsession script now",
        ),
        (
            "written by Denis \N{OLD TURKIC LETTER YENISEI AL}lasenko and others",
            "written by Denis Vlasenko and others",
        ),
        ("set the textcon\N{HEBREW LETTER TET} driver", "set the textconv driver"),
        ("the topleve\N{SAURASHTRA DANDA} directory", "the toplevel directory"),
    ],
)
def test_a_character_of_a_script_the_paragraph_writes_nowhere_else_is_no_letter_of_it(
    text: str, expected: str
) -> None:
    """At a word's edge such a character was read only where the word was a known one."""
    assert decloak.clean(text).text == expected


def test_a_hebrew_prefix_in_hebrew_text_stays() -> None:
    text = "\N{HEBREW LETTER SHIN}\N{HEBREW LETTER LAMED}\N{HEBREW LETTER VAV}\N{HEBREW LETTER FINAL MEM} textcon\N{HEBREW LETTER TET} \N{HEBREW LETTER AYIN}\N{HEBREW LETTER VAV}\N{HEBREW LETTER LAMED}\N{HEBREW LETTER FINAL MEM}"
    assert decloak.clean(text).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "the DocBoo\N{MODIFIER LETTER SMALL K} format is used here",
            "the DocBook format is used here",
        ),
        (
            "run update-\N{LATIN SUBSCRIPT SMALL LETTER X}mlcatalog to add it",
            "run update-xmlcatalog to add it",
        ),
        ("the data is encoded in ASN.\N{SUBSCRIPT ONE} here", "the data is encoded in ASN.1 here"),
        ("link it with libc.so.\N{SUPERSCRIPT SIX}. Then", "link it with libc.so.6. Then"),
        (
            "see section 2.\N{SUPERSCRIPT ONE}(a) of the licence",
            "see section 2.1(a) of the licence",
        ),
    ],
)
def test_raised_letters_at_a_words_edge_and_digits_after_a_names_dot(
    text: str, expected: str
) -> None:
    assert decloak.clean(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "the vector x\N{SUPERSCRIPT LATIN SMALL LETTER N} and a\N{LATIN SUBSCRIPT SMALL LETTER I} and the word p\N{MODIFIER LETTER SMALL H}in",
        "as noted at the end.\N{SUPERSCRIPT TWO} Next",
    ],
)
def test_notation_and_footnotes_after_a_sentence_stay(text: str) -> None:
    assert decloak.clean(text).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("see git(\N{CYRILLIC LETTER PALOCHKA}). Then", "see git(1). Then"),
        (
            "see openssl-verification-options(\N{MATHEMATICAL BOLD FRAKTUR SMALL L}) for it",
            "see openssl-verification-options(1) for it",
        ),
        ("a block of \N{MATHEMATICAL SANS-SERIF SMALL L}024 bytes", "a block of 1024 bytes"),
        ('in the 2\N{OSAGE CAPITAL LETTER O}s". era', 'in the 20s". era'),
        ("the value 0x1\N{GREEK CAPITAL LETTER OMICRON}ffff is", "the value 0x10ffff is"),
        ("add a .bz\N{SUPERSCRIPT TWO} suffix", "add a .bz2 suffix"),
        ("use UTF-1\N{SUPERSCRIPT SIX} here", "use UTF-16 here"),
        ("since version 2.\N{SUPERSCRIPT ZERO} the", "since version 2.0 the"),
    ],
)
def test_sections_numbers_decades_and_extensions_read_their_digits(
    text: str, expected: str
) -> None:
    assert decloak.clean(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "the \N{MATHEMATICAL ITALIC SMALL L}1 and \N{MATHEMATICAL ITALIC SMALL L}2 norms",
        "the sum \N{MATHEMATICAL ITALIC SMALL X}2 + 1",
    ],
)
def test_maths_letters_before_a_digit_stay(text: str) -> None:
    assert decloak.clean(text).text == text


def test_only_records_beside_a_digit_or_ending_a_name_are_read_for_digits(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Reading every look-alike of O or l again for a number cost an attacked text 40%
    of its speed: one record every few words, a digit beside almost none of them."""
    from decloak.engine import forms

    calls = []
    real = forms.letters_as_digits

    def counted(*args: object, **kwargs: object) -> None:
        calls.append(1)
        real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(forms, "letters_as_digits", counted)
    text = "The \N{CYRILLIC CAPITAL LETTER O}pen b\N{CYRILLIC SMALL LETTER O}ok is here. " * 200
    assert decloak.clean(text).text == "The Open book is here. " * 200
    assert not calls
    assert decloak.clean("the name is argv\N{OLD ITALIC LETTER O} here").text.endswith("argv0 here")
    assert calls


def _letters_as_digits_oracle(reading: list[str], chars: str, preceding: str) -> None:
    """The rule of :func:`decloak.engine.forms.letters_as_digits` as first written: each
    look-alike's run read again around it (quadratic on a long run; kept as the oracle)."""
    from decloak.engine import forms

    alnum = frozenset(string.ascii_letters + string.digits)
    digits = frozenset(string.digits)
    hexd = frozenset(string.hexdigits)
    for k, ch in enumerate(chars):
        if not (reading[k].isalpha() and len(reading[k]) == 1) or ch in alnum:
            continue
        digit = forms._digit_reading(ch)
        if digit is None:
            continue
        i, j = k, k + 1
        while i and reading[i - 1] in alnum:
            i -= 1
        while j < len(chars) and reading[j] in alnum:
            j += 1
        run = reading[i:k] + reading[k + 1 : j]
        joined = i == 0 and preceding in alnum
        if (run and not joined and all(c in digits for c in run)) or (
            i < k < j - 1 and reading[k - 1] in digits and reading[k + 1] in digits
        ):
            ok = True
        elif k > i and reading[k - 1] in digits and j == k + 2 and reading[k + 1] == "s":
            ok = all(c in digits for c in reading[i:k])
        elif reading[i : i + 2] in (["0", "x"], ["0", "X"]) and k >= i + 2:
            ok = all(c in hexd for c in run[2:])
        elif digit != "0":
            ok = False
        elif k == i == 0 and not joined and j - k >= 2 and reading[k + 1] in "xX":
            ok = all(c in hexd for c in reading[k + 2 : j])
        else:
            ok = (
                reading[k] == "O"
                and k == j - 1
                and k - i >= 2
                and all(
                    c in string.ascii_lowercase and c == chars[m]
                    for m, c in enumerate(reading[i:k], i)
                )
            )
        if ok:
            reading[k] = digit


_SHAPES = {
    "\N{MATHEMATICAL ITALIC CAPITAL O}": "O",
    "\N{COPTIC CAPITAL LETTER O}": "O",
    "\N{MATHEMATICAL SANS-SERIF SMALL L}": "l",
    "\N{MATHEMATICAL BOLD CAPITAL I}": "I",
    "\N{GREEK SMALL LETTER ALPHA}": "\N{GREEK SMALL LETTER ALPHA}",  # a letter read as itself
}


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from([*"0123x9sXafgO-", *_SHAPES]), max_size=24),
    st.sampled_from(["", "a", "1", " "]),
)
def test_letters_as_digits_reads_as_the_per_character_rule(
    parts: list[str], preceding: str
) -> None:
    """The one-pass reading gives what the per-character rule gave, on any mix."""
    from decloak.engine import forms

    chars = "".join(parts)
    got = [_SHAPES.get(c, c) for c in chars]
    want = list(got)
    forms.letters_as_digits(got, chars, preceding)
    _letters_as_digits_oracle(want, chars, preceding)
    assert got == want


def test_a_long_run_of_o_look_alikes_is_read_in_linear_time() -> None:
    """Each look-alike of O in a run read the whole run again: 16,000 in one word took
    18 s, 16 times 4,000."""
    from _timing import cpu_cost

    def cost(n: int) -> float:
        text = "the a" + "\N{CYRILLIC CAPITAL LETTER O}" * n + " end"
        return cpu_cost(lambda: decloak.clean(text), repeat=1)

    small, big = cost(2_000), cost(8_000)
    assert big / small < 8.0, f"4x the run costs {big / small:.1f}x"
