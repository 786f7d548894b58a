"""Named exceptions; the CLI turns each into one line on stderr and an exit code."""

from __future__ import annotations

import errno


class DecloakError(Exception):
    """Base class: an error a user can act on, with the exit code the CLI uses."""

    exit_code = 1


class InputError(DecloakError):
    """Unreadable input: missing file, invalid UTF-8, UTF-16, binary data."""

    exit_code = 2


class OutputError(DecloakError):
    """Output that cannot be written: disk full, file too large, read-only folder."""

    exit_code = 2


WRITE_ERRNOS = frozenset({errno.ENOSPC, errno.EFBIG, errno.EDQUOT, errno.EROFS})
"""OS errors that only writing gives: the input is fine, its output could not be written."""


class UsageError(DecloakError):
    """Options that do not fit together."""

    exit_code = 2
