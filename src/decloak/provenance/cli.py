"""``decloak index add|stats``, ``decloak match`` and ``decloak dedup``.

Only click is imported at module level: ``decloak --help`` must stay fast, so
rensa, SQLite work and pyarrow are imported inside the commands.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

import click

from ..cli_options import errors_option
from ..errors import InputError
from ..reportfmt import plural

if TYPE_CHECKING:
    from ..model import Finding
    from .match import QueryResult
    from .minhash import FingerprintConfig

F = TypeVar("F", bound=Callable[..., Any])

_SETTINGS = ("shingle_size", "num_perm", "bands", "rows", "seed")


def fingerprint_options(f: F) -> F:
    """Fingerprint settings; given explicitly, they must agree with an existing index."""
    opts = [
        click.option("--shingle-size", type=int, help="Words per shingle [default: 5]."),
        click.option("--num-perm", type=int, help="MinHash permutations [default: 128]."),
        click.option("--bands", type=int, help="LSH bands [default: 16]."),
        click.option("--rows", type=int, help="Rows (permutations) per band [default: 8]."),
        click.option("--seed", type=int, help="MinHash seed [default: 1]."),
    ]
    for opt in reversed(opts):
        f = opt(f)
    return f


def record_options(f: F) -> F:
    f = click.option(
        "--text-key", default="text", show_default=True, help="Text field of JSONL/Parquet."
    )(f)
    f = click.option(
        "--id-key", default="id", show_default=True, help="Id field of JSONL/Parquet."
    )(f)
    return f


def _config(settings: dict[str, int | None]) -> tuple[FingerprintConfig, tuple[str, ...]]:
    from .minhash import FingerprintConfig

    given = {k: v for k, v in settings.items() if v is not None}
    return FingerprintConfig().with_changes(**given), tuple(given)


def engine_options(f: F) -> F:
    """``--engine`` and ``--scheduler``, as ``decloak corpus`` has them."""
    f = click.option(
        "--scheduler",
        metavar="ADDRESS",
        default=None,
        help="Dask scheduler to use (tcp://host:port); default: start a local cluster.",
    )(f)
    return click.option(
        "--engine",
        type=click.Choice(["local", "dask"]),
        default=None,
        help="local: processes on this machine; dask: a Dask cluster [default: local].",
    )(f)


def _engine(engine: str | None, scheduler: str | None) -> str:
    if scheduler is not None and engine != "dask":
        raise click.UsageError("--scheduler needs --engine dask")
    return engine or "local"


def _db_option(f: F) -> F:
    return click.option(
        "--db",
        "db",
        required=True,
        type=click.Path(dir_okay=False),
        help="The index file (SQLite).",
    )(f)


# --- index -------------------------------------------------------------------------------


@click.group("index")
def index_group() -> None:
    """Build and inspect a provenance index of source documents.

    An index holds fingerprints of the comparison key of each document (the text
    cleaned by decloak, then folded: look-alikes to their skeleton, invisibles
    out, case and punctuation folded), so that disguised copies still match.
    """


@index_group.command("add")
@_db_option
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@record_options
@fingerprint_options
@click.option(
    "--batch-size", default=4096, show_default=True, help="Documents per write transaction."
)
@errors_option
@click.option(
    "--workers",
    type=int,
    default=None,
    help="Processes fingerprinting documents; one process writes "
    "[default: 1 with the local engine, the CPU count with dask].",
)
@engine_options
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary.")
def index_add_cmd(
    db: str,
    inputs: tuple[str, ...],
    id_key: str,
    text_key: str,
    batch_size: int,
    workers: int | None,
    engine: str | None,
    scheduler: str | None,
    errors: str,
    quiet: bool,
    **settings: int | None,
) -> None:
    """Add the documents of each INPUT to the index at --db (created if missing).

    INPUT is a file, a folder (searched recursively, as decloak corpus does:
    sorted, hidden names skipped) or a quoted glob.  A text file is one document
    whose id is its path (as given, or joined onto the folder); JSONL and Parquet
    files hold one document per record (--id-key, --text-key; without an id field
    the id is PATH:LINE or PATH:ROW).  Re-adding a document with the same id and
    text does nothing, so an interrupted run can simply be started again; a
    changed text replaces the old one.  Several processes may add at once.
    With --engine dask the documents are fingerprinted on a Dask cluster and
    this process writes them, in input order.
    """
    from ..corpus.runner import InputTypes, find_inputs
    from .index import ProvenanceIndex
    from .sources import read_records

    if batch_size < 1:
        raise click.BadParameter("must be at least 1", param_hint="--batch-size")
    if workers is not None and workers < 1:
        raise click.BadParameter("must be at least 1", param_hint="--workers")
    engine = _engine(engine, scheduler)
    config, requested = _config(settings)
    # before the index file is created; the index (and SQLite's side files) is no document
    files = find_inputs(
        inputs,
        exclude=[db + suffix for suffix in ("", "-wal", "-shm", "-journal")],
        types=InputTypes("file", _any_file, "text, JSONL or Parquet files"),
    )

    def records() -> Iterator[tuple[str, str]]:
        for f in files:
            for rec in read_records(f.path, id_key, text_key, errors):
                yield rec.id, rec.text

    bar = _progress(quiet)
    with ProvenanceIndex.open(db, config, create=True, requested=requested) as index:
        summary = index.add(
            records(),
            batch_size=batch_size,
            workers=workers if workers or engine == "dask" else 1,
            progress=bar.update,
            engine=engine,
            scheduler=scheduler,
        )
        total = len(index)
    bar.close()
    if not quiet:
        rate = summary.seen / summary.seconds if summary.seconds > 0 else 0.0
        click.echo(
            f"decloak: {_n(summary.seen, 'document')} in {summary.seconds:.1f} s "
            f"({rate:,.0f}/s): "
            f"{summary.added} added, {summary.updated} updated, {summary.unchanged} unchanged"
            + (f", {summary.empty} without words" if summary.empty else "")
            + f"; the index holds {total}",
            err=True,
        )


def _any_file(name: str) -> bool:
    """``index add`` takes every file: JSONL/Parquet records, else the file as one document."""
    return True


class _NoBar:
    def update(self, n: int) -> None:
        pass

    def close(self) -> None:
        pass


def _progress(quiet: bool) -> Any:
    if quiet or not sys.stderr.isatty():
        return _NoBar()
    import importlib

    tqdm = importlib.import_module("tqdm").tqdm  # untyped; only update/close are used
    return tqdm(unit=" docs", file=sys.stderr, desc="indexing", leave=False)


@index_group.command("stats")
@_db_option
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def index_stats_cmd(db: str, as_json: bool) -> None:
    """Documents, settings, size and versions of the index at --db."""
    from .index import ProvenanceIndex

    with ProvenanceIndex.open(db) as index:
        st = index.stats()
    if as_json:
        click.echo(json.dumps(st.to_dict(), ensure_ascii=False, indent=2))
        return
    d = st.to_dict()
    click.echo(f"index      {st.path}")
    click.echo(
        f"documents  {st.documents} ({st.distinct_keys} distinct keys, "
        f"{st.empty_documents} without words)"
    )
    click.echo(f"rows       {st.band_rows} band buckets, {st.anchor_rows} anchors")
    click.echo(f"size       {_size(st.bytes)}")
    click.echo(f"settings   {st.settings.describe()}")
    click.echo("versions   " + " ".join(f"{k}={v}" for k, v in d["versions"].items()))


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _size(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} GB"  # pragma: no cover


# --- match -------------------------------------------------------------------------------


@click.command("match")
@_db_option
@click.argument(
    "queries", nargs=-1, required=True, metavar="QUERY...", type=click.Path(allow_dash=True)
)
@click.option("--top", default=5, show_default=True, help="Matches per query.")
@click.option(
    "--threshold",
    default=0.5,
    show_default=True,
    help="Least score (containment of the query in the source) to report.",
)
@click.option("--json", "as_json", is_flag=True, help="One JSON line per query.")
@click.option("--explain", is_flag=True, help="Show the disguise separating the best match.")
@record_options
@errors_option
@click.option(
    "-o",
    "--output",
    "outdir",
    type=click.Path(file_okay=False),
    default=None,
    help="Match shards of queries into this folder: one output shard of JSON lines per "
    "input shard, rejects/, stats.json (as decloak corpus does).",
)
@engine_options
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="With -o: worker processes (default: the number of CPUs).",
)
@click.option("--resume", is_flag=True, help="With -o: continue a run, skip finished shards.")
@click.option(
    "--progress-interval",
    type=click.FloatRange(min=0, min_open=True),
    default=10.0,
    show_default=True,
    metavar="SECONDS",
    help="With -o: seconds between progress lines when stderr is not a terminal.",
)
@click.option("-q", "--quiet", is_flag=True, help="With -o: no progress and no summary line.")
def match_cmd(
    db: str,
    queries: tuple[str, ...],
    top: int,
    threshold: float,
    as_json: bool,
    explain: bool,
    id_key: str,
    text_key: str,
    errors: str,
    outdir: str | None,
    engine: str | None,
    scheduler: str | None,
    workers: int | None,
    resume: bool,
    progress_interval: float,
    quiet: bool,
) -> None:
    """Find the sources of each QUERY in the index at --db, even when QUERY is disguised.

    QUERY is a text file (one query, "-" for standard input) or a JSONL/Parquet
    file of queries (fields id and text).  Candidates come from LSH bands (whole
    copies) and containment anchors (excerpts); each is verified by exact Jaccard
    similarity and containment of the query's shingles in the source's.  The score
    is the containment.  --json prints per query {"query", "shingles", "matches":
    [{"id", "score", "containment", "jaccard", "coverage", "estimate", ...}]}.

    With -o OUTDIR, each QUERY is a shard, a folder or a quoted glob of shards
    (JSONL, Parquet, WARC/WET, as for decloak corpus), matched on --workers
    processes or a Dask cluster (--engine dask): OUTDIR gets one JSONL shard per
    input shard holding that JSON line for every query, in input order (a query
    without an id is named SHARD:LINE), malformed records go to OUTDIR/rejects/,
    statistics to OUTDIR/stats.json, and a killed run continues with --resume.
    """
    if top < 1:
        raise click.BadParameter("must be at least 1", param_hint="--top")
    if not 0.0 <= threshold <= 1.0:
        raise click.BadParameter("must be between 0 and 1", param_hint="--threshold")
    if outdir is not None:
        _match_shards(
            db,
            queries,
            outdir,
            top=top,
            threshold=threshold,
            explain=explain,
            id_key=id_key,
            text_key=text_key,
            engine=_engine(engine, scheduler),
            workers=workers,
            scheduler=scheduler,
            resume=resume,
            progress_interval=progress_interval,
            quiet=quiet,
        )
        return
    given = [
        name
        for name, value in (
            ("--engine", engine),
            ("--scheduler", scheduler),
            ("--workers", workers),
            ("--resume", resume or None),
        )
        if value is not None
    ]
    if given:
        raise click.UsageError(
            f"{', '.join(given)}: only with -o OUTDIR (matching shards of queries)"
        )
    from .index import ProvenanceIndex
    from .match import match_text
    from .sources import read_records

    for path in queries:
        if path != "-" and os.path.isdir(path):
            raise InputError(f"{path}: is a directory (match its shards with -o OUTDIR)")
    with ProvenanceIndex.open(db) as index:
        for query in queries:
            if query == "-":
                from ..textio import read_input

                found: Iterator[tuple[str, str]] = iter([("<stdin>", read_input("-", errors))])
            else:
                found = ((r.id, r.text) for r in read_records(query, id_key, text_key, errors))
            for qid, text in found:
                result = match_text(
                    index, text, query_id=qid, top=top, threshold=threshold, explain=explain
                )
                if as_json:
                    click.echo(json.dumps(result.to_dict(), ensure_ascii=False))
                else:
                    _print_result(result)


def _match_shards(
    db: str,
    queries: tuple[str, ...],
    outdir: str,
    *,
    top: int,
    threshold: float,
    explain: bool,
    id_key: str,
    text_key: str,
    engine: str,
    workers: int | None,
    scheduler: str | None,
    resume: bool,
    progress_interval: float,
    quiet: bool,
) -> None:
    from ..corpus.runner import Progress
    from ..errors import OutputError
    from .batch import run_match

    if "-" in queries:
        raise click.UsageError("-o matches shards of queries: standard input cannot be one")
    progress = None if quiet else Progress(interval=progress_interval)
    try:
        result = run_match(
            list(queries),
            outdir,
            db,
            top=top,
            threshold=threshold,
            explain=explain,
            text_key=text_key,
            id_key=id_key,
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
            f"decloak match: {plural(d['shards_done'], 'shard')}{resumed}, "
            f"{plural(d['queries'], 'query', 'queries', grouped=True)}: "
            f"{d['matched']:,} matched, {d['rejected']:,} rejected; "
            f"{d['queries_per_second']:,.0f} queries/s; "
            f"stats in {outdir.rstrip('/')}/stats.json",
            err=True,
        )


def _print_result(r: QueryResult) -> None:
    click.echo(f"{r.query}: {len(r.matches)} match{'es' if len(r.matches) != 1 else ''}")
    for n, m in enumerate(r.matches, 1):
        click.echo(
            f"  {n}. {m.id}  score {m.score:.3f}  (containment {m.containment:.3f}, "
            f"jaccard {m.jaccard:.3f}, estimate {m.estimate:.3f}, "
            f"{m.shared}/{m.query_shingles} shingles, via {'+'.join(m.via)})"
        )
    e = r.explanation
    if e is None:
        return
    kinds = ", ".join(f"{v} {k}" for k, v in e.kinds.items()) or "none found"
    click.echo(f"  why the copy differs from {e.source}:")
    click.echo(f"    disguise (decloak scan): {kinds}")
    shown: dict[str, Finding] = {}
    for f in e.findings:  # the first finding of each kind
        shown.setdefault(f.kind.value, f)
    for f in list(shown.values())[:5]:
        click.echo(
            f"      {f.start}-{f.end} {f.kind.value}: {f.text!r} -> {f.replacement!r}  "
            f"{f.explanation}"
        )
    if len(e.findings) > len(shown):
        click.echo(f"      ... {len(e.findings) - len(shown)} more (use --json for all)")
    click.echo(
        f"    shingles: {e.shared} shared with the source, {e.folded} of them matched only "
        f"after folding the key, e.g. (as written -> as decloak reads it):"
    )
    for ex in e.examples:
        click.echo(f"      {ex.text!r} -> {' '.join(ex.cleaned.split())!r}")


# --- dedup -------------------------------------------------------------------------------


@click.command("dedup")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option(
    "-o",
    "--output",
    "outdir",
    required=True,
    type=click.Path(file_okay=False),
    metavar="OUTDIR",
    help="Output folder: the annotated shards (same relative names), clusters.parquet, rejects/.",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="local: a process pool; dask: a Dask LocalCluster (or --scheduler).",
)
@click.option("--workers", type=int, default=None, help="Worker processes [default: cores].")
@click.option("--scheduler", default=None, help="Address of a running Dask scheduler.")
@click.option(
    "--threshold",
    default=0.8,
    show_default=True,
    help="Least exact Jaccard similarity of keys for two documents to be duplicates.",
)
@record_options
@fingerprint_options
@click.option("--quiet", "-q", is_flag=True, help="No summary.")
def dedup_cmd(
    inputs: tuple[str, ...],
    outdir: str,
    engine: str,
    workers: int | None,
    scheduler: str | None,
    threshold: float,
    id_key: str,
    text_key: str,
    quiet: bool,
    **settings: int | None,
) -> None:
    """Find near-duplicate documents (disguised copies included) across JSONL/Parquet shards.

    INPUT is a shard, a folder (searched recursively, as decloak corpus does) or
    a quoted glob.  Writes each shard to OUTDIR under the same relative name with
    three more fields: dup_cluster_id (the same for all members of a cluster),
    dup_of (id of the kept member, null for kept documents) and dup_jaccard
    (exact Jaccard similarity with it), plus OUTDIR/clusters.parquet (id, shard,
    row, dup_cluster_id, kept, dup_of, dup_jaccard).  Nothing is removed: drop
    rows with a dup_of to deduplicate.  A JSONL line that holds no document goes
    to OUTDIR/rejects/, as in decloak corpus.  Finished shards are not
    fingerprinted again when the command is rerun.
    """
    from .clusters import dedup

    if not 0.0 < threshold <= 1.0:
        raise click.BadParameter("must be in (0, 1]", param_hint="--threshold")
    if workers is not None and workers < 1:
        raise click.BadParameter("must be at least 1", param_hint="--workers")
    config, _ = _config(settings)
    result = dedup(
        list(inputs),
        outdir,
        config=config,
        threshold=threshold,
        engine=engine,
        workers=workers,
        scheduler=scheduler,
        id_key=id_key,
        text_key=text_key,
    )
    if not quiet:
        rejected = (
            f", {result.rejected} rejected (see {os.path.join(outdir, 'rejects')})"
            if result.rejected
            else ""
        )
        click.echo(
            f"decloak: {_n(result.documents, 'document')} in {_n(result.shards, 'shard')}, "
            f"{_n(result.clusters, 'duplicate cluster')}, {_n(result.duplicates, 'duplicate')}"
            f"{rejected} ({result.seconds:.1f} s, engine {engine}); wrote {outdir}",
            err=True,
        )


COMMANDS = [index_group, match_cmd, dedup_cmd]
