"""Build ``data/domains/hosts.jsonl``: host names with a browser's verdict, for the domains table.

Why: the accuracy issue's "Done when" asks for a table of host names a browser would
show as punycode versus what decloak flags.  The hosts are built independently of
decloak: the well-known domains of ``domains_list.py`` as they are; one look-alike
per character of the whole look-alike table (every character whose ``confusables.txt``
skeleton or NFKC is a Latin letter or digit, ``ucd.lookalikes()``) swapped into a
well-known domain that has that letter; every well-known label that can be spelled
entirely in one other script's Latin look-alikes (Chromium's whole-script-confusable
letters, e.g. ``аррӏе.com``); and genuine internationalized domains.  Each host gets
the verdict of ``browser_idn.py`` (Chromium's IDN display rules) and the Latin host a
reader takes it for (``expected``).

Run: ``eval/.venv-tools/bin/python eval/build_domains.py`` (``make -C eval domains``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import browser_idn
import common
import domains_list
import ucd

OUT = common.DATA_DIR / "domains" / "hosts.jsonl"


def hosts() -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    tops = list(domains_list.TOP_DOMAINS)
    for d in tops:
        rows.append({"host": d, "kind": "top-domain", "expected": d, "char": ""})
    # one host per look-alike character, cycling through the domains that hold its letter
    start = 0
    for la in ucd.lookalikes():
        letter = la.target.lower()
        for k in range(len(tops)):
            d = tops[(start + k) % len(tops)]
            label, _, rest = d.partition(".")
            i = label.find(letter)
            if i >= 0:
                start = (start + k + 1) % len(tops)
                host = label[:i] + la.char + label[i + 1 :] + "." + rest
                rows.append(
                    {"host": host, "kind": f"lookalike-{la.group}", "expected": d, "char": la.char}
                )
                break
    # whole labels in one script's look-alikes (Chromium's whole-script-confusable letters)
    for script, letters, _tlds in browser_idn.WHOLE_SCRIPT_CONFUSABLES:
        as_latin: dict[str, str] = {}
        for c in letters:
            sk = common.confusable_skeleton(c)
            if len(sk) == 1 and sk.isascii() and sk.isalnum():
                as_latin.setdefault(sk.lower(), c)
        if "l" not in as_latin and "I" in as_latin:
            as_latin["l"] = as_latin["I"]
        for d in tops:
            label, _, rest = d.partition(".")
            if len(label) >= 3 and all(ch in as_latin for ch in label):
                fake = "".join(as_latin[ch] for ch in label) + "." + rest
                rows.append(
                    {
                        "host": fake,
                        "kind": f"whole-label-{script.lower()}",
                        "expected": d,
                        "char": "",
                    }
                )
    for group in ("dev", "table"):
        for idn in domains_list.GENUINE_IDNS[group]:
            rows.append({"host": idn, "kind": "genuine-idn", "expected": idn, "char": ""})
    return rows


def main() -> int:
    rows = hosts()
    with OUT.open("w", encoding="utf-8", newline="\n") as fh:
        for row in rows:
            v = browser_idn.verdict(row["host"])
            row.update({"browser": v.display, "shown": v.shown, "reason": v.reason})
            fh.write(common.dumps(row) + "\n")
    counts: dict[tuple[str, str], int] = {}
    for row in rows:
        key = (row["kind"].split("-")[0], row["browser"])
        counts[key] = counts.get(key, 0) + 1
    print(f"wrote {len(rows)} hosts to {OUT}")
    print(json.dumps({f"{k[0]}/{k[1]}": v for k, v in sorted(counts.items())}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
