"""The committed evaluation results are the ones this checkout produces.

Why: a results file that no longer matches the code is worse than none (the README's
held-out figures once came from a commit forty commits old).  This re-runs the fast
evaluation (``eval/run.py --tool decloak``: the main set and every main and dev row,
a few seconds) and compares every accuracy number with ``eval/results/decloak.json``:
exact, restoration, identical, altered per million, detection precision / recall /
F1 / AUC, payloads, errors, the per-kind, per-category and per-language tables and
every row.  Timing, the commit and the versions are not compared.  When an engine
change moves a number, re-run ``make eval`` and commit the new results with it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
COMMITTED = ROOT / "eval" / "results" / "decloak.json"
#: Keys that describe the run, not the accuracy: never compared.
VOLATILE = {"speed", "commit", "dirty", "version", "python", "levenshtein", "note"}


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """``eval/run.py --tool decloak`` run now, in a subprocess like ``make eval``."""
    out = tmp_path_factory.mktemp("eval") / "decloak.json"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "eval" / "run.py"), "--tool", "decloak", "--json", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    result: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return result


@pytest.fixture(scope="module")
def committed() -> dict[str, Any]:
    result: dict[str, Any] = json.loads(COMMITTED.read_text(encoding="utf-8"))
    return result


def diff(a: Any, b: Any, path: str = "") -> list[str]:
    """Where two JSON values differ, as readable paths (first 20)."""
    if isinstance(a, dict) and isinstance(b, dict):
        out = []
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                out.append(f"{path}/{k}: only in {'committed' if k in a else 'fresh run'}")
            else:
                out += diff(a[k], b[k], f"{path}/{k}")
        return out[:20]
    return [] if a == b else [f"{path}: committed {a!r}, now {b!r}"]


def test_committed_results_record_their_commit(committed: dict[str, Any]) -> None:
    assert isinstance(committed.get("commit"), str) and len(committed["commit"]) == 40
    assert committed.get("dirty") in (True, False)
    assert not committed["rows"]["missing"], "the committed results lack rows: run `make eval`"


def test_main_set_numbers_match_the_committed_results(
    fresh: dict[str, Any], committed: dict[str, Any]
) -> None:
    keys = set(committed) - VOLATILE - {"rows"}
    problems = diff({k: committed[k] for k in keys}, {k: fresh.get(k) for k in keys})
    assert not problems, "numbers moved; re-run `make eval` and commit:\n" + "\n".join(problems)


def test_every_row_matches_the_committed_results(
    fresh: dict[str, Any], committed: dict[str, Any]
) -> None:
    rows_now, rows_then = fresh["rows"], committed["rows"]
    skipped = sorted(rows_now["missing"])
    for side in ("legitimate", "attack"):
        for name in skipped:
            rows_then[side].pop(name, None)
    then = {k: rows_then[k] for k in ("legitimate", "attack", "errors")}
    now = {k: rows_now[k] for k in ("legitimate", "attack", "errors")}
    problems = diff(then, now)
    if not skipped:  # detection per group pools rows: comparable only when all ran
        problems += diff(rows_then["detection"], rows_now["detection"], "/detection")
    assert not problems, "numbers moved; re-run `make eval` and commit:\n" + "\n".join(problems)
    if skipped:
        pytest.skip(f"rows not compared, their files are missing: {rows_now['missing']}")


def test_a_fresh_draw_is_scored_in_place_of_a_row(tmp_path: Path) -> None:
    """``--row-file`` scores a draw of ``build_classes.py --seed`` as the row it replaces
    (here the committed dev file, so the numbers must be the committed ones); a row the
    split has not, or a missing file, is a one-line error."""
    dev = ROOT / "eval" / "data" / "dev" / "class_controls.jsonl"
    out = tmp_path / "r.json"
    cmd = [sys.executable, str(ROOT / "eval" / "run.py"), "--tool", "decloak", "--rows", "controls"]
    ok = subprocess.run(
        [*cmd, "--row-file", f"controls={dev}", "--json", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert ok.returncode == 0, ok.stderr[-2000:]
    got = json.loads(out.read_text(encoding="utf-8"))["rows"]["attack"]["controls"]
    committed = json.loads(COMMITTED.read_text(encoding="utf-8"))["rows"]["attack"]["controls"]
    assert got["exact"] == committed["exact"] and got["n"] == committed["n"]
    for bad in ("nosuch=/x", f"controls={tmp_path / 'missing.jsonl'}", "controls"):
        proc = subprocess.run(
            [*cmd, "--row-file", bad], capture_output=True, text=True, timeout=60, check=False
        )
        assert proc.returncode == 2
        last = proc.stderr.strip().splitlines()[-1]  # argparse: the usage, then one error
        assert last.startswith("run.py: error: --row-file"), proc.stderr
