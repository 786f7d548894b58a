"""The web inspector: static HTML, CSS and JavaScript, no build step, no CDN.

The files in ``static/`` are package data, read through :mod:`importlib.resources`
so that they are found inside a wheel or a zip just as in a source tree.  They
are small, so they are read once and kept in memory.  The bundled sample text
(``decloak/data/sample.txt``) is offered as ``sample.txt`` so the page can load
a demonstration without any file of the user's.
"""

from __future__ import annotations

import functools
from importlib import resources

__all__ = ["asset", "asset_names"]

_PACKAGE = "decloak.web"
_SAMPLE = "sample.txt"


@functools.cache
def asset_names() -> tuple[str, ...]:
    """Names servable under ``/static/`` (flat: no directories, no traversal)."""
    static = resources.files(_PACKAGE).joinpath("static")
    names = sorted(p.name for p in static.iterdir() if p.is_file() and not p.name.startswith("."))
    return (*names, _SAMPLE)


@functools.cache
def asset(name: str) -> bytes:
    """The bytes of one static file; ``KeyError`` for anything not in :func:`asset_names`."""
    if name not in asset_names():
        raise KeyError(name)
    if name == _SAMPLE:
        return resources.files("decloak").joinpath("data").joinpath(_SAMPLE).read_bytes()
    return resources.files(_PACKAGE).joinpath("static", name).read_bytes()
