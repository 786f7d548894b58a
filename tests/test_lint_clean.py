"""Legitimate text must raise nothing; and the pieces lint is built from behave.

The clean fixtures hold Russian, Greek, Hebrew with points, Arabic, Persian with
ZWNJ, CJK, Hindi and emoji sequences in strings, comments and data files, plus
identifiers written in one script.  A linter that cries wolf on them would be
switched off, so every one of them must come back empty.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from decloak.lint import lint_text
from decloak.lint.idents import (
    Level,
    identifier_runs,
    judge_scripts,
    restriction_level,
    skeleton,
    words,
)
from decloak.lint.lexer import Context, Layout, language_for

CLEAN = Path(__file__).parent / "data" / "lint" / "clean"

HE = "\u05e9\u05b8\u05c1\u05dc\u05d5\u05b9\u05dd"
AR = "\u0645\u0631\u062d\u0628\u0627"
FA = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"
FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"


@pytest.mark.parametrize("path", sorted(CLEAN.iterdir()), ids=lambda p: p.name)
def test_clean_fixtures_raise_nothing(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert not text.isascii()  # each really is multilingual
    assert lint_text(text, str(path)) == ()


@pytest.mark.parametrize(
    ("name", "source"),
    [
        ("a.py", f's = "\u2067{AR}\u2069 = 5"\n'),  # a balanced isolate around Arabic
        ("a.js", f'const s = "\u202b{HE} 123\u202c";\n'),  # a balanced embedding
        ("a.py", f"# {HE}\u200e (v2)\nx = 1\n"),  # LRM in a Hebrew comment
        ("a.py", "x = 1\u200f\n"),  # RLM: Pattern_White_Space in code (UAX #31)
        ("a.py", "\ufeffx = 1\n"),  # a byte order mark at the start of the file
        ("a.py", f's = "{FA}"  # {FA}\n'),
        (
            "a.py",
            f'family = "{FAMILY}"\nflag = "\U0001f3f4\U000e0067\U000e0062\U000e0073'
            '\U000e0063\U000e0074\U000e007f"\n',
        ),
        ("a.py", f"{HE} = 1\n"),  # a Hebrew identifier with points
        ("a.py", "\u0928\u092e\u0938\u094d\u0924\u0947 = 1\n"),  # Devanagari with virama
        ("a.py", "get\u30c7\u30fc\u30bf = 1\n"),  # Latin + Katakana: highly restrictive
        ("a.py", "test_\u043f\u0440\u043e\u0432\u0435\u0440\u043a\u0430 = 1\n"),  # two words
        ("a.py", "\u0394_x = 1\n"),  # a Greek word and a Latin word
        ("a.rs", "fn f<'a>(x: &'a str) -> &'a str { x } // \u4f60\u597d\n"),
        ("a.sh", f'echo "$#" # {HE}\n'),
        ("notes.md", f"{AR} {FA} {FAMILY}\n"),
        # Russian words next to escapes, placeholders and code: judged as the text they are
        ("a.py", 'x = "\u0412\u0430\u0448"\n'),
        ("a.py", 'print("\\t\u0412\u0430\u0448 \u0437\u0430\u043a\u0430\u0437")\n'),
        ("a.c", 'printf("%s\u0412\u0430\u0448", x);\n'),
        ("a.py", 'print(f"{name}\u0412\u0430\u0448")\n'),
        ("a.py", "x = {0x0345: 1}  # '\\u0345': '\u03b9\u03b9'\n"),
        ("a.py", "x = 1\n"),
        ("a.py", ""),
    ],
)
def test_legitimate_snippets(name: str, source: str) -> None:
    assert lint_text(source, name) == ()


# --- the lexer --------------------------------------------------------------------------------


def contexts(text: str, path: str) -> list[tuple[str, str]]:
    layout = Layout(text, language_for(path, text[:256]))
    return [(text[a.start : a.end], a.context.name) for a in layout.atoms]


def test_python_strings_and_comments() -> None:
    src = "x = '#' # c1\ny = \"\"\"doc\n'inner' # not a comment\n\"\"\"  # c2\nz = r'\\''\n"
    assert contexts(src, "a.py") == [
        ("'#'", "STRING"),
        ("# c1", "COMMENT"),
        ('"""doc\n\'inner\' # not a comment\n"""', "STRING"),
        ("# c2", "COMMENT"),
        ("'\\''", "STRING"),
    ]


