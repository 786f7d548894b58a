"""Hand-curated character data: which characters matter, and why.

Generated Unicode properties live in :mod:`decloak._tables`; this module holds
the *judgements* layered on top of them, each written with ``\\N{NAME}`` and a
reason, in the manner of ftfy's ``chardata``.  Nothing here is a magic number:
ranges come from the generated tables, single characters from their names.
"""

from __future__ import annotations

# --- Controls that change what a reader sees -------------------------------------------

BACKSPACE = "\N{BACKSPACE}"
DELETE = "\N{DELETE}"
ESCAPE = "\N{ESCAPE}"
#: Characters that erase the one before them when text is displayed on a terminal
#: or typed: ``ak<BS>re`` shows ``are``.  Applying them gives what a reader saw.
ERASERS = frozenset({BACKSPACE, DELETE})

#: C0/C1 controls that are ordinary layout, never a disguise.
LAYOUT_CONTROLS = frozenset(
    {
        "\N{CHARACTER TABULATION}",  # tab
        "\N{LINE FEED}",  # newline
        "\N{LINE TABULATION}",  # vertical tab: form layout, man pages
        "\N{FORM FEED}",  # page break in source files and man pages
        "\N{CARRIAGE RETURN}",  # line ending (CRLF, old Mac CR): preserved exactly
        "\N{NEXT LINE}",  # NEL: a line break in EBCDIC-derived text
    }
)

# --- Invisible characters and the contexts that legitimately need them -----------------

ZWSP = "\N{ZERO WIDTH SPACE}"
ZWNJ = "\N{ZERO WIDTH NON-JOINER}"
ZWJ = "\N{ZERO WIDTH JOINER}"
WORD_JOINER = "\N{WORD JOINER}"
BOM = "\N{ZERO WIDTH NO-BREAK SPACE}"
SOFT_HYPHEN = "\N{SOFT HYPHEN}"
CGJ = "\N{COMBINING GRAPHEME JOINER}"
MVS = "\N{MONGOLIAN VOWEL SEPARATOR}"
BRAILLE_BLANK = "\N{BRAILLE PATTERN BLANK}"

#: Why each commonly abused invisible is removed when its context does not need it.
INVISIBLE_REASONS: dict[str, str] = {
    ZWSP: "a zero-width space: invisible, breaks words for search and classifiers",
    ZWNJ: "a zero-width non-joiner outside a script that uses it (Persian, Indic)",
    ZWJ: "a zero-width joiner outside an emoji sequence or a joining script",
    WORD_JOINER: "a word joiner: invisible, splits tokens without showing anything",
    BOM: "a byte order mark inside the text (only meaningful at offset 0)",
    "\N{FUNCTION APPLICATION}": "an invisible maths operator in running text",
    "\N{INVISIBLE TIMES}": "an invisible maths operator in running text",
    "\N{INVISIBLE SEPARATOR}": "an invisible maths operator in running text",
    "\N{INVISIBLE PLUS}": "an invisible maths operator in running text",
    CGJ: "a combining grapheme joiner with no marks to keep apart",
    MVS: "a Mongolian vowel separator outside Mongolian text",
    "\N{HANGUL CHOSEONG FILLER}": "a Hangul filler outside a Hangul syllable: renders blank",
    "\N{HANGUL JUNGSEONG FILLER}": "a Hangul filler outside a Hangul syllable: renders blank",
    "\N{HANGUL FILLER}": "a Hangul filler used as an invisible letter",
    "\N{HALFWIDTH HANGUL FILLER}": "a Hangul filler used as an invisible letter",
    BRAILLE_BLANK: "a blank braille cell outside braille: looks like a space, is a letter",
    SOFT_HYPHEN: "a soft hyphen outside a word, where it cannot be a hyphenation hint",
    "\N{KHMER VOWEL INHERENT AQ}": "a deprecated invisible Khmer vowel outside Khmer",
    "\N{KHMER VOWEL INHERENT AA}": "a deprecated invisible Khmer vowel outside Khmer",
}

