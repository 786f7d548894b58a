"""The ``decloak lint`` command (registered by :mod:`decloak.cli` through ``COMMANDS``).

Exit codes: 0 nothing at or above ``--fail-on``; 1 findings at or above it;
2 usage error (one line on stderr, as for every decloak command).

Only click is imported here: :mod:`decloak.cli` imports this module for every
command, and the lint machinery (identifier tables, regular expressions) costs
a few hundred milliseconds that ``decloak clean`` should not pay.
"""

from __future__ import annotations

import sys

import click

__all__ = ["COMMANDS", "lint_cmd"]

_FORMATS = ("text", "json", "sarif", "github")
_FAIL_LEVELS = ("error", "warning", "note", "none")


@click.command("lint")
@click.argument("paths", metavar="PATH...", nargs=-1, required=True, type=click.Path())
@click.option(
    "--format",
    "fmt",
    type=click.Choice(_FORMATS),
    default="text",
    show_default=True,
    help="text: path:line:col: severity kind: message; json; sarif (2.1.0, for code "
    "scanning); github (workflow commands that annotate a pull request).",
)
@click.option(
    "--exclude",
    "excludes",
    multiple=True,
    metavar="GLOB",
    help="Skip paths matching this .gitignore-style pattern (repeatable).",
)
@click.option(
    "--fail-on",
    type=click.Choice(_FAIL_LEVELS),
    default="warning",
    show_default=True,
    help="Exit 1 when a finding is at least this severe (none: always exit 0).",
)
@click.option(
    "--fix",
    is_flag=True,
    help="Delete what is safe to delete (stray invisibles, payloads, unbalanced bidi "
    "controls) in place; identifiers and look-alike letters stay reported.",
)
@click.option("--no-gitignore", is_flag=True, help="Also lint files that .gitignore excludes.")
@click.option(
    "--profile",
    type=click.Choice(["default", "strict"]),
    default="default",
    show_default=True,
    help="strict also reports ASCII look-alikes (curI) in strings and comments.",
)
@click.option(
    "--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True,
    help="Lint files in this many processes.",
)  # fmt: skip
@click.option("--verbose", "-v", is_flag=True, help="Name each skipped file and why.")
def lint_cmd(
    paths: tuple[str, ...],
    fmt: str,
    excludes: tuple[str, ...],
    fail_on: str,
    fix: bool,
    no_gitignore: bool,
    profile: str,
    jobs: int,
    verbose: bool,
) -> None:
    """Guard the source code in each PATH (a file or a folder) against disguised text.

    Finds bidi controls that reorder code (Trojan Source), invisible characters
    in identifiers and code, identifiers that mix scripts or look like another
    one, and payloads hidden in tag characters or variation selectors.  Russian,
    Greek, Hebrew, Arabic, CJK or emoji text in strings and comments is fine.

    Folders are walked honouring .gitignore; .git, binary and non-UTF-8 files
    are skipped.
    """
    from .. import __version__
    from ..config import get_config
    from .check import LINT_CONFIG
    from .report import render, summary
    from .rules import Severity
    from .run import FileResult, lint_paths

    config = LINT_CONFIG
    if profile == "strict":
        config = get_config("strict").with_options(use_lexicon=False)
    results: list[FileResult] = list(
        lint_paths(
            paths,
            excludes=excludes,
            gitignore=not no_gitignore,
            fix=fix,
            config=config,
            jobs=jobs,
        )
    )
    for r in results:
        if r.skipped is None:
            continue
        if r.skipped.startswith("unreadable"):  # always said: it may hide an attack
            click.echo(f"decloak: warning: {r.path}: skipped: {r.skipped}", err=True)
        elif verbose:
            click.echo(f"decloak: {r.path}: skipped: {r.skipped}", err=True)
    out = render(fmt, results, version=__version__, fixing=fix)
    if out:
        click.echo(out, nl=False)
    if fmt == "text":
        click.echo(summary(results), err=True)
    if fail_on != "none":
        threshold = Severity(fail_on).rank
        if any(f.severity.rank >= threshold for r in results for f in r.findings):
            sys.exit(1)


COMMANDS = [lint_cmd]
