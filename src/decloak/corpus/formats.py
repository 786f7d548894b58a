"""Shard formats: names, compressed streams, atomic output files.

Everything here is about bytes on disk, nothing about disguises.  Three rules
shape it:

* **Crash safety.**  Output goes to a temporary name in the destination folder
  and is renamed into place only after ``fsync``; a killed run leaves at most
  ``*.decloak-tmp`` files, which a resumed run deletes.
* **Determinism.**  The same input gives the same output bytes on every engine
  and after any resume: gzip headers carry no time stamp or file name, and
  compressed streams are fed in fixed-size pieces.
* **Loud truncation.**  Python's ``gzip`` notices a stream that ends early, but
  zstandard's stream reader does not, so zstd is decoded frame by frame here
  and a frame without its end is an error.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as _dt
import decimal
import gzip
import io
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, Literal, cast

from ..errors import InputError, UsageError

Compression = Literal["gzip", "zstd"] | None
ShardKind = Literal["jsonl", "parquet", "warc"]
OutputFormat = Literal["jsonl", "parquet"]

SHARD_SUFFIXES: dict[str, tuple[ShardKind, Compression]] = {
    ".jsonl": ("jsonl", None),
    ".jsonl.gz": ("jsonl", "gzip"),
    ".jsonl.zst": ("jsonl", "zstd"),
    ".parquet": ("parquet", None),
    ".warc": ("warc", None),
    ".warc.gz": ("warc", "gzip"),
    ".wet": ("warc", None),
    ".wet.gz": ("warc", "gzip"),
}
"""Every input name decloak corpus recognises, with its format and compression."""

_JSONL_SUFFIX: dict[Compression, str] = {None: ".jsonl", "gzip": ".jsonl.gz", "zstd": ".jsonl.zst"}

TMP_SUFFIX = ".decloak-tmp"
"""Temporary output files end with this; a resumed run deletes every one it finds."""

WRITE_CHUNK = 1 << 20
"""Bytes gathered before one write to a (compressed) stream."""

GZIP_LEVEL = 6
ZSTD_LEVEL = 3


def split_suffix(name: str) -> tuple[str, str] | None:
    """``("sub/a", ".jsonl.gz")`` for ``"sub/a.jsonl.gz"``; ``None`` for an unknown suffix."""
    lower = name.lower()
    for suffix in sorted(SHARD_SUFFIXES, key=len, reverse=True):
        if lower.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)], name[-len(suffix) :]
    return None


def shard_kind(path: str | os.PathLike[str]) -> tuple[ShardKind, Compression]:
    """Format and compression of an input shard, from its name."""
    parts = split_suffix(os.fspath(path))
    if parts is None:
        raise UsageError(f"{os.fspath(path)}: unsupported shard type (expected {supported()})")
    return SHARD_SUFFIXES[parts[1].lower()]


def supported() -> str:
    return ", ".join(SHARD_SUFFIXES)


def output_name(rel: str, fmt: OutputFormat | None) -> str:
    """The output name of input shard ``rel``: the same name unless the format changes.

    JSONL output keeps the input's compression (``.warc.gz`` becomes ``.jsonl.gz``);
    Parquet output uses Parquet's own column compression.
    """
    parts = split_suffix(rel)
    if parts is None:
        raise UsageError(f"{rel}: unsupported shard type (expected {supported()})")
    stem, suffix = parts
    kind, comp = SHARD_SUFFIXES[suffix.lower()]
    target = fmt or ("jsonl" if kind == "warc" else kind)
    if target == "parquet":
        return rel if kind == "parquet" else stem + ".parquet"
    if kind == "jsonl":
        return rel
    return stem + _JSONL_SUFFIX[comp]


def output_kind(path: str | os.PathLike[str]) -> tuple[OutputFormat, Compression]:
    kind, comp = shard_kind(path)
    if kind == "warc":
        raise UsageError(f"{os.fspath(path)}: decloak writes JSONL or Parquet, not WARC")
    return kind, comp


# --- reading ------------------------------------------------------------------------------


class _ZstdFrames(io.RawIOBase):
    """Decompress concatenated zstd frames; raise ``EOFError`` if the last one is cut off."""

    def __init__(self, fh: IO[bytes]) -> None:
        import zstandard

        self._fh = fh
        self._dctx = zstandard.ZstdDecompressor()
        self._obj: Any = None
        self._input = b""
        self._out = b""

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        if not self.closed:
            self._fh.close()
        super().close()

    def readinto(self, b: Any) -> int:
        while not self._out:
            data = self._input or self._fh.read(1 << 16)
            self._input = b""
            if not data:
                if self._obj is not None:
                    raise EOFError("zstd stream ended in the middle of a frame (file truncated?)")
                return 0
            if self._obj is None:
                self._obj = self._dctx.decompressobj()
            self._out = self._obj.decompress(data)
            if self._obj.eof:
                self._input = self._obj.unused_data
                self._obj = None
        n = min(len(b), len(self._out))
        b[:n] = self._out[:n]
        self._out = self._out[n:]
        return n


def open_binary(path: Path, comp: Compression) -> IO[bytes]:
    """A decompressed binary stream over ``path`` (the caller closes it)."""
    if comp == "gzip":
        return cast(IO[bytes], gzip.open(path, "rb"))  # owns (and closes) the file
    raw = open(path, "rb")  # noqa: SIM115 - returned to the caller
    if comp == "zstd":
        try:
            return io.BufferedReader(_ZstdFrames(raw), buffer_size=1 << 16)
        except ImportError:
            raw.close()
            raise InputError(
                f"{path}: reading .zst needs zstandard (pip install 'decloak[zstd]')"
            ) from None
    return raw


def iter_lines(path: Path, comp: Compression) -> Iterator[bytes]:
    """The lines of a (compressed) text file, one at a time, line endings kept."""
    fh = open_binary(path, comp)
    try:
        yield from fh
    finally:
        fh.close()


# --- JSON ---------------------------------------------------------------------------------


def json_default(obj: object) -> Any:
    """JSON for the Arrow values ``json`` does not know (Parquet rows going to JSONL)."""
    if isinstance(obj, bytes | bytearray | memoryview):
        return base64.b64encode(bytes(obj)).decode("ascii")
    if isinstance(obj, _dt.datetime | _dt.date | _dt.time):
        return obj.isoformat()
    if isinstance(obj, _dt.timedelta):
        return obj.total_seconds()
    if isinstance(obj, decimal.Decimal):
        return str(obj)
    if isinstance(obj, set | frozenset | tuple):
        return list(obj)
    return str(obj)


def dumps_line(obj: object) -> bytes:
    """One compact JSON line.  Lone surrogates (legal in JSON input) are written escaped."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), default=json_default)
    try:
        return text.encode("utf-8") + b"\n"
    except UnicodeEncodeError:
        return (
            json.dumps(obj, ensure_ascii=True, separators=(",", ":"), default=json_default).encode(
                "ascii"
            )
            + b"\n"
        )


