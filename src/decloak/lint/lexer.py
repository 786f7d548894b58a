"""Heuristic lexing: where the string literals and comments of a source file are.

The checks need one fact per position: is it code, a string literal, a comment,
or free text?  Comments and strings are where legitimate non-Latin text lives,
so decloak's text judgement applies there, while code gets the stricter
identifier rules.  A real parser per language is not needed for that and would
fail on broken or unusual files; one regular expression per language *family*,
chosen by file extension (or a ``#!`` line), finds the literals and comments
well enough, in one linear pass inside the ``re`` engine.

Unterminated block comments and triple-quoted strings run to the end of the
file (as compilers treat them), which also keeps every pattern linear.
"""

from __future__ import annotations

import bisect
import enum
import os
import re
from dataclasses import dataclass

__all__ = ["Atom", "Context", "Language", "Layout", "language_for"]


class Context(enum.Enum):
    """What a position of a source file is part of."""

    CODE = "code"
    STRING = "string literal"
    COMMENT = "comment"
    TEXT = "text"


@dataclass(frozen=True, slots=True)
class Language:
    """A family of languages that share comment and string syntax."""

    name: str
    code: bool
    """Outside strings and comments is code, with identifiers to check.  False for
    prose and data files (Markdown, YAML), where everything is text."""
    pattern: re.Pattern[str] | None
    """Matches comments and string literals; None: the whole file is text.  A match
    is a comment when it starts with one of :data:`COMMENT_STARTS` (no string
    literal of any family does), which spares the ``re`` engine capture groups."""


COMMENT_STARTS = "#/;-@"


def _lang(name: str, code: bool, comment: str, string: str) -> Language:
    return Language(name, code, re.compile(f"{comment}|{string}", re.DOTALL))


# Patterns are written as "unrolled loops" (a run of ordinary characters, then
# one escape or special character, then a run again): several times faster in
# Python's re than an alternation repeated per character, and free of
# backtracking.  An escape is a backslash and anything, so \" and \<newline>
# stay inside the literal.  Every literal also ends where its language gives up
# on it (a one-line string at the end of the line, others at the end of the
# file), so that no match can fail after a long scan: a failed attempt at every
# quote of a long line would make lexing quadratic.
_EOL = r"(?:(?=\n)|\Z)"
_DQ_LINE = rf'"[^"\\\n]*(?:\\.[^"\\\n]*)*(?:"|{_EOL})'
_SQ_LINE = rf"'[^'\\\n]*(?:\\.[^'\\\n]*)*(?:'|{_EOL})"
_DQ_MULTI = r'"[^"\\]*(?:\\.[^"\\]*)*(?:"|\Z)'
_BLOCK = r"/\*[^*]*(?:\*(?!/)[^*]*)*(?:\*/|\Z)"
_BACKTICK = r"`[^`\\]*(?:\\.[^`\\]*)*(?:`|\Z)"
_CHAR = r"'(?:[^'\\\n]|\\[^\n]{1,10}?)'"

PYTHON = _lang(
    "python",
    True,
    r"#[^\n]*",
    r"'''[^'\\]*(?:(?:\\.|'(?!''))[^'\\]*)*(?:'''|\Z)"
    r'|"""[^"\\]*(?:(?:\\.|"(?!""))[^"\\]*)*(?:"""|\Z)'
    f"|{_SQ_LINE}|{_DQ_LINE}",
)
# C, C++, C#, Java, Go, Swift, Kotlin...: '' holds one (escaped) character.
C_FAMILY = _lang("c", True, rf"//[^\n]*|{_BLOCK}", f"{_DQ_LINE}|{_CHAR}|{_BACKTICK}")
# JavaScript/TypeScript/JSON: '' is a string, `` a multi-line template.
JS_FAMILY = _lang("javascript", True, rf"//[^\n]*|{_BLOCK}", f"{_DQ_LINE}|{_SQ_LINE}|{_BACKTICK}")
# Rust: strings span lines; 'a is a lifetime, not a string.
RUST = _lang(
    "rust",
    True,
    rf"//[^\n]*|{_BLOCK}",
    r'r(?P<h>#*)".*?(?:"(?P=h)|\Z)|' + f"{_DQ_MULTI}|{_CHAR}",
)
# Shell, Perl, Ruby, R, Make, Dockerfile: # starts a comment only at a word start.
HASH = _lang(
    "shell",
    True,
    r"(?<![^\s;&|])#[^\n]*",
    r"'[^']*(?:'|\Z)|" + _DQ_MULTI,
)
# SQL, Lua, Haskell, Ada: -- comments.
DASH = _lang("sql", True, rf"--[^\n]*|{_BLOCK}", r"'[^']*(?:''[^']*)*(?:'|\Z)|" + _DQ_LINE)
# Solidity: C-like, but '' is a string (as in JavaScript) and there are no templates.
SOLIDITY = _lang("solidity", True, rf"//[^\n]*|{_BLOCK}", f"{_DQ_LINE}|{_SQ_LINE}")
# GNU as (.s, .S: preprocessed by cpp): the line comment character depends on the
# target (# on x86, @ on ARM32, // on AArch64), so all three count, # and @ only
# at a word start (`foo@PLT` is a symbol).  On ARM # also marks an immediate
# (`mov r0, #1`): the rest of that line is then judged as text, the lenient side.
GAS = _lang("assembly", True, rf"//[^\n]*|{_BLOCK}|(?<![^\s;,])[#@][^\n]*", _DQ_LINE)
# NASM, MASM (.asm): ; comments; '', "" and `` (with escapes) strings on one line.
NASM = _lang(
    "assembly",
    True,
    r";[^\n]*",
    rf"{_SQ_LINE}|{_DQ_LINE}|`[^`\\\n]*(?:\\.[^`\\\n]*)*(?:`|{_EOL})",
)
# YAML, TOML, INI...: values are text, not code.
DATA = _lang("data", False, r"(?<!\S)[#;][^\n]*", rf"'[^'\n]*(?:''[^'\n]*)*(?:'|{_EOL})|{_DQ_LINE}")
TEXT = Language("text", False, None)

