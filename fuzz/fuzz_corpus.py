"""Fuzz the corpus readers through ``process_shard``: malformed JSONL, corrupt gzip/zstd,
truncated Parquet and WARC.

The first byte picks the shard's name (hence its reader), the mode and the output
format; the rest is the shard's bytes.  Invariants:

- a shard is either processed or refused with one :class:`~decloak.errors.InputError`
  line naming it; a refused shard leaves nothing behind (no output, no side file,
  no temporary file, no done-marker);
- a refusal is never a bug of decloak's own code in disguise: an exception raised
  inside ``decloak`` of a kind that only a bug raises (``TypeError``, ``KeyError``...)
  and turned into "unreadable shard" is reported as a crash;
- a processed JSONL output has one valid JSON line per written document, and every
  text in it is already clean (cleaning it again changes nothing).
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import fuzz_main

NAMES = [
    "a.jsonl",
    "a.jsonl.gz",
    "a.jsonl.zst",
    "a.parquet",
    "a.warc",
    "a.warc.gz",
    "a.wet",
    "a.wet.gz",
]
MODES = ["fix", "annotate", "drop"]
BUG_TYPES = (
    TypeError,
    AttributeError,
    KeyError,
    IndexError,
    AssertionError,
    NameError,
    UnicodeEncodeError,
    ZeroDivisionError,
    RecursionError,
)
_SCRATCH = Path(tempfile.mkdtemp(prefix="decloak-fuzz-corpus-"))


def choose(head: int) -> tuple[str, str, str | None]:
    """(input name, mode, output suffix or None for the default) from one byte."""
    name = NAMES[head % len(NAMES)]
    mode = MODES[(head // len(NAMES)) % len(MODES)]
    to_parquet = (head // (len(NAMES) * len(MODES))) % 2 == 1
    return name, mode, ".parquet" if to_parquet else None


def _output_name(name: str, out_suffix: str | None) -> str:
    from decloak.corpus.formats import output_name

    return output_name(name, "parquet" if out_suffix else None)


def _own_bug(e: BaseException) -> BaseException | None:
    """The exception behind ``e`` when it is a decloak bug (raised in decloak's code)."""
    cause = e.__cause__
    if cause is None or not isinstance(cause, BUG_TYPES):
        return None
    frames = traceback.extract_tb(cause.__traceback__)
    if frames and "/decloak/" in frames[-1].filename.replace("\\", "/"):
        return cause
    return None


def TestOneInput(data: bytes) -> None:
    import decloak
    from decloak.corpus.shard import ShardOptions, process_shard
    from decloak.errors import DecloakError

    if not data:
        return
    name, mode, out_suffix = choose(data[0])
    run = _SCRATCH / "run"
    shutil.rmtree(run, ignore_errors=True)
    src_dir, out = run / "in", run / "out"
    src_dir.mkdir(parents=True)
    out.mkdir()
    src = src_dir / name
    src.write_bytes(data[1:])
    dst = out / _output_name(name, out_suffix)
    opts = ShardOptions(mode=mode, outdir=str(out))  # type: ignore[arg-type]
    try:
        stats = process_shard(src, dst, None, opts)
    except DecloakError as e:
        msg = str(e)
        assert "\n" not in msg, msg
        assert str(src) in msg, msg
        bug = _own_bug(e)
        if bug is not None:
            raise AssertionError(f"decloak bug reported as a bad shard: {msg}") from bug
        left = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
        assert left == [], f"refused shard left files behind: {left}"
        return
    assert dst.exists()
    marker = out / ".decloak" / "done" / (dst.name.split(".")[0] + ".json")
    assert marker.exists()
    if dst.name.endswith(".jsonl"):
        lines = dst.read_bytes().splitlines()
        assert len(lines) == stats.written, (len(lines), stats.written)
        for line in lines:
            rec = json.loads(line)
            text = rec.get("text")
            if mode != "annotate" and isinstance(text, str):
                assert decloak.clean(text).text == text, "output text is not clean"


if __name__ == "__main__":
    fuzz_main(
        TestOneInput,
        "decloak.corpus.shard",
        "decloak.corpus.formats",
    )
