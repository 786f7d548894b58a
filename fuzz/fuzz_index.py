"""Fuzz the provenance index reader: truncated, damaged or foreign files given as ``--db``.

``decloak index stats`` and ``decloak match`` run in-process on the fuzzed file.
Invariants: a documented exit code and, on an error, one line naming the file;
never a traceback, never exit 3 (internal error), never a changed file (reading an
index must not write to it).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import check_cli_result, fuzz_main, run_cli

_SCRATCH = Path(tempfile.mkdtemp(prefix="decloak-fuzz-index-"))
QUERY = b"The city c\xd0\xbeuncil voted on Tuesday to turn the old freight yard into a park.\n"


def TestOneInput(data: bytes) -> None:
    db = _SCRATCH / "idx.db"
    for side in ("-wal", "-shm", "-journal"):
        Path(str(db) + side).unlink(missing_ok=True)
    db.write_bytes(data)
    argvs = [
        ["index", "stats", "--db", str(db)],
        ["index", "stats", "--json", "--db", str(db)],
        ["match", "--db", str(db), "-"],
    ]
    for argv in argvs:
        code, _out, err = run_cli(argv, stdin=QUERY)
        check_cli_result(argv, code, err)
        if code == 2:
            assert str(db) in err, err
    assert db.read_bytes() == data or len(data) == 0, "reading the index changed it"


if __name__ == "__main__":
    fuzz_main(
        TestOneInput,
        "decloak.provenance.index",
        "decloak.provenance.match",
        "decloak.provenance.cli",
    )