#: Format characters that do no work in any text, and why: judged like the invisibles
#: above.  (Format controls of one script, the Egyptian hieroglyph joiners and the
#: Duployan shorthand overlaps, name it in their Script_Extensions: they are kept
#: beside that script's characters and removed elsewhere, where they only split words.)
FORMAT_REASONS: dict[str, str] = {
    "\N{INHIBIT SYMMETRIC SWAPPING}": "a deprecated format character (Unicode 3.0): renderers ignore it",
    "\N{ACTIVATE SYMMETRIC SWAPPING}": "a deprecated format character (Unicode 3.0): renderers ignore it",
    "\N{INHIBIT ARABIC FORM SHAPING}": "a deprecated format character (Unicode 3.0): renderers ignore it",
    "\N{ACTIVATE ARABIC FORM SHAPING}": "a deprecated format character (Unicode 3.0): renderers ignore it",
    "\N{NATIONAL DIGIT SHAPES}": "a deprecated format character (Unicode 3.0): renderers ignore it",
    "\N{NOMINAL DIGIT SHAPES}": "a deprecated format character (Unicode 3.0): renderers ignore it",
    # Unicode 23.8: "should not be exchanged"; a program marks ruby annotations with them
    # internally, so in interchanged text they show nothing and only split words
    "\N{INTERLINEAR ANNOTATION ANCHOR}": "an interlinear annotation control, for a program's "
    "internal use only: it shows nothing",
    "\N{INTERLINEAR ANNOTATION SEPARATOR}": "an interlinear annotation control, for a program's "
    "internal use only: it shows nothing",
    "\N{INTERLINEAR ANNOTATION TERMINATOR}": "an interlinear annotation control, for a program's "
    "internal use only: it shows nothing",
}

#: Format characters that are drawn (Prepended_Concatenation_Mark, PropList.txt): an
#: Arabic number sign or a Kaithi number sign spans the digits after it.  Not invisible,
#: so decloak leaves them alone wherever they stand.
VISIBLE_FORMAT_CHARACTERS = frozenset(
    {
        "\N{ARABIC NUMBER SIGN}",
        "\N{ARABIC SIGN SANAH}",
        "\N{ARABIC FOOTNOTE MARKER}",
        "\N{ARABIC SIGN SAFHA}",
        "\N{ARABIC SIGN SAMVAT}",
        "\N{ARABIC NUMBER MARK ABOVE}",
        "\N{ARABIC END OF AYAH}",
        "\N{SYRIAC ABBREVIATION MARK}",
        "\N{ARABIC POUND MARK ABOVE}",
        "\N{ARABIC PIASTRE MARK ABOVE}",
        "\N{ARABIC DISPUTED END OF AYAH}",
        "\N{KAITHI NUMBER SIGN}",
        "\N{KAITHI NUMBER SIGN ABOVE}",
    }
)

# --- Soft hyphens: where a hyphenator would put one --------------------------------------

#: A soft hyphen is a hyphenation hint: a hyphenator (TeX, LibreOffice, a browser, a news
#: site's &shy; tool) puts one at a syllable break of a word long enough to break.  None
#: breaks a word of fewer than HYPHEN_WORD_MIN letters, nor leaves fewer than
#: HYPHEN_PART_MIN letters on either side of the break: CSS Text 4's
#: ``hyphenate-limit-chars: auto`` is "5 2 2", LibreOffice's and Text::Hyphen's defaults
#: are 5 / 2 / 2, and TeX's English minimums are 2 and 3 (German, Finnish: 2 and 2).
#: A soft hyphen that breaks these rules (``wi<SHY>ll``, ``HTT<SHY>P``, ``Thir<SHY>d``)
#: only splits the word.  Digits count as letters (``file1``).
HYPHEN_WORD_MIN = 5
HYPHEN_PART_MIN = 2

#: Words shorter than this are where hyphenators disagree (CSS breaks words of 5
#: letters, Hyphenopoly and Hyphenator.js from 6, Adobe's XFA from 7), and where a
#: hand-placed hint never goes (people hyphenate long compounds by hand).  A hint
#: in such a word is believed only in a line that shows a hyphenator at work: another
#: hint in a word of at least this many letters.  ``Die Ta<SHY>fel steht im
#: Klas<SHY>sen<SHY>zim<SHY>mer`` keeps both; ``st<SHY>ill`` alone in English goes.
HYPHEN_LONG_WORD = 7

