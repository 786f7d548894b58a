"""Score a tool's host-name judgement against a browser's: the domains table of docs/accuracy.md.

Why: "flag every host name a browser would refuse to show in Unicode, restore the
Latin form, leave genuine IDNs alone" is only checkable against a reference that
does not come from the tool.  ``data/domains/hosts.jsonl`` holds each host with the verdict
of ``browser_idn.py`` (Chromium's IDN display rules) and the Latin host a reader
takes it for; this script asks decloak, through its public API, whether it reports a
finding on the bare host (``decloak.scan(host).findings``) and what
``decloak.clean(host).text`` returns, and counts the four-way table.

Run: ``make eval-domains`` (``python eval/domains_table.py``); writes
``eval/results/domains/domains.json`` (counts, the commit) and ``domains.md`` beside it
(a folder of their own, so the per-tool ``results/*.json`` stay one kind).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common

DOMAINS_FILE = common.DATA_DIR / "domains" / "hosts.jsonl"
DISPLAY_TEXT = {
    "punycode": "browser shows punycode",
    "unicode": "browser shows Unicode",
    "ascii": "IDNA maps it to the ASCII host",
    "invalid": "not a valid host name",
}


def judge(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    import decloak

    out = []
    for row in rows:
        report = decloak.scan(row["host"])
        cleaned = decloak.clean(row["host"]).text
        out.append(
            {
                **row,
                "flagged": bool(report.findings),
                "cleaned": cleaned,
                "restored": cleaned == row["expected"],
                "changed": cleaned != row["host"],
            }
        )
    return out


def summarise(judged: list[dict[str, Any]]) -> dict[str, Any]:
    def group(r: dict[str, Any]) -> str:
        if r["kind"] == "top-domain":
            return "well-known domain (ASCII)"
        if r["kind"] == "genuine-idn":
            return "genuine IDN"
        return "look-alike"

    table: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    reasons: dict[str, Counter[str]] = defaultdict(Counter)
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    for r in judged:
        cell = table[group(r)][r["browser"]]
        cell["hosts"] += 1
        cell["flagged"] += r["flagged"]
        cell["restored"] += r["restored"] and r["changed"]
        cell["changed"] += r["changed"]
        if group(r) == "look-alike" and r["browser"] == "punycode":
            reasons[r["reason"].split(" top domain")[0]]["hosts"] += 1
            reasons[r["reason"].split(" top domain")[0]]["flagged"] += r["flagged"]
        if group(r) == "look-alike":
            kinds[r["kind"]]["hosts"] += 1
            kinds[r["kind"]]["flagged"] += r["flagged"]
            kinds[r["kind"]]["restored"] += r["restored"]
            kinds[r["kind"]][f"browser-{r['browser']}"] += 1
    punycode = [r for r in judged if group(r) == "look-alike" and r["browser"] == "punycode"]
    genuine = [r for r in judged if group(r) == "genuine IDN"]
    return {
        **common.git_stamp(),
        "hosts": len(judged),
        "table": {g: {d: dict(c) for d, c in v.items()} for g, v in sorted(table.items())},
        "punycode_reasons": {k: dict(v) for k, v in sorted(reasons.items())},
        "lookalike_kinds": {k: dict(v) for k, v in sorted(kinds.items())},
        "done_when": {
            "browser_punycode_missed": sum(not r["flagged"] for r in punycode),
            "browser_punycode": len(punycode),
            "genuine_idns_flagged": sum(r["flagged"] for r in genuine),
            "genuine_idns_changed": sum(r["changed"] for r in genuine),
            "genuine_idns": len(genuine),
        },
    }


def render(s: dict[str, Any]) -> str:
    commit = (s.get("commit") or "")[:7] or "unknown"
    dw = s["done_when"]
    lines = [
        "# Host names: browser versus decloak",
        "",
        f"{s['hosts']:,} host names (`eval/data/domains/hosts.jsonl`, built by `eval/build_domains.py`):",
        "well-known domains, one look-alike per character of the whole confusables table",
        "swapped into one of them, whole labels spelled in another script's look-alikes, and",
        "genuine internationalized domains. *Browser* is `eval/browser_idn.py`, a reference",
        "implementation of Chromium's IDN display rules (independent of decloak); *flagged*:",
        "`decloak.scan(host)` reports a finding; *restored*: `decloak.clean(host)` returns the",
        f"Latin host a reader takes it for. decloak at commit {commit}.",
        "",
        f"- Look-alikes a browser shows as punycode that decloak does not flag: "
        f"**{dw['browser_punycode_missed']} of {dw['browser_punycode']}**.",
        f"- Genuine IDNs decloak flags: **{dw['genuine_idns_flagged']} of {dw['genuine_idns']}** "
        f"(changed by `clean`: {dw['genuine_idns_changed']}).",
        "",
        "| hosts | browser | count | decloak flags | decloak misses | restored to Latin |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for group, by_display in s["table"].items():
        for display, c in sorted(by_display.items()):
            restored = f"{c.get('restored', 0):,}" if group == "look-alike" else "–"
            lines.append(
                f"| {group} | {DISPLAY_TEXT[display]} | {c['hosts']:,} | {c.get('flagged', 0):,} | "
                f"{c['hosts'] - c.get('flagged', 0):,} | {restored} |"
            )
    lines += [
        "",
        "Look-alikes a browser shows as punycode, by the rule that catches them:",
        "",
        "| browser rule | hosts | decloak flags |",
        "|---|---:|---:|",
    ]
    for reason, c in s["punycode_reasons"].items():
        lines.append(f"| {reason} | {c['hosts']:,} | {c.get('flagged', 0):,} |")
    lines += [
        "",
        "Look-alikes by family of the swapped character:",
        "",
        "| family | hosts | browser punycode | IDNA maps to ASCII | invalid | decloak flags | restored |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for kind, c in s["lookalike_kinds"].items():
        lines.append(
            f"| {kind.removeprefix('lookalike-')} | {c['hosts']:,} | {c.get('browser-punycode', 0):,} | "
            f"{c.get('browser-ascii', 0):,} | {c.get('browser-invalid', 0):,} | "
            f"{c.get('flagged', 0):,} | {c.get('restored', 0):,} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--hosts", type=Path, default=DOMAINS_FILE)
    ap.add_argument("--out", type=Path, default=common.RESULTS_DIR / "domains" / "domains.json")
    args = ap.parse_args(argv)
    judged = judge(common.read_jsonl(args.hosts))
    summary = summarise(judged)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(summary, indent=1, ensure_ascii=False) + "\n", "utf-8")
    md = render(summary)
    args.out.with_suffix(".md").write_text(md, "utf-8")
    sys.stdout.write(md)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
