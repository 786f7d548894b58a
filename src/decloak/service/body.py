"""Turning request bytes into a validated request model, with one-line errors.

This runs in a worker thread, not on the event loop: decoding and parsing an
8 MiB body takes long enough to stall every other connection.

Nesting is checked *before* ``json.loads``: the C parser recurses once per
level, and a body of a million ``[`` would otherwise end in ``RecursionError``
deep inside the parser.  The check strips string literals with one regular
expression and counts brackets in what remains, so its cost is a couple of
passes in C over the body, not a Python loop over every character.
"""

from __future__ import annotations

import json
import re
from typing import Any, NoReturn, TypeVar

from pydantic import BaseModel, ValidationError
from starlette.exceptions import HTTPException

MAX_DEPTH = 32
"""Deepest JSON nesting accepted.  Valid requests are flat objects (depth 1)."""

_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")

M = TypeVar("M", bound=BaseModel)


class ApiError(HTTPException):
    """An error answered as ``{"error": message}`` with ``status``."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(status, " ".join(message.split()), headers=headers)


def json_depth_exceeds(text: str, limit: int = MAX_DEPTH) -> bool:
    """True when ``text`` nests arrays/objects deeper than ``limit``.

    Exact for valid JSON; for invalid JSON it may err either way, which is
    harmless because ``json.loads`` then rejects the body (and a
    ``RecursionError`` there is caught as well).
    """
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    if len(brackets) <= limit:
        return False
    depth = 0
    for c in brackets:
        if c in "[{":
            depth += 1
            if depth > limit:
                return True
        else:
            depth -= 1
    return False


def _reject_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not JSON")


def parse_json(body: bytes, max_depth: int = MAX_DEPTH) -> Any:
    """Decode and parse a request body; :class:`ApiError` 400 on any problem."""
    if not body.strip():
        raise ApiError(400, 'empty body: send a JSON object such as {"text": "..."}')
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ApiError(400, f"body is not valid UTF-8 (byte offset {e.start})") from None
    if json_depth_exceeds(text, max_depth):
        raise ApiError(400, f"JSON nested deeper than {max_depth} levels")
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as e:
        raise ApiError(
            400, f"malformed JSON: {e.msg} at line {e.lineno} column {e.colno}"
        ) from None
    except ValueError as e:  # NaN / Infinity
        raise ApiError(400, f"malformed JSON: {e}") from None
    except RecursionError:
        raise ApiError(400, f"JSON nested deeper than {max_depth} levels") from None


def _describe(err: Any) -> str:
    loc = ".".join(str(p) for p in err.get("loc", ())) or "body"
    kind = err.get("type", "")
    if kind == "missing":
        return f"missing field '{loc}'"
    if kind == "extra_forbidden":
        return f"unknown field '{loc}'"
    msg = str(err.get("msg", "invalid value"))
    msg = msg.removeprefix("Value error, ")
    return f"field '{loc}': {msg}"


def validate(model: type[M], obj: Any) -> M:
    """Validate a parsed body; :class:`ApiError` 422 naming the first bad field."""
    if not isinstance(obj, dict):
        raise ApiError(
            422, f'body must be a JSON object such as {{"text": "..."}}, not {_json_type(obj)}'
        )
    try:
        return model.model_validate(obj)
    except ValidationError as e:
        errors = e.errors(include_url=False, include_input=False)
        # Unknown fields first: {"txt": ...} is better explained by the typo than
        # by the missing "text" it causes.
        errors.sort(key=lambda err: err.get("type") != "extra_forbidden")
        shown = "; ".join(_describe(err) for err in errors[:3]) or "invalid body"
        more = f" (and {len(errors) - 3} more)" if len(errors) > 3 else ""
        raise ApiError(422, shown + more) from None


def _json_type(obj: Any) -> str:
    if isinstance(obj, list):
        return "an array"
    if isinstance(obj, str):
        return "a string"
    if isinstance(obj, bool):
        return "a boolean"
    if isinstance(obj, int | float):
        return "a number"
    return "null"
