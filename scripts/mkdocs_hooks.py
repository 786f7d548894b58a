"""MkDocs hook (``hooks:`` in mkdocs.yml): show docstrings' reST idioms as Markdown.

decloak's docstrings carry ``>>>`` examples (run by ``tests/test_docs.py``). In plain
Markdown such a paragraph would become nested block quotes, and a result like
``['mixed-script-identifier']`` a reference link. The extension registered here turns each
run of lines that starts with ``>>>`` (up to the next blank line), outside fenced code,
into a ``pycon`` code block, and Sphinx roles (``:func:`clean```) into code spans. It is
added before mkdocstrings reads the Markdown settings, so the API reference gets it too.
"""

from __future__ import annotations

import re
from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor
from mkdocs.plugins import event_priority

_FENCE = re.compile(r"^\s*(```|~~~)")
_ROLE = re.compile(r":(?:func|class|mod|meth|attr|data|exc|obj):`~?\.?([^`]+)`")
"""Sphinx cross-reference roles in docstrings, shown as code (``:func:`scan``` -> ``scan``)."""
_PROMPT = re.compile(r"^(\s*)>>>( |$)")


class DoctestBlocks(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        fence = False
        i = 0
        while i < len(lines):
            line = lines[i]
            if _FENCE.match(line):
                fence = not fence
            m = None if fence else _PROMPT.match(line)
            if m is None:
                out.append(line if fence else _ROLE.sub(r"`\1`", line))
                i += 1
                continue
            indent = m.group(1)
            block: list[str] = []
            while i < len(lines) and lines[i].strip():
                block.append(lines[i][len(indent) :] if lines[i].startswith(indent) else lines[i])
                i += 1
            out += ["", f"{indent}```pycon", *(indent + b for b in block), f"{indent}```", ""]
        return out


class DoctestBlocksExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # before the fenced-code preprocessor (priority 25), so the fence is rendered
        md.preprocessors.register(DoctestBlocks(md), "decloak_doctest_blocks", 40)


@event_priority(100)  # before mkdocstrings copies the extension list
def on_config(config: Any) -> Any:
    config.markdown_extensions.append(DoctestBlocksExtension())
    return config
