"""Every character property in ``src/`` comes from decloak.unicode: Unicode 18, not the interpreter's.

Python 3.11's ``unicodedata`` and ``str.isprintable()``/``isupper()``/... answer
from Unicode 14: Garay U+10D50 (a letter since Unicode 16) is "not printable" to
them, and the lint badged it as invisible.  ruff bans importing ``unicodedata``
and ``unicodedata2`` outside the facade (pyproject.toml); this test bans the
``str.is*()`` methods, which ruff cannot see, except ``isascii()`` and a test
made on a string just proven ASCII (``s.isascii() and s.isalpha()``).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from decloak.unicode import category, is_printable, is_upper

SRC = Path(__file__).resolve().parent.parent / "src" / "decloak"
FACADE = SRC / "unicode.py"
GENERATED = SRC / "_tables"
IS_METHODS = frozenset(
    {
        "isalnum",
        "isalpha",
        "isdecimal",
        "isdigit",
        "isidentifier",
        "islower",
        "isnumeric",
        "isprintable",
        "isspace",
        "istitle",
        "isupper",
    }
)


def _sources() -> list[Path]:
    return [p for p in sorted(SRC.rglob("*.py")) if p != FACADE and GENERATED not in p.parents]


def _ascii_proven(node: ast.Call, parents: dict[ast.AST, ast.AST]) -> bool:
    """``x.isascii() and x.isalpha()``: the receiver was just proven ASCII."""
    assert isinstance(node.func, ast.Attribute)
    receiver = ast.dump(node.func.value)
    parent = parents.get(node)
    if not isinstance(parent, ast.BoolOp) or not isinstance(parent.op, ast.And):
        return False
    for value in parent.values[: parent.values.index(node)]:
        if (
            isinstance(value, ast.Call)
            and isinstance(value.func, ast.Attribute)
            and value.func.attr == "isascii"
            and ast.dump(value.func.value) == receiver
        ):
            return True
    return False


def _offences(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module]
            for name in names:
                if name and name.split(".")[0] in ("unicodedata", "unicodedata2"):
                    out.append(f"{path.name}:{node.lineno}: imports {name}")
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in IS_METHODS
            and not _ascii_proven(node, parents)
        ):
            out.append(f"{path.name}:{node.lineno}: str.{node.func.attr}()")
    return out


def test_no_interpreter_unicode_in_src() -> None:
    offences = [o for p in _sources() for o in _offences(p)]
    assert not offences, "use decloak.unicode instead:\n" + "\n".join(offences)


@pytest.mark.parametrize(
    "snippet, expected",
    [
        ("import unicodedata\n", 1),
        ("from unicodedata2 import name\n", 1),
        ("ok = ch.isprintable()\n", 1),
        ("ok = w.isascii() and w.isalpha()\n", 0),
        ("ok = w.isalpha() and w.isascii()\n", 1),
        ("ok = a.isascii() and b.isalpha()\n", 1),
    ],
)
def test_the_check_can_fail(snippet: str, expected: int, tmp_path: Path) -> None:
    path = tmp_path / "x.py"
    path.write_text(snippet, encoding="utf-8")
    assert len(_offences(path)) == expected


def test_the_facade_answers_from_unicode_18() -> None:
    garay = "\U00010d50"  # GARAY CAPITAL LETTER A, new in Unicode 16
    assert category(garay) == "Lu"
    assert is_printable(garay) and is_upper(garay)
