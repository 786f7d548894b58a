"""The documentation is tested like code.

- Every example on every page (``docs/**/*.md`` and ``README.md``) runs:
  ``python`` blocks with ``>>>`` prompts are doctests (one namespace per page), other
  ``python`` blocks run as scripts; ``console`` blocks run each ``$ command`` in bash and
  compare its output with the lines under it. All of a page's examples run in order in one
  temporary folder holding the small fixture files below (``data/``, ``app/views.py``...).
- A block is skipped only when the line before it says ``<!-- docs-test: skip REASON -->``,
  and that set is kept small (``MAX_SKIPPED``). A ``sh``/``bash`` block that runs ``decloak``
  must be a ``console`` block or carry that marker, so no command example goes untested.
- The generated pages (CLI reference, accuracy, speed) must equal a fresh run of
  ``scripts/docs_gen.py``; every command and subcommand must be in the CLI reference and
  mentioned in a guide; every public name must be in the API reference; the docstring
  examples shown there run too.
- ``mkdocs build --strict`` must succeed with no warning.

The conventions are described for authors in ``docs/contributing-docs.md``.
"""

from __future__ import annotations

import doctest
import gzip
import importlib
import importlib.util
import io
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import click
import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGES = [*sorted(DOCS.rglob("*.md")), ROOT / "README.md"]
BIN = Path(sys.executable).parent
MAX_SKIPPED = 8
"""Blocks marked not runnable, in all pages together: keep this number small."""

SKIP_RE = re.compile(r"<!--\s*docs-test:\s*skip\b(.*?)-->")
FENCE_RE = re.compile(r"^(?P<indent>\s*)(?P<fence>```+|~~~+)\s*(?P<info>[^\s`{]*)")
DECLOAK_CMD_RE = re.compile(r"(?:^|[;&|]|\$ )\s*(?:[A-Za-z_]\w*=\S*\s+)*decloak(?:\s|$)")
"""``decloak`` in command position (after env assignments, ``;``, ``&&``, ``|``)."""


def _load_docs_gen() -> ModuleType:
    spec = importlib.util.spec_from_file_location("docs_gen", ROOT / "scripts" / "docs_gen.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


docs_gen = _load_docs_gen()


# --- reading the pages --------------------------------------------------------------------


@dataclass
class Block:
    page: Path
    line: int  # 1-based line of the opening fence
    lang: str
    code: str
    skip: str | None  # the reason, when marked not runnable

    @property
    def where(self) -> str:
        return f"{self.page.relative_to(ROOT)}:{self.line}"


def blocks(page: Path) -> list[Block]:
    """Fenced code blocks of a Markdown page, with the skip marker of each."""
    lines = page.read_text(encoding="utf-8").splitlines()
    out: list[Block] = []
    i = 0
    while i < len(lines):
        m = FENCE_RE.match(lines[i])
        if not m:
            i += 1
            continue
        indent, fence, lang = m.group("indent"), m.group("fence"), m.group("info").lower()
        start = i
        body: list[str] = []
        i += 1
        while i < len(lines) and not lines[i].strip().startswith(fence):
            line = lines[i]
            body.append(line[len(indent) :] if line.startswith(indent) else line.lstrip())
            i += 1
        i += 1
        prev = next((lines[k] for k in range(start - 1, -1, -1) if lines[k].strip()), "")
        marker = SKIP_RE.search(prev)
        skip = (marker.group(1).strip(" :—-") or "no reason given") if marker else None
        out.append(Block(page, start + 1, lang, "\n".join(body) + "\n", skip))
    return out


ALL_BLOCKS = [b for page in PAGES for b in blocks(page)]


# --- fixtures: small files the examples refer to ------------------------------------------

DOCUMENTS = [
    "Pay with your c\u0430rd at the front desk.",
    "The city council voted on Tuesday to turn the old freight yard into a riverside park.",
    "Компания Apple открыла офис в Москве.",
    "Ticket sales open at 9\u200b am.",
    "Supporters s\u0430id the p\u0430rk would bring f\u0430milies b\u0430ck to the w\u0430terfront.",
    "من می\u200cخواهم به خانه بروم.",
]

VIEWS_PY = (
    "from django.http import HttpResponse\n"
    "\n"
    "\n"
    "def greet(request):\n"
    '    label = "Welcome back"\n'
    "    is\u200badmin = False  # a zero-width space hides in this name\n"
    '    return HttpResponse(label + "\\u0430")\n'
)


def write_fixtures(root: Path, page: Path) -> None:
    """The files that the examples of a page may use (cheap: well under a second)."""
    (root / "home").mkdir()
    shutil.copy(ROOT / "src" / "decloak" / "data" / "sample.txt", root / "sample.txt")
    records = [
        {"id": f"doc-{i}", "text": t, "content": t, "url": f"https://example.invalid/{i}"}
        for i, t in enumerate(DOCUMENTS)
    ]
    (root / "data").mkdir()
    for k, part in enumerate((records[:3], records[3:])):
        lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in part)
        (root / "data" / f"part-{k:05d}.jsonl").write_text(lines, encoding="utf-8")
    (root / "in").mkdir()
    with gzip.open(root / "in" / "a.jsonl.gz", "wt", encoding="utf-8") as f:
        f.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    _write_warc(root / "crawl" / "2024" / "segment-0.warc.gz")
    _write_not_an_index(root)
    (root / "app").mkdir()
    (root / "app" / "views.py").write_text(VIEWS_PY, encoding="utf-8")
    (root / "src" / "shop").mkdir(parents=True)
    (root / "src" / "shop" / "pay.py").write_text(
        'def total(prices):\n    """Sum in euros."""\n    return sum(prices)\n', encoding="utf-8"
    )
    (root / "src" / "shop" / "messages.py").write_text(
        'GREETING = "Привет, мир"  # Russian is fine\nWARNING = "p\u0430ypal.com"\n',
        encoding="utf-8",
    )