LRM = "\N{LEFT-TO-RIGHT MARK}"
RLM = "\N{RIGHT-TO-LEFT MARK}"
ALM = "\N{ARABIC LETTER MARK}"
#: Bidi marks: invisible, but needed wherever right-to-left text is mixed with
#: numbers or Latin.  In text with no right-to-left letters they do nothing.
BIDI_MARKS = frozenset({LRM, RLM, ALM})
#: The marks that are strong right-to-left characters: one before a line's first
#: left-to-right letter makes the line a right-to-left paragraph (UAX #9 rule P2),
#: which is how catalogues of Arabic and Hebrew UI strings mark one that holds no
#: right-to-left letter ("\u200f%.1f %s").
RTL_MARKS = frozenset({RLM, ALM})

#: Explicit bidi formatting characters (embeddings, overrides, isolates, pops).
LRE = "\N{LEFT-TO-RIGHT EMBEDDING}"
RLE = "\N{RIGHT-TO-LEFT EMBEDDING}"
PDF = "\N{POP DIRECTIONAL FORMATTING}"
LRO = "\N{LEFT-TO-RIGHT OVERRIDE}"
RLO = "\N{RIGHT-TO-LEFT OVERRIDE}"
LRI = "\N{LEFT-TO-RIGHT ISOLATE}"
RLI = "\N{RIGHT-TO-LEFT ISOLATE}"
FSI = "\N{FIRST STRONG ISOLATE}"
PDI = "\N{POP DIRECTIONAL ISOLATE}"
BIDI_OPENERS_EMBED = frozenset({LRE, RLE, LRO, RLO})
BIDI_OPENERS_ISOLATE = frozenset({LRI, RLI, FSI})
BIDI_OVERRIDES = frozenset({LRO, RLO})
BIDI_EXPLICIT = BIDI_OPENERS_EMBED | BIDI_OPENERS_ISOLATE | {PDF, PDI}

#: Characters that end a bidi paragraph (UAX #9 class B) and so end every
#: embedding: lines are analysed one at a time.
PARAGRAPH_SEPARATORS = "\n\r\x1c\x1d\x1e\x85\u2029"

# --- Emoji building blocks ---------------------------------------------------------------

VS15 = "\N{VARIATION SELECTOR-15}"  # text presentation
VS16 = "\N{VARIATION SELECTOR-16}"  # emoji presentation
KEYCAP = "\N{COMBINING ENCLOSING KEYCAP}"
WAVING_BLACK_FLAG = "\N{WAVING BLACK FLAG}"  # the only base of emoji tag sequences
CANCEL_TAG = "\N{CANCEL TAG}"
TAG_FIRST = "\N{LANGUAGE TAG}"  # U+E0001, the start of the tag block
TAG_SPACE = "\N{TAG SPACE}"  # U+E0020: tags E0020..E007E mirror ASCII 20..7E
TAG_LAST = CANCEL_TAG
TAG_ASCII_OFFSET = ord(TAG_SPACE) - ord(" ")
TAG_DIGIT_ZERO = "\N{TAG DIGIT ZERO}"
TAG_DIGIT_NINE = "\N{TAG DIGIT NINE}"
TAG_LATIN_SMALL_A = "\N{TAG LATIN SMALL LETTER A}"
TAG_LATIN_SMALL_Z = "\N{TAG LATIN SMALL LETTER Z}"

#: Variation selectors carry one byte each in the smuggling scheme (Butler 2025):
#: byte b < 16 -> VS(1+b), else VARIATION SELECTOR-17 + (b - 16).
VS1 = "\N{VARIATION SELECTOR-1}"
VS17 = "\N{VARIATION SELECTOR-17}"
VS256 = "\N{VARIATION SELECTOR-256}"

# --- Scripts whose writing needs the joiners --------------------------------------------