_EXTENSIONS: dict[str, Language] = {}
for _lang_obj, _exts in (
    (PYTHON, "py pyi pyw pyx pxd pxi"),
    (
        C_FAMILY,
        "c h cc cpp cxx c++ hpp hh hxx h++ ino m mm java cs csx cake go swift kt kts scala sc "
        "dart "
        "groovy gradle proto zig v d cu cuh hlsl glsl vert frag",
    ),
    (
        JS_FAMILY,
        "js mjs cjs jsx ts tsx mts cts json jsonc json5 vue svelte astro css scss less php",
    ),
    (RUST, "rs"),
    (SOLIDITY, "sol"),
    (GAS, "s sx"),  # names are lowercased first: .S too
    (NASM, "asm nasm"),
    (
        HASH,
        "sh bash zsh ksh dash fish bats rb rake gemspec pl pm t r ps1 psm1 mk cmake tcl "
        "nim cr ex exs jl awk sed",
    ),
    (DASH, "sql lua hs lhs elm ada adb ads"),
    (
        DATA,
        "yaml yml toml ini cfg conf properties env editorconfig gitattributes "
        "gitignore dockerignore npmrc",
    ),
):
    for _ext in _exts.split():
        _EXTENSIONS[_ext] = _lang_obj

_NAMES: dict[str, Language] = {
    "makefile": HASH,
    "gnumakefile": HASH,
    "dockerfile": HASH,
    "containerfile": HASH,
    "cmakelists.txt": HASH,
    "rakefile": HASH,
    "gemfile": HASH,
    "vagrantfile": HASH,
    "jenkinsfile": C_FAMILY,
    "pipfile": DATA,
    ".bashrc": HASH,
    ".profile": HASH,
    ".zshrc": HASH,
}

_SHEBANG_PROGS: dict[str, Language] = {
    "python": PYTHON,
    "pypy": PYTHON,
    "node": JS_FAMILY,
    "deno": JS_FAMILY,
    "bun": JS_FAMILY,
    "dotnet-script": C_FAMILY,  # C# script (.csx)
}


def language_for(path: str, head: str = "") -> Language:
    """The language family of ``path``, from its name, else from a ``#!`` line in ``head``.

    Unknown files are prose (:data:`TEXT`): their every character is judged as text.
    """
    name = os.path.basename(path).lower()
    if name in _NAMES:
        return _NAMES[name]
    ext = name.rpartition(".")[2] if "." in name.lstrip(".") else ""
    if ext in _EXTENSIONS:
        return _EXTENSIONS[ext]
    if head.startswith("#!"):
        return _SHEBANG_PROGS.get(_interpreter(head), HASH)
    return TEXT


def _interpreter(head: str) -> str:
    """``python`` from ``#!/usr/bin/env -S python3.12 -u`` (or ``#!/usr/bin/python3``)."""
    words = head[2:].split("\n", 1)[0].split()
    if words and os.path.basename(words[0]) == "env":
        words = [w for w in words[1:] if not w.startswith("-") and "=" not in w]
    if not words:
        return ""
    return os.path.basename(words[0]).lower().rstrip("0123456789.")


@dataclass(frozen=True, slots=True)
class Atom:
    """A string literal or comment: ``text[start:end]`` including its delimiters."""

    start: int
    end: int
    context: Context


class Layout:
    """Where the literals and comments of one text are, with O(log n) look-up.

    Kept as three parallel lists (not one object per literal): a large data file
    has hundreds of thousands of string literals.
    """

    __slots__ = ("comment", "ends", "language", "starts")

    def __init__(self, text: str, language: Language) -> None:
        self.language = language
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.comment: list[bool] = []
        if language.pattern is not None:
            for m in language.pattern.finditer(text):
                s, e = m.span()
                self.starts.append(s)
                self.ends.append(e)
                self.comment.append(text[s] in COMMENT_STARTS)

    def __len__(self) -> int:
        return len(self.starts)

    def atom(self, i: int) -> Atom:
        ctx = Context.COMMENT if self.comment[i] else Context.STRING
        return Atom(self.starts[i], self.ends[i], ctx)

    @property
    def atoms(self) -> tuple[Atom, ...]:
        return tuple(self.atom(i) for i in range(len(self.starts)))

    def atom_index(self, pos: int) -> int:
        """Index of the atom containing ``pos``, or -1 when ``pos`` is outside all of them."""
        i = bisect.bisect_right(self.starts, pos) - 1
        if i >= 0 and pos < self.ends[i]:
            return i
        return -1

    def context_at(self, pos: int) -> Context:
        i = self.atom_index(pos)
        if i >= 0:
            return Context.COMMENT if self.comment[i] else Context.STRING
        return Context.CODE if self.language.code else Context.TEXT