def _write_not_an_index(root: Path) -> None:
    """``notes.txt`` (not SQLite), ``query.txt``, and ``cut.db``: an SQLite file cut in half."""
    import sqlite3

    (root / "notes.txt").write_text("Remember to renew the licence.\n", encoding="utf-8")
    (root / "query.txt").write_text(DOCUMENTS[1] + "\n", encoding="utf-8")
    db = root / "cut.db"
    con = sqlite3.connect(db)
    con.execute("PRAGMA page_size = 4096")
    con.execute("CREATE TABLE t (x BLOB)")
    con.executemany("INSERT INTO t VALUES (?)", [(b"x" * 3000,) for _ in range(16)])
    con.commit()
    con.execute("VACUUM")
    con.close()
    data = bytearray(db.read_bytes())
    data[28:32] = (61440 // 4096).to_bytes(4, "big")  # the header says 15 pages of 4 KiB
    db.write_bytes(bytes(data[:30720]))


def _write_warc(path: Path) -> None:
    from warcio.warcwriter import WARCWriter

    path.parent.mkdir(parents=True)
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for i, text in enumerate(DOCUMENTS[:2]):
            record = writer.create_warc_record(
                f"https://example.invalid/page-{i}",
                "conversion",
                payload=io.BytesIO(text.encode("utf-8")),
                length=len(text.encode("utf-8")),
                warc_headers_dict={"Content-Type": "text/plain; charset=utf-8"},
            )
            writer.write_record(record)


def example_env(root: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PYTEST_", "COV_", "DECLOAK_")) and k != "PYTHONPATH"
    }
    env.update(
        PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}",
        HOME=str(root / "home"),
        NO_COLOR="1",
        COLUMNS="100",
        TERM="dumb",
        PYTHONIOENCODING="utf-8",
        LC_ALL="C.UTF-8",
        HF_HOME=str(root / "home" / "hf"),
        HF_DATASETS_OFFLINE="1",
        HF_HUB_OFFLINE="1",
        HF_HUB_DISABLE_TELEMETRY="1",
        TQDM_DISABLE="1",
    )
    return env


# --- running the examples ------------------------------------------------------------------


@dataclass
class Command:
    line: int
    command: str
    expected: list[str]


def console_commands(block: Block) -> list[Command]:
    """``$ command`` lines (a trailing backslash continues one), each with the output under it."""
    out: list[Command] = []
    lines = block.code.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.startswith("$ "):
            assert out, f"{block.where}: console output before the first `$ ` command: {line!r}"
            out[-1].expected.append(line)
            i += 1
            continue
        start = i
        command = line[2:]
        while command.endswith("\\") and i + 1 < len(lines):
            i += 1
            command = command[:-1] + "\n" + lines[i]
        out.append(Command(block.line + 1 + start, command, []))
        i += 1
    return out


