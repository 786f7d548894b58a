"""Which files decloak lint reads (.gitignore, --exclude, .git, binaries) and --fix on disk."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from decloak.errors import UsageError
from decloak.lint.files import discover
from decloak.lint.fix import write_atomic
from decloak.lint.run import lint_paths

ZWSP = "\u200b"
RLO = "\u202e"


def build(root: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")


def found(*paths: Path | str, **kw: object) -> list[str]:
    return [d.path for d in discover([str(p) for p in paths], **kw)]  # type: ignore[arg-type]


def test_gitignore_is_honoured_like_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build(
        tmp_path,
        {
            ".gitignore": "*.log\nbuild/\n/top_only.py\n",
            "a.py": "",
            "debug.log": "",
            "top_only.py": "",
            "build/gen.py": "",
            "src/top_only.py": "",  # anchored pattern: only at the root
            "src/keep.log.py": "",
            "src/.gitignore": "!important.log\nsecret/\n",
            "src/important.log": "",  # re-included by the deeper .gitignore
            "src/other.log": "",
            "src/secret/x.py": "",
            ".git/config": "",  # never entered
            ".git/HEAD": "",
        },
    )
    monkeypatch.chdir(tmp_path)
    assert found(".") == [
        ".gitignore",
        "a.py",
        "src/.gitignore",
        "src/important.log",
        "src/keep.log.py",
        "src/top_only.py",
    ]
    assert "debug.log" in found(".", gitignore=False)
    assert "build/gen.py" in found(".", gitignore=False)
    assert ".git/config" not in found(".", gitignore=False)
    # a file named on the command line is linted even when ignored
    assert found("debug.log") == ["debug.log"]


def test_gitignore_above_the_folder_applies_inside_a_work_tree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(tmp_path, {".gitignore": "*.gen.py\n", "pkg/a.py": "", "pkg/b.gen.py": ""})
    monkeypatch.chdir(tmp_path)
    assert found("pkg") == ["pkg/a.py", "pkg/b.gen.py"]  # not a git work tree: only in-tree
    (tmp_path / ".git").mkdir()
    assert found("pkg") == ["pkg/a.py"]
    # a folder named explicitly is linted even when an outer .gitignore excludes it
    (tmp_path / ".gitignore").write_text("*.gen.py\n/pkg/\n", encoding="utf-8")
    assert found("pkg") == ["pkg/a.py", "pkg/b.gen.py"]
    assert found(".") == [".gitignore"]


def test_exclude_globs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build(tmp_path, {"a.py": "", "vendor/b.py": "", "x/vendor/c.py": "", "d.min.js": ""})
    monkeypatch.chdir(tmp_path)
    assert found(".", excludes=["vendor/", "*.min.js"]) == ["a.py"]
    assert found(".", excludes=["/vendor/"]) == ["a.py", "d.min.js", "x/vendor/c.py"]
    assert found("x", excludes=["x/vendor/"]) == []  # matches the path as shown too
    assert found("d.min.js", excludes=["*.min.js"]) == []


def test_symlinks_are_not_followed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build(tmp_path, {"real/a.py": ""})
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "link.py").symlink_to(tmp_path / "real" / "a.py")
    monkeypatch.chdir(tmp_path)
    assert found(".") == ["real/a.py"]


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"^no such file or directory: .*nope$"):
        list(lint_paths([str(tmp_path), str(tmp_path / "nope")]))


def test_binary_and_non_utf8_are_skipped_and_counted(tmp_path: Path) -> None:
    build(
        tmp_path,
        {
            "img.png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "late_nul.txt": b"a" * 9000 + b"\x00",  # NUL after the first 8 KB: text
            "latin1.txt": "caf\u00e9\n".encode("latin-1"),
            "utf16.txt": "hi".encode("utf-16"),
            "ok.py": f"x{ZWSP}y = 1\n",
        },
    )
    results = {Path(r.path).name: r for r in lint_paths([str(tmp_path)])}
    assert results["img.png"].skipped == "binary (NUL byte in the first 8 KB)"
    assert results["latin1.txt"].skipped == "not UTF-8 (invalid byte 0xE9 at offset 3)"
    assert results["utf16.txt"].skipped is not None
    assert results["late_nul.txt"].skipped is None
    assert [f.rule for f in results["ok.py"].findings] == ["invisible-in-identifier"]


def test_fix_in_place_keeps_mode_and_is_idempotent(tmp_path: Path) -> None:
    src = (
        "#!/usr/bin/env python3\r\n"
        f'name = "Ali{ZWSP}ce"\r\n'  # stray invisible in a string: removed
        f'if role != "user{RLO}":  # admin\r\n'  # an open override: removed
        f"    is{ZWSP}admin = True\r\n"  # inside an identifier: reported, kept
    )
    path = tmp_path / "tool.py"
    path.write_bytes(src.encode())
    path.chmod(0o751)
    (first,) = lint_paths([str(path)], fix=True)
    assert sorted(f.rule for f in first.fixed) == ["bidi-reorder", "invisible"]
    assert [f.rule for f in first.findings] == ["invisible-in-identifier"]
    assert (
        path.read_bytes()
        == (
            "#!/usr/bin/env python3\r\n"
            'name = "Alice"\r\n'
            'if role != "user":  # admin\r\n'
            f"    is{ZWSP}admin = True\r\n"
        ).encode()
    )
    assert stat.S_IMODE(path.stat().st_mode) == 0o751
    assert [p.name for p in tmp_path.iterdir()] == ["tool.py"]  # no temporary file left
    before = path.stat().st_mtime_ns
    (second,) = lint_paths([str(path)], fix=True)
    assert second.fixed == () and second.findings == first.findings
    assert path.stat().st_mtime_ns == before  # nothing to fix: not rewritten


def test_write_atomic_through_a_symlink_keeps_the_link(tmp_path: Path) -> None:
    target = tmp_path / "real.txt"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    write_atomic(str(link), b"new")
    assert link.is_symlink() and target.read_bytes() == b"new"
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o640


def test_jobs_give_the_same_results(tmp_path: Path) -> None:
    build(tmp_path, {f"f{i}.py": f"x{i} = 'a{ZWSP}b'\n" for i in range(40)})
    one = list(lint_paths([str(tmp_path)]))
    two = list(lint_paths([str(tmp_path)], jobs=2))
    assert one == two and len(one) == 40 and all(r.findings for r in one)
