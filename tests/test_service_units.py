"""The service's pieces in-process: nesting check, body errors, metrics format, host rules."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from decloak.service.body import ApiError, json_depth_exceeds, parse_json, validate
from decloak.service.guard import _host_of
from decloak.service.hosts import is_loopback
from decloak.service.metrics import Metrics, endpoint_label
from decloak.service.schemas import MatchRequest, ScanRequest

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=20,
)


def depth(v: object) -> int:
    if isinstance(v, list):
        return 1 + max((depth(x) for x in v), default=0)
    if isinstance(v, dict):
        return 1 + max((depth(x) for x in v.values()), default=0)
    return 0


@given(json_values, st.integers(0, 6))
def test_depth_check_is_exact_for_valid_json(value: object, limit: int) -> None:
    text = json.dumps(value, ensure_ascii=False)
    assert json_depth_exceeds(text, limit) == (depth(value) > limit)


def test_depth_check_ignores_brackets_in_strings() -> None:
    assert not json_depth_exceeds(json.dumps({"text": "[{" * 1000 + '\\"' + "]}"}), 2)


def test_parse_errors_are_one_line() -> None:
    for bad in (b"", b"{", b'{"a": NaN}', b"\xff", b"[" * 10_000):
        with pytest.raises(ApiError) as e:
            parse_json(bad)
        assert e.value.status_code == 400 and "\n" not in e.value.detail


def test_validation_messages() -> None:
    with pytest.raises(ApiError) as e:
        validate(ScanRequest, {"txt": "x"})
    assert e.value.detail.startswith("unknown field 'txt'; missing field 'text'")
    assert validate(MatchRequest, {"text": "x", "top": 3.0, "threshold": 1}).top == 3
    with pytest.raises(ApiError):
        validate(MatchRequest, {"text": "x", "top": 3.5})
    with pytest.raises(ApiError):
        validate(ScanRequest, {"text": True})


def test_metrics_exposition_format() -> None:
    m = Metrics("1.0", "18.0.0")
    m.started()
    m.observe("/v1/scan", 200, 0.003, 120)
    m.add_findings({"homoglyph": 2})
    text = m.render()
    assert text.endswith("\n")
    line = re.compile(r'^[a-z_]+(\{([a-z_]+="[^"\\\n]*",?)*\})? -?[0-9.e+]+$')
    for row in text.splitlines():
        assert row.startswith("# HELP ") or row.startswith("# TYPE ") or line.match(row), row
    assert 'decloak_requests_total{endpoint="/v1/scan",status="200"} 1' in text
    assert 'decloak_request_duration_seconds_bucket{endpoint="/v1/scan",le="0.0025"} 0' in text
    assert 'decloak_request_duration_seconds_bucket{endpoint="/v1/scan",le="0.005"} 1' in text
    assert 'decloak_findings_total{kind="homoglyph"} 2' in text
    assert 'decloak_findings_total{kind="bidi"} 0' in text
    assert endpoint_label("/static/x.js") == "/static" and endpoint_label("/etc") == "other"


@pytest.mark.parametrize(
    ("raw", "host"),
    [
        ("127.0.0.1:8080", "127.0.0.1"),
        ("LOCALHOST", "localhost"),
        ("[::1]:80", "::1"),
        ("::1", "::1"),
        ("example.com", "example.com"),
    ],
)
def test_host_header_parsing(raw: str, host: str) -> None:
    assert _host_of(raw) == host


def test_loopback() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("127.1.2.3") and is_loopback("::1")
    assert is_loopback("localhost") and is_loopback("[::1]")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.2")
    assert not is_loopback("example.com")
