"""Property test of the live server against its own ``/openapi.json`` (schemathesis).

Generated requests, valid and invalid, must never get a 5xx, and every response
must match the status codes, content types and schemas the document declares;
valid requests must be accepted and invalid ones rejected.

Each operation's Hypothesis strategy is driven directly: schemathesis' lazy
``from_fixture`` loader relies on a pytest internal (``Node._nodeid``) that
pytest 9 no longer has, and the schema can only be loaded once the server runs.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from _service_server import Server, running_server, shared_index_dir
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

OPERATIONS = [
    ("/v1/scan", "POST"),
    ("/v1/clean", "POST"),
    ("/v1/match", "POST"),
    ("/healthz", "GET"),
    ("/metrics", "GET"),
]


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server with an index, so that every operation is in the document."""
    with running_server(shared_index_dir(tmp_path_factory), "--index", "idx.db") as s:
        yield s


@pytest.fixture(scope="module")
def api_schema(live: Server) -> Any:
    return schemathesis.openapi.from_url(f"{live.url}/openapi.json")


def test_every_operation_is_covered(api_schema: Any) -> None:
    found = {(op.ok().path, op.ok().method.upper()) for op in api_schema.get_all_operations()}
    assert found == set(OPERATIONS)


def _cases(
    api_schema: Any, live: Server, path: str, method: str, mode: GenerationMode, n: int
) -> None:
    operation = api_schema[path][method]

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=n,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
        database=None,
    )
    def check(case: Any) -> None:
        case.call_and_validate(base_url=live.url, timeout=30)

    check()


@pytest.mark.parametrize(("path", "method"), OPERATIONS)
def test_valid_requests_conform(api_schema: Any, live: Server, path: str, method: str) -> None:
    n = 50 if method == "POST" else 5
    _cases(api_schema, live, path, method, GenerationMode.POSITIVE, n)


@pytest.mark.parametrize("path", ["/v1/scan", "/v1/clean", "/v1/match"])
def test_invalid_requests_are_rejected(api_schema: Any, live: Server, path: str) -> None:
    _cases(api_schema, live, path, "POST", GenerationMode.NEGATIVE, 50)
