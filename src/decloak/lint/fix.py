"""``--fix``: delete what is safe to delete, and write files back atomically.

Only deletions, and only of characters that carry no meaning a reader can see:
stray invisibles outside legitimate text, tag and variation-selector payloads,
unbalanced or out-of-place bidi controls.  Never inside an identifier: removing
a zero-width character from ``is<ZWSP>Admin`` would silently turn it into the
other variable ``isAdmin``.  Look-alike letters are never replaced either.  Each
of these is left reported, for a human to decide.

Fixes run until nothing fixable is left (removing an open override can expose
a balanced pair that is now harmless), so a second ``--fix`` changes nothing.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable, Iterable

from .check import LintFinding

__all__ = ["apply_fixes", "fix_text", "write_atomic"]

_MAX_ROUNDS = 4


def apply_fixes(text: str, findings: Iterable[LintFinding]) -> str:
    """``text`` with every ``fix`` span of ``findings`` deleted (overlaps merged)."""
    spans = sorted({span for f in findings for span in f.fix})
    if not spans:
        return text
    parts: list[str] = []
    pos = 0
    for s, e in spans:
        s = max(s, pos)
        if e <= s:
            continue
        parts.append(text[pos:s])
        pos = e
    parts.append(text[pos:])
    return "".join(parts)


def fix_text(
    text: str, lint: Callable[[str], tuple[LintFinding, ...]]
) -> tuple[str, tuple[LintFinding, ...], tuple[LintFinding, ...]]:
    """Fix ``text`` until no fixable finding is left.

    Returns ``(fixed text, what was fixed, what remains)``; ``lint`` is the
    function that lints one text (it knows the file's language).
    """
    fixed: list[LintFinding] = []
    findings = lint(text)
    for _ in range(_MAX_ROUNDS):
        todo = [f for f in findings if f.fix]
        if not todo:
            break
        text = apply_fixes(text, todo)
        fixed.extend(todo)
        findings = lint(text)
    return text, tuple(fixed), findings


def write_atomic(path: str, data: bytes) -> None:
    """Replace ``path``'s content with ``data``: a reader sees the old file or the new one.

    Writes a temporary file in the same folder, copies the permission bits (and
    owner, where allowed), flushes it to disk, then renames it over the target.
    A symbolic link is resolved first, so the link stays a link.
    """
    real = os.path.realpath(path)
    st = os.stat(real)
    folder, name = os.path.split(real)
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".decloak", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, stat.S_IMODE(st.st_mode))
        if hasattr(os, "chown"):
            with contextlib.suppress(OSError):
                os.chown(tmp, st.st_uid, st.st_gid)
        os.replace(tmp, real)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
