"""What a user gets from ``pip install decloak``: build, install in fresh venvs, run.

One wheel and one sdist are built per session with ``python -m build`` (the sdist first, the
wheel from the unpacked sdist, in an isolated build environment: this also proves the sdist
is complete). Then exactly two fresh virtual environments, created in parallel:

- the wheel alone: ``decloak --version``, ``decloak clean``/``scan``/``lint`` on samples,
  ``import decloak``, the C kernel in use, and a one-line error for a missing extra;
- the wheel with ``[all]``: every extra's modules import, and each extra's requirements, as
  the installed metadata declares them, are the expected packages (``[all]`` their union).

Slow (a minute or two, mostly pip): marked ``slow``, still part of ``make test``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.own_kernel]

ROOT = Path(__file__).resolve().parent.parent
ATTACK = "Pay with your c\u0430rd at p\u0430ypal.com/\u200bverify.\n"
CLEANED = "Pay with your card at paypal.com/verify.\n"

EXTRAS: dict[str, dict[str, list[str]]] = {
    # extra: {"requires": distribution names it must pull in, "imports": modules that must load}
    "dask": {
        "requires": ["dask"],
        "imports": ["import dask, distributed", "from decloak.corpus.engine import run_tasks"],
    },
    "parquet": {"requires": ["pyarrow"], "imports": ["import pyarrow, pyarrow.parquet"]},
    "warc": {"requires": ["warcio"], "imports": ["import warcio.archiveiterator"]},
    "zstd": {"requires": ["zstandard"], "imports": ["import zstandard"]},
    "service": {
        "requires": ["fastapi", "uvicorn"],
        "imports": ["import fastapi, uvicorn", "from decloak.service.app import create_app"],
    },
    "provenance": {
        "requires": ["rensa"],
        "imports": [
            "import rensa",
            "from decloak.provenance import ProvenanceIndex, comparison_key, match_text, dedup",
        ],
    },
}


def run(
    *args: str | Path,
    cwd: Path | None = None,
    timeout: float = 600,
    extra_env: dict[str, str] | None = None,
) -> str:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONPATH", "VIRTUAL_ENV", "DECLOAK_KERNEL", "DECLOAK_PURE_PYTHON")
    }
    env.update(PYTHONIOENCODING="utf-8", NO_COLOR="1", PIP_DISABLE_PIP_VERSION_CHECK="1")
    env.update(extra_env or {})
    proc = subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert proc.returncode == 0, (
        f"{' '.join(map(str, args))} exited {proc.returncode}\n{proc.stdout}\n{proc.stderr}"
    )
    return proc.stdout


@pytest.fixture(scope="session")
def dist(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sdist and the wheel, built once per session (``log``: everything the build said)."""
    out = tmp_path_factory.mktemp("dist")
    log = out / "build.log"
    with log.open("w", encoding="utf-8") as fh:
        proc = subprocess.run(
            [sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)],
            env={k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")},
            stdout=fh,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=900,
            check=False,
        )
    assert proc.returncode == 0, log.read_text(encoding="utf-8")[-4000:]
    wheels = sorted(out.glob("decloak-*.whl"))
    sdists = sorted(out.glob("decloak-*.tar.gz"))
    assert len(wheels) == 1 and len(sdists) == 1, sorted(p.name for p in out.iterdir())
    return {"wheel": wheels[0], "sdist": sdists[0], "log": log}


def test_build_gives_no_setuptools_warning(dist: dict[str, Path]) -> None:
    """The C kernel was declared in ``[tool.setuptools] ext-modules``, which setuptools calls
    experimental on every build (three times per ``pip install``); setup.py declares it now."""
    log = dist["log"].read_text(encoding="utf-8")
    assert "experimental" not in log.lower(), [
        line for line in log.splitlines() if "experimental" in line.lower()
    ]
    assert "Warning" not in log, [line for line in log.splitlines() if "Warning" in line]


