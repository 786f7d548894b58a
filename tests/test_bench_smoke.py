"""Smoke test of the speed harness (``benchmarks/``) on tiny inputs, without peers.

Why: ``make bench`` takes many minutes and nobody runs it on every change, so
without this test the harness would rot silently (a renamed API, a broken worker,
a cap that no longer kills).  Everything here runs the real code paths (corpus
builders, worker subprocesses, the CPU cap, the report) on inputs of a few KB.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"

PROSE = """\
       The quick brown fox jumps over the lazy dog.  Each paragraph here is
       ordinary English prose, with 'ASCII quotes' and "double ones" as man
       pages have them, and a few numbers: 1, 22, 333.

       Pack my box with five dozen liquor jugs.  Sphinx of black quartz, judge
       my vow.  How vexingly quick daft zebras jump!  These lines exist only to
       give the harness something to chew on.
"""


@pytest.fixture(scope="module")
def bench() -> dict[str, ModuleType]:
    """``benchmarks/run.py`` under a private name; ``sys.path``/``sys.modules`` restored."""
    saved_path, saved_corpora = list(sys.path), sys.modules.pop("corpora", None)
    try:
        spec = importlib.util.spec_from_file_location("_decloak_bench_run", BENCH / "run.py")
        assert spec is not None and spec.loader is not None
        run = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = run  # dataclasses look their module up there
        spec.loader.exec_module(run)
        return {"run": run, "corpora": run._corpora}
    finally:
        sys.path[:] = saved_path
        sys.modules.pop("corpora", None)
        if saved_corpora is not None:
            sys.modules["corpora"] = saved_corpora


def test_corpus_builders_are_exact_and_deterministic(bench: dict[str, ModuleType]) -> None:
    corpora = bench["corpora"]
    paras = list(corpora.paragraphs(PROSE))
    assert len(paras) == 2
    text = corpora.repeat_to(paras, 5_000, "smoke")
    assert text == corpora.repeat_to(paras, 5_000, "smoke")
    assert 4_000 < len(text.encode()) <= 5_000

    attacked, counts = corpora.attack(text, 0.02, "smoke")
    assert counts["swaps"] == round(0.02 * counts["letters"]) > 0
    assert len(attacked) == len(text)
    changed = [(a, b) for a, b in zip(text, attacked, strict=True) if a != b]
    assert len(changed) == counts["swaps"]
    assert all(corpora.SWAPS[a] == b for a, b in changed)

    assert corpora.adversarial_text("combining", text).count("\u0301") > 1000
    assert "\n" not in corpora.adversarial_text("bidi", text).rstrip("\n")
    assert corpora.adversarial_text("mixed-word", text).split()[2].isalpha()


def test_multilingual_mix_has_every_group(bench: dict[str, ModuleType]) -> None:
    corpora = bench["corpora"]
    if not corpora.NEGATIVE.exists():
        pytest.skip("eval/data/negative.jsonl is not in this checkout")
    text, counts = corpora.multilingual(30_000)
    sizes = [v for k, v in counts.items() if k.startswith("bytes_")]
    assert len(sizes) == 6 and min(sizes) > 0.8 * max(sizes)
    assert "\ufeff" not in text


def test_measure_and_report_on_tiny_inputs(bench: dict[str, ModuleType], tmp_path: Path) -> None:
    corpora, run = bench["corpora"], bench["run"]
    english = tmp_path / "english.txt"
    english.write_text(corpora.repeat_to(list(corpora.paragraphs(PROSE)), 20_000, "x"), "utf-8")
    attacked = tmp_path / "attacked.txt"
    attacked.write_text(corpora.attack(english.read_text("utf-8"), 0.02, "x")[0], "utf-8")

    cells, plan, pairs = run.measure_corpora(
        [run.Corpus("attacked", attacked, english)],
        tools=("decloak.clean",),
        pure_tools=("decloak.clean",),
        floors=("floor.re",),
        peers=(),
        rounds=1,
        min_total=0.0,
        log=lambda _msg: None,
        pair_runs=2,
    )
    assert plan == {}
    # scan and clean timed back to back, each first once
    assert len(pairs["attacked"]) == 2
    assert {tuple(p) for p in pairs["attacked"]} == {("scan", "clean"), ("clean", "scan")}
    assert run.paired_ratio(pairs["attacked"]) > 0
    slow = [{"scan": 1.1, "clean": 1.0}] * 10
    assert run.sign_test(slow) == (10, 1 / 1024)  # scan really slower
    assert run.sign_test(slow[:3] + [{"scan": 1.0, "clean": 1.1}] * 3)[1] > 0.5  # a tie
    by_tool = {c.tool: c for c in cells}
    assert set(by_tool) == {"decloak.clean", "pure:decloak.clean", "floor.re"}
    for cell in cells:
        assert cell.cpu and not cell.errors and cell.mbps and cell.mbps > 0, cell
    clean = by_tool["decloak.clean"]
    assert clean.check["input_diff"] > 0
    assert clean.check["output_diff"] < clean.check["input_diff"]
    assert by_tool["pure:decloak.clean"].check == clean.check

    zalgo = tmp_path / "adv-combining.txt"
    zalgo.write_text("x" + "\u0301" * 4000 + " end.\n", "utf-8")
    row = run.measure_scaling(
        "combining",
        zalgo,
        "smoke",
        scales=(0.5, 1.0),
        min_total=0.0,
        log=lambda _m: None,
        confirm=False,
    )
    assert [s["chars"] for s in row.sizes] == [2004, 4007]
    assert row.verdict in {"linear", "SUPERLINEAR"} and row.exponent is not None

    data = {
        "date": "today",
        "command": "pytest",
        "machine": {**run.machine_info(), "loadavg_end": (0.0, 0.0, 0.0)},
        "cells": [c.to_json() for c in cells],
        "adversarial": [row.to_json()],
        "pairs": pairs,
        "targets": run.targets(cells, [row], None, pairs),
        "corpora": {},
    }
    md, js = tmp_path / "RESULTS.md", tmp_path / "speed.json"
    run.write_results(data, md, js)
    text = md.read_text("utf-8")
    assert "decloak clean (C kernel)" in text and "floor: re scan" in text
    assert "combining" in text and "Targets" in text
    assert "scan ÷ clean, 2%-attacked copy (median of 2 paired calls)" in text
    assert json.loads(js.read_text("utf-8"))["cells"][0]["cpu_seconds"]
    assert run.text_table(run.speed_table(cells, ["attacked"]))


def test_cpu_cap_kills_a_runaway_call(bench: dict[str, ModuleType], tmp_path: Path) -> None:
    run = bench["run"]
    src = tmp_path / "in.txt"
    src.write_text("hello\n", "utf-8")
    out = run.run_job(run.Job("debug.spin", src, warmup=0), cap=0.3, min_total=0.0)
    assert out.timed_out and out.lower_bound is not None and out.lower_bound >= 0.3
    assert out.cpu == []