def output_matches(expected: list[str], actual: str) -> bool:
    """Line by line, trailing spaces ignored; ``...`` alone on a line stands for any lines,
    and inside a line for any text (as in doctest's ELLIPSIS)."""
    want = "\n".join(line.rstrip() for line in expected).strip("\n")
    got = "\n".join(line.rstrip() for line in actual.splitlines()).strip("\n")
    parts = []
    for line in want.split("\n"):
        if line.strip() == "...":
            parts.append(r"(?:[^\n]*\n?)*?")
        else:
            parts.append(".*?".join(re.escape(p) for p in line.split("...")) + r"\n?")
    return re.fullmatch("".join(parts), got + "\n" if got else "") is not None or want == got


def run_console(block: Block, root: Path) -> list[str]:
    commands = console_commands(block)
    compare = any(c.expected for c in commands)
    errors: list[str] = []
    status = 0
    for k, c in enumerate(commands):
        shown = k + 1 < len(commands) and commands[k + 1].command.strip() == "echo $?"
        script = f"(exit {status})\n{c.command}\n"  # so that `echo $?` shows the last status
        proc = subprocess.run(
            ["bash", "-c", script],
            cwd=root,
            env=example_env(root),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            timeout=300,
            check=False,
        )
        status = proc.returncode
        actual = proc.stdout.decode("utf-8", "replace")
        if compare and not output_matches(c.expected, actual):
            errors.append(
                f"{block.page.relative_to(ROOT)}:{c.line}: `$ {c.command}` (exit {status})\n"
                f"--- expected\n" + "\n".join(c.expected) + f"\n--- got\n{actual}"
            )
        elif not c.expected and status != 0 and not shown:
            errors.append(
                f"{block.page.relative_to(ROOT)}:{c.line}: `$ {c.command}` exited {status}\n{actual}"
            )
    return errors


def run_python_script(block: Block, root: Path, n: int) -> list[str]:
    script = root / f"_example_{n}.py"
    script.write_text(block.code, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, script.name],
        cwd=root,
        env=example_env(root),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        timeout=300,
        check=False,
    )
    if proc.returncode != 0:
        return [
            f"{block.where}: the example failed (exit {proc.returncode}):\n{proc.stdout.decode()}"
        ]
    return []


def run_doctest(block: Block, globs: dict[str, object]) -> list[str]:
    parser = doctest.DocTestParser()
    test = parser.get_doctest(block.code, globs, block.where, str(block.page), block.line)
    report = io.StringIO()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test, out=report.write, clear_globs=False)
    globs.update(test.globs)  # the next block on the page sees these names
    return [report.getvalue()] if runner.failures else []


def runnable(block: Block) -> bool:
    return block.skip is None and block.lang in ("python", "py", "pycon", "console")


