"""The ``decloak corpus`` command (loaded by :mod:`decloak.cli` as a plugin).

Only click and decloak's light modules are imported here; pyarrow, warcio,
zstandard and dask are imported inside the shard readers and engines, so that
``decloak --help`` stays fast.
"""

from __future__ import annotations

import click

from ..cli_options import profile_option
from ..config import get_config
from ..errors import OutputError
from ..reportfmt import plural
from .engine import ENGINES
from .shard import MODES


@click.command("corpus")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option(
    "-o",
    "--output",
    "outdir",
    required=True,
    type=click.Path(file_okay=False),
    help="Output folder: one output shard per input shard, same relative name.",
)
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default="local",
    show_default=True,
    help="local: a process pool on this machine; dask: a Dask cluster.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes (default: the number of CPUs).",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    default=None,
    help="Dask scheduler to use (tcp://host:port); default: start a local cluster.",
)
@click.option("--resume", is_flag=True, help="Continue a run in OUTDIR: skip finished shards.")
@click.option("--text-key", default="text", show_default=True, help="Field holding the text.")
@click.option(
    "--id-key",
    default="id",
    show_default=True,
    help="Field identifying a record (WARC record ids are written under it).",
)
@click.option(
    "--mode",
    type=click.Choice(MODES),
    default="fix",
    show_default=True,
    help="fix: write cleaned text; annotate: add columns only; "
    "drop: like fix, suspicious documents go to OUTDIR/dropped/.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "parquet"]),
    default=None,
    help="Output format (default: the input's; WARC gives JSONL).",
)
@click.option(
    "--keep-original", is_flag=True, help="Also write the input text as decloak_original."
)
@profile_option
@click.option(
    "--progress-interval",
    type=click.FloatRange(min=0, min_open=True),
    default=10.0,
    show_default=True,
    metavar="SECONDS",
    help="Seconds between progress lines when stderr is not a terminal.",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress and no summary line.")
def corpus_cmd(
    inputs: tuple[str, ...],
    outdir: str,
    engine: str,
    workers: int | None,
    scheduler: str | None,
    resume: bool,
    text_key: str,
    id_key: str,
    mode: str,
    fmt: str | None,
    keep_original: bool,
    profile: str,
    progress_interval: float,
    quiet: bool,
) -> None:
    """Clean a corpus of shards into OUTDIR, one output shard per input shard.

    INPUT is a shard, a folder (searched recursively) or a quoted glob.  Shards:
    JSONL (.jsonl, .jsonl.gz, .jsonl.zst), Parquet (.parquet, streamed by row
    group, every column kept) and WARC/WET (.warc[.gz], .wet[.gz]; text records,
    written as JSONL).  Each document gains decloak_suspicious, decloak_score,
    decloak_kinds, decloak_counts and decloak_changed.

    Malformed records go to OUTDIR/rejects/, statistics to OUTDIR/stats.json.
    A killed run continues with --resume and ends with the same bytes as an
    uninterrupted one.
    """
    from .runner import Progress, run_corpus

    if scheduler is not None and engine != "dask":
        raise click.UsageError("--scheduler needs --engine dask")
    progress = None if quiet else Progress(interval=progress_interval)
    try:
        result = run_corpus(
            list(inputs),
            outdir,
            config=get_config(profile),
            text_key=text_key,
            id_key=id_key,
            mode=mode,
            fmt=fmt,  # type: ignore[arg-type]  # click.Choice
            keep_original=keep_original,
            engine=engine,
            workers=workers,
            scheduler=scheduler,
            resume=resume,
            progress=progress,
        )
    except OSError as e:
        # the output folder itself: read-only, full disk while writing run state
        raise OutputError(f"{outdir}: cannot write here: {e.strerror or e}") from None
    if not quiet:
        d = result.to_dict()
        resumed = f" ({d['shards_resumed']} resumed)" if d["shards_resumed"] else ""
        click.echo(
            f"decloak corpus: {plural(d['shards_done'], 'shard')}{resumed}, "
            f"{plural(d['documents'], 'document', grouped=True)}: "
            f"{d['changed']:,} changed, {d['suspicious']:,} suspicious, {d['dropped']:,} dropped, "
            f"{d['rejected']:,} rejected; {d['docs_per_second']:,.0f} docs/s, "
            f"{d['mb_per_second']:,.2f} MB/s; stats in {outdir.rstrip('/')}/stats.json",
            err=True,
        )


COMMANDS = [corpus_cmd]
