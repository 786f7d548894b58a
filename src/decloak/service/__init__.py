"""decloak over HTTP: ``decloak serve`` (JSON API, metrics, web inspector).

Kept free of imports here: the CLI loads :mod:`decloak.service.cli` on every
start, and FastAPI/uvicorn are an optional extra (``decloak[service]``).  To run
the application under another ASGI server, point it at the factory
:func:`create_app` (``uvicorn --factory decloak.service:create_app``), which
reads its settings from ``DECLOAK_*`` environment variables, or build one with
``decloak.service.app.create_app(Settings(...))``.
"""

from __future__ import annotations

from typing import Any


def create_app() -> Any:
    """The application, configured from ``DECLOAK_*`` environment variables.

    For ASGI servers that take a factory: ``uvicorn --factory
    decloak.service:create_app``, or gunicorn's ``'decloak.service:create_app()'``.
    The variables are those of :meth:`decloak.service.app.Settings.from_env`.
    """
    from .app import Settings
    from .app import create_app as build

    return build(Settings.from_env())