@pytest.mark.parametrize(
    "page",
    [p for p in PAGES if any(runnable(b) for b in blocks(p))],
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_examples(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_fixtures(tmp_path, page)
    monkeypatch.chdir(tmp_path)
    globs: dict[str, object] = {"__name__": "__docs__"}
    errors: list[str] = []
    for n, block in enumerate(blocks(page)):
        if not runnable(block):
            continue
        if block.lang == "console":
            errors += run_console(block, tmp_path)
        elif ">>>" in block.code:
            errors += run_doctest(block, globs)
        else:
            errors += run_python_script(block, tmp_path, n)
    assert not errors, "\n\n".join(errors)


def _shell_code(line: str) -> str:
    """The line without comments and with ``$(...)`` substitutions collapsed."""
    line = re.sub(r"\$\([^)]*\)", "X", line)
    return "" if line.lstrip().startswith("#") else line.split(" #")[0]


def test_command_examples_are_runnable_or_marked() -> None:
    """A shell block that runs decloak is a tested `console` block, or says why it is not."""
    bad = [
        b.where
        for b in ALL_BLOCKS
        if b.lang in ("sh", "bash", "shell", "zsh", "")
        and b.skip is None
        and any(DECLOAK_CMD_RE.search(_shell_code(line)) for line in b.code.splitlines())
    ]
    assert not bad, (
        "these blocks run decloak but are not tested: make them ```console blocks "
        "(`$ command` + output) or mark them <!-- docs-test: skip REASON -->: " + ", ".join(bad)
    )


def test_skipped_blocks_are_few() -> None:
    skipped = [f"{b.where} ({b.skip})" for b in ALL_BLOCKS if b.skip is not None]
    assert len(skipped) <= MAX_SKIPPED, "too many examples marked not runnable:\n" + "\n".join(
        skipped
    )


def test_console_blocks_use_prompts() -> None:
    """A console block without a `$ ` line would silently test nothing."""
    bad = [
        b.where
        for b in ALL_BLOCKS
        if b.lang == "console" and not any(x.startswith("$ ") for x in b.code.splitlines())
    ]
    assert not bad, bad


def test_output_matching() -> None:
    assert output_matches(["a", "b"], "a\nb\n")
    assert not output_matches(["a", "b"], "a\nc\n")
    assert output_matches(["decloak: 7 documents in ... s"], "decloak: 7 documents in 0.3 s\n")
    assert output_matches(["first", "...", "last"], "first\nx\ny\nlast\n")
    assert output_matches(["first", "...", "last"], "first\nlast\n")
    assert not output_matches(["first", "...", "last"], "first\nx\n")
    assert output_matches([], "")
    assert not output_matches([], "surprise\n")


# --- generated pages ------------------------------------------------------------------------


def test_generated_pages_are_up_to_date() -> None:
    stale = [str(p.relative_to(ROOT)) for p in docs_gen.stale()]
    assert not stale, (
        f"generated pages out of date: {stale}; run `make docs` (or "
        "`python scripts/docs_gen.py`) and commit the result"
    )


def _commands() -> Iterator[tuple[tuple[str, ...], click.Command]]:
    from decloak.cli import cli

    return docs_gen.iter_commands(cli)


COMMANDS = [" ".join(path) for path, _ in _commands()]


@pytest.mark.parametrize("command", COMMANDS)
def test_command_in_cli_reference(command: str) -> None:
    path = tuple(command.split())
    page = (DOCS / "reference" / "cli.md").read_text(encoding="utf-8")
    assert f"`decloak {command}` {{ #{docs_gen.anchor(path)} }}" in page
    assert docs_gen.command_help(path) in page.replace("```text\n", "").replace("```\n", "\n")


@pytest.mark.parametrize("command", sorted({c.split()[0] for c in COMMANDS}))
def test_command_in_a_guide(command: str) -> None:
    """Each command is explained by prose somewhere, not only listed in the reference."""
    guides = [p for p in PAGES if p.parent == DOCS or p.name == "README.md"]
    assert any(f"decloak {command}" in p.read_text(encoding="utf-8") for p in guides), (
        f"`decloak {command}` appears in no guide"
    )


def test_expected_commands_exist() -> None:
    """The commands these docs were written for (a plugin failing to load would drop one)."""
    for name in (
        "clean",
        "scan",
        "explain",
        "corpus",
        "index add",
        "index stats",
        "match",
        "dedup",
        "serve",
        "lint",
    ):
        assert name in COMMANDS, name


# --- API reference --------------------------------------------------------------------------


def test_api_reference_covers_public_names() -> None:
    import decloak

    page = (DOCS / "reference" / "api.md").read_text(encoding="utf-8")
    missing = [
        name
        for name in decloak.__all__
        if f"::: decloak.{name}" not in page and f"decloak.{name}" not in page
    ]
    assert not missing, f"public names missing from docs/reference/api.md: {missing}"


def _documented_modules() -> list[str]:
    page = (DOCS / "reference" / "api.md").read_text(encoding="utf-8")
    modules = set()
    for target in re.findall(r"^::: ([\w.]+)", page, re.M):
        parts = target.split(".")
        for k in range(len(parts), 0, -1):
            name = ".".join(parts[:k])
            try:
                importlib.import_module(name)
            except ImportError:
                continue
            modules.add(name)
            break
    return sorted(modules)


@pytest.mark.parametrize("module", _documented_modules())
def test_docstring_examples(module: str) -> None:
    """The docstring examples the API reference shows are run (doctest)."""
    mod = importlib.import_module(module)
    finder = doctest.DocTestFinder(exclude_empty=True)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    report = io.StringIO()
    for test in finder.find(mod, module):
        runner.run(test, out=report.write)
    assert not runner.failures, report.getvalue()


# --- the site builds ------------------------------------------------------------------------


@pytest.mark.slow
def test_mkdocs_build_strict(tmp_path: Path) -> None:
    pytest.importorskip("mkdocs", reason="the docs extra is not installed")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "site")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "WARNING" not in proc.stderr, proc.stderr
    assert (tmp_path / "site" / "reference" / "cli" / "index.html").exists()
