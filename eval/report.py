"""Merge ``eval/results/*.json`` into Markdown tables for the docs (tools as rows).

Usage: ``python eval/report.py [--out eval/results/summary.md]``.  Standard library
only, so it runs in any of the evaluation venvs.  Rows: decloak first, the peers by
exact-match rate, the do-nothing ``identity`` baseline last.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common


def load(results_dir: Path) -> list[dict[str, Any]]:
    rows = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(results_dir.glob("*.json"))]

    def order(r: dict[str, Any]) -> tuple[int, float, str]:
        rank = 0 if r["tool"] == "decloak" else 2 if r["tool"] == "identity" else 1
        return (rank, -r["attacks"]["exact"], r["tool"])

    return sorted(rows, key=order)


def f3(x: float | None) -> str:
    return "–" if x is None else f"{x:.3f}"


def speed(x: float | None) -> str:
    if not x:
        return "–"
    return f"{x / 1e6:.2f} M" if x >= 1e6 else f"{x / 1e3:.0f} k"


def table(header: list[str], rows: list[list[str]]) -> str:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(out)


def render(results: list[dict[str, Any]], held: list[dict[str, Any]] | None = None) -> str:
    """The summary page; ``held`` are the held-out row results (aggregates only)."""
    if not results:
        return "No results yet: run `eval/run.py --tool NAME` first.\n"
    first = results[0]
    parts = [
        "# Evaluation results",
        "",
        f"{first['attacks']['n']} attack cases, {first['legitimate']['n']} legitimate texts "
        "(see `eval/data/README.md`). *exact*: output equals the clean original; "
        "*restoration*: 1 − lev(output, original) / lev(input, original), clipped to [0, 1]; "
        "*identical*: share of legitimate texts returned byte-identical; *altered/M*: edit "
        "distance on legitimate text per million characters; detection counts attacks as "
        "positives; AUC ranks by the tool's score (its flag when it has none); *chars/s* is "
        "the repair call alone, one core.",
        "",
    ]
    limited = [r["tool"] for r in results if r.get("limit")]
    if limited:
        parts += [f"Limited runs (subset of the cases): {', '.join(limited)}.", ""]
    rows = []
    for r in results:
        a, n, d, p, s = r["attacks"], r["legitimate"], r["detection"], r["payloads"], r["speed"]
        pay = f"{p['recovered']}/{p['n']}" if p["supported"] else "–"
        rows.append(
            [
                f"**{r['tool']}**" if r["tool"] == "decloak" else r["tool"],
                str(r["version"]),
                f3(a["exact"]),
                f3(a["restoration"]),
                f3(n["identical"]),
                f"{n['altered_per_million']:,.0f}",
                f3(d["precision"]),
                f3(d["recall"]),
                f3(d["f1"]),
                f3(d["auc"]),
                pay,
                speed(s["clean_chars_per_s"]),
                str(sum(r["errors"].values())),
            ]
        )
    parts += [
        table(
            [
                "tool",
                "version",
                "exact",
                "restoration",
                "identical",
                "altered/M",
                "precision",
                "recall",
                "F1",
                "AUC",
                "payloads",
                "chars/s",
                "errors",
            ],
            rows,
        ),
        "",
    ]
    kinds = [k for k in common.KINDS if any(k in r["attacks"]["by_kind"] for r in results)]
    for metric, title in (
        ("exact", "Exact repair by kind"),
        ("restoration", "Restoration by kind"),
    ):
        krows = [
            [r["tool"]] + [f3(r["attacks"]["by_kind"].get(k, {}).get(metric)) for k in kinds]
            for r in results
        ]
        counts = [str(first["attacks"]["by_kind"].get(k, {}).get("n", "")) for k in kinds]
        parts += [
            f"## {title}",
            "",
            table(["tool"] + [f"{k} ({c})" for k, c in zip(kinds, counts, strict=True)], krows),
            "",
        ]
    cats = sorted({c for r in results for c in r["legitimate"]["by_category"]})
    crow = []
    for c in cats:
        n = first["legitimate"]["by_category"].get(c, {}).get("n", "")
        crow.append(
            [f"{c} ({n})"]
            + [f3(r["legitimate"]["by_category"].get(c, {}).get("identical")) for r in results]
        )
    parts += rows_tables(results, "main and dev rows")
    if held:
        parts += rows_tables(held, "held-out rows, aggregates only")
    parts += [
        "## Legitimate text returned identical, by category",
        "",
        table(["category"] + [r["tool"] for r in results], crow),
        "",
        "## How each tool was called",
        "",
    ]
    parts += [f"- **{r['tool']}** {r['version']}: {r['note']}" for r in results]
    return "\n".join(parts) + "\n"


def load_heldout_rows(results_dir: Path) -> list[dict[str, Any]]:
    """``heldout/*-rows.json`` (``run.py --split heldout``), ordered like the main rows."""
    rows = [
        json.loads(p.read_text(encoding="utf-8"))
        for p in sorted((results_dir / "heldout").glob("*-rows.json"))
    ]
    return sorted(
        rows,
        key=lambda r: (
            0 if r["tool"] == "decloak" else 2 if r["tool"] == "identity" else 1,
            r["tool"],
        ),
    )


def rows_tables(results: list[dict[str, Any]], label: str) -> list[str]:
    """Each row as a line, tools as columns: identical (legitimate), exact and F1 (attacks)."""
    with_rows = [r for r in results if r.get("rows")]
    if not with_rows:
        return []
    legit = sorted({k for r in with_rows for k in r["rows"]["legitimate"]})
    attack = sorted({k for r in with_rows for k in r["rows"]["attack"]})
    groups = sorted({k for r in with_rows for k in r["rows"]["detection"]})
    tools = [r["tool"] for r in with_rows]
    out: list[str] = []

    def n_of(side: str, name: str) -> str:
        return next(
            (str(r["rows"][side][name]["n"]) for r in with_rows if name in r["rows"][side]), ""
        )

    if legit:
        out += [
            f"## Legitimate rows returned identical ({label})",
            "",
            table(
                ["row", *tools],
                [
                    [f"{k} ({n_of('legitimate', k)})"]
                    + [f3(r["rows"]["legitimate"].get(k, {}).get("identical")) for r in with_rows]
                    for k in legit
                ],
            ),
            "",
        ]
    if attack:
        for metric, title in (("exact", "exact repair"), ("restoration", "restoration")):
            out += [
                f"## Attack rows, {title} ({label})",
                "",
                table(
                    ["row", *tools],
                    [
                        [f"{k} ({n_of('attack', k)})"]
                        + [f3(r["rows"]["attack"].get(k, {}).get(metric)) for r in with_rows]
                        for k in attack
                    ],
                ),
                "",
            ]
    if groups:
        out += [
            f"## Detection F1 per class ({label})",
            "",
            table(
                ["class", *tools],
                [
                    [g] + [f3(r["rows"]["detection"].get(g, {}).get("f1")) for r in with_rows]
                    for g in groups
                ],
            ),
            "",
        ]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--results", type=Path, default=common.RESULTS_DIR)
    ap.add_argument("--out", type=Path, help="also write the Markdown here")
    args = ap.parse_args(argv)
    text = render(load(args.results), load_heldout_rows(args.results))
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
