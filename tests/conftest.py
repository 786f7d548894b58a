"""Shared fixtures: the golden case files and a CLI runner in a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

CASES = Path(__file__).parent / "cases"


def load_cases(name: str) -> list[dict[str, object]]:
    return json.loads((CASES / name).read_text(encoding="utf-8"))


@dataclass
class Run:
    code: int
    out: bytes
    err: str

    @property
    def text(self) -> str:
        return self.out.decode("utf-8")


def run_cli(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> Run:
    env = dict(os.environ, PYTHONIOENCODING="utf-8", NO_COLOR="1")
    proc = subprocess.run(
        [sys.executable, "-m", "decloak", *args],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        env=env,
        timeout=120,
        check=False,
    )
    return Run(proc.returncode, proc.stdout, proc.stderr.decode("utf-8", "replace"))


@pytest.fixture
def cli() -> type[Run]:
    return Run
