"""Write ``eval/data/source-packages.txt``: the Debian packages whose files feed the data.

Why: see :class:`common.SourceFilter`.  Run this only when deliberately changing the
sources (then rebuild the data with ``make -C eval data``); ``--exclude-installed-since``
leaves out packages that apt installed after a given time, to pin the set a build
was made with when other software has been installed since.

Usage: ``python eval/source_packages.py [--exclude-installed-since "YYYY-MM-DD HH:MM"]``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common
from build_attacks import LICENSE_DIR, MAN_SECTIONS
from build_negative import LOCALE_DIR, MAN_DIR

APT_HISTORY = Path("/var/log/apt/history.log")


def candidate_files() -> list[Path]:
    """Every file either builder may read: catalogues, man pages, licenses."""
    files = sorted(LOCALE_DIR.glob("*/LC_MESSAGES/*.mo"))
    files += sorted(p for p in MAN_DIR.glob("*/man*/*") if p.is_file())
    for section in MAN_SECTIONS:
        files += sorted(p for p in (MAN_DIR / section).glob("*") if p.is_file())
    files += sorted(p for p in LICENSE_DIR.iterdir() if p.is_file())
    return files


def installed_since(stamp: str) -> set[str]:
    """Packages apt installed or upgraded at or after ``stamp`` (history.log times)."""
    names: set[str] = set()
    current = ""
    for line in APT_HISTORY.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith("Start-Date: "):
            current = " ".join(line.split()[1:3])
        elif line.startswith(("Install: ", "Upgrade: ")) and current >= stamp:
            for item in line.split(": ", 1)[1].split("), "):
                names.add(item.split()[0].split(":")[0])
    return names


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--exclude-installed-since", metavar="'YYYY-MM-DD HH:MM'")
    ap.add_argument("--out", type=Path, default=common.SOURCES_FILE)
    args = ap.parse_args(argv)

    flt = common.SourceFilter(manifest=None)
    versions = common.dpkg_versions()
    skip = installed_since(args.exclude_installed_since) if args.exclude_installed_since else set()
    owners = {flt.owner(p) for p in candidate_files()} - {None} - skip
    lines = [
        "# Debian packages whose catalogues, man pages and license texts feed eval/data.",
        "# Written by eval/source_packages.py; the builders read only these packages' files.",
    ]
    lines += [f"{name} {versions.get(name, '?')}" for name in sorted(n for n in owners if n)]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines) - 2} packages to {args.out} (excluded: {sorted(skip) or 'none'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
