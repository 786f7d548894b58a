"""decloak: see through disguised text.

Find, explain and undo look-alike letters, invisible characters, bidi tricks
and smuggled payloads, leaving legitimate text in every script byte-identical.

>>> import decloak
>>> decloak.clean("Тhe quick brоwn fox").text   # Cyrillic Т, о
'The quick brown fox'
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from ._tables import UNICODE_VERSION
from .api import CharVerdict, apply_plan, clean, explain, scan
from .config import DEFAULT, PROFILES, REPORT, STRICT, Config, get_config
from .model import CharInfo, Cleaned, Edit, Finding, Kind, OffsetMap, Plan, PlanStep, Report
from .patterns import Pattern

try:
    __version__ = version("decloak")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0+unknown"

__all__ = [
    "DEFAULT",
    "PROFILES",
    "REPORT",
    "STRICT",
    "UNICODE_VERSION",
    "CharInfo",
    "CharVerdict",
    "Cleaned",
    "Config",
    "Edit",
    "Finding",
    "Kind",
    "OffsetMap",
    "Pattern",
    "Plan",
    "PlanStep",
    "Report",
    "__version__",
    "apply_plan",
    "clean",
    "explain",
    "get_config",
    "scan",
]
