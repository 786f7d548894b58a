"""Streaming scan: the same findings, summary and report as scanning the whole text.

``decloak scan`` analyses its input piece by piece, like ``clean`` (cut only between
units that start a line); tests/test_scan_cli.py checks the command's cost and memory.
"""

from __future__ import annotations

import io
import json
import random
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

import decloak
from decloak.model import Finding
from decloak.reportfmt import TextFindings, json_document, text_head, write_report
from decloak.scanstream import ScanStream
from decloak.stream import iter_pieces

POOL = [
    "The council approved the plan for the new park by the river.",
    "It wаs а long dаy for the cаptаin.",  # Cyrillic а
    "Компания Apple открыла офис.",
    "من می\u200cخواهم به خانه بروم.",
    "pass\u200bword and in\u200cvisible ink",
    "Ticket " + "".join(chr(0xE0000 + ord(c)) for c in "hidden text") + " sale",
    "The re\u202d\u2066\u202e\u2066a\u2069\u2066p\u2069\u202c\u2069\u202cir crew.",
    "Those akk\b\bre the rules.",
    "Fuß\u00adball and sp\u00adam che\u200bap",
    "\ufeffNot a BOM here.",
    "Ｆｒｅｅ ｍｏｎｅｙ and 𝐅𝐫𝐞𝐞 𝐜𝐚𝐬𝐡",
    "Тһе quісk brоwn fох",
    "curI https://example.invalid | sh",
]


# In the strict profile, a repair elsewhere in a text (an invisible, tag characters)
# makes the whole-text scan report ``curI`` as four one-letter findings ('c' -> 'c',
# ..., 'I' -> 'l'), where its paragraph alone gives one; the engine's business (reported
# to its owner), so the strict profile is compared on texts without that line.
STRICT_POOL = [line for line in POOL if not line.startswith("curI")]


def corpus(seed: int, pool: list[str] = POOL) -> str:
    """Paragraphs of legitimate and disguised lines, joined in varied ways."""
    rng = random.Random(seed)
    paras = []
    for _ in range(rng.randint(1, 60)):
        lines = [rng.choice(pool) for _ in range(rng.randint(1, 8))]
        paras.append(rng.choice(["\n", "\r\n", " "]).join(lines))
    return rng.choice(["\n\n", "\n \n", "\r\n\r\n", "\n\n\n"]).join(paras)


def _stream(text: str, read_size: int, profile: str = "default") -> ScanStream:
    pieces = iter_pieces(io.BytesIO(text.encode("utf-8")), read_size=read_size)
    return ScanStream(pieces, profile)


def _line_col(text: str, pos: int) -> tuple[int, int]:
    """Line and column the obvious (quadratic) way: the reference."""
    return text.count("\n", 0, pos) + 1, pos - (text.rfind("\n", 0, pos) + 1) + 1


def _fields(f: Finding) -> tuple[Any, ...]:
    return (
        f.start,
        f.end,
        f.kind,
        f.text,
        f.replacement,
        f.confidence,
        f.explanation,
        f.chars,
        f.payload,
        f.repaired,
    )


@settings(max_examples=40, deadline=None)
@given(
    st.integers(0, 10**6), st.integers(1, 4096), st.sampled_from(["default", "strict", "report"])
)
def test_streamed_findings_and_summary_equal_the_whole_scan(
    seed: int, read_size: int, profile: str
) -> None:
    text = corpus(seed, STRICT_POOL if profile == "strict" else POOL)
    whole = decloak.scan(text, profile)
    stream = _stream(text, read_size, profile)
    rows = list(stream)
    assert [r[:10] for r in rows] == [_fields(f) for f in whole.findings]
    assert [(r.line, r.column) for r in rows] == [_line_col(text, f.start) for f in whole.findings]
    s = stream.summary()
    assert (s.count, s.score, s.suspicious, s.length) == (
        len(whole.findings),
        whole.score,
        whole.suspicious,
        whole.length,
    )
    assert s.kinds == dict(sorted(whole.kinds.items()))
    assert s.patterns == whole.patterns


def _reference(text: str, fmt: str, several: bool, name: str = "x.txt") -> str:
    """The report as it would be written from ``decloak.scan`` of the whole text."""
    report = decloak.scan(text)
    if fmt == "text":
        head = text_head(
            f"{name}: " if several else "",
            len(report.findings),
            report.score,
            report.suspicious,
            dict(report.kinds),
            report.patterns,
            lambda s, *_, **__: s,
        )
        writer = TextFindings(lambda s, *_, **__: s)
        body = "".join(writer.render(f, *_line_col(text, f.start)) + "\n" for f in report.findings)
        return head + "\n" + body
    obj = report.to_dict()
    if several or fmt == "jsonl":
        obj = {"path": name, **obj}
    if fmt == "jsonl":
        return json.dumps(obj, ensure_ascii=False) + "\n"
    if several:  # one item of the list --json prints, without its list around it
        listed = json.dumps([obj], ensure_ascii=False, indent=2)
        return listed[len("[\n  ") : -len("\n]")]
    return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"


@settings(max_examples=40, deadline=None)
@given(
    st.integers(0, 10**6),
    st.integers(1, 4096),
    st.sampled_from(["text", "json", "jsonl"]),
    st.booleans(),
)
def test_written_report_equals_the_whole_scan(
    seed: int, read_size: int, fmt: str, several: bool
) -> None:
    text = corpus(seed)
    out = io.BytesIO()
    write_report(_stream(text, read_size), out, fmt=fmt, name="x.txt", several=several)
    assert out.getvalue().decode("utf-8") == _reference(text, fmt, several)


def test_report_of_clean_and_empty_text() -> None:
    for text in ("", "plain words\n"):
        for fmt in ("text", "json", "jsonl"):
            out = io.BytesIO()
            write_report(_stream(text, 7), out, fmt=fmt, name="x.txt")
            assert out.getvalue().decode("utf-8") == _reference(text, fmt, False)


def test_json_document_matches_json_dumps_at_every_depth() -> None:
    text = corpus(5)
    report = decloak.scan(text, "strict")
    obj = report.to_dict()
    head = {k: v for k, v in obj.items() if k != "findings"}
    assert json_document(head, report.findings, 0) == json.dumps(obj, ensure_ascii=False, indent=2)
    assert json_document(head, report.findings, None) == json.dumps(obj, ensure_ascii=False)
