"""One small module per tool, all with the same surface, so ``run.py`` treats them alike.

Each module exposes ``clean(text) -> str``, ``score(text) -> float | None`` (``None``
means "no score": the scorer ranks by the flag), ``suspicious(text) -> bool``,
optionally ``payloads(text) -> list[str]``, plus ``VERSION`` and ``NOTE`` (which
call was chosen for the tool, and why).  Module names are the ``--tool`` names with
``-`` replaced by ``_``.
"""
