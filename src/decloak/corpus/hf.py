"""decloak as a Hugging Face ``datasets`` step: ``Dataset.map(clean_batch, batched=True)``.

>>> from datasets import Dataset                                  # doctest: +SKIP
>>> from decloak.corpus.hf import clean_batch, features_for
>>> ds = Dataset.from_dict({"text": ["Pay with your cаrd", "Привет"]})  # doctest: +SKIP
>>> ds.map(clean_batch, batched=True, features=features_for(ds.features))  # doctest: +SKIP

Pass ``features=features_for(ds.features)``: ``datasets`` fixes each column's
type from the first batch it sees, and a first batch without any finding would
type ``decloak_kinds`` (all empty lists) as a list of nulls, which later
batches cannot be cast to.  The columns have the same types as decloak's
Parquet output, so the two can be mixed.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from functools import partial
from typing import Any

from ..config import Config, get_config
from ..errors import UsageError
from .shard import ALL_KINDS, CHANGED, COUNTS, KINDS, MODES, ORIGINAL, SCORE, SUSPICIOUS, annotate

__all__ = ["clean_batch", "features_for", "make_cleaner"]


def clean_batch(
    batch: Mapping[str, Sequence[Any]],
    text_key: str = "text",
    config: Config | str | None = None,
    mode: str = "fix",
    keep_original: bool = False,
) -> dict[str, list[Any]]:
    """Clean one batch (a dict of columns) and add the ``decloak_*`` columns.

    ``fix`` replaces the text with the cleaned text; ``annotate`` leaves it;
    ``drop`` is ``fix`` without the suspicious rows (every column is returned,
    filtered, so ``datasets`` accepts the changed row count).  A ``None`` text
    is passed through untouched, with empty findings.  ``decloak_counts`` has a
    field for every kind (zeros included) so its type is the same in every batch.
    """
    if mode not in MODES:
        raise UsageError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
    if text_key not in batch:
        names = ", ".join(batch) or "none"
        raise UsageError(f"the batch has no column {text_key!r} (columns: {names})")
    cfg = get_config(config)
    texts = list(batch[text_key])
    keep: list[int] = []
    out_text: list[Any] = []
    cols: dict[str, list[Any]] = {c: [] for c in (SUSPICIOUS, SCORE, KINDS, COUNTS, CHANGED)}
    originals: list[Any] = []
    for i, text in enumerate(texts):
        if text is None:
            values: tuple[Any, ...] = (False, 0.0, [], dict.fromkeys(ALL_KINDS, 0), False)
            cleaned: Any = None
        else:
            ann = annotate(str(text), cfg)
            if mode == "drop" and ann.suspicious:
                continue
            values = (ann.suspicious, ann.score, ann.kinds, ann.full_counts(), ann.changed)
            cleaned = text if mode == "annotate" else ann.text
        keep.append(i)
        out_text.append(cleaned)
        originals.append(text)
        for name, value in zip(cols, values, strict=True):
            cols[name].append(value)
    out: dict[str, list[Any]] = {}
    for name, column in batch.items():
        if name in cols or name == ORIGINAL:
            continue
        if name == text_key:
            out[name] = out_text
        elif len(keep) == len(texts):
            out[name] = list(column)
        else:
            out[name] = [column[i] for i in keep]
    out.update(cols)
    if keep_original:
        out[ORIGINAL] = originals
    return out


def make_cleaner(
    text_key: str = "text",
    config: Config | str | None = None,
    mode: str = "fix",
    keep_original: bool = False,
) -> Any:
    """``clean_batch`` with its options bound (``datasets`` can fingerprint a partial)."""
    return partial(
        clean_batch, text_key=text_key, config=config, mode=mode, keep_original=keep_original
    )


def features_for(features: Any, keep_original: bool = False, text_key: str = "text") -> Any:
    """The ``datasets.Features`` of the mapped dataset: the input's plus decloak's columns."""
    ds: Any = importlib.import_module("datasets")  # untyped library
    Features, Sequence, Value = ds.Features, ds.Sequence, ds.Value

    out = Features({k: v for k, v in features.items() if k not in (*cols_names(), ORIGINAL)})
    out[SUSPICIOUS] = Value("bool")
    out[SCORE] = Value("float64")
    out[KINDS] = Sequence(Value("string"))
    out[COUNTS] = {k: Value("int32") for k in ALL_KINDS}
    out[CHANGED] = Value("bool")
    if keep_original:
        out[ORIGINAL] = features.get(text_key, Value("string"))
    return out


def cols_names() -> tuple[str, ...]:
    return (SUSPICIOUS, SCORE, KINDS, COUNTS, CHANGED)
