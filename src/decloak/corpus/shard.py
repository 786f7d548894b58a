"""One shard in, one shard out: :func:`process_shard`, the unit every engine schedules.

A shard is processed by one pure function so that any scheduler (a process
pool, Dask, a batch system) can run it anywhere and retry it freely:

* it reads nothing but ``src`` and writes nothing but its own outputs;
* it streams: one JSONL line, one WARC record or one Parquet row group at a time;
* its outputs appear atomically (temporary name, ``fsync``, rename), and only
  then is the done-marker written, so "marker present" means "output complete";
* the same input gives the same output bytes, whichever engine ran it and
  however often it was interrupted.

Malformed records are never silently dropped: each goes to the shard's rejects
file with its line (or record, or row) number and the reason.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal, Protocol

from ..api import clean
from ..campaigns import Signature, SignatureCounter, signature
from ..config import Config, get_config
from ..errors import WRITE_ERRNOS, DecloakError, InputError, UsageError
from ..model import Kind
from ..textio import sniff_wide_encoding, wide_encoding_error
from .formats import (
    AtomicFile,
    Compression,
    JsonlWriter,
    LazyJsonl,
    dumps_line,
    iter_lines,
    output_kind,
    shard_kind,
    split_suffix,
    write_atomic,
)

Mode = Literal["fix", "annotate", "drop"]
MODES: tuple[Mode, ...] = ("fix", "annotate", "drop")

SUSPICIOUS = "decloak_suspicious"
SCORE = "decloak_score"
KINDS = "decloak_kinds"
COUNTS = "decloak_counts"
CHANGED = "decloak_changed"
ORIGINAL = "decloak_original"
COLUMNS = (SUSPICIOUS, SCORE, KINDS, COUNTS, CHANGED)
"""The per-document columns, in the order they are added."""

ALL_KINDS: tuple[str, ...] = tuple(k.value for k in Kind)
"""Field order of the ``decloak_counts`` struct in Arrow outputs."""

STATE_DIR = ".decloak"
DONE_DIR = "done"
MARKER_FORMAT = 1

PARQUET_ROW_GROUP = 10_000
"""Rows per row group when JSONL or WARC input is written as Parquet."""

SEEN_FIELDS_MAX = 20


# --- one document -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Annotation:
    """What decloak says about one document, from a single analysis."""

    text: str
    """The cleaned text (equal to the input when nothing was repaired)."""
    changed: bool
    suspicious: bool
    score: float
    counts: tuple[tuple[str, int], ...]
    """Findings by kind, sorted by kind, zero counts left out."""
    signature: Signature | None = None
    """How the document is disguised (:mod:`decloak.campaigns`); ``None`` without findings."""

    @property
    def kinds(self) -> list[str]:
        return [k for k, _ in self.counts]

    def full_counts(self) -> dict[str, int]:
        """Counts for every kind, zeros included: the fixed shape Arrow columns need."""
        out = dict.fromkeys(ALL_KINDS, 0)
        out.update(self.counts)
        return out

    def columns(self, *, full_counts: bool = False) -> dict[str, Any]:
        """The ``decloak_*`` columns.  JSONL lists only non-zero counts; Arrow gets all."""
        return {
            SUSPICIOUS: self.suspicious,
            SCORE: self.score,
            KINDS: self.kinds,
            COUNTS: self.full_counts() if full_counts else dict(self.counts),
            CHANGED: self.changed,
        }


def annotate(text: str, config: Config | str | None = None) -> Annotation:
    """Clean ``text`` and summarise the findings, with one analysis of the text."""
    cleaned = clean(text, config)
    report = cleaned.report
    kinds = report.kinds
    return Annotation(
        cleaned.text,
        cleaned.changed,
        report.suspicious,
        round(report.score, 4),
        tuple(sorted(kinds.items())),
        signature(report) if kinds else None,
    )


# --- options and results ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ShardOptions:
    """Settings shared by every shard of a run (picklable, so engines can ship them)."""

    text_key: str = "text"
    """Field (column) holding the text to clean."""
    id_key: str = "id"
    """Field that identifies a record: copied into rejects; WARC record ids are written here."""
    mode: Mode = "fix"
    """``fix``: write cleaned text; ``annotate``: add columns only; ``drop``: as ``fix``,
    but suspicious documents go to ``dropped/`` instead of the output."""
    keep_original: bool = False
    """Also write the input text as ``decloak_original``."""
    outdir: str | None = None
    """Root of the run: rejects, dropped documents and done-markers live under it.
    ``None`` (a one-off call) puts ``<name>.rejects.jsonl`` / ``.dropped.jsonl`` beside
    the output and writes no marker."""
    row_group_size: int = PARQUET_ROW_GROUP

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise UsageError(f"mode must be one of {', '.join(MODES)}, not {self.mode!r}")
        if self.row_group_size < 1:
            raise UsageError("row_group_size must be at least 1")


@dataclass(frozen=True, slots=True)
class ShardStats:
    """What one shard held and what was done to it (also the done-marker's content)."""

    shard: str
    """Input name relative to its input root (``sub/a.jsonl.gz``)."""
    output: str
    """Output name relative to the output folder."""
    documents: int = 0
    """Records with a text, analysed (written + dropped)."""
    written: int = 0
    changed: int = 0
    suspicious: int = 0
    dropped: int = 0
    rejected: int = 0
    skipped: int = 0
    """WARC records that carry no text (requests, metadata, non-text responses)."""
    bytes: int = 0
    """UTF-8 bytes of the analysed texts (the base of MB/s)."""
    input_bytes: int = 0
    """Size of the input file on disk."""
    findings: tuple[tuple[str, int], ...] = ()
    """Findings by kind, sorted by kind."""
    seconds: float = 0.0
    rejects_file: str | None = None
    dropped_file: str | None = None
    counts: tuple[tuple[str, int], ...] = ()
    """Counters of a step other than cleaning (``decloak match``: ``matched``), sorted."""
    signatures: tuple[tuple[str, str, int], ...] = ()
    """Disguise signatures (:mod:`decloak.campaigns`): ``(id, description, documents)``,
    the most documents first; at most :data:`~decloak.campaigns.MAX_SIGNATURES`."""
    signatures_other: int = 0
    """Documents whose signature was first seen once the shard's counter was full."""

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["findings"] = dict(self.findings)
        d["seconds"] = round(self.seconds, 4)
        if self.counts:
            d["counts"] = dict(self.counts)
        else:
            del d["counts"]  # cleaning has none: its stats stay as they were
        if self.signatures or self.signatures_other:
            d["signatures"] = [
                {"id": i, "description": desc, "documents": n} for i, desc, n in self.signatures
            ]
        else:  # no disguised document (and every step but cleaning)
            del d["signatures"], d["signatures_other"]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ShardStats:
        data = dict(d)
        data["findings"] = tuple(sorted((str(k), int(v)) for k, v in d["findings"].items()))
        data["counts"] = tuple(sorted((str(k), int(v)) for k, v in d.get("counts", {}).items()))
        data["signatures"] = tuple(
            (str(s["id"]), str(s["description"]), int(s["documents"]))
            for s in d.get("signatures", ())
        )
        data["signatures_other"] = int(d.get("signatures_other", 0))
        return cls(**data)


@dataclass
class _Tally:
    """Mutable counters while a shard is being read."""

    documents: int = 0
    written: int = 0
    changed: int = 0
    suspicious: int = 0
    dropped: int = 0
    skipped: int = 0
    bytes: int = 0
    objects: int = 0
    with_text: int = 0
    findings: Counter[str] = field(default_factory=Counter)
    seen_fields: dict[str, None] = field(default_factory=dict)
    counts: Counter[str] = field(default_factory=Counter)
    """A step's own counters (:attr:`ShardStats.counts`)."""
    signatures: SignatureCounter = field(default_factory=SignatureCounter)

    def add_text(self, text: str) -> None:
        """One document analysed: the base of documents/s and MB/s."""
        self.documents += 1
        self.bytes += len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass"))

    def add(self, text: str, ann: Annotation) -> None:
        self.add_text(text)
        self.changed += ann.changed
        self.suspicious += ann.suspicious
        for k, n in ann.counts:
            self.findings[k] += n
        self.signatures.add(ann.signature)


@dataclass(frozen=True, slots=True)
class ShardPaths:
    """Where one shard's outputs go (see :func:`shard_paths`)."""

    shard: str
    output: str
    rejects: Path
    dropped: Path
    marker: Path | None
    root: Path | None


def shard_paths(src: Path, dst: Path, options: ShardOptions) -> ShardPaths:
    """Rejects, dropped and marker paths for a shard, named after its output.

    With an ``outdir``: ``rejects/<stem>.jsonl``, ``dropped/<stem>.jsonl`` and
    ``.decloak/done/<stem>.json`` where ``<stem>`` is the output name relative to
    ``outdir`` without its format suffix (``sub/a`` for ``sub/a.jsonl.gz``).
    """
    in_parts = split_suffix(src.name)
    in_suffix = in_parts[1] if in_parts else ""
    if options.outdir is None:
        parts = split_suffix(dst.name)
        stem = parts[0] if parts else dst.name
        return ShardPaths(
            shard=stem + in_suffix,
            output=dst.name,
            rejects=dst.with_name(f"{stem}.rejects.jsonl"),
            dropped=dst.with_name(f"{stem}.dropped.jsonl"),
            marker=None,
            root=None,
        )
    root = Path(options.outdir)
    try:
        rel = Path(os.path.abspath(dst)).relative_to(os.path.abspath(root)).as_posix()
    except ValueError:
        raise UsageError(f"{dst}: output is not inside the output folder {root}") from None
    parts = split_suffix(rel)
    stem = parts[0] if parts else rel
    return ShardPaths(
        shard=stem + in_suffix,
        output=rel,
        rejects=root / "rejects" / f"{stem}.jsonl",
        dropped=root / "dropped" / f"{stem}.jsonl",
        marker=root / STATE_DIR / DONE_DIR / f"{stem}.json",
        root=root,
    )


# --- the shard ----------------------------------------------------------------------------

_Reject = Callable[[int, str, str], None]
_Record = tuple[int, dict[str, Any], str | None]


class ShardContext:
    """One shard as a step's work sees it: its records, its rejects and its counters.

    Made by :func:`run_shard_work`, which owns everything around the work: the
    done-marker, the side files, committing the output, the statistics.  The
    work reads records with :meth:`records` (every record) or :meth:`texts`
    (records whose text field is a string; the others are rejected), counts in
    :attr:`tally`, and returns its output, not yet committed.
    """

    def __init__(self, src: Path, dst: Path, options: ShardOptions, paths: ShardPaths) -> None:
        self.src = src
        self.dst = dst
        self.name = str(src)
        """The shard as the user named it (in error messages)."""
        self.options = options
        self.label = paths.shard
        """The shard's name relative to its input root (in rejects and statistics)."""
        self.in_kind, self.in_comp = shard_kind(src)
        self.out_fmt, self.out_comp = output_kind(dst)
        self.tally = _Tally()
        self.rejects = LazyJsonl(paths.rejects)
        self.dropped = LazyJsonl(paths.dropped)

    def reject(self, line: int, error: str, raw: str) -> None:
        """Send a record to the shard's rejects file, with where it was and why."""
        self.rejects.write({"shard": self.label, "line": line, "error": error, "raw": raw})

    def records(
        self, reject: _Reject | None = None, tally: _Tally | None = None
    ) -> Iterator[_Record]:
        """Every record: ``(number, record, raw line or None)``; malformed lines rejected."""
        rej = self.reject if reject is None else reject
        counts = self.tally if tally is None else tally
        if self.in_kind == "jsonl":
            return _jsonl_records(self.src, self.in_comp, self.name, rej)
        if self.in_kind == "warc":
            return _warc_records(self.src, self.name, self.options, counts, rej)
        return _parquet_rows(self.src, self.name, self.options)

    def texts(self) -> Iterator[tuple[int, dict[str, Any], str | None, str]]:
        """Records whose text field is a string, with the text; the others are rejected."""
        return _text_records(self.records(), self.options.text_key, self.tally, self.reject)


class ShardOutput(Protocol):
    """An output file being written: it appears under its name on ``commit`` only."""

    def commit(self) -> None: ...

    def discard(self) -> None: ...


def run_shard_work(
    src: str | os.PathLike[str],
    dst: str | os.PathLike[str],
    options: ShardOptions,
    work: Callable[[ShardContext], ShardOutput],
) -> ShardStats:
    """Run ``work`` on shard ``src`` writing ``dst``: the frame every pipeline step shares.

    The frame removes an earlier done-marker first (it must never vouch for new
    partial output), commits the side files and then the output only when the
    work succeeded (a failed work discards its own output), turns unexpected
    exceptions into one :class:`~decloak.errors.InputError` naming ``src``, and
    writes the done-marker last.
    """
    started = time.perf_counter()
    src_p, dst_p = Path(src), Path(dst)
    name = str(src)
    paths = shard_paths(src_p, dst_p, options)
    ctx = ShardContext(src_p, dst_p, options, paths)
    if paths.marker is not None:
        paths.marker.unlink(missing_ok=True)
    try:
        st = src_p.stat()
    except OSError as e:
        raise InputError(f"{name}: {e.strerror or e}") from None

    tally = ctx.tally
    finishers: list[ShardOutput] = []
    try:
        out = work(ctx)
        finishers.append(out)
        if tally.objects and not tally.with_text:
            raise missing_field_error(name, options.text_key, list(tally.seen_fields))
        # side files first, the output last: an output present without a marker is redone
        has_rejects = ctx.rejects.commit()
        has_dropped = ctx.dropped.commit()
        out.commit()
    except BaseException as e:
        for f in finishers:
            f.discard()
        ctx.rejects.discard()
        ctx.dropped.discard()
        if isinstance(e, DecloakError | KeyboardInterrupt | SystemExit | MemoryError):
            raise
        raise _read_error(name, ctx.in_kind, e) from e

    stats = ShardStats(
        shard=paths.shard,
        output=paths.output,
        documents=tally.documents,
        written=tally.written,
        changed=tally.changed,
        suspicious=tally.suspicious,
        dropped=tally.dropped,
        rejected=ctx.rejects.count,
        skipped=tally.skipped,
        bytes=tally.bytes,
        input_bytes=st.st_size,
        findings=tuple(sorted(tally.findings.items())),
        seconds=time.perf_counter() - started,
        rejects_file=_rel(paths.rejects, paths.root) if has_rejects else None,
        dropped_file=_rel(paths.dropped, paths.root) if has_dropped else None,
        counts=tuple(sorted(tally.counts.items())),
        signatures=tally.signatures.rows(),
        signatures_other=tally.signatures.other,
    )
    if paths.marker is not None:
        marker = {
            "format": MARKER_FORMAT,
            "input": {"size": st.st_size, "mtime_ns": st.st_mtime_ns},
            "stats": stats.to_dict(),
        }
        write_atomic(paths.marker, json.dumps(marker, indent=1).encode("utf-8") + b"\n")
    return stats


def process_shard(
    src: str | os.PathLike[str],
    dst: str | os.PathLike[str],
    config: Config | str | None = None,
    options: ShardOptions | None = None,
) -> ShardStats:
    """Clean every document of shard ``src`` into ``dst``; return what was done.

    Input and output formats follow the names (``.jsonl[.gz|.zst]``, ``.parquet``,
    ``.warc[.gz]``, ``.wet[.gz]``).  Raises :class:`~decloak.errors.InputError`
    (naming ``src``) for an unreadable or truncated shard, or when no record has
    the text field; nothing of this shard is left behind then, and a marker from
    an earlier run is removed first so it can never vouch for new partial output.
    """
    cfg = get_config(config)
    return run_shard_work(src, dst, options or ShardOptions(), functools.partial(_clean, cfg))


def _clean(cfg: Config, ctx: ShardContext) -> ShardOutput:
    """The cleaning step's work on one shard (see :func:`process_shard`)."""
    opts = ctx.options
    if ctx.in_kind == "parquet" and ctx.out_fmt == "parquet":
        return _parquet_to_parquet(
            ctx.src, ctx.dst, ctx.name, cfg, opts, ctx.tally, ctx.reject, ctx.dropped
        )
    if ctx.out_fmt == "parquet":
        schema = _infer_schema(ctx.records(_ignore, _Tally()), ctx.name, opts)
        docs = _documents(ctx.texts(), cfg, opts, ctx.tally, ctx.dropped, full_counts=True)
        return _records_to_parquet(docs, ctx.dst, schema, ctx.name, opts)
    docs = _documents(ctx.texts(), cfg, opts, ctx.tally, ctx.dropped)
    return _records_to_jsonl(docs, ctx.dst, ctx.out_comp)


def missing_field_error(name: str, key: str, seen: list[str]) -> InputError:
    """The error for a text field absent from every record (usually a wrong --text-key)."""
    fields = ", ".join(seen) if seen else "none"
    return InputError(
        f"{name}: no record has the text field {key!r} (fields seen: {fields}); "
        "name the right one with --text-key"
    )


def _rel(path: Path, root: Path | None) -> str:
    if root is None:
        return path.name
    return Path(os.path.abspath(path)).relative_to(os.path.abspath(root)).as_posix()


def _ignore(line: int, error: str, raw: str) -> None:
    """Reject sink for the schema pass: rejects are written by the real pass only."""


def one_line(e: BaseException | str, limit: int = 200) -> str:
    """An exception message fit for a one-line error."""
    msg = " ".join(str(e).split()) or type(e).__name__
    return msg if len(msg) <= limit else msg[: limit - 1] + "…"


def _read_error(name: str, kind: str, e: BaseException) -> InputError:
    if isinstance(e, EOFError):
        return InputError(f"{name}: truncated file: {one_line(e)}")
    if isinstance(e, zlib.error) or type(e).__name__ in ("BadGzipFile", "ZstdError"):
        return InputError(f"{name}: corrupt compressed data: {one_line(e)}")
    if isinstance(e, OSError) and e.errno in WRITE_ERRNOS:
        return InputError(f"{name}: cannot write its output: {e.strerror}")
    if isinstance(e, OSError) and e.strerror:
        return InputError(f"{name}: {e.strerror}")
    what = {"parquet": "Parquet file", "warc": "WARC file"}.get(kind, "file")
    return InputError(f"{name}: unreadable {what}: {one_line(e)}")


# --- readers: each yields (number, record, raw line or None) ------------------------------


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def _json_type(obj: object) -> str:
    if obj is None:
        return "null"
    return {bool: "boolean", int: "number", float: "number", str: "string", list: "array"}.get(
        type(obj), "object"
    )


def _jsonl_records(path: Path, comp: Compression, name: str, reject: _Reject) -> Iterator[_Record]:
    for n, raw in enumerate(iter_lines(path, comp), 1):
        if n == 1:
            wide = sniff_wide_encoding(raw[:4])
            if wide is not None:
                raise wide_encoding_error(name, wide)
            if raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
        if not raw.strip():
            continue  # blank lines hold no document
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            bad = " ".join(f"0x{b:02X}" for b in raw[e.start : e.end][:4])
            reject(
                n,
                f"invalid UTF-8 at byte {e.start} of the line ({bad})",
                raw.rstrip(b"\r\n").decode("utf-8", "backslashreplace"),
            )
            continue
        try:
            obj = json.loads(line, parse_constant=_no_constant)
        except json.JSONDecodeError as e:
            reject(n, f"invalid JSON: {e.msg} (column {e.colno})", line.rstrip("\r\n"))
            continue
        except (ValueError, RecursionError) as e:
            reject(n, f"invalid JSON: {one_line(e)}", line.rstrip("\r\n"))
            continue
        if not isinstance(obj, dict):
            reject(n, f"not a JSON object ({_json_type(obj)})", line.rstrip("\r\n"))
            continue
        yield n, obj, line


def _header_param(value: str, param: str) -> str | None:
    for part in value.split(";")[1:]:
        k, _, v = part.partition("=")
        if k.strip().lower() == param:
            return v.strip().strip("\"'") or None
    return None


def _warc_records(
    path: Path, name: str, opts: ShardOptions, tally: _Tally, reject: _Reject
) -> Iterator[_Record]:
    """Text records of a WARC/WET file: ``conversion`` records and ``text/*`` responses."""
    import codecs

    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError:
        raise InputError(
            f"{name}: reading WARC needs warcio (pip install 'decloak[warc]')"
        ) from None

    class Records(ArchiveIterator):  # type: ignore[misc]  # untyped library
        # warcio writes this warning to stderr and goes on; decloak counts it
        # (err_count) and stops with a one-line error instead
        INC_RECORD = ""

    with open(path, "rb") as fh:
        records = Records(fh)
        prev: Any = None
        for n, rec in enumerate(records, 1):
            _check_complete(prev, n - 1)  # warcio has read the previous record to its end
            prev = rec
            if rec.format != "warc":
                raise InputError(
                    f"{name}: unreadable WARC file: record {n} is not a WARC record "
                    f"(it parses only as {rec.format.upper()})"
                )
            if rec.rec_headers.get_header("Content-Length") is None:
                raise EOFError(f"record {n} has no Content-Length (its header is cut short?)")
            if records.err_count:
                raise InputError(
                    f"{name}: unreadable WARC file: record {n - 1} does not end where "
                    "its Content-Length says"
                )
            if rec.rec_type == "conversion":
                ctype = rec.rec_headers.get_header("Content-Type") or "text/plain"
            elif rec.rec_type == "response" and rec.http_headers is not None:
                ctype = rec.http_headers.get_header("Content-Type") or ""
            else:
                if rec.rec_type != "warcinfo":
                    tally.skipped += 1
                continue
            if not ctype.strip().lower().startswith("text/"):
                tally.skipped += 1
                continue
            data = rec.content_stream().read()
            _check_complete(rec, n)
            rid = rec.rec_headers.get_header("WARC-Record-ID")
            url = rec.rec_headers.get_header("WARC-Target-URI")
            date = rec.rec_headers.get_header("WARC-Date")
            charset = _header_param(ctype, "charset") or "utf-8"
            try:
                text = data.decode(codecs.lookup(charset).name)
            except LookupError:
                reject(n, f"unknown charset {charset!r}", data.decode("utf-8", "backslashreplace"))
                continue
            except UnicodeDecodeError as e:
                reject(
                    n,
                    f"invalid {charset} at byte {e.start} of the record",
                    data.decode("utf-8", "backslashreplace"),
                )
                continue
            yield n, {opts.id_key: rid, "url": url, "date": date, opts.text_key: text}, None
        _check_complete(prev, n if prev is not None else 0)


def _check_complete(rec: Any, n: int) -> None:
    """A record whose body ended before its Content-Length: the file is truncated."""
    if rec is None:
        return
    remaining: int = getattr(rec.raw_stream, "limit", 0) or 0  # bytes promised, not delivered
    if remaining > 0:
        raise EOFError(f"record {n} is cut short")


def _open_parquet(path: Path, name: str, key: str) -> Any:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError(
            f"{name}: Parquet needs pyarrow (pip install 'decloak[parquet]')"
        ) from None
    try:
        pf = pq.ParquetFile(path)
    except (pa.ArrowException, OSError) as e:
        raise InputError(f"{name}: unreadable Parquet file: {one_line(e)}") from None
    schema = pf.schema_arrow
    idx = schema.get_field_index(key)
    if idx < 0:
        raise missing_field_error(name, key, schema.names[:SEEN_FIELDS_MAX])
    ftype = schema.field(idx).type
    if not (pa.types.is_string(ftype) or pa.types.is_large_string(ftype) or _is_view(pa, ftype)):
        raise InputError(f"{name}: the text field {key!r} is {ftype}, not a string column")
    return pf


def _is_view(pa: Any, t: Any) -> bool:
    f = getattr(pa.types, "is_string_view", None)
    return bool(f(t)) if f is not None else False


def _parquet_rows(path: Path, name: str, opts: ShardOptions) -> Iterator[_Record]:
    pf = _open_parquet(path, name, opts.text_key)
    row = 0
    for i in range(pf.num_row_groups):
        for rec in pf.read_row_group(i).to_pylist():
            row += 1
            yield row, rec, None


# --- per-document processing --------------------------------------------------------------


def _documents(
    texts: Iterator[tuple[int, dict[str, Any], str | None, str]],
    cfg: Config,
    opts: ShardOptions,
    tally: _Tally,
    dropped: LazyJsonl,
    *,
    full_counts: bool = False,
) -> Iterator[dict[str, Any]]:
    """Annotate and (unless ``annotate``) clean each record; yield those to write."""
    key = opts.text_key
    for _n, obj, _raw_line, text in texts:
        ann = annotate(text, cfg)
        tally.add(text, ann)
        if opts.mode == "drop" and ann.suspicious:
            tally.dropped += 1
            dropped.write({**obj, **ann.columns()})
            continue
        for c in (*COLUMNS, ORIGINAL):
            obj.pop(c, None)  # re-running on decloak output: fresh columns, at the end
        if opts.mode != "annotate":
            obj[key] = ann.text
        obj.update(ann.columns(full_counts=full_counts))
        if opts.keep_original:
            obj[ORIGINAL] = text
        tally.written += 1
        yield obj


def _text_records(
    records: Iterator[_Record], key: str, tally: _Tally, reject: _Reject
) -> Iterator[tuple[int, dict[str, Any], str | None, str]]:
    """``(number, record, raw line or None, text)`` for the records whose ``key`` is a
    string; the others rejected."""
    for n, obj, raw in records:
        tally.objects += 1
        if key not in obj:
            if len(tally.seen_fields) < SEEN_FIELDS_MAX:
                for k in obj:
                    tally.seen_fields.setdefault(str(k), None)
            reject(n, f"no {key!r} field", _raw(obj, raw))
            continue
        tally.with_text += 1
        text = obj[key]
        if not isinstance(text, str):
            reject(n, f"{key!r} is {_json_type(text)}, not a string", _raw(obj, raw))
            continue
        yield n, obj, raw, text


RejectSink = Callable[[int, str, str], None]
"""``reject(line, error, raw)``: where a line that holds no document goes."""


def jsonl_documents(
    path: str | os.PathLike[str], text_key: str, reject: RejectSink
) -> Iterator[tuple[int, dict[str, Any], str]]:
    """``(line, record, text)`` for every document of a JSONL file, read as ``decloak corpus`` does.

    A line that holds no document (invalid UTF-8 or JSON, not an object, no
    string ``text_key``) goes to ``reject(line, error, raw)`` with the reason
    ``decloak corpus`` writes to ``rejects/``; blank lines are skipped.  The
    compression follows the name (``.gz``, ``.zst``).  Raises
    :class:`~decloak.errors.InputError` naming the file when it is unreadable,
    truncated or UTF-16, or when no record has ``text_key`` at all (a wrong
    ``--text-key``, not a few bad records).  Other corpus tools (``decloak
    dedup``) read JSONL through here, so bad lines are treated alike.
    """
    name = os.fspath(path)
    lower = name.lower()
    comp: Compression = (
        "gzip" if lower.endswith(".gz") else "zstd" if lower.endswith(".zst") else None
    )
    tally = _Tally()
    try:
        for n, obj, _raw_line, text in _text_records(
            _jsonl_records(Path(name), comp, name, reject), text_key, tally, reject
        ):
            yield n, obj, text
    except DecloakError:
        raise
    except Exception as e:
        raise _read_error(name, "jsonl", e) from e
    if tally.objects and not tally.with_text:
        raise missing_field_error(name, text_key, list(tally.seen_fields))


def _raw(obj: dict[str, Any], raw: str | None) -> str:
    return raw.rstrip("\r\n") if raw is not None else dumps_line(obj).decode("utf-8").rstrip("\n")


# --- writers ------------------------------------------------------------------------------


def _records_to_jsonl(docs: Iterator[dict[str, Any]], dst: Path, comp: Compression) -> JsonlWriter:
    out = JsonlWriter(dst, comp)
    try:
        for doc in docs:
            out.write(doc)
    except BaseException:
        out.discard()
        raise
    return out


class _ParquetOut:
    """A Parquet file being written into an :class:`AtomicFile`."""

    def __init__(self, dst: Path, schema: Any, compression: str) -> None:
        import pyarrow.parquet as pq

        self.file = AtomicFile(dst)
        self.schema = schema
        self.writer = pq.ParquetWriter(self.file.fh, schema, compression=compression)
        self.closed = False

    def write(self, table: Any) -> None:
        if table.num_rows:
            self.writer.write_table(table, row_group_size=table.num_rows)

    def commit(self) -> None:
        self.writer.close()
        self.closed = True
        self.file.commit()

    def discard(self) -> None:
        if not self.closed:
            with contextlib.suppress(Exception):  # the half-written file is thrown away
                self.writer.close()
        self.file.discard()


def decloak_fields(text_type: Any, keep_original: bool) -> list[Any]:
    """Arrow fields of the per-document columns (Parquet output, ``datasets``)."""
    import pyarrow as pa

    fields = [
        pa.field(SUSPICIOUS, pa.bool_()),
        pa.field(SCORE, pa.float64()),
        pa.field(KINDS, pa.list_(pa.string())),
        pa.field(COUNTS, pa.struct([pa.field(k, pa.int32()) for k in ALL_KINDS])),
        pa.field(CHANGED, pa.bool_()),
    ]
    if keep_original:
        fields.append(pa.field(ORIGINAL, text_type))
    return fields


def _output_schema(schema: Any, opts: ShardOptions, text_type: Any) -> Any:
    import pyarrow as pa

    ours = {*COLUMNS, ORIGINAL}
    base = [f for f in schema if f.name not in ours]
    return pa.schema(base + decloak_fields(text_type, opts.keep_original), metadata=schema.metadata)


_COMPRESSION = {
    "UNCOMPRESSED": "none",
    "SNAPPY": "snappy",
    "GZIP": "gzip",
    "BROTLI": "brotli",
    "ZSTD": "zstd",
    "LZ4": "lz4",
    "LZ4_RAW": "lz4",
}


def _parquet_compression(pf: Any, key: str) -> str:
    """Compression of the input's text column, reused for the output (snappy if unknown)."""
    paths = [pf.schema.column(i).path for i in range(len(pf.schema))]
    if pf.metadata.num_row_groups == 0 or key not in paths:
        return "snappy"
    codec = str(pf.metadata.row_group(0).column(paths.index(key)).compression).upper()
    return _COMPRESSION.get(codec, "snappy")


def _parquet_to_parquet(
    src: Path,
    dst: Path,
    name: str,
    cfg: Config,
    opts: ShardOptions,
    tally: _Tally,
    reject: _Reject,
    dropped: LazyJsonl,
) -> _ParquetOut:
    """Column-wise: one row group in, one row group out, every input column kept."""
    import pyarrow as pa

    key = opts.text_key
    pf = _open_parquet(src, name, key)
    schema = pf.schema_arrow
    text_field = schema.field(key)
    out_schema = _output_schema(schema, opts, text_field.type)
    out = _ParquetOut(dst, out_schema, _parquet_compression(pf, key))
    try:
        row = 0
        for g in range(pf.num_row_groups):
            table = pf.read_row_group(g)
            texts = table.column(key).to_pylist()
            keep: list[int] = []
            anns: list[Annotation] = []
            originals: list[str] = []
            for j, text in enumerate(texts):
                n = row + j + 1
                tally.objects += 1
                tally.with_text += 1
                if text is None:
                    reject(n, f"{key!r} is null, not a string", _row_json(table, j))
                    continue
                ann = annotate(text, cfg)
                tally.add(text, ann)
                if opts.mode == "drop" and ann.suspicious:
                    tally.dropped += 1
                    dropped.write({**table.slice(j, 1).to_pylist()[0], **ann.columns()})
                    continue
                keep.append(j)
                anns.append(ann)
                originals.append(text)
            row += len(texts)
            kept = table if len(keep) == len(texts) else table.take(pa.array(keep, pa.int64()))
            tally.written += len(keep)
            columns: dict[str, Any] = {
                SUSPICIOUS: pa.array([a.suspicious for a in anns], pa.bool_()),
                SCORE: pa.array([a.score for a in anns], pa.float64()),
                KINDS: pa.array([a.kinds for a in anns], pa.list_(pa.string())),
                COUNTS: pa.array([a.full_counts() for a in anns], out_schema.field(COUNTS).type),
                CHANGED: pa.array([a.changed for a in anns], pa.bool_()),
            }
            if opts.keep_original:
                columns[ORIGINAL] = pa.array(originals, text_field.type)
            if opts.mode != "annotate":
                columns[key] = pa.array([a.text for a in anns], text_field.type)
            arrays = [
                columns[f.name] if f.name in columns else kept.column(f.name) for f in out_schema
            ]
            out.write(pa.Table.from_arrays(arrays, schema=out_schema))
    except BaseException:
        out.discard()
        raise
    return out


def _row_json(table: Any, j: int) -> str:
    return dumps_line(table.slice(j, 1).to_pylist()[0]).decode("utf-8").rstrip("\n")


def _infer_schema(records: Iterator[_Record], name: str, opts: ShardOptions) -> Any:
    """First pass of JSONL/WARC -> Parquet: one Arrow schema that fits every record.

    ``Table.from_pylist`` takes its columns from the first row only, so fields that
    first appear later would be lost; this pass collects them all, promoting types
    (null -> string, int -> double) as Arrow allows.
    """
    import pyarrow as pa

    key = opts.text_key
    schema: Any = None
    batch: list[dict[str, Any]] = []

    def fold(rows: list[dict[str, Any]]) -> Any:
        names: dict[str, None] = {}
        for r in rows:
            names.update(dict.fromkeys(r))
        fields = []
        for k in names:
            try:
                arr = pa.array([r.get(k) for r in rows])
            except (pa.ArrowException, TypeError, ValueError) as e:
                raise InputError(
                    f"{name}: cannot write Parquet: field {k!r} has mixed types ({one_line(e, 80)}); "
                    "use --format jsonl"
                ) from None
            fields.append(pa.field(k, arr.type))
        part = pa.schema(fields)
        if schema is None:
            return part
        try:
            return pa.unify_schemas([schema, part], promote_options="permissive")
        except (pa.ArrowException, TypeError) as e:
            raise InputError(
                f"{name}: cannot write Parquet: fields change type between records "
                f"({one_line(e, 80)}); use --format jsonl"
            ) from None

    for _n, obj, _raw_line in records:
        if not isinstance(obj.get(key), str):
            continue  # rejected in the real pass; its text must not decide the type
        batch.append(obj)
        if len(batch) >= opts.row_group_size:
            schema = fold(batch)
            batch = []
    if batch or schema is None:
        schema = fold(batch)
    fields = [f if f.name != key else pa.field(key, pa.string()) for f in schema]
    if key not in schema.names:
        fields.append(pa.field(key, pa.string()))
    return _output_schema(pa.schema(fields), opts, pa.string())


def _records_to_parquet(
    docs: Iterator[dict[str, Any]], dst: Path, schema: Any, name: str, opts: ShardOptions
) -> _ParquetOut:
    import pyarrow as pa

    out = _ParquetOut(dst, schema, "snappy")
    try:
        batch: list[dict[str, Any]] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= opts.row_group_size:
                out.write(_table(batch, schema, name, pa))
                batch = []
        if batch:
            out.write(_table(batch, schema, name, pa))
    except BaseException:
        out.discard()
        raise
    return out


def _table(rows: list[dict[str, Any]], schema: Any, name: str, pa: Any) -> Any:
    try:
        return pa.Table.from_pylist(rows, schema=schema)
    except (pa.ArrowException, TypeError, ValueError) as e:
        raise InputError(
            f"{name}: cannot write Parquet: {one_line(e, 120)}; use --format jsonl"
        ) from None
