"""``decloak lint``: guard source code against Trojan Source and hidden payloads.

The library side of the command: :func:`lint_text` lints one text,
:func:`lint_paths` walks files and folders (``.gitignore`` aware) and, with
``fix=True``, removes what is safe to remove.  See ``docs/lint.md``.

Names are loaded on first use: :mod:`decloak.cli` imports ``decloak.lint.cli``
for every command, and the lint tables should only cost time when linting.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .check import LINT_CONFIG, LintFinding, lint_text
    from .rules import RULES, Rule, Severity
    from .run import FileResult, lint_paths

__all__ = [
    "LINT_CONFIG",
    "RULES",
    "FileResult",
    "LintFinding",
    "Rule",
    "Severity",
    "lint_paths",
    "lint_text",
]

_WHERE = {
    "LINT_CONFIG": "check",
    "LintFinding": "check",
    "lint_text": "check",
    "RULES": "rules",
    "Rule": "rules",
    "Severity": "rules",
    "FileResult": "run",
    "lint_paths": "run",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'decloak.lint' has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
