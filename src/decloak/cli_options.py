"""Options shared by the commands of ``decloak`` and of its feature packages.

A module of its own (not :mod:`decloak.cli`): the feature packages' command
modules are imported while :mod:`decloak.cli` is still loading, so they cannot
import from it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from .config import PROFILES

F = TypeVar("F", bound=Callable[..., Any])


def profile_option(f: F) -> F:
    return click.option(
        "--profile",
        "-p",
        type=click.Choice(sorted(PROFILES)),
        default="default",
        show_default=True,
        help="Named configuration: default (repair disguises only), strict, report.",
    )(f)


def errors_option(f: F) -> F:
    return click.option(
        "--errors",
        type=click.Choice(["strict", "replace"]),
        default="strict",
        show_default=True,
        help="Invalid UTF-8: stop with an error naming the byte offset, or replace "
        "bad bytes with U+FFFD and go on.",
    )(f)