#: Scripts written without spaces between words, where ZERO WIDTH SPACE marks
#: word boundaries for line breaking.
ZWSP_SCRIPTS = frozenset(
    {
        "Thai",
        "Lao",
        "Khmer",
        "Myanmar",
        "Tibetan",
        "Han",
        "Hiragana",
        "Katakana",
        "Javanese",
        "Balinese",
        "Tai_Tham",
        "New_Tai_Lue",
        "Tai_Le",
        "Sundanese",
        "Buginese",
    }
)

#: Punctuation after which long URLs and paths get a ZERO WIDTH SPACE as a
#: line-break hint ("https://example.com/a/\u200bb"): kept unless the paragraph
#: shows other disguises.
BREAK_AFTER = frozenset("/.-_?&=#:\\")

#: Scripts where ZWNJ / ZWJ control joining or conjunct formation.
JOINER_SCRIPTS = frozenset(
    {
        # cursive scripts: ZWNJ breaks a join (Persian "می‌خواهم"), ZWJ forces one
        "Arabic",
        "Syriac",
        "Nko",
        "Mongolian",
        "Mandaic",
        "Manichaean",
        "Psalter_Pahlavi",
        "Hanifi_Rohingya",
        "Adlam",
        "Sogdian",
        # Brahmic scripts: ZWJ/ZWNJ select half forms, chillus, conjuncts (ශ්‍රී)
        "Devanagari",
        "Bengali",
        "Gurmukhi",
        "Gujarati",
        "Oriya",
        "Tamil",
        "Telugu",
        "Kannada",
        "Malayalam",
        "Sinhala",
        "Tibetan",
        "Myanmar",
        "Khmer",
        "Lao",
        "Thai",
        "Balinese",
        "Javanese",
        "Sundanese",
        "Tirhuta",
        "Grantha",
        "Sharada",
        "Takri",
        "Khojki",
        "Kaithi",
        "Chakma",
        "Newa",
        "Limbu",
        "Meetei_Mayek",
        "Ol_Chiki",
        "Syloti_Nagri",
        "Lepcha",
        "Brahmi",
        # Hebrew: ZWJ/ZWNJ occur in Yiddish and in pointed text
        "Hebrew",
    }
)

#: Scripts written without case or word spacing whose fullwidth Latin and digits
#: are ordinary typography (Japanese "ＡＢＣ", Chinese "１２３").
CJK_SCRIPTS = frozenset({"Han", "Hiragana", "Katakana", "Hangul", "Bopomofo"})

#: Latin letter pairs where German (and Dutch) typesetting puts a ZWNJ to stop a
#: ligature at a morpheme boundary ("Auf‌lage"): the first letter is always f.
LIGATURE_FIRST = frozenset("f")
LIGATURE_SECOND = frozenset("fijltbhk")

#: Single-letter words of Latin-script languages (English a/I, Spanish y/o/e/u,
#: Italian e/o, Polish i/w/z, Czech a/i/k/o/s/u/v/z): a lone look-alike standing
#: as one of these in Latin text is that word (the Cyrillic "а" article).  Lone
#: look-alikes of other letters ("с", "р") are reported but left alone: they are
#: as likely a quoted Russian preposition as a disguise.
SINGLE_LETTER_WORDS = frozenset("aAeEiIoOuUyYsSvVkKzZwW")

#: The IPA's marks of secondary articulation and release, written as modifier letters
#: inside a transcribed word without brackets (``pʰin``, ``kʷa``, ``tʲ``): a modifier letter
#: inside an ASCII word is read as the letter it shows (``dpᵏg``) unless it is one of
#: these (:func:`decloak.engine.forms.latin_like`).
IPA_MODIFIER_MARKS = frozenset(
    "\N{MODIFIER LETTER SMALL H}"  # aspirated
    "\N{MODIFIER LETTER SMALL H WITH HOOK}"  # breathy-voiced aspirated
    "\N{MODIFIER LETTER SMALL W}"  # labialized
    "\N{MODIFIER LETTER SMALL J}"  # palatalized
    "\N{MODIFIER LETTER SMALL GAMMA}"  # velarized
    "\N{MODIFIER LETTER SMALL REVERSED GLOTTAL STOP}"  # pharyngealized
    "\N{SUPERSCRIPT LATIN SMALL LETTER N}"  # nasal release, prenasalized (ⁿd)
    "\N{MODIFIER LETTER SMALL L}"  # lateral release
    "\N{MODIFIER LETTER SMALL SCHWA}"  # mid central vowel release
    "\N{MODIFIER LETTER SMALL THETA}"  # dental fricative release
    "\N{MODIFIER LETTER SMALL M}"  # prenasalized (ᵐb, Bantu and Fijian orthographies)
)

