"""Finding the files to lint, and reading them safely.

Folders are walked in sorted order (output is reproducible), ``.git`` is never
entered, symbolic links are not followed (no loops, no files outside the tree),
and ``.gitignore`` files are honoured the way git does: each one applies below
its own folder, a deeper file overrides a shallower one, negations work, and an
ignored folder is not entered.  When the folder to lint sits inside a git work
tree, the ``.gitignore`` files above it up to the top of the tree apply too, so
``decloak lint src`` skips what ``git status`` would.

Files named explicitly on the command line are always linted, except for
``--exclude`` patterns (so a pre-commit ``args: [--exclude, ...]`` works); so
is a folder named explicitly that an outer ``.gitignore`` excludes (a Python
installed under a git-managed ``~/.pyenv``, say), with its own ``.gitignore``
files still applying inside it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from pathspec import GitIgnoreSpec

from ..errors import UsageError

__all__ = ["SNIFF_BYTES", "Discovered", "discover", "read_source"]

SNIFF_BYTES = 8192
"""A NUL byte in this many leading bytes marks a file as binary (git's heuristic)."""

_NEVER_ENTER = frozenset({".git", ".hg", ".svn"})

_Specs = tuple[tuple[str, GitIgnoreSpec], ...]


@dataclass(frozen=True, slots=True)
class Discovered:
    """A file to lint: how to show it, and where it is."""

    path: str
    """As the user will read it: joined onto the argument it was found under."""
    fs_path: str


def discover(
    paths: Sequence[str], *, excludes: Sequence[str] = (), gitignore: bool = True
) -> Iterator[Discovered]:
    """Every file under ``paths``, in order, minus excluded and git-ignored ones.

    Raises :class:`~decloak.errors.UsageError` (before yielding anything) when a
    path does not exist.
    """
    for p in paths:
        if not os.path.lexists(p):
            raise UsageError(f"no such file or directory: {p}")
    excl = GitIgnoreSpec.from_lines(excludes) if excludes else None
    for p in paths:
        shown = os.path.normpath(p)
        if os.path.isdir(p):
            root = os.path.abspath(p)
            specs = _ancestor_specs(root) if gitignore else ()
            if specs and _ignored(specs, root, is_dir=True):
                specs = ()  # a folder named explicitly is linted, like a named file
            yield from _walk(shown, root, root, specs, excl, gitignore)
        elif not _excluded(excl, shown, shown, is_dir=False):
            yield Discovered(shown, p)


def _excluded(excl: GitIgnoreSpec | None, rel: str, shown: str, *, is_dir: bool) -> bool:
    """``--exclude`` globs match the path below the argument or as shown."""
    if excl is None:
        return False
    tail = "/" if is_dir else ""
    rel, shown = rel.replace(os.sep, "/") + tail, shown.replace(os.sep, "/") + tail
    return excl.match_file(rel) or excl.match_file(shown)


def _ignored(specs: _Specs, abs_path: str, *, is_dir: bool) -> bool:
    """git's rule: the deepest .gitignore with a matching pattern decides."""
    for base, spec in reversed(specs):
        rel = abs_path[len(base) + 1 :].replace(os.sep, "/")
        if is_dir:
            rel += "/"
        result = spec.check_file(rel)
        if result.include is not None:
            return bool(result.include)
    return False


def _load(path: str) -> GitIgnoreSpec | None:
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            return GitIgnoreSpec.from_lines(fh.read().splitlines())
    except OSError:
        return None


def _ancestor_specs(root: str) -> _Specs:
    """The .gitignore files above ``root`` up to the top of its git work tree."""
    top = None
    cur = root
    while True:
        if os.path.exists(os.path.join(cur, ".git")):
            top = cur
            break
        parent = os.path.dirname(cur)
        if parent == cur:
            break
        cur = parent
    if top is None or top == root:
        return ()
    chain: list[str] = []
    cur = os.path.dirname(root)
    while True:
        chain.append(cur)
        if cur == top:
            break
        cur = os.path.dirname(cur)
    out: list[tuple[str, GitIgnoreSpec]] = []
    for d in reversed(chain):
        spec = _load(os.path.join(d, ".gitignore"))
        if spec is not None:
            out.append((d.rstrip(os.sep), spec))
    return tuple(out)


def _walk(
    shown: str,
    abs_dir: str,
    root: str,
    specs: _Specs,
    excl: GitIgnoreSpec | None,
    gitignore: bool,
) -> Iterator[Discovered]:
    if gitignore:
        spec = _load(os.path.join(abs_dir, ".gitignore"))
        if spec is not None:
            specs = (*specs, (abs_dir.rstrip(os.sep), spec))
    try:
        with os.scandir(abs_dir) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError:
        return
    for e in entries:
        if e.name in _NEVER_ENTER or e.is_symlink():
            continue
        is_dir = e.is_dir(follow_symlinks=False)
        if not is_dir and not e.is_file(follow_symlinks=False):
            continue  # sockets, fifos, devices
        if specs and _ignored(specs, e.path, is_dir=is_dir):
            continue
        child = os.path.join(shown, e.name) if shown != "." else e.name
        if _excluded(excl, e.path[len(root) + 1 :], child, is_dir=is_dir):
            continue
        if is_dir:
            yield from _walk(child, e.path, root, specs, excl, gitignore)
        else:
            yield Discovered(child, e.path)


def read_source(path: str) -> tuple[str | None, str | None]:
    """``(text, None)``, or ``(None, reason)`` for a file that is not UTF-8 text.

    Binary: a NUL byte in the first 8 KB.  Text in another encoding is skipped
    too: decloak's judgements are about characters, and guessing an encoding
    would invent them.
    """
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as e:
        return None, f"unreadable ({e.strerror or e})"
    if b"\0" in data[:SNIFF_BYTES]:
        return None, "binary (NUL byte in the first 8 KB)"
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as e:
        return None, f"not UTF-8 (invalid byte 0x{data[e.start]:02X} at offset {e.start})"
