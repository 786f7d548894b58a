"""Score one tool on the evaluation set: repair, legitimate-text safety, detection, speed.

Usage: ``python eval/run.py --tool NAME [--limit N] [--json OUT] [--failures OUT]``.

Why these numbers:

* *exact* (output == expected) is what a pipeline that dedups or filters needs;
* *restoration* (1 - lev(output, expected) / lev(input, expected), clipped to [0, 1])
  gives partial credit, so undoing 180 of 183 look-alikes counts as most of the job,
  and making things worse counts as 0;
* *identical* legitimate texts and *altered characters per million* measure the
  damage done to correct text, the failure mode that makes users switch tools off;
* precision / recall / F1 of the tool's suspicious flag and the ROC AUC of its score
  measure detection separately from repair;
* payload recovery: the decoded hidden text must match exactly.

A tool that raises on an input is scored as if it returned the input unchanged
(and flagged nothing); the number of errors is reported.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib
import json
import platform
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common

# --------------------------------------------------------------------------- distance

try:  # a C implementation when the venv has it; the fallback below is exact too
    from rapidfuzz.distance import Levenshtein as _RF

    def levenshtein(a: str, b: str, cap: int | None = None) -> int:
        return int(_RF.distance(a, b, score_cutoff=cap))

    LEVENSHTEIN_IMPL = "rapidfuzz"
except ImportError:  # pragma: no cover - depends on the venv

    def levenshtein(a: str, b: str, cap: int | None = None) -> int:
        return _levenshtein_py(a, b, cap)

    LEVENSHTEIN_IMPL = "python (banded)"


def _bounded(a: str, b: str, k: int) -> int:
    """Levenshtein distance if it is at most ``k``, else ``k + 1``: O(len * k) cells."""
    n, m = len(a), len(b)
    if abs(n - m) > k:
        return k + 1
    inf = k + 1
    plo, phi = 0, min(m, k)
    prev = list(range(plo, phi + 1))
    for i in range(1, n + 1):
        lo, hi = max(0, i - k), min(m, i + k)
        cur = [inf] * (hi - lo + 1)
        ai = a[i - 1]
        row_min = inf
        for j in range(lo, hi + 1):
            if j == 0:
                v = i
            else:
                v = inf
                if plo <= j <= phi:
                    v = prev[j - plo] + 1
                if j - 1 >= lo and cur[j - 1 - lo] + 1 < v:
                    v = cur[j - 1 - lo] + 1
                if plo <= j - 1 <= phi:
                    s = prev[j - 1 - plo] + (ai != b[j - 1])
                    if s < v:
                        v = s
            if v > inf:
                v = inf
            cur[j - lo] = v
            if v < row_min:
                row_min = v
        if row_min >= inf:
            return inf
        prev, plo, phi = cur, lo, hi
    return prev[m - plo] if plo <= m <= phi else inf


def _levenshtein_py(a: str, b: str, cap: int | None = None) -> int:
    """Exact distance: common affixes stripped, then a band that doubles until it fits.

    Disguises change few characters, so the band stays narrow and the cost stays
    close to linear; the worst case is the plain O(n*m) table.  With ``cap`` the
    answer is only exact up to ``cap`` (anything larger comes back as ``cap + 1``),
    which bounds the cost at O(n * cap).
    """
    if a == b:
        return 0
    p = 0
    while p < len(a) and p < len(b) and a[p] == b[p]:
        p += 1
    a, b = a[p:], b[p:]
    s = 0
    while s < len(a) and s < len(b) and a[-1 - s] == b[-1 - s]:
        s += 1
    if s:
        a, b = a[:-s], b[:-s]
    if not a or not b:
        d = len(a) + len(b)
        return d if cap is None else min(d, cap + 1)
    top = max(len(a), len(b))
    if cap is not None and cap < top:
        return _bounded(a, b, cap)
    k = 8
    while True:
        d = _bounded(a, b, k)
        if d <= k or k >= top:
            return min(d, top)
        k = min(top, k * 4)


# --------------------------------------------------------------------------- metrics


def restoration(inp: str, out: str, exp: str, d_in: int | None = None) -> float:
    """1 - lev(out, exp) / max(1, lev(inp, exp)), clipped to [0, 1]."""
    if out == exp:
        return 1.0
    d_in = levenshtein(inp, exp) if d_in is None else d_in
    d_out = levenshtein(out, exp, cap=max(1, d_in))  # beyond d_in the score is 0 anyway
    return min(1.0, max(0.0, 1.0 - d_out / max(1, d_in)))


def roc_auc(scores: list[float], labels: list[int]) -> float | None:
    """Rank-based ROC AUC (Mann-Whitney U), ties counted as half."""
    pos = sum(labels)
    neg = len(labels) - pos
    if not pos or not neg:
        return None
    order = sorted(range(len(scores)), key=lambda i: scores[i])
    ranks = [0.0] * len(scores)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and scores[order[j + 1]] == scores[order[i]]:
            j += 1
        avg = (i + j) / 2 + 1
        for k in range(i, j + 1):
            ranks[order[k]] = avg
        i = j + 1
    rank_sum = sum(r for r, y in zip(ranks, labels, strict=True) if y)
    return (rank_sum - pos * (pos + 1) / 2) / (pos * neg)


def prf(pred: list[bool], labels: list[int]) -> dict[str, float]:
    tp = sum(1 for p, y in zip(pred, labels, strict=True) if p and y)
    fp = sum(1 for p, y in zip(pred, labels, strict=True) if p and not y)
    fn = sum(1 for p, y in zip(pred, labels, strict=True) if not p and y)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn}


# --------------------------------------------------------------------------- running


def load_adapter(name: str) -> Any:
    return importlib.import_module("adapters." + name.replace("-", "_"))


def subset(cases: list[dict[str, Any]], limit: int | None) -> list[dict[str, Any]]:
    """Every k-th case, so a limited run still covers every category of the file."""
    if not limit or limit >= len(cases):
        return cases
    step = len(cases) / limit
    return [cases[int(i * step)] for i in range(limit)]


class Runner:
    """Calls one adapter, timing repair and detection apart and surviving exceptions."""

    def __init__(self, adapter: Any) -> None:
        self.adapter = adapter
        self.errors: dict[str, int] = defaultdict(int)
        self.error_examples: list[str] = []
        self.clean_time = 0.0
        self.detect_time = 0.0
        self.has_payloads = callable(getattr(adapter, "payloads", None))

    def _call(self, what: str, fn: Callable[[str], Any], text: str, default: Any) -> Any:
        try:
            return fn(text)
        except Exception as exc:  # a tool failing is a result, not a crash
            self.errors[what] += 1
            if len(self.error_examples) < 5:
                self.error_examples.append(f"{what}: {type(exc).__name__}: {exc}"[:200])
            return default

    def run(self, text: str) -> dict[str, Any]:
        t0 = time.perf_counter()
        out = self._call("clean", self.adapter.clean, text, text)
        t1 = time.perf_counter()
        score = self._call("score", self.adapter.score, text, None)
        flag = self._call("suspicious", self.adapter.suspicious, text, False)
        if score is None:  # no score (or it failed): rank by the flag
            score = float(bool(flag))
        pays = self._call("payloads", self.adapter.payloads, text, []) if self.has_payloads else []
        t2 = time.perf_counter()
        self.clean_time += t1 - t0
        self.detect_time += t2 - t1
        if not isinstance(out, str):
            self.errors["clean-type"] += 1
            out = text
        return {
            "out": out,
            "score": float(score or 0.0),
            "flag": bool(flag),
            "payloads": [p for p in (pays or []) if isinstance(p, str)],
        }


class AttackTally:
    """Running totals of repair and detection over attack cases."""

    def __init__(self) -> None:
        self.n = 0
        self.exact = 0
        self.rest = 0.0
        self.flagged = 0
        self.by_kind: dict[str, list[float]] = defaultdict(lambda: [0, 0, 0.0, 0])
        self.by_cat: dict[str, list[float]] = defaultdict(lambda: [0, 0, 0.0, 0])
        self.pay_n = 0
        self.pay_ok = 0
        self.labels: list[int] = []
        self.scores: list[float] = []
        self.flags: list[bool] = []

    def add(
        self, runner: Runner, case: dict[str, Any], fail_rows: list[dict[str, Any]] | None
    ) -> None:
        res = runner.run(case["input"])
        out, exp = res["out"], case["expected"]
        ok = out == exp
        rest = 1.0 if ok else restoration(case["input"], out, exp)
        self.n += 1
        self.exact += ok
        self.rest += rest
        self.flagged += res["flag"]
        for bucket in [self.by_kind[k] for k in case["kinds"]] + [self.by_cat[case["category"]]]:
            bucket[0] += 1
            bucket[1] += ok
            bucket[2] += rest
            bucket[3] += res["flag"]
        self.labels.append(1)
        self.scores.append(res["score"])
        self.flags.append(res["flag"])
        if case["payload"] is not None:
            self.pay_n += 1
            self.pay_ok += case["payload"] in res["payloads"]
        if not ok and fail_rows is not None:
            fail_rows.append(
                {
                    "id": case["id"],
                    "kinds": case["kinds"],
                    "input": case["input"],
                    "expected": exp,
                    "output": out,
                    "restoration": rest,
                }
            )


class LegitTally:
    """Running totals of damage and false alarms over legitimate texts."""

    def __init__(self) -> None:
        self.n = 0
        self.identical = 0
        self.altered = 0
        self.chars = 0
        self.flagged = 0
        self.by_cat: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # n, identical, flagged
        self.by_lang: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        self.changed_ids: list[str] = []
        self.changed_by_source: dict[str, int] = defaultdict(int)
        self.labels: list[int] = []
        self.scores: list[float] = []
        self.flags: list[bool] = []

    def add(
        self, runner: Runner, case: dict[str, Any], fail_rows: list[dict[str, Any]] | None
    ) -> None:
        res = runner.run(case["input"])
        out, inp = res["out"], case["input"]
        same = out == inp
        self.n += 1
        self.identical += same
        self.chars += len(inp)
        self.flagged += res["flag"]
        if not same:
            self.altered += levenshtein(out, inp)
            self.changed_ids.append(case["id"])
            self.changed_by_source[case["source"]] += 1
            if fail_rows is not None:
                fail_rows.append(
                    {"id": case["id"], "kinds": [], "input": inp, "expected": inp, "output": out}
                )
        for bucket in (self.by_cat[case["category"]], self.by_lang[case["lang"] or "und"]):
            bucket[0] += 1
            bucket[1] += same
            bucket[2] += res["flag"]
        self.labels.append(0)
        self.scores.append(res["score"])
        self.flags.append(res["flag"])


def kind_table(table: dict[str, list[float]]) -> dict[str, dict[str, float]]:
    return {
        k: {
            "n": int(v[0]),
            "exact": v[1] / v[0],
            "restoration": v[2] / v[0],
            "flagged": v[3] / v[0],
        }
        for k, v in sorted(table.items())
    }


def neg_table(table: dict[str, list[int]]) -> dict[str, dict[str, float]]:
    return {
        k: {"n": v[0], "identical": v[1] / v[0], "flagged": v[2] / v[0]}
        for k, v in sorted(table.items())
    }


def score_rows(
    adapter: Any, rows: list[common.Row], limit: int | None, fail_rows: list[dict[str, Any]] | None
) -> dict[str, Any]:
    """Each registered row on its own, plus detection per group of rows.

    A held-out row reports aggregates only (counts per category, no case ids and
    no sources), so reading the results file does not show its cases one by one.
    """
    runner = Runner(adapter)
    legit: dict[str, Any] = {}
    attack: dict[str, Any] = {}
    missing: dict[str, str] = {}
    groups: dict[str, dict[str, list[Any]]] = defaultdict(
        lambda: {"labels": [], "scores": [], "flags": []}
    )
    for row in rows:
        if not row.path.exists():
            missing[row.name] = f"{row.path.relative_to(common.REPO_DIR)} is missing" + (
                f": run `{row.setup}`" if row.setup else ""
            )
            continue
        cases = subset(common.read_jsonl(row.path), limit)
        held = row.split == "heldout"
        tally: AttackTally | LegitTally
        if row.side == "attack":
            tally = AttackTally()
            for case in cases:
                tally.add(runner, case, None if held else fail_rows)
            attack[row.name] = {
                "split": row.split,
                "group": row.group,
                "title": row.title,
                "n": tally.n,
                "exact": tally.exact / max(1, tally.n),
                "restoration": tally.rest / max(1, tally.n),
                "flagged": tally.flagged / max(1, tally.n),
                "payloads": {"n": tally.pay_n, "recovered": tally.pay_ok},
                "by_kind": kind_table(tally.by_kind),
                "by_category": kind_table(tally.by_cat),
            }
        else:
            tally = LegitTally()
            for case in cases:
                tally.add(runner, case, None if held else fail_rows)
            entry: dict[str, Any] = {
                "split": row.split,
                "group": row.group,
                "title": row.title,
                "n": tally.n,
                "identical": tally.identical / max(1, tally.n),
                "altered_per_million": tally.altered / max(1, tally.chars) * 1e6,
                "chars": tally.chars,
                "flagged": tally.flagged / max(1, tally.n),
                "by_category": neg_table(tally.by_cat),
            }
            if not held:
                entry["changed_by_source"] = dict(sorted(tally.changed_by_source.items()))
                entry["changed_examples"] = tally.changed_ids[:40]
            legit[row.name] = entry
        g = groups[row.group]
        g["labels"] += tally.labels
        g["scores"] += tally.scores
        g["flags"] += tally.flags
    detection = {}
    for name, g in sorted(groups.items()):
        if 1 in g["labels"]:
            detection[name] = {
                **prf(g["flags"], g["labels"]),
                "auc": roc_auc(g["scores"], g["labels"]),
            }
    return {
        "legitimate": legit,
        "attack": attack,
        "detection": detection,
        "missing": missing,
        "errors": dict(runner.errors),
    }


def evaluate(
    tool: str,
    limit: int | None,
    failures: Path | None,
    negative_file: Path = common.NEGATIVE_FILE,
    attacks_file: Path = common.ATTACKS_FILE,
    rows: list[common.Row] | None = None,
    main_set: bool = True,
) -> dict[str, Any]:
    """Score ``tool`` on the main set (unless ``main_set`` is false) and on ``rows``."""
    adapter = load_adapter(tool)
    fail_rows: list[dict[str, Any]] | None = [] if failures is not None else None
    result: dict[str, Any] = {
        "tool": tool,
        "version": str(getattr(adapter, "VERSION", "?")),
        **common.git_stamp(),
        "note": " ".join(str(getattr(adapter, "NOTE", "")).split()),
        "python": platform.python_version(),
        "levenshtein": LEVENSHTEIN_IMPL,
        "limit": limit,
    }
    if main_set:
        result.update(evaluate_main(adapter, limit, fail_rows, negative_file, attacks_file))
    if rows:
        result["rows"] = score_rows(adapter, rows, limit, fail_rows)
    if failures is not None and fail_rows is not None:
        with failures.open("w", encoding="utf-8") as fh:
            for row in fail_rows:
                fh.write(common.dumps(row) + "\n")
    return result


def evaluate_main(
    adapter: Any,
    limit: int | None,
    fail_rows: list[dict[str, Any]] | None,
    negative_file: Path,
    attacks_file: Path,
) -> dict[str, Any]:
    """The main set: attacks and negatives scored together (the headline numbers)."""
    negatives = subset(common.read_jsonl(negative_file), limit)
    attacks = subset(common.read_jsonl(attacks_file), limit)
    runner = Runner(adapter)
    wall0 = time.perf_counter()
    att = AttackTally()
    for case in attacks:
        att.add(runner, case, fail_rows)
    leg = LegitTally()
    for case in negatives:
        leg.add(runner, case, fail_rows)
    wall = time.perf_counter() - wall0
    labels = att.labels + leg.labels
    scores = att.scores + leg.scores
    flags = att.flags + leg.flags
    total_chars = sum(len(c["input"]) for c in attacks) + leg.chars
    det = prf(flags, labels)
    return {
        "attacks": {
            "n": len(attacks),
            "exact": att.exact / len(attacks),
            "restoration": att.rest / len(attacks),
            "by_kind": kind_table(att.by_kind),
            "by_category": kind_table(att.by_cat),
        },
        "legitimate": {
            "n": len(negatives),
            "identical": leg.identical / len(negatives),
            "altered_per_million": leg.altered / max(1, leg.chars) * 1e6,
            "chars": leg.chars,
            "by_category": neg_table(leg.by_cat),
            "by_lang": neg_table(leg.by_lang),
            "changed_examples": leg.changed_ids[:40],
        },
        "detection": {
            **det,
            "auc": roc_auc(scores, labels),
            "score_kind": "score" if len(set(scores)) > 2 else "flag",
        },
        "payloads": {
            "supported": runner.has_payloads,
            "n": att.pay_n,
            "recovered": att.pay_ok,
            "rate": att.pay_ok / att.pay_n if att.pay_n and runner.has_payloads else None,
        },
        "errors": dict(runner.errors),
        "error_examples": runner.error_examples,
        "speed": {
            "chars": total_chars,
            "clean_chars_per_s": total_chars / runner.clean_time if runner.clean_time else None,
            "detect_chars_per_s": total_chars / runner.detect_time if runner.detect_time else None,
            "tool_s": runner.clean_time + runner.detect_time,
            "wall_s": wall,
        },
    }


# --------------------------------------------------------------------------- output


def fmt(x: float | None, digits: int = 3) -> str:
    return "n/a" if x is None else f"{x:.{digits}f}"


def print_main(res: dict[str, Any]) -> None:
    a, neg, det, pay, sp = (
        res["attacks"],
        res["legitimate"],
        res["detection"],
        res["payloads"],
        res["speed"],
    )
    n_err = sum(res["errors"].values())
    print(
        f"tool {res['tool']} {res['version']}   attacks {a['n']}   legitimate {neg['n']}"
        f"   errors {n_err}"
    )
    rows = [
        ("attacks: exact match", fmt(a["exact"])),
        ("attacks: restoration", fmt(a["restoration"])),
        ("legitimate: returned identical", fmt(neg["identical"])),
        ("legitimate: altered chars per million", f"{neg['altered_per_million']:.0f}"),
        ("detection: precision", fmt(det["precision"])),
        ("detection: recall", fmt(det["recall"])),
        ("detection: F1", fmt(det["f1"])),
        (f"detection: ROC AUC ({det['score_kind']})", fmt(det["auc"])),
        ("payloads recovered", f"{pay['recovered']}/{pay['n']}" if pay["supported"] else "n/a"),
        ("throughput clean (chars/s)", f"{sp['clean_chars_per_s'] or 0:,.0f}"),
        ("throughput detect (chars/s)", f"{sp['detect_chars_per_s'] or 0:,.0f}"),
        ("time in the tool / wall time (s)", f"{sp['tool_s']:.1f} / {sp['wall_s']:.1f}"),
    ]
    width = max(len(r[0]) for r in rows)
    for name, value in rows:
        print(f"  {name:<{width}}  {value:>10}")
    print(f"  {'kind':<20} {'n':>5} {'exact':>7} {'restor.':>8} {'flagged':>8}")
    for kind in common.KINDS:
        v = a["by_kind"].get(kind)
        if v:
            print(
                f"  {kind:<20} {v['n']:>5} {v['exact']:>7.3f} {v['restoration']:>8.3f}"
                f" {v['flagged']:>8.3f}"
            )
    worst = sorted(neg["by_category"].items(), key=lambda kv: kv[1]["identical"])[:8]
    worst = [(k, v) for k, v in worst if v["identical"] < 1]
    if worst:
        print(
            "  legitimate categories changed most (share identical): "
            + ", ".join(f"{k} {v['identical']:.2f}" for k, v in worst)
        )
    if res["error_examples"]:
        print("  errors:", "; ".join(res["error_examples"][:3]))


def print_rows(rows: dict[str, Any]) -> None:
    """One line per legitimate and per attack row, then detection per group."""
    if rows["legitimate"]:
        print(
            f"  {'legitimate row':<28} {'split':<8} {'n':>6} {'identical':>9} {'alt/M':>7} {'flagged':>8}"
        )
        for name, v in rows["legitimate"].items():
            print(
                f"  {name:<28} {v['split']:<8} {v['n']:>6} {v['identical']:>9.4f}"
                f" {v['altered_per_million']:>7.0f} {v['flagged']:>8.4f}"
            )
    if rows["attack"]:
        print(
            f"  {'attack row':<28} {'split':<8} {'n':>6} {'exact':>9} {'restor.':>7} {'flagged':>8}"
        )
        for name, v in rows["attack"].items():
            print(
                f"  {name:<28} {v['split']:<8} {v['n']:>6} {v['exact']:>9.4f}"
                f" {v['restoration']:>7.4f} {v['flagged']:>8.4f}"
            )
    if rows["detection"]:
        print(f"  {'detection by group':<28} {'':<8} {'':>6} {'P':>9} {'R':>7} {'F1':>8}")
        for name, v in rows["detection"].items():
            print(
                f"  {name:<28} {'':<8} {'':>6} {v['precision']:>9.4f} {v['recall']:>7.4f}"
                f" {v['f1']:>8.4f}"
            )
    for name, why in rows["missing"].items():
        print(f"  row {name} not scored: {why}")


def print_table(res: dict[str, Any]) -> None:
    if "attacks" in res:
        print_main(res)
    else:
        print(f"tool {res['tool']} {res['version']}")
    if "rows" in res:
        print_rows(res["rows"])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tool", required=True, help="adapter name in eval/adapters (e.g. decloak)")
    ap.add_argument("--limit", type=int, help="score only N cases of each file (spread evenly)")
    ap.add_argument("--json", type=Path, help="write results here (default eval/results/NAME.json)")
    ap.add_argument("--failures", type=Path, help="write every wrong output here as JSON lines")
    ap.add_argument("--negative", type=Path, default=common.NEGATIVE_FILE, help="legitimate set")
    ap.add_argument("--attacks", type=Path, default=common.ATTACKS_FILE, help="attack set")
    ap.add_argument(
        "--split",
        choices=("main", "heldout"),
        default="main",
        help="main: the main set plus the main and dev rows (default); heldout: the held-out "
        "rows only, written to eval/results/heldout/NAME-rows.json, aggregates only",
    )
    ap.add_argument("--rows", help="score only these rows (comma-separated names)")
    ap.add_argument("--no-rows", action="store_true", help="score the main set only")
    ap.add_argument(
        "--row-file",
        action="append",
        default=[],
        metavar="NAME=PATH",
        help="score row NAME of the split from PATH (a fresh draw of build_classes.py --seed)",
    )
    args = ap.parse_args(argv)
    for spec in args.row_file:
        name, sep, path = spec.partition("=")
        if not sep or not any(r.name == name for r in common.rows(args.split)):
            ap.error(f"--row-file wants NAME=PATH with a row of the {args.split} split: {spec!r}")
        if not Path(path).is_file():
            ap.error(f"--row-file {name}: no such file: {path}")
        common.ROWS = tuple(
            dataclasses.replace(r, path=Path(path).resolve())
            if r.name == name and r in common.rows(args.split)
            else r
            for r in common.ROWS
        )

    rows = [] if args.no_rows else common.rows(args.split)
    if args.rows:
        wanted = set(args.rows.split(","))
        unknown = wanted - {r.name for r in common.ROWS}
        if unknown:
            ap.error(f"unknown rows: {', '.join(sorted(unknown))}")
        rows = [r for r in common.rows(args.split) if r.name in wanted]
    heldout = args.split == "heldout"
    res = evaluate(
        args.tool,
        args.limit,
        None if heldout else args.failures,
        args.negative,
        args.attacks,
        rows=rows,
        main_set=not heldout,
    )
    default = (
        common.RESULTS_DIR / "heldout" / f"{args.tool}-rows.json"
        if heldout
        else common.RESULTS_DIR / f"{args.tool}.json"
    )
    out = args.json or default
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        json.dumps(res, indent=1, ensure_ascii=False, sort_keys=False) + "\n", encoding="utf-8"
    )
    print_table(res)
    print(f"  results: {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