#: The one-letter words of English, the language attacks are made from: a lone Latin
#: look-alike reading as one of these between two words (``Shows ɑ list``) is that word
#: when its paragraph shows another disguise (:func:`decloak.engine.forms.latin_like`);
#: alone it is as likely a phonetic symbol named in the text (``the vowel ɑ``).
ENGLISH_ONE_LETTER_WORDS = frozenset("aAI")

#: The bases a number is written in with one subscript digit and no word of
#: explanation: binary (``1011₂``) and octal (``377₈``), as computing writes them;
#: decimal and hexadecimal take two (``₁₀``, ``₁₆``).  A subscript 3 to 7 or 9 ending a
#: number is a base only where the text works in bases (it names one, or writes the
#: subscript after another number); elsewhere it is the number's last digit in
#: disguise (``1₉``, ``102₄``: :func:`decloak.engine.forms._disguised_subscript`).
ONE_DIGIT_BASES = frozenset({2, 8})

#: Words that name the number after them a version (``Version 1.²``, ``release 2.³``):
#: a superscript digit after that number's dot is its next part, where after another
#: number's dot it is a footnote's mark (:func:`decloak.engine.forms._version_slot`).
VERSION_WORDS = frozenset({"version", "release", "revision", "rev", "ver", "v"})

#: The first three digits of the years a text names, 1000 to 2099: a superscript digit
#: after three plain digits in this range ends a year in disguise (``198⁹``, ``202³``)
#: rather than raising a number to a power no prose writes
#: (:func:`decloak.engine.forms._year_or_count_digit`).
YEAR_CENTURIES = (10, 20)

#: The powers prose writes with a superscript digit: squares and cubes (``m²``,
#: ``200²``, ``m³``).  After a year-like number these stay when the number is round.
COMMON_POWERS = frozenset("23")

#: The ASCII vertical line: drawn as a bare stroke, it passes for an l inside a word
#: (``va|ue``, ``defau|t``).  It is an operator, a separator or a table's rule wherever
#: it is real, never a letter, so between letters where the l spells a known word it is
#: that l (:func:`decloak.engine.asciilook.find_vertical_lines`).
VERTICAL_LINE = "\N{VERTICAL LINE}"

#: The letters maths raises or lowers after a single letter (``aⁿ``, ``xʸ``, ``eˣ``,
#: ``aᵢ``, ``bᵏ``, ``aᵗ``, ``xᵐ``, ``aⱼ``): a letter and one of these as a modifier
#: letter is notation even where the two spell a word (``aⁿ`` is no "an").  Any other
#: modifier letter after one small letter alone between words of prose spells that
#: English two-letter word (``aˢ``, ``uᵖ``, ``tᵒ``;
#: :func:`decloak.engine.forms._modifier_pair_word`).
EXPONENT_LETTERS = frozenset("nxykijmt")

#: The two-letter function words of English: a sign (``𐅾``, ``🝨``) and one ASCII
#: letter spelling one of these alone between words of a sentence (``all o𐅾 the``)
#: is that word (:func:`decloak.engine.forms._spaced_pair`).  The lexicon cannot say
#: it: its eight languages and their abbreviations list 589 of the 676 letter pairs.
#: Content words of two letters (``ox``, ``ax``) are left out: a word of the text,
#: not of every text.
ENGLISH_TWO_LETTER_WORDS = frozenset(
    [
        "am",
        "an",
        "as",
        "at",
        "be",
        "by",
        "do",
        "go",
        "he",
        "if",
        "in",
        "is",
        "it",
        "me",
        "my",
        "no",
        "of",
        "on",
        "or",
        "so",
        "to",
        "up",
        "us",
        "we",
    ]
)