@pytest.fixture(scope="session")
def venvs(dist: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Two fresh venvs, made in parallel: the wheel alone, and the wheel with [all]."""
    base = tmp_path_factory.mktemp("venvs")

    def make(name: str, requirement: str) -> Path:
        venv = base / name
        run(sys.executable, "-m", "venv", venv)
        run(venv / "bin" / "python", "-m", "pip", "install", "--quiet", requirement, timeout=900)
        return venv

    wheel = str(dist["wheel"])
    with ThreadPoolExecutor(2) as pool:
        plain = pool.submit(make, "plain", wheel)
        full = pool.submit(make, "all", f"decloak[all] @ {dist['wheel'].as_uri()}")
        return {"plain": plain.result(), "all": full.result()}


def test_wheel_contents(dist: dict[str, Path]) -> None:
    names = zipfile.ZipFile(dist["wheel"]).namelist()
    assert any(n.startswith("decloak/_speedups.") and n.endswith(".so") for n in names), (
        "the wheel has no compiled decloak._speedups"
    )
    for required in (
        "decloak/py.typed",
        "decloak/data/sample.txt",
        "decloak/web/static/index.html",
        "decloak/_tables/confusables.py",
        "decloak/cli.py",
    ):
        assert required in names, required
    assert not any(n.startswith(("tests/", "eval/", "benchmarks/", "docs/")) for n in names)
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    assert (
        "decloak = decloak.cli:main" in zipfile.ZipFile(dist["wheel"]).read(entry_points).decode()
    )


def test_sdist_contents(dist: dict[str, Path]) -> None:
    with tarfile.open(dist["sdist"]) as tar:
        names = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
    for required in (
        "pyproject.toml",
        "README.md",
        "src/decloak/_speedups.c",
        "src/decloak/data/sample.txt",
        "src/decloak/web/static/index.html",
    ):
        assert required in names, required


def test_base_install(venvs: dict[str, Path], tmp_path: Path) -> None:
    bin_ = venvs["plain"] / "bin"
    version = run(bin_ / "decloak", "--version")
    assert version.startswith("decloak 0.") and "(Unicode 18.0.0, C kernel)" in version, version
    (tmp_path / "attack.txt").write_text(ATTACK, encoding="utf-8")
    assert run(bin_ / "decloak", "clean", "attack.txt", cwd=tmp_path) == CLEANED
    report = json.loads(run(bin_ / "decloak", "scan", "--json", "attack.txt", cwd=tmp_path))
    assert report["suspicious"] and len(report["findings"]) == 3
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "ok.py").write_text('GREETING = "Привет"\n', encoding="utf-8")
    lint = subprocess.run(
        [str(bin_ / "decloak"), "lint", "src"], cwd=tmp_path, capture_output=True, text=True
    )
    assert lint.returncode == 0 and "0 findings in 1 file" in lint.stderr, lint
    probe = (
        "import decloak, decloak.kernel, sys;"
        "print(decloak.__version__, decloak.kernel.HAVE_C, decloak.__file__);"
        "print(decloak.clean('Pay with your c\\u0430rd').text)"
    )
    out = run(bin_ / "python", "-c", probe, cwd=tmp_path).splitlines()
    version_, have_c, path = out[0].split()
    assert version.split()[1] == version_
    assert have_c == "True", "the installed wheel does not use its C kernel"
    assert str(venvs["plain"]) in path, f"decloak imported from {path}, not from the venv"
    assert out[1] == "Pay with your card"


def test_wheel_without_a_compiler(dist: dict[str, Path], tmp_path: Path) -> None:
    """The CI job for machines without a C compiler: the sdist still builds a wheel (the
    extension is optional), it installs, works on the pure-Python kernel, and says so."""
    out = tmp_path / "dist"
    build_log = run(
        sys.executable,
        "-m",
        "build",
        "--wheel",
        "--outdir",
        out,
        dist["sdist"],
        timeout=900,
        extra_env={"CC": "false", "CXX": "false"},
    )
    wheel = next(out.glob("decloak-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert not any(n.startswith("decloak/_speedups.") for n in names), build_log[-2000:]
    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", venv)
    run(venv / "bin" / "python", "-m", "pip", "install", "--quiet", wheel, timeout=900)
    version = run(venv / "bin" / "decloak", "--version")
    assert "pure-Python kernel (the C extension decloak._speedups is not built)" in version
    (tmp_path / "attack.txt").write_text(ATTACK, encoding="utf-8")
    # the kernel is the installed wheel's choice: not the DECLOAK_KERNEL that `make test`
    # sets for its C-kernel pass (which the pure wheel refuses, as it should)
    env = {
        k: v for k, v in os.environ.items() if k not in ("DECLOAK_KERNEL", "DECLOAK_PURE_PYTHON")
    }
    proc = subprocess.run(
        [str(venv / "bin" / "decloak"), "clean", "attack.txt"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=env,
    )
    assert proc.returncode == 0 and proc.stdout == CLEANED, proc
    assert proc.stderr.count("\n") == 1, proc.stderr  # the warning, once, on one line
    assert proc.stderr.startswith(
        "decloak: warning: the C extension decloak._speedups is not built"
    )
    quiet = subprocess.run(
        [str(venv / "bin" / "decloak"), "clean", "attack.txt"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**env, "DECLOAK_KERNEL": "pure"},
    )
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, CLEANED, "")


def test_base_install_has_no_extras(venvs: dict[str, Path], tmp_path: Path) -> None:
    """Without [service], `decloak serve` says which extra to install, in one line."""
    proc = subprocess.run(
        [str(venvs["plain"] / "bin" / "decloak"), "serve", "--port", "0"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.startswith("decloak: error:") and "decloak[service]" in proc.stderr
    assert proc.stderr.count("\n") == 1, proc.stderr


def test_extras_declared(venvs: dict[str, Path]) -> None:
    """Each extra, as the installed wheel's metadata declares it, pulls in what it should."""
    probe = (
        "import importlib.metadata, json; print(json.dumps(importlib.metadata.requires('decloak')))"
    )
    requires: list[str] = json.loads(run(venvs["all"] / "bin" / "python", "-c", probe))
    declared: dict[str, set[str]] = {}
    for req in requires:
        if "extra ==" not in req:
            continue
        name = req.split(";")[0].strip()
        extra = req.split("extra ==")[1].strip().strip("'\"")
        base = name.split("[")[0].split(">")[0].split("=")[0].split("<")[0].strip().lower()
        declared.setdefault(extra, set()).add(base)
    for extra, spec in EXTRAS.items():
        assert extra in declared, f"extra [{extra}] is not declared"
        assert set(spec["requires"]) <= declared[extra], (extra, declared[extra])
    assert declared["all"] == {"decloak"}, declared["all"]  # decloak[every extra]
    all_line = next(r for r in requires if 'extra == "all"' in r)
    for extra in EXTRAS:
        assert extra in all_line.split(";")[0], f"[all] does not include [{extra}]"


def test_all_extras_import(venvs: dict[str, Path]) -> None:
    statements = [line for spec in EXTRAS.values() for line in spec["imports"]]
    probe = "\n".join([*statements, "import decloak.kernel", "print('ok', decloak.kernel.HAVE_C)"])
    assert run(venvs["all"] / "bin" / "python", "-c", probe).split() == ["ok", "True"]
    listed = run(venvs["all"] / "bin" / "decloak", "--help")
    for command in ("clean", "scan", "corpus", "index", "match", "dedup", "serve", "lint"):
        assert f"  {command} " in listed, command
