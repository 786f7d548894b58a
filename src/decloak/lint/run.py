"""Linting files and folders: discovery, reading, checking and fixing, file by file.

Results stream out in discovery order, one :class:`FileResult` per file, so a
caller can print as it goes and memory stays bounded by the largest file.
With ``jobs > 1`` files are linted in worker processes (the checks are pure
Python and CPU-bound), and results still come back in order.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from ..config import Config
from ..errors import InputError
from .check import LINT_CONFIG, LintFinding, lint_text
from .files import Discovered, discover, read_source
from .fix import fix_text, write_atomic
from .lexer import language_for

__all__ = ["FileResult", "lint_file", "lint_paths"]


@dataclass(frozen=True, slots=True)
class FileResult:
    """What linting one file gave: findings, what ``--fix`` removed, or why it was skipped."""

    path: str
    findings: tuple[LintFinding, ...] = ()
    fixed: tuple[LintFinding, ...] = ()
    skipped: str | None = None
    """Why the file was not linted (binary, not UTF-8, unreadable); None if it was."""


def lint_file(item: Discovered, *, fix: bool = False, config: Config = LINT_CONFIG) -> FileResult:
    """Lint (and with ``fix``, repair in place) one discovered file."""
    text, reason = read_source(item.fs_path)
    if text is None:
        return FileResult(item.path, skipped=reason)
    lang = language_for(item.path, text[:256])
    lint = functools.partial(lint_text, language=lang, config=config)
    if not fix:
        return FileResult(item.path, lint(text))
    new_text, fixed, remaining = fix_text(text, lint)
    if new_text != text:
        try:
            write_atomic(item.fs_path, new_text.encode("utf-8"))
        except OSError as e:  # one line for the user, not a traceback
            raise InputError(
                f"{item.path}: cannot write the fixed file: {e.strerror or e}"
            ) from None
    return FileResult(item.path, remaining, fixed)


def lint_paths(
    paths: Sequence[str],
    *,
    excludes: Sequence[str] = (),
    gitignore: bool = True,
    fix: bool = False,
    config: Config = LINT_CONFIG,
    jobs: int = 1,
) -> Iterator[FileResult]:
    """Lint every file under ``paths``; see :func:`decloak.lint.files.discover`."""
    items = discover(paths, excludes=excludes, gitignore=gitignore)
    work = functools.partial(lint_file, fix=fix, config=config)
    if jobs <= 1:
        yield from map(work, items)
        return
    first = next(items, None)  # raises a usage error before any worker starts
    if first is None:
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield work(first)
        yield from pool.map(work, items, chunksize=32)