def test_c_family_and_javascript() -> None:
    assert contexts('a = \'"\'; /* x\ny */ s = "//"; // end\n', "a.c") == [
        ("'\"'", "STRING"),
        ("/* x\ny */", "COMMENT"),
        ('"//"', "STRING"),
        ("// end", "COMMENT"),
    ]
    assert contexts("let s = `a\n${b}`; let t = 'it''s';\n", "a.ts") == [
        ("`a\n${b}`", "STRING"),
        ("'it'", "STRING"),
        ("'s'", "STRING"),
    ]


def test_unterminated_block_comment_runs_to_the_end() -> None:
    src = "int x; /* open\n" + "int y;\n" * 3
    assert contexts(src, "a.c") == [(src[7:], "COMMENT")]
    layout = Layout(src, language_for("a.c"))
    assert layout.context_at(len(src) - 2) is Context.COMMENT
    assert layout.context_at(0) is Context.CODE


def test_rust_lifetimes_are_not_strings() -> None:
    assert contexts("fn f<'a>(x: &'a str) -> char { 'x' } r#\"raw \"q\"\"#\n", "a.rs") == [
        ("'x'", "STRING"),
        ('r#"raw "q""#', "STRING"),
    ]


def test_shell_and_yaml_hash_rules() -> None:
    assert contexts("echo $# ${#a} # real\n", "a.sh") == [("# real", "COMMENT")]
    assert contexts("url: http://x/#frag # note\n", "a.yaml") == [("# note", "COMMENT")]


@pytest.mark.parametrize(
    ("path", "head", "name"),
    [
        ("a.py", "", "python"),
        ("src/lib.rs", "", "rust"),
        ("x/y.tsx", "", "javascript"),
        ("main.go", "", "c"),
        ("Makefile", "", "shell"),
        ("ci.yml", "", "data"),
        ("README.md", "", "text"),
        ("tool", "#!/usr/bin/env python3\n", "python"),
        ("tool", "#!/usr/bin/env -S node --flag\n", "javascript"),
        ("tool", "#!/bin/bash\n", "shell"),
        ("LICENSE", "Apache\n", "text"),
        ("run.csx", "", "c"),  # C# script
        ("tool", "#!/usr/bin/env dotnet-script\n", "c"),
        ("start.S", "", "assembly"),  # GNU as
        ("start.s", "", "assembly"),
        ("boot.asm", "", "assembly"),  # NASM, MASM
        ("Token.sol", "", "solidity"),
    ],
)
def test_language_for(path: str, head: str, name: str) -> None:
    assert language_for(path, head).name == name


# --- identifiers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ident", "level"),
    [
        ("paypal", Level.ASCII_ONLY),
        ("\u043f\u0440\u0438\u0432\u0435\u0442", Level.SINGLE_SCRIPT),
        ("\u540d\u524d\u306e\u30c7\u30fc\u30bf", Level.SINGLE_SCRIPT),  # Han+Kana: Japanese
        ("abc\u30c7\u30fc\u30bf", Level.HIGHLY_RESTRICTIVE),
        ("abc\u0928\u092e", Level.MODERATELY_RESTRICTIVE),  # Latin + Devanagari
        ("p\u0430ypal", Level.MINIMALLY_RESTRICTIVE),  # Latin + Cyrillic
        ("\u0394x", Level.MINIMALLY_RESTRICTIVE),  # Greek + Latin
        ("\U0001d518nicode", Level.UNRESTRICTED),  # a mathematical letter is not Allowed
    ],
)
def test_restriction_levels(ident: str, level: Level) -> None:
    assert restriction_level(ident) is level


def test_words_split_where_code_joins_words() -> None:
    assert words("getHTTPResponse_v2ok") == ["get", "HTTPResponse", "v", "ok"]
    assert words("test_\u043f\u0440\u043e\u0432\u0435\u0440\u043a\u0430") == [
        "test",
        "\u043f\u0440\u043e\u0432\u0435\u0440\u043a\u0430",
    ]
    assert words("say\u041dello") == ["say", "\u041dello"]


def test_skeletons() -> None:
    assert skeleton("say\u041dello") == skeleton("sayHello") == "sayHello"
    assert skeleton("p\u0430ypal") == "paypal"
    assert skeleton("pass\u200bword") == "password"
    assert (
        skeleton("\u043f\u0440\u0438\u0432\u0435\u0442") != "\u043f\u0440\u0438\u0432\u0435\u0442"
    )


def test_judge_scripts() -> None:
    assert judge_scripts("paypal") is None
    assert judge_scripts("\u043f\u0440\u0438\u0432\u0435\u0442") is None
    v = judge_scripts("p\u0430ypal")
    assert v is not None and not v.whole_word
    assert (v.word, v.scripts, v.foreign, v.looks_like) == (
        "p\u0430ypal",
        ("Latin", "Cyrillic"),
        ("U+0430 CYRILLIC SMALL LETTER A",),
        "paypal",
    )
    w = judge_scripts("is_\u0430\u0441\u0435")  # a whole Cyrillic word of look-alikes
    assert w is not None and w.whole_word and w.scripts == ("Cyrillic",)


