"""decloak lint on a real source tree: the Python standard library of this interpreter.

Measures files/s (wall clock and CPU) for the same work as

    decloak lint STDLIB --exclude site-packages/ --exclude __pycache__/ --fail-on none

and lists every finding with a verdict (true or false positive, and why), so that
a change that adds noise on real code shows up here.  Verdicts are judgements
made by reading each line; findings not in the table are marked "unreviewed".

    python benchmarks/lint_bench.py              # one process
    python benchmarks/lint_bench.py --jobs 2     # two worker processes
    python benchmarks/lint_bench.py --repeat 3   # best of three

Prints the report and writes it to ``benchmarks/results/lint.md``.  Kept apart
from the tests: its timing depends on the machine and on what else runs on it
(the load average is recorded next to the numbers).
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import sysconfig
import time
from collections import Counter
from pathlib import Path

from hostinfo import cpu_model, git_stamp, stamp_line

from decloak import UNICODE_VERSION, __version__
from decloak.lint.run import FileResult, lint_paths

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results" / "lint.md"
EXCLUDES = ("site-packages/", "dist-packages/", "__pycache__/")

TRUE_INTENDED = "true positive (deliberate test data)"
VERDICTS: dict[tuple[str, str], str] = {
    ("distutils/tests/test_log.py", "homoglyph"): (
        f"{TRUE_INTENDED}: 'F\u03b1tal' spells Fatal with a Greek alpha to test non-ASCII logging"
    ),
    ("test/test_html.py", "homoglyph"): (
        "false positive: '\u03b1centauri' is the expected output of the entity &alpha;centauri, "
        "a real Greek letter, not a disguise"
    ),
    ("test/test_fstring.py", "mixed-script-identifier"): (
        f"{TRUE_INTENDED}: the identifier tenπ mixes Latin and Greek in one word, on purpose, "
        "to reach non-ASCII code in the f-string parser"
    ),
    ("test/test_unicode_identifiers.py", "invisible-in-identifier"): (
        f"{TRUE_INTENDED}: `x` + VARIATION SELECTOR-17 is a different identifier from `x` "
        "that looks the same (the test checks that Python accepts it)"
    ),
    ("test/test_unicode_identifiers.py", "compat-letter"): (
        f"{TRUE_INTENDED}: µ (MICRO SIGN) and fraktur letters that NFKC folds, tested on purpose"
    ),
    ("test/test_traceback.py", "compat-letter"): (
        f"{TRUE_INTENDED}: fullwidth identifiers (\uff57\uff49\uff44\uff54\uff48) to test caret positions"
    ),
    ("test/test_re.py", "compat-letter"): f"{TRUE_INTENDED}: fraktur group names (NFKC)",
    ("test/test_unicode.py", "compat-letter"): f"{TRUE_INTENDED}: isidentifier() on fraktur",
    ("test/test_xmlrpc.py", "compat-letter"): f"{TRUE_INTENDED}: non-BMP text round trip",
    ("lib2to3/tests/test_parser.py", "compat-letter"): f"{TRUE_INTENDED}: NFKC identifiers",
    ("tkinter/test/test_tkinter/test_misc.py", "compat-letter"): (
        f"{TRUE_INTENDED}: non-BMP clipboard text"
    ),
    ("test/test_winconsoleio.py", "invisible"): (
        f"{TRUE_INTENDED}: a COMBINING GRAPHEME JOINER in a console round-trip string"
    ),
    ("test/test_doctest2.txt", "invisible"): (
        f"{TRUE_INTENDED}: C1 control characters from UTF-8 read as Latin-1 (mojibake sample)"
    ),
    ("test/cjkencodings/iso2022_jp.txt", "deletion"): (
        f"{TRUE_INTENDED}: ISO-2022-JP text, whose escape sequences switch character sets "
        "(a terminal acts on them, which is what the rule warns about)"
    ),
    ("test/cjkencodings/iso2022_kr.txt", "deletion"): f"{TRUE_INTENDED}: ISO-2022-KR escapes",
    ("test/cjkencodings/iso2022_kr.txt", "invisible"): (
        f"{TRUE_INTENDED}: ISO-2022-KR shift-in/shift-out control characters"
    ),
    ("test/cjkencodings/cp949-utf8.txt", "compat-letter"): (
        f"{TRUE_INTENDED}: circled letters (ⓡ ⓔ) in a Korean encoding sample; a note only"
    ),
    ("test/cjkencodings/johab-utf8.txt", "compat-letter"): (
        f"{TRUE_INTENDED}: the same sample in another encoding"
    ),
}


def machine() -> str:
    return f"{cpu_model()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}"


def run_once(root: str, jobs: int) -> tuple[list[FileResult], float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    results = list(lint_paths([root], excludes=EXCLUDES, jobs=jobs))
    return results, time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--root", default=sysconfig.get_paths()["stdlib"], help="tree to lint")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=1, help="best of N runs")
    ap.add_argument("--out", type=Path, default=RESULTS)
    args = ap.parse_args()

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    best: tuple[list[FileResult], float, float] | None = None
    for _ in range(max(1, args.repeat)):
        got = run_once(args.root, args.jobs)
        if best is None or got[1] < best[1]:
            best = got
    assert best is not None
    results, wall, cpu = best

    linted = [r for r in results if r.skipped is None]
    skipped = Counter((r.skipped or "").split(" (")[0] for r in results if r.skipped)
    size = sum(os.path.getsize(r.path) for r in linted)
    findings = [(r.path, f) for r in results for f in r.findings]
    by_rule = Counter(f.rule for _, f in findings)
    by_sev = Counter(f.severity.value for _, f in findings)

    # the results are committed: name the default tree, not this machine's path to it
    stdlib = args.root == sysconfig.get_paths()["stdlib"]
    shown = '"$(python -c \'import sysconfig; print(sysconfig.get_paths()["stdlib"])\')"'
    root = shown if stdlib else args.root
    cmd = (
        f"python benchmarks/lint_bench.py --jobs {args.jobs} --repeat {args.repeat}"
        f"  # = decloak lint {root} "
        + " ".join(f"--exclude {e}" for e in EXCLUDES)
        + " --fail-on none"
        + (f" --jobs {args.jobs}" if args.jobs > 1 else "")
    )
    cpu_note = (
        f"{len(linted) / cpu:,.0f} files/s of this process's CPU time ({cpu:.2f} s)"
        if args.jobs == 1
        else "CPU time is spent in the worker processes"
    )
    lines = [
        "# decloak lint on the Python standard library",
        "",
        f"Command: `{cmd}`",
        "",
        f"- machine: {machine()}; load average {load:.2f} when the run started",
        f"- Python {platform.python_version()} ({sys.implementation.name}), decloak {__version__} "
        f"(Unicode {UNICODE_VERSION}); {stamp_line(git_stamp())}",
        f"- tree: {'the standard library of this Python' if stdlib else f'`{args.root}`'} "
        "(site-packages, dist-packages and __pycache__ excluded)",
        f"- files linted: {len(linted):,} ({size / 1e6:.1f} MB); skipped: {sum(skipped.values())}"
        + (f" ({', '.join(f'{n} {k}' for k, n in sorted(skipped.items()))})" if skipped else ""),
        f"- **{len(linted) / wall:,.0f} files/s** ({size / 1e6 / wall:.1f} MB/s), "
        f"wall clock {wall:.2f} s, best of {args.repeat}, {args.jobs} process(es); {cpu_note}",
        f"- findings: {len(findings)}"
        + (f" ({', '.join(f'{n} {s}' for s, n in sorted(by_sev.items()))})" if findings else ""),
        "",
    ]
    if findings:
        lines += ["| rule | count |", "|---|---|"]
        lines += [f"| {rule} | {n} |" for rule, n in sorted(by_rule.items())]
        lines += ["", "| file | rule | findings | verdict |", "|---|---|---|---|"]
        groups: Counter[tuple[str, str]] = Counter(
            (os.path.relpath(path, args.root).replace(os.sep, "/"), f.rule) for path, f in findings
        )
        for (rel, rule), n in sorted(groups.items()):
            verdict = VERDICTS.get((rel, rule), "unreviewed")
            lines.append(f"| `{rel}` | {rule} | {n} | {verdict} |")
        in_library = sum(
            n
            for (rel, _), n in groups.items()
            if not any(part.startswith("test") for part in rel.split("/"))
        )
        lines += ["", f"Findings outside test code and test data: {in_library}."]
    report = "\n".join(lines) + "\n"
    print(report, end="")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report, encoding="utf-8")


if __name__ == "__main__":
    main()
