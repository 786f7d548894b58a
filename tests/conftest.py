"""Shared fixtures: the golden case files and a CLI runner in a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from decloak import kernel

CASES = Path(__file__).parent / "cases"


def pytest_report_header() -> str:
    return f"decloak: {kernel.describe()}"


@pytest.fixture(scope="session", autouse=True)
def kernel_backend() -> str:
    """The kernel this run of the suite uses.

    ``make test`` runs the whole suite twice, with ``DECLOAK_KERNEL=c`` and with
    ``DECLOAK_KERNEL=pure``; CLI tests run in subprocesses that inherit it.  A run
    that asked for the C kernel fails at import when it is not built, so a silent
    fall-back cannot pass for a C run.
    """
    want = os.environ.get("DECLOAK_KERNEL", "")
    assert want != "pure" or not kernel.HAVE_C
    return kernel.NAME


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