#: Scripts whose lone letters pass for a whole one-letter Latin word ("а" for
#: "a", "І" for "I").  Other alphabets' single look-alikes (Armenian ա for w)
#: are too far from the letter to fool a reader on their own.
SINGLE_LETTER_SCRIPTS = frozenset({"Cyrillic", "Greek"})

#: Scripts whose lone lowercase letters are ordinary maths and science symbols
#: in Latin text ("the α particle", "frequency ν"): never rewritten unless the
#: paragraph already shows a disguise.
SYMBOL_SCRIPTS = frozenset({"Greek", "Coptic"})

#: Scripts whose UTS #39 "look-alikes" of Latin letters decloak never restores:
#: right-to-left scripts, ideographs, syllabaries and abugidas.  Their letters
#: resemble Latin only in isolation (Arabic ALEF and l, Han 丫 and Y), their
#: genuine text is everywhere, and no attack relies on them.  Right-to-left
#: letters are excluded by bidi class; these are the left-to-right ones.
NON_LATINLIKE_SCRIPTS = frozenset(
    {
        "Han",
        "Hangul",
        "Hiragana",
        "Katakana",
        "Bopomofo",
        "Myanmar",
        "Malayalam",
        "Oriya",
        "Ethiopic",
        "Chakma",
        "Tai_Tham",
        "Tirhuta",
        "Ahom",
        "Tagbanwa",
    }
)

#: Alphabets that are both a source of look-alikes and a real writing system:
#: a paragraph can be *in* one of them, and a Latin look-alike inside one of
#: their words goes back to that script.
CONTEXT_SCRIPTS = ("Cyrillic", "Greek", "Armenian", "Georgian", "Cherokee", "Coptic", "Lisu")

#: Scripts whose letters stand alone in English technical text as themselves: Greek is
#: the alphabet of maths and science (``sin(θ)``, ``f(λ)``, ``Ϭ``), so a lone Greek
#: letter in a reference or a number is never read as the digit it resembles.
SYMBOL_LETTER_SCRIPTS = frozenset({"Greek"})

#: Scripts whose letters that look only like a digit are never read as that digit when
#: one stands alone in Latin text (:data:`decloak.engine.classes.DIGIT_ONLY_LETTERS`):
#: Latin's own (``Ʒ`` and ``ȝ`` are letters of orthographies and of phonetics), Greek (see
#: :data:`SYMBOL_LETTER_SCRIPTS`), and Cyrillic and Armenian, whose one-letter words sit
#: in Latin text as themselves (Russian ``б`` and ``з`` in informal code-switched
#: writing) and whose lone letters the letters stage judges by the paragraph.
LONE_LETTER_SCRIPTS = frozenset({"Latin", "Greek", "Cyrillic", "Armenian"})

#: Digit forms (name prefixes) that are symbols of their own, not a digit drawn in
#: another typeface, so one standing alone between words stays
#: (:func:`decloak.engine.forms.latin_like`): circled digits number callouts and steps
#: (``① Open the lid``).  Superscripts and subscripts are powers, indices and
#: footnotes, judged by their own rules.
DIGIT_SYMBOL_STYLES = ("CIRCLED", "NEGATIVE CIRCLED")

#: The ordinal indicators, written after a number (``1ª``, ``2º``) or a letter of an
#: abbreviation (``Mª``), never standing alone: one alone between two words is the
#: letter it shows (``in case of ª disagreement``; :func:`decloak.engine.forms.latin_like`).
ORDINAL_INDICATORS = frozenset("\N{FEMININE ORDINAL INDICATOR}\N{MASCULINE ORDINAL INDICATOR}")

#: The long s: an s by NFKC and in every text that really uses it, where it is written
#: at the start and inside a word but never at its end (a round s ends the word:
#: ``Congreſs``, ``ſuch``).  One ending a word is the f it looks like (``oſ``, ``Iſ``;
#: :func:`decloak.engine.forms.letter_reading`).
LONG_S = "\N{LATIN SMALL LETTER LONG S}"

