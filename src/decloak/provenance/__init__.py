"""Provenance: trace disguised copies to their sources, and deduplicate corpora.

>>> from decloak.provenance import comparison_key
>>> comparison_key("The cat sat.") == comparison_key("Thе cаt sаt")   # Cyrillic е and а
True

- :func:`comparison_key`: the folded form an original and its disguised copies share
- :class:`FingerprintConfig`, :func:`fingerprint`: MinHash signatures, LSH bands, anchors
- :class:`ProvenanceIndex`: the SQLite index behind ``decloak index`` and ``decloak match``
- :func:`match_text`: the ranked, exactly verified sources of one text
- :func:`dedup`: near-duplicate clusters over corpus shards, on a process pool or Dask
- :func:`run_match`: :func:`match_text` over shards of queries, on a process pool or Dask

Names are imported on first use, so that ``decloak --help`` does not pay for them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .batch import run_match
    from .clusters import DedupResult, dedup
    from .index import ProvenanceIndex
    from .key import comparison_key
    from .match import Match, QueryResult, match_text
    from .minhash import Fingerprint, FingerprintConfig, fingerprint, fingerprints

__all__ = [
    "DedupResult",
    "Fingerprint",
    "FingerprintConfig",
    "Match",
    "ProvenanceIndex",
    "QueryResult",
    "comparison_key",
    "dedup",
    "fingerprint",
    "fingerprints",
    "match_text",
    "run_match",
]

_WHERE = {
    "DedupResult": "clusters",
    "dedup": "clusters",
    "Fingerprint": "minhash",
    "FingerprintConfig": "minhash",
    "fingerprint": "minhash",
    "fingerprints": "minhash",
    "ProvenanceIndex": "index",
    "comparison_key": "key",
    "Match": "match",
    "QueryResult": "match",
    "match_text": "match",
    "run_match": "batch",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'decloak.provenance' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # looked up once
    return value
