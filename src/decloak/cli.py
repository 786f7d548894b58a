"""The ``decloak`` command: a thin click layer over the library.

Exit codes (click's convention, shared by every command):
0 ok; 1 findings (with ``--fail-on-findings``) or lint findings; 2 usage or
input error (bad option, unreadable file, invalid UTF-8); 3 internal error.
No traceback ever reaches a user: every error is one line on stderr.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import sys
import tempfile
from collections.abc import Callable
from typing import IO, Any, NoReturn, cast

import click

from . import UNICODE_VERSION, __version__
from .api import explain, scan
from .cli_options import errors_option, profile_option
from .config import Config, get_config
from .errors import DecloakError, InputError, OutputError
from .model import Finding, Report
from .textio import decode_bytes, read_input

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3


EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it


def _fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    click.echo(f"decloak: error: {message}", err=True)
    sys.exit(code)


class _Interrupted(Exception):
    """Ctrl-C, carried past click, which would print an empty line of its own first."""


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            raise _Interrupted from None


@click.group(
    cls=_Group,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(
    __version__,
    "--version",
    "-V",
    prog_name="decloak",
    message=f"%(prog)s %(version)s (Unicode {UNICODE_VERSION})",
)
def cli() -> None:
    """See through disguised text: find, explain and undo look-alike letters,
    invisible characters, bidi tricks and smuggled payloads.

    Legitimate text in every script comes back byte-identical.
    """


# --- clean -------------------------------------------------------------------------------


@cli.command("clean")
@click.argument("file", required=False, type=click.Path(dir_okay=False, allow_dash=True))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True),
    default="-",
    help="Write here instead of standard output.",
)
@profile_option
@errors_option
@click.option("--stats", is_flag=True, help="Print a one-line summary of the repairs to stderr.")
def clean_cmd(file: str | None, output: str, profile: str, errors: str, stats: bool) -> None:
    """Restore the text a human reads, from FILE (or standard input).

    Writes exactly the cleaned text: no newline is added or removed.  Files of
    any size are cleaned in bounded memory, cut only between paragraphs.
    """
    from .stream import clean_stream

    cfg = get_config(profile)
    src = file or "-"
    with _open_in(src) as fin, _open_out(output) as fout:
        out = cast("IO[bytes]", fout)  # only write() and flush() are used
        result = clean_stream(fin, out, cfg, errors=errors, name=_display(src))
    if stats:
        kinds = ", ".join(f"{k}={v}" for k, v in sorted(result.kinds.items())) or "none"
        click.echo(f"decloak: {result.chars} code points, {result.edits} edits ({kinds})", err=True)


# --- scan --------------------------------------------------------------------------------


@cli.command("scan")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per input.")
@click.option("--jsonl", "as_jsonl", is_flag=True, help="Print one JSON line per input.")
@click.option("--fail-on-findings", is_flag=True, help="Exit 1 when any input has a finding.")
@click.option(
    "--color/--no-color", default=None, help="Colour the output (default: on a terminal)."
)
@profile_option
@errors_option
def scan_cmd(
    files: tuple[str, ...],
    as_json: bool,
    as_jsonl: bool,
    fail_on_findings: bool,
    color: bool | None,
    profile: str,
    errors: str,
) -> None:
    """Find and explain every disguise in FILES (or standard input).

    Offsets are code points of the input.  The JSON object is
    {"suspicious", "score", "findings": [{"start", "end", "kind", "text",
    "replacement", "explanation", ...}]}; with several files each object
    gains a "path" and --json prints a list.
    """
    if as_json and as_jsonl:
        raise click.UsageError("--json and --jsonl cannot be used together")
    cfg = get_config(profile)
    sources = files or ("-",)
    found = False
    objects: list[dict[str, Any]] = []
    for src in sources:
        text = read_input(src, errors=errors, name=_display(src))
        report = scan(text, cfg)
        found = found or bool(report.findings)
        obj = report.to_dict()
        if len(sources) > 1 or as_jsonl:
            obj = {"path": _display(src), **obj}
        if as_jsonl:
            click.echo(json.dumps(obj, ensure_ascii=False))
        elif as_json:
            objects.append(obj)
        else:
            _print_report(_display(src), text, report, cfg, color, len(sources) > 1)
    if as_json:
        payload: Any = objects[0] if len(sources) == 1 else objects
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    if fail_on_findings and found:
        sys.exit(EXIT_FINDINGS)


def _print_report(
    name: str, text: str, report: Report, cfg: Config, color: bool | None, show_name: bool
) -> None:
    style = _styler(color)
    head = f"{name}: " if show_name else ""
    if not report.findings:
        click.echo(f"{head}clean (score 0.00)")
        return
    kinds = ", ".join(f"{k} {n}" for k, n in sorted(report.kinds.items()))
    verdict = style("suspicious", "red", bold=True) if report.suspicious else "low suspicion"
    click.echo(
        f"{head}{verdict}, score {report.score:.2f}: {len(report.findings)} findings ({kinds})"
    )
    for f in report.findings:
        click.echo(_finding_line(text, f, style))


def _finding_line(text: str, f: Finding, style: Callable[..., str]) -> str:
    line_no = text.count("\n", 0, f.start) + 1
    col = f.start - (text.rfind("\n", 0, f.start) + 1) + 1
    shown = _visible(f.text)
    if f.replacement is None:
        change = "(left as is)"
    elif f.replacement == "":
        change = "-> removed"
    else:
        change = f"-> {_visible(f.replacement)!s}"
    if not f.repaired and f.replacement is not None:
        change += " (suggested, not applied)"
    names = "; ".join(c.label for c in f.chars[:4])
    if len(f.chars) > 4:
        names += f"; +{len(f.chars) - 4} more"
    lines = [
        f"  {line_no}:{col} [{f.start}:{f.end}] {style(f.kind.value, 'yellow', bold=True)} "
        f"{style(shown, 'red')} {change}",
        f"      {f.explanation}",
    ]
    if names:
        lines.append(f"      {style(names, 'cyan')}")
    return "\n".join(lines)


def _visible(s: str, width: int = 72) -> str:
    """Show invisible characters as <U+XXXX> so a terminal cannot hide or reorder them."""
    out: list[str] = []
    used = 0
    for k, ch in enumerate(s):
        cp = ord(ch)
        if ch.isprintable() and not (
            0x2000 <= cp <= 0x206F or 0xFE00 <= cp <= 0xFE0F or cp >= 0xE0000
        ):
            tok = ch
        else:
            tok = f"<U+{cp:04X}>"
        if used + len(tok) > width:
            out.append(f"…(+{len(s) - k} more)")
            break
        out.append(tok)
        used += len(tok)
    return "'" + "".join(out) + "'"


def _styler(color: bool | None) -> Callable[..., str]:
    use = color if color is not None else (sys.stdout.isatty() and "NO_COLOR" not in os.environ)

    def style(s: str, fg: str, bold: bool = False) -> str:
        return click.style(s, fg=fg, bold=bold) if use else s

    return style


# --- explain -----------------------------------------------------------------------------


@cli.command("explain")
@click.argument("source")
@click.option("--json", "as_json", is_flag=True, help="Print the table as JSON rows.")
@click.option("--all", "show_all", is_flag=True, help="Also list code points judged ok.")
@profile_option
@errors_option
def explain_cmd(source: str, as_json: bool, show_all: bool, profile: str, errors: str) -> None:
    """Tabulate every non-ASCII or invisible code point of SOURCE.

    SOURCE is a file path, "-" for standard input, or else the text itself.
    Columns: position, U+XXXX, name, script, verdict.
    """
    if source == "-" or os.path.isfile(source):
        text = read_input(source, errors=errors, name=_display(source))
    else:
        text = source
    rows = explain(text, get_config(profile))
    if as_json:
        click.echo(json.dumps([r.to_dict() for r in rows], ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo("only printable ASCII: nothing to explain")
        return
    click.echo(f"{'pos':>7}  {'code':<9} {'script':<11} {'verdict':<18} name")
    for r in rows:
        click.echo(
            f"{r.position:>7}  U+{r.codepoint:04X}{'':<{max(0, 7 - len(f'{r.codepoint:04X}'))}}"
            f" {r.script:<11} {r.verdict:<18} {r.name}"
        )


# --- commands from feature packages ----------------------------------------------------
#
# Each feature package keeps its click commands in its own ``cli`` module with a
# ``COMMANDS`` list; heavy imports (dask, pyarrow, fastapi) stay inside the
# command functions so that ``decloak --help`` and ``decloak clean`` start fast.

PLUGIN_MODULES = (
    "decloak.corpus.cli",
    "decloak.provenance.cli",
    "decloak.service.cli",
    "decloak.lint.cli",
)


def _register_plugins() -> None:
    import importlib

    for name in PLUGIN_MODULES:
        try:
            mod = importlib.import_module(name)
        except ModuleNotFoundError as e:
            if e.name is not None and name.startswith(e.name):
                continue  # feature not present in this build
            raise
        for command in getattr(mod, "COMMANDS", ()):
            cli.add_command(command)


_register_plugins()


# --- plumbing ----------------------------------------------------------------------------


def _display(src: str) -> str:
    return "<stdin>" if src == "-" else src


class _Opened:
    """Context manager for a binary input stream ("-" is stdin)."""

    def __init__(self, path: str, mode: str) -> None:
        self.path, self.mode = path, mode
        self.fh: IO[bytes] | None = None

    def __enter__(self) -> IO[bytes]:
        if self.path == "-":
            return sys.stdin.buffer if "r" in self.mode else sys.stdout.buffer
        try:
            self.fh = open(self.path, self.mode)
        except OSError as e:
            raise InputError(f"{self.path}: {e.strerror or e}") from None
        return self.fh

    def __exit__(self, *exc: object) -> None:
        if self.fh is not None:
            self.fh.close()


class _Output:
    """Context manager for the output stream of ``clean`` ("-" is stdout).

    A regular file is written under a temporary name beside it and renamed into
    place only once complete, so a full disk, a file-size limit or a kill never
    leaves a truncated file that looks like a finished one.  Special files
    (``/dev/null``, a FIFO) are written in place.  A failed write is one line
    naming the output (:class:`OutputError`), not an internal error.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self.target = path
        self.fh: IO[bytes] | None = None
        self.tmp: str | None = None

    def _error(self, e: OSError) -> OutputError:
        return OutputError(f"{_display_out(self.path)}: {e.strerror or e}")

    def __enter__(self) -> _GuardedWriter:
        if self.path == "-":
            return _GuardedWriter(sys.stdout.buffer, self._error)
        try:
            if os.path.exists(self.path) and not os.path.isfile(self.path):
                self.fh = open(self.path, "wb")  # a device or FIFO: written in place
            else:
                # through a symlink: write beside its target and replace the target,
                # so the link stays a link
                self.target = os.path.realpath(self.path)
                folder = os.path.dirname(self.target) or "."
                fd, self.tmp = tempfile.mkstemp(
                    prefix=f".{os.path.basename(self.target)}.", suffix=".decloak-tmp", dir=folder
                )
                self.fh = os.fdopen(fd, "wb")
        except OSError as e:
            raise self._error(e) from None
        return _GuardedWriter(self.fh, self._error)

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        failed = exc_type is not None
        try:
            if self.fh is not None:
                self.fh.close()
            if self.tmp is not None and not failed:
                _keep_mode(self.target, self.tmp)
                os.replace(self.tmp, self.target)
                self.tmp = None
        except OSError as e:
            if not failed:
                raise self._error(e) from None
        finally:
            if self.tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(self.tmp)


