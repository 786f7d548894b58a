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
import signal
import stat
import sys
import tempfile
import warnings
from collections.abc import Callable
from typing import IO, Any, NoReturn, cast

import click

from . import UNICODE_VERSION, __version__, kernel
from .api import explain
from .cli_options import errors_option, profile_option
from .config import Config, get_config
from .errors import DecloakError, InputError, OutputError
from .process import collector_paused
from .reportfmt import plural, write_report
from .textio import CheckedReader, decode_bytes, read_input

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3


EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it


def _fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    click.echo(f"decloak: error: {message}", err=True)
    sys.exit(code)


class _ReaderGone(Exception):
    """The reader of standard output went away (``decloak scan big.txt | head``)."""


class _Interrupted(Exception):
    """Ctrl-C, carried past click, which would print an empty line of its own first."""


class _Group(click.Group):
    """The ``decloak`` group: a closed pipe or a Ctrl-C ends a command the way
    :func:`main` says, not click's way.

    click turns a broken pipe into exit code 1, which for ``scan`` means "findings",
    and prints an empty line before its "Aborted!" on Ctrl-C; these become
    :class:`_ReaderGone` and :class:`_Interrupted` first.
    """

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            raise _ReaderGone() from None
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
    message=f"%(prog)s %(version)s (Unicode {UNICODE_VERSION}, {kernel.describe()})",
)
@click.pass_context
def cli(ctx: click.Context) -> None:
    """See through disguised text: find, explain and undo look-alike letters,
    invisible characters, bidi tricks and smuggled payloads.

    Legitimate text in every script comes back byte-identical.
    """
    if ctx.invoked_subcommand != "serve":  # a batch job owns this process
        ctx.with_resource(collector_paused())


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
    with _open_in(src) as raw:
        # UTF-16/32 is refused before the output is opened (the head is read first)
        fin = cast("IO[bytes]", CheckedReader(raw, _display(src)))  # only read() is used
        with _open_out(output) as fout:
            out = cast("IO[bytes]", fout)  # only write() and flush() are used
            result = clean_stream(fin, out, cfg, errors=errors, name=_display(src))
    if stats:
        kinds = ", ".join(f"{k}={v}" for k, v in sorted(result.kinds.items())) or "none"
        click.echo(
            f"decloak: {plural(result.chars, 'code point')}, {plural(result.edits, 'edit')} "
            f"({kinds})",
            err=True,
        )


# --- scan --------------------------------------------------------------------------------


