"""`make demo`: scan and clean the bundled sample, and show what changed."""

from __future__ import annotations

import subprocess
import sys
from importlib.resources import files

SAMPLE = files("decloak") / "data" / "sample.txt"


def run(*args: str) -> None:
    print(f"\n$ decloak {' '.join(args)}", flush=True)
    subprocess.run([sys.executable, "-m", "decloak", *args], check=False)


def main() -> None:
    path = str(SAMPLE)
    print(f"Sample: {path}")
    run("scan", path)
    run("clean", path)
    sys.stdout.flush()
    import decloak

    text = SAMPLE.read_text(encoding="utf-8")
    result = decloak.clean(text)
    legit_start = text.index("--- Legitimate")
    untouched = all(e.input_start < legit_start for e in result.edits)
    print(f"\n{len(result.edits)} edits; legitimate multilingual part untouched: {untouched}")
    print(
        "\nThe decloak command is in .venv: run `. .venv/bin/activate` once per shell, then\n"
        "`decloak scan message.txt`; or run it directly as `.venv/bin/decloak scan message.txt`."
    )


if __name__ == "__main__":
    main()