# --- writing ------------------------------------------------------------------------------


def fsync_dir(path: Path) -> None:
    """Make a rename durable: fsync the folder that holds it (no-op where unsupported)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def tmp_path(path: Path) -> Path:
    """Temporary name beside ``path``; the process id keeps two writers apart."""
    return path.with_name(f".{path.name}.{os.getpid()}{TMP_SUFFIX}")


class AtomicFile:
    """A binary file that appears under its name only when :meth:`commit` succeeds."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self.tmp = tmp_path(path)
        self.fh: IO[bytes] = open(self.tmp, "wb")  # noqa: SIM115 - closed in commit/discard

    def commit(self) -> None:
        self.fh.flush()
        os.fsync(self.fh.fileno())
        self.fh.close()
        os.replace(self.tmp, self.path)
        fsync_dir(self.path.parent)

    def discard(self) -> None:
        if not self.fh.closed:
            # closing flushes the buffer, which fails again on a full disk: the
            # temporary file must go all the same, and the first error stands
            with contextlib.suppress(OSError):
                self.fh.close()
        self.tmp.unlink(missing_ok=True)

    def __enter__(self) -> AtomicFile:
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        """Commit when the block succeeded, else discard (the block's error stands)."""
        if exc_type is None:
            try:
                self.commit()
            except BaseException:
                self.discard()
                raise
        else:
            self.discard()


def write_atomic(path: Path, data: bytes) -> None:
    with AtomicFile(path) as f:
        f.fh.write(data)


class JsonlWriter:
    """JSON lines to a (compressed) file, committed atomically."""

    def __init__(self, path: Path, comp: Compression = None) -> None:
        self.path = path
        self.count = 0
        self._atomic = AtomicFile(path)
        self._buf: list[bytes] = []
        self._size = 0
        self._stream: Any
        if comp == "gzip":
            # no file name and mtime 0 in the header: identical bytes on every run
            self._stream = gzip.GzipFile(
                filename="", mode="wb", fileobj=self._atomic.fh, mtime=0, compresslevel=GZIP_LEVEL
            )
        elif comp == "zstd":
            import zstandard

            cctx = zstandard.ZstdCompressor(level=ZSTD_LEVEL)
            self._stream = cctx.stream_writer(self._atomic.fh, closefd=False)
        else:
            self._stream = self._atomic.fh
        self._compressed = comp is not None

    def write(self, obj: object) -> None:
        self.write_line(dumps_line(obj))

    def write_line(self, line: bytes) -> None:
        self._buf.append(line)
        self._size += len(line)
        self.count += 1
        if self._size >= WRITE_CHUNK:
            self._flush()

    def _flush(self) -> None:
        if self._buf:
            self._stream.write(b"".join(self._buf))
            self._buf.clear()
            self._size = 0

    def commit(self) -> None:
        self._flush()
        if self._compressed:
            self._stream.close()  # ends the gzip member / zstd frame; the file stays open
        self._atomic.commit()

    def discard(self) -> None:
        if self._compressed:
            # half-written compressor state: the file is thrown away anyway
            with contextlib.suppress(Exception):
                self._stream.close()
        self._atomic.discard()


class LazyJsonl:
    """A side file (rejects, dropped) created only when the first line arrives.

    On commit, an earlier run's file of the same name is removed when this run
    has nothing to put there, so a redone shard never keeps stale side output.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.writer: JsonlWriter | None = None

    @property
    def count(self) -> int:
        return self.writer.count if self.writer else 0

    def write(self, obj: object) -> None:
        if self.writer is None:
            self.writer = JsonlWriter(self.path)
        self.writer.write(obj)

    def commit(self) -> bool:
        if self.writer is None:
            self.path.unlink(missing_ok=True)
            return False
        self.writer.commit()
        return True

    def discard(self) -> None:
        if self.writer is not None:
            self.writer.discard()


def remove_tmp_files(root: Path) -> int:
    """Delete every temporary file a killed run left under ``root``; return how many."""
    n = 0
    if not root.is_dir():
        return 0
    for dirpath, _dirs, files in os.walk(root):
        for name in files:
            if name.endswith(TMP_SUFFIX):
                Path(dirpath, name).unlink(missing_ok=True)
                n += 1
    return n