@cli.command("scan")
@click.argument("files", nargs=-1, type=click.Path(allow_dash=True))
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

    The report leads with the verdict and the document's disguise patterns
    ("from line 14 to the end, every 'a' (183 of 183) is Cyrillic 'а' U+0430"),
    then lists each finding.  Offsets are code points of the input.  The JSON
    object is {"suspicious", "score", "length", "kinds", "patterns": [{"kind",
    "from", "to", "count", "share", "start", "end", "line_start", "line_end",
    "summary"}], "findings": [{"start", "end", "kind", "text", "replacement",
    "explanation", ...}]}; with several files each object gains a "path" and
    --json prints a list.  Files of any size are scanned in bounded memory.  An
    input that cannot be read is reported on stderr and the others are still
    scanned; the exit code is then 2.
    """
    if as_json and as_jsonl:
        raise click.UsageError("--json and --jsonl cannot be used together")
    cfg = get_config(profile)
    sources = files or ("-",)
    several = len(sources) > 1
    fmt = "jsonl" if as_jsonl else "json" if as_json else "text"
    listing = fmt == "json" and several
    style = _styler(color)
    found = failed = False
    written = 0
    with _open_out("-") as out:
        for src in sources:
            lead = ("[\n  " if written == 0 else ",\n  ") if listing else ""
            try:
                found = _scan_one(src, cfg, errors, fmt, several, style, out, lead) or found
            except InputError as e:
                click.echo(f"decloak: error: {e}", err=True)
                failed = True
                continue
            written += 1
        if listing:
            out.write(b"\n]\n" if written else b"[]\n")
    if failed:
        sys.exit(EXIT_USAGE)
    if fail_on_findings and found:
        sys.exit(EXIT_FINDINGS)


def _scan_one(
    src: str,
    cfg: Config,
    errors: str,
    fmt: str,
    several: bool,
    style: Callable[..., str],
    out: _GuardedWriter,
    lead: str,
) -> bool:
    """Scan one input and write its report to ``out`` (all of it, or nothing on an
    input error); whether it has findings."""
    from .scanstream import ScanStream
    from .stream import iter_pieces

    name = _display(src)
    with _open_in(src) as fin:
        stream = ScanStream(iter_pieces(fin, errors=errors, name=name), cfg)
        summary = write_report(
            stream, out, fmt=fmt, name=name, several=several, style=style, lead=lead
        )
    return summary.count > 0


def _styler(color: bool | None) -> Callable[..., str]:
    use = color if color is not None else (sys.stdout.isatty() and "NO_COLOR" not in os.environ)

    def style(s: str, fg: str, bold: bool = False) -> str:
        return click.style(s, fg=fg, bold=bold) if use else s

    return style


# --- explain -----------------------------------------------------------------------------


@cli.command("explain")
@click.argument("file", required=False, type=click.Path(allow_dash=True))
@click.option(
    "--text",
    "literal",
    metavar="TEXT",
    help="Explain TEXT itself instead of reading a file.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the table as JSON rows.")
@click.option(
    "--all", "show_all", is_flag=True, help="Also list the code points judged ok (verdict ok)."
)
@profile_option
@errors_option
def explain_cmd(
    file: str | None,
    literal: str | None,
    as_json: bool,
    show_all: bool,
    profile: str,
    errors: str,
) -> None:
    """Tabulate the code points of FILE (or standard input) judged to be disguise.

    With --all, every non-ASCII, control or invisible code point, the ones
    judged ok too.  --text TEXT explains TEXT itself instead of a file.

    Columns: pos (code point offset), code (U+XXXX), script, verdict (ok or the
    kind of finding), name.
    """
    if literal is not None and file is not None:
        raise click.UsageError("give FILE or --text, not both")
    if literal is not None:
        text = literal
    else:
        src = file or "-"
        if src != "-" and not os.path.lexists(src):
            raise InputError(f"{src}: No such file or directory (to explain text itself: --text)")
        text = read_input(src, errors=errors, name=_display(src))
    every = explain(text, get_config(profile))
    rows = every if show_all else tuple(r for r in every if r.verdict != "ok")
    if as_json:
        click.echo(json.dumps([r.to_dict() for r in rows], ensure_ascii=False, indent=2))
        return
    if not every:
        click.echo("only printable ASCII: nothing to explain")
        return
    if not rows:
        click.echo(
            f"no disguise: {plural(len(every), 'non-ASCII or invisible code point')} "
            "judged ok (--all lists them)"
        )
        return
    click.echo(f"{'pos':>7}  {'code':<9} {'script':<11} {'verdict':<18} name")
    for r in rows:
        click.echo(
            f"{r.position:>7}  U+{r.codepoint:04X}{'':<{max(0, 7 - len(f'{r.codepoint:04X}'))}}"
            f" {r.script:<11} {r.verdict:<18} {r.name}"
        )


# --- campaigns ---------------------------------------------------------------------------

CAMPAIGN_SOURCES_SHOWN = 5
"""Sources named per campaign in the text output (--json lists them all)."""


def _members(value: str) -> int | None:
    if value == "all":
        return None
    try:
        n = int(value)
    except ValueError:
        n = -1
    if n < 0:
        raise click.BadParameter("must be a number (0 or more) or 'all'", param_hint="--members")
    return n


@cli.command("campaigns")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option(
    "--db",
    type=click.Path(dir_okay=False),
    default=None,
    help="Sources: each document's best match in this provenance index (as decloak match).",
)
@click.option(
    "--clusters",
    type=click.Path(dir_okay=False),
    default=None,
    help="Sources: the clusters.parquet decloak dedup wrote for the same INPUTs.",
)
@click.option("--no-sources", is_flag=True, help="Group by signature only (no decloak dedup run).")
@click.option(
    "--threshold",
    type=click.FloatRange(0.0, 1.0, min_open=True),
    default=None,
    help="Least match score with --db [default: 0.5]; least Jaccard similarity of the "
    "dedup run otherwise [default: 0.8].",
)
@click.option(
    "--min-size",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    help="Least documents of a listed campaign.",
)
@click.option(
    "--members",
    default="5",
    show_default=True,
    metavar="N|all",
    help="Document ids listed per campaign ('all' keeps every id in memory).",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Processes scanning the shards, and of the dedup run [default: the number of CPUs].",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option("--id-key", default="id", show_default=True, help="Id field of JSONL/Parquet.")
@click.option("--text-key", default="text", show_default=True, help="Text field of JSONL/Parquet.")
@profile_option
def campaigns_cmd(
    inputs: tuple[str, ...],
    db: str | None,
    clusters: str | None,
    no_sources: bool,
    threshold: float | None,
    min_size: int,
    members: str,
    workers: int | None,
    as_json: bool,
    id_key: str,
    text_key: str,
    profile: str,
) -> None:
    """Group documents disguised the same way, by signature and by source.

    "These 1,240 pages were disguised alike, copied from 300 sources".  INPUT is a JSONL/Parquet shard, a folder or a quoted glob, read as decloak dedup
    reads them.  Each document's disguise patterns reduce to a signature (which
    characters stand for which, which invisibles, at what rate, where in the text;
    the same for every page one content farm disguised, whatever the article);
    documents with the same signature form a campaign, and each campaign counts
    the sources its pages were copied from: near-duplicate clusters of a decloak
    dedup run over INPUTs (in a temporary folder, or --clusters from an earlier
    run), or the best match in a provenance index (--db).  Clean documents, and
    legitimate text in any script, have no signature.  --json prints {"documents",
    "disguised", "campaigns": [{"id", "description", "traits", "documents",
    "sources": [{"source", "documents"}], "unsourced", "members", ...}], ...}.
    """
    from .campaigns import find_campaigns

    if no_sources and (db is not None or clusters is not None):
        raise click.UsageError("--no-sources cannot be used with --db or --clusters")
    if db is not None and clusters is not None:
        raise click.UsageError("give --db or --clusters, not both")
    if threshold is not None and (clusters is not None or no_sources):
        raise click.UsageError("--threshold: only with --db or for the dedup run")
    report = find_campaigns(
        list(inputs),
        config=get_config(profile),
        db=db,
        clusters=clusters,
        dedup_sources=not no_sources,
        threshold=threshold,
        min_size=min_size,
        members=_members(members),
        id_key=id_key,
        text_key=text_key,
        workers=workers,
    )
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        return
    g = report.groups
    origin = {
        "clusters": "near-duplicate clusters",
        "index": f"matches in {db}",
        "none": "not looked for",
    }[report.sources]
    rejected = f", {plural(report.rejected, 'line')} without a document" if report.rejected else ""
    click.echo(
        f"{plural(g.documents, 'document', grouped=True)} in {plural(report.shards, 'shard')}"
        f"{rejected}, {g.disguised:,} disguised; "
        f"{plural(len(g.campaigns), 'campaign')} of {plural(min_size, 'document')} or more "
        f"(sources: {origin}; {report.seconds:.1f} s)"
    )
    for c in g.campaigns:
        click.echo()
        click.echo(f"campaign {c.signature.id}: {plural(c.documents, 'document', grouped=True)}")
        click.echo(f"  {c.signature.description}")
        if report.sources != "none":
            shown = ", ".join(f"{s} ({n:,})" for s, n in c.sources[:CAMPAIGN_SOURCES_SHOWN])
            more = len(c.sources) - CAMPAIGN_SOURCES_SHOWN
            parts = [shown + (f", {more:,} more" if more > 0 else "")] if c.sources else []
            if c.unsourced:
                parts.append(f"{c.unsourced:,} without a source")
            if c.other_sources:
                parts.append(f"{c.other_sources:,} from sources not counted one by one")
            click.echo(f"  copied from: {'; '.join(parts)}")
        if c.members:
            rest = c.documents - len(c.members)
            click.echo(
                f"  documents: {', '.join(c.members)}" + (f" ({rest:,} more)" if rest else "")
            )
    if g.smaller or g.other:
        click.echo()
        if g.smaller:
            click.echo(f"{g.smaller:,} disguised documents in smaller groups (--min-size)")
        if g.other:
            click.echo(f"{g.other:,} disguised documents of signatures beyond the first 1,000")


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


def _warning_line(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: IO[str] | None = None,
    line: str | None = None,
) -> None:
    """A warning as one line on stderr, like every other message of the command."""
    click.echo(f"decloak: warning: {message}", err=True)


def main(argv: list[str] | None = None) -> None:
    """Console entry point: turns every error into one line and an exit code."""
    warnings.showwarning = _warning_line
    try:
        try:
            cli.main(args=argv, prog_name="decloak", standalone_mode=False)
        finally:
            _flush_stdout()  # a reader gone after the last write shows here
    except (_ReaderGone, BrokenPipeError):
        _reader_gone()
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
    except KeyboardInterrupt:
        _fail("interrupted", EXIT_INTERRUPTED)
    except SystemExit:
        raise
    except MemoryError:
        _fail("out of memory", EXIT_INTERNAL)
    except Exception as e:  # the last line of defence: never a traceback
        _fail(f"internal error: {type(e).__name__}: {e} (please report this)", EXIT_INTERNAL)
    sys.exit(EXIT_OK)


def _flush_stdout() -> None:
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        raise _ReaderGone() from None
    except (OSError, ValueError):
        pass  # stdout closed or unusable: nothing left to say there


def _reader_gone() -> NoReturn:
    """Stop quietly because the reader of our output went away, as coreutils do.

    ``decloak scan big.txt | head`` must not print a traceback or "Broken pipe",
    nor exit 1 (the code for findings).  Like ``cat`` or ``grep``, decloak then
    ends by SIGPIPE, which a shell reports as status 141 (128 + 13) and
    ``set -o pipefail`` sees as the truncated output it is.  Standard output is
    pointed at /dev/null first, so no buffered write can fail on the way out.
    """
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.flush()
    sigpipe = getattr(signal, "SIGPIPE", None)
    if sigpipe is not None:
        signal.signal(sigpipe, signal.SIG_DFL)
        os.kill(os.getpid(), sigpipe)
    sys.exit(128 + 13)  # no SIGPIPE here (Windows): the status a shell would show


__all__ = ["cli", "decode_bytes", "main"]