class _GuardedWriter:
    """A binary writer whose write errors (ENOSPC, EFBIG, EROFS...) name the output."""

    def __init__(self, fh: IO[bytes], error: Callable[[OSError], OutputError]) -> None:
        self.fh, self._err = fh, error

    def write(self, data: bytes) -> int:
        try:
            return self.fh.write(data)
        except BrokenPipeError:
            raise
        except OSError as e:
            raise self._err(e) from None

    def flush(self) -> None:
        try:
            self.fh.flush()
        except BrokenPipeError:
            raise
        except OSError as e:
            raise self._err(e) from None


def _keep_mode(path: str, tmp: str) -> None:
    """Give the new file the old one's permissions, else the usual ones (0666 - umask)."""
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        mask = os.umask(0)
        os.umask(mask)
        mode = 0o666 & ~mask
    os.chmod(tmp, mode)


def _display_out(path: str) -> str:
    return "<stdout>" if path == "-" else path


def _open_in(path: str) -> _Opened:
    return _Opened(path, "rb")


def _open_out(path: str) -> _Output:
    return _Output(path)


def main(argv: list[str] | None = None) -> None:
    """Console entry point: turns every error into one line and an exit code."""
    try:
        cli.main(args=argv, prog_name="decloak", standalone_mode=False)
    except (_Interrupted, click.exceptions.Abort):
        # one line; on a terminal it starts after the ^C the terminal echoed
        with contextlib.suppress(AttributeError, ValueError, OSError):
            if sys.stderr.isatty():
                click.echo(err=True)
        _fail("interrupted", EXIT_INTERRUPTED)
    except click.exceptions.ClickException as e:
        # usage errors: click's own message on one line, exit 2
        msg = e.format_message().replace("\n", " ")
        _fail(msg, e.exit_code if e.exit_code else EXIT_USAGE)
    except DecloakError as e:
        _fail(str(e), e.exit_code)
    except BrokenPipeError:
        # the reader went away (| head): not an error worth a message
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        finally:
            sys.exit(EXIT_OK)
    except KeyboardInterrupt:
        _fail("interrupted", EXIT_INTERRUPTED)
    except SystemExit:
        raise
    except MemoryError:
        _fail("out of memory", EXIT_INTERNAL)
    except Exception as e:  # the last line of defence: never a traceback
        _fail(f"internal error: {type(e).__name__}: {e} (please report this)", EXIT_INTERNAL)
    sys.exit(EXIT_OK)


__all__ = ["cli", "decode_bytes", "main"]