#: Modifier capitals that are matrix notation after a product of capitals (``ABᵀ`` the
#: transpose, ``ABᴴ`` the conjugate transpose), so they stay after capitals where any
#: other modifier capital is an acronym's letter (``TCᴾ``).
MATRIX_MARKS = frozenset("\N{MODIFIER LETTER CAPITAL T}\N{MODIFIER LETTER CAPITAL H}")

#: Double-struck digits that are objects of maths, so one alone between words stays:
#: ``𝟙`` the indicator function or an identity, ``𝟘`` a zero object.  The other
#: double-struck digits name nothing in maths; alone in prose (``𝟜 bytes``) each is its
#: digit in another typeface.
MATHS_OBJECT_DIGITS = frozenset(
    "\N{MATHEMATICAL DOUBLE-STRUCK DIGIT ZERO}\N{MATHEMATICAL DOUBLE-STRUCK DIGIT ONE}"
)

#: The Latin-1 Supplement block (first and last character): the repertoire of ISO 8859-1
#: and Windows-1252, on ordinary keyboards and in every mis-decoded text.  One of its
#: characters inside a word is a typo or a decoding slip (the UDHR's Aguaruna has
#: ``jushaka¡n``), not a disguise, so a look-alike from it left in a word is not flagged
#: (:func:`decloak.engine.forms.latin_like`).
LATIN1_SUPPLEMENT = ("\N{NO-BREAK SPACE}", "\N{LATIN SMALL LETTER Y WITH DIAERESIS}")


# --- Writing a Latin letter back into another alphabet ------------------------------------

#: Letters of each look-alike alphabet that its main languages all use: a Latin letter
#: inside one of its words may be written back as one of these.  Any other letter
#: (Ukrainian and Belarusian і, Serbian and Macedonian ј, Macedonian ѕ, Kazakh һ, the
#: palochka ӏ of the Caucasus) only where the unit itself uses it: turning the Latin
#: "Excel" of a Russian sentence into "Ехсеӏ" would leave a worse reading than the input.
CORE_LETTERS: dict[str, frozenset[str]] = {
    # Russian, Ukrainian, Belarusian, Bulgarian, Serbian and Macedonian all have these
    "Cyrillic": frozenset(
        {
            "\N{CYRILLIC CAPITAL LETTER A}",
            "\N{CYRILLIC CAPITAL LETTER VE}",
            "\N{CYRILLIC CAPITAL LETTER IE}",
            "\N{CYRILLIC CAPITAL LETTER KA}",
            "\N{CYRILLIC CAPITAL LETTER EM}",
            "\N{CYRILLIC CAPITAL LETTER EN}",
            "\N{CYRILLIC CAPITAL LETTER O}",
            "\N{CYRILLIC CAPITAL LETTER ER}",
            "\N{CYRILLIC CAPITAL LETTER ES}",
            "\N{CYRILLIC CAPITAL LETTER TE}",
            "\N{CYRILLIC CAPITAL LETTER U}",
            "\N{CYRILLIC CAPITAL LETTER HA}",
            "\N{CYRILLIC SMALL LETTER A}",
            "\N{CYRILLIC SMALL LETTER IE}",
            "\N{CYRILLIC SMALL LETTER O}",
            "\N{CYRILLIC SMALL LETTER ER}",
            "\N{CYRILLIC SMALL LETTER ES}",
            "\N{CYRILLIC SMALL LETTER U}",
            "\N{CYRILLIC SMALL LETTER HA}",
        }
    ),
    # the modern Greek alphabet, capital alpha to small omega
    "Greek": frozenset(
        chr(c)
        for c in range(
            ord("\N{GREEK CAPITAL LETTER ALPHA}"), ord("\N{GREEK SMALL LETTER OMEGA}") + 1
        )
    ),
    # the Armenian alphabet, capital ayb to small feh
    "Armenian": frozenset(
        chr(c)
        for c in range(
            ord("\N{ARMENIAN CAPITAL LETTER AYB}"), ord("\N{ARMENIAN SMALL LETTER FEH}") + 1
        )
    ),
}