def test_identifier_runs_split_astral_characters_exactly() -> None:
    text = "a\U0001d518b x\U0001f600y z\U000e0100 = 12"
    assert [t for _, _, t in identifier_runs(text)] == [
        "a\U0001d518b",  # a mathematical letter is a word character
        "x",  # an emoji is not
        "y",
        "z\U000e0100",  # a variation selector sticks to the name
        "12",
    ]
    assert [(s, e) for s, e, _ in identifier_runs(text)][:3] == [(0, 3), (4, 5), (6, 7)]


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("q.py", "'" * 200_000),
        ("t.py", '"""' * 70_000 + "\u0430"),
        ("b.c", "/*" * 100_000 + "\u0430"),
        ("s.js", '"a\\' * 100_000 + "\u0430"),
        ("l.rs", "'a " * 100_000 + "\u0430"),
        ("h.sh", "# '\u0430 " * 50_000),
        ("w.py", "\u0430" * 200_000),
        ("i.py", ("x" * 5_000 + "\u200b") * 40),
        ("n.asm", "`a\\" * 100_000 + "\u0430"),
        ("g.s", "x# @" * 100_000 + "\u0430"),
        ("o.sol", "'a\\" * 100_000 + "\u0430"),
    ],
)
def test_pathological_inputs_stay_linear(name: str, text: str) -> None:
    """Inputs that make a backtracking or pairwise lexer explode finish quickly."""
    start = time.process_time()
    lint_text(text, name)
    assert time.process_time() - start < 10


ROOT = Path(__file__).parent.parent


def test_lint_dogfood_and_docs_cover_every_rule() -> None:
    """decloak lint's own code, tests and docs are clean, and the docs list every rule."""
    from decloak.lint import RULES, lint_paths

    paths = [
        ROOT / "src" / "decloak" / "lint",
        ROOT / "docs" / "lint.md",
        ROOT / "benchmarks" / "lint_bench.py",
        ROOT / ".pre-commit-hooks.yaml",
        *sorted((ROOT / "tests").glob("test_lint*.py")),
    ]
    results = list(lint_paths([str(p) for p in paths]))
    assert [(r.path, f.rule) for r in results for f in r.findings] == []
    docs = (ROOT / "docs" / "lint.md").read_text(encoding="utf-8")
    for r in RULES:
        assert f"| `{r.id}` | {r.kind} | {r.severity.value} |" in docs


def test_one_word_gets_one_verdict_in_a_file() -> None:
    """``A-Z\u03b1-\u03c9`` in two regular expressions (as in pygments' lean.py) gets one verdict.

    Each literal is judged alone, and decloak reads a word that mixes two scripts
    by its context: with more Greek around, the Latin ``Z`` looks like the
    disguise (of a Greek capital zeta); with more Latin, the Greek alpha does
    (of ``a``).  Two opposite verdicts on the same word in one file help nobody,
    so the word is reported with both readings, the same way every time.
    """
    greek = "(?![\u03bb\u03a0\u03a3])[_a-zA-Z\u03b1-\u03c9\u0391-\u03a9"
    subscripts = "0-9\u207f-\u2089\u2090-\u209c\u1d62-\u1d6a"  # Latin-looking letters
    src = f'NAME = ("{greek}]"\n        "(?:{greek}{subscripts}])*")\n'
    word = "Z\u03b1"
    found = [f for f in lint_text(src, "lean.py") if f.rule == "homoglyph"]
    assert [f.line for f in found] == [1, 2]  # one per line
    first, second = found
    assert first.message == second.message
    assert f"'{word}'" in first.message
    assert "'Za'" in first.message and "'\u0396\u03b1'" in first.message  # both readings
    for f in found:
        assert src[f.start : f.end] == word  # the whole word, not one side of it
    # a word judged one way only keeps decloak's own words
    (single,) = lint_text(f's = "{greek}]"\n', "lean.py")
    assert "Latin look-alikes stand in for Greek letters" in single.message


def test_letters_newer_than_the_interpreter_are_shown_not_badged() -> None:
    """Garay (Unicode 16) is a script with cased letters; Python 3.11's own Unicode (14)
    calls them unprintable, and messages badged them as invisible <U+10D50>."""
    from decloak.lint.check import badge

    garay = "\U00010d50\U00010d51\U00010d52"
    assert badge(f"name {garay}") == f"name {garay}"
    assert badge("a\u200bb") == "a<U+200B>b"