#: Look-alikes too weak to write a Latin letter back into, whatever the unit holds:
#: UTS #39 pairs them because their shapes meet in some fonts, but a reader sees
#: another letter.
WEAK_LOOKALIKES: dict[str, str] = {
    "\N{CYRILLIC SMALL LETTER SHA}": "sha has three stems and a base line; w has none",
    "\N{CYRILLIC SMALL LETTER GHE}": "ghe passes for r only in italic handwriting",
    "\N{CYRILLIC CAPITAL LETTER IZHITSA}": "izhitsa is archaic: no living language writes it",
    "\N{CYRILLIC SMALL LETTER IZHITSA}": "izhitsa is archaic: no living language writes it",
}

#: The longest inflection a word borrowed from another script takes in its own
#: (Russian -ами, Kazakh -дағы): a longer tail is a word of its own, not an ending.
ENDING_MAX = 4

#: Endings a known word takes and keeps its meaning: a word read from look-alike forms
#: counts as known when it is a known word plus one of these ("discoverable": discover
#: + able; the lexicon lists what is frequent, not every derived form).  English only:
#: it is the language of the prose attacks are made from.
ENDINGS = (
    "s",  # plurals, third person
    "es",
    "ed",  # past tenses
    "d",
    "ing",  # participles
    "er",  # agents, comparatives
    "ers",
    "ly",  # adverbs
    "able",  # adjectives of ability
    "ible",
    "ment",  # nouns of result
    "ments",
    "ness",  # nouns of quality
    "less",
    "ful",
)

#: The chemical elements' symbols (IUPAC, 1 to 118).  A subscript digit after a name is
#: a count of atoms when the name ends in one of these (``CO₂``, ``FADH₂``, ``Fe₂O₃``),
#: and may be a digit in disguise after any other name (``TPM₂``, ``IPv₆``;
#: :func:`decloak.engine.forms.latin_like`).
ELEMENT_SYMBOLS = frozenset(
    [
        "H",
        "He",
        "Li",
        "Be",
        "B",
        "C",
        "N",
        "O",
        "F",
        "Ne",
        "Na",
        "Mg",
        "Al",
        "Si",
        "P",
        "S",
        "Cl",
        "Ar",
        "K",
        "Ca",
        "Sc",
        "Ti",
        "V",
        "Cr",
        "Mn",
        "Fe",
        "Co",
        "Ni",
        "Cu",
        "Zn",
        "Ga",
        "Ge",
        "As",
        "Se",
        "Br",
        "Kr",
        "Rb",
        "Sr",
        "Y",
        "Zr",
        "Nb",
        "Mo",
        "Tc",
        "Ru",
        "Rh",
        "Pd",
        "Ag",
        "Cd",
        "In",
        "Sn",
        "Sb",
        "Te",
        "I",
        "Xe",
        "Cs",
        "Ba",
        "La",
        "Ce",
        "Pr",
        "Nd",
        "Pm",
        "Sm",
        "Eu",
        "Gd",
        "Tb",
        "Dy",
        "Ho",
        "Er",
        "Tm",
        "Yb",
        "Lu",
        "Hf",
        "Ta",
        "W",
        "Re",
        "Os",
        "Ir",
        "Pt",
        "Au",
        "Hg",
        "Tl",
        "Pb",
        "Bi",
        "Po",
        "At",
        "Rn",
        "Fr",
        "Ra",
        "Ac",
        "Th",
        "Pa",
        "U",
        "Np",
        "Pu",
        "Am",
        "Cm",
        "Bk",
        "Cf",
        "Es",
        "Fm",
        "Md",
        "No",
        "Lr",
        "Rf",
        "Db",
        "Sg",
        "Bh",
        "Hs",
        "Mt",
        "Ds",
        "Rg",
        "Cn",
        "Nh",
        "Fl",
        "Mc",
        "Lv",
        "Ts",
        "Og",
    ]
)
