"""Prometheus text exposition, hand-rolled.

``prometheus_client`` is not a dependency: the service needs four metric
families, and the text format (version 0.0.4) is a few lines of code.  Label
values are limited to a fixed set (known endpoints, status codes, finding kinds)
so a client probing random paths cannot grow the series without bound.
"""

from __future__ import annotations

import bisect
import threading
import time
from collections import Counter
from collections.abc import Iterable, Mapping

from ..model import Kind

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"

BUCKETS: tuple[float, ...] = (
    0.001,
    0.0025,
    0.005,
    0.01,
    0.025,
    0.05,
    0.1,
    0.25,
    0.5,
    1.0,
    2.5,
    5.0,
    10.0,
    30.0,
    60.0,
)

ENDPOINTS: tuple[str, ...] = (
    "/v1/scan",
    "/v1/clean",
    "/v1/match",
    "/healthz",
    "/metrics",
    "/openapi.json",
    "/",
    "/static",
)


def endpoint_label(path: str) -> str:
    """The metric label for a request path: a known endpoint, or ``other``."""
    if path in ENDPOINTS:
        return path
    if path.startswith("/static/"):
        return "/static"
    return "other"


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


def _labels(**labels: str) -> str:
    inner = ",".join(f'{k}="{_escape(v)}"' for k, v in labels.items())
    return "{" + inner + "}"


def _num(x: float) -> str:
    if x == int(x) and abs(x) < 1e15:
        return str(int(x))
    return repr(x)


class Metrics:
    """Counters and a latency histogram, safe to update from any thread."""

    def __init__(self, version: str, unicode_version: str) -> None:
        self._lock = threading.Lock()
        self._version = version
        self._unicode = unicode_version
        self._started = time.time()
        self.requests: Counter[tuple[str, int]] = Counter()
        self.bytes_in: Counter[str] = Counter()
        self.findings: Counter[str] = Counter({k.value: 0 for k in Kind})
        self._buckets: dict[str, list[int]] = {}
        self._sum: dict[str, float] = {}
        self._count: Counter[str] = Counter()
        self.in_flight = 0

    def started(self) -> None:
        with self._lock:
            self.in_flight += 1

    def observe(self, endpoint: str, status: int, seconds: float, body_bytes: int) -> None:
        """Record one finished request (``status`` 0: the client went away first)."""
        with self._lock:
            self.in_flight -= 1
            self.requests[(endpoint, status)] += 1
            self.bytes_in[endpoint] += body_bytes
            counts = self._buckets.setdefault(endpoint, [0] * len(BUCKETS))
            i = bisect.bisect_left(BUCKETS, seconds)
            for j in range(i, len(BUCKETS)):
                counts[j] += 1
            self._sum[endpoint] = self._sum.get(endpoint, 0.0) + seconds
            self._count[endpoint] += 1

    def add_findings(self, kinds: Mapping[str, int]) -> None:
        with self._lock:
            self.findings.update(kinds)

    def render(self) -> str:
        """The whole exposition, one consistent snapshot."""
        with self._lock:
            lines: list[str] = []

            def family(name: str, kind: str, help_: str, samples: Iterable[str]) -> None:
                lines.append(f"# HELP {name} {help_}")
                lines.append(f"# TYPE {name} {kind}")
                lines.extend(samples)

            family(
                "decloak_build_info",
                "gauge",
                "Version of decloak and of the Unicode data it uses.",
                [f"decloak_build_info{_labels(version=self._version, unicode=self._unicode)} 1"],
            )
            family(
                "decloak_start_time_seconds",
                "gauge",
                "Unix time the service started.",
                [f"decloak_start_time_seconds {self._started:.3f}"],
            )
            family(
                "decloak_requests_in_flight",
                "gauge",
                "Requests being handled now.",
                [f"decloak_requests_in_flight {self.in_flight}"],
            )
            family(
                "decloak_requests_total",
                "counter",
                "HTTP requests by endpoint and status code.",
                [
                    f"decloak_requests_total{_labels(endpoint=e, status=str(s))} {n}"
                    for (e, s), n in sorted(self.requests.items())
                ],
            )
            family(
                "decloak_request_body_bytes_total",
                "counter",
                "Request body bytes received, by endpoint.",
                [
                    f"decloak_request_body_bytes_total{_labels(endpoint=e)} {n}"
                    for e, n in sorted(self.bytes_in.items())
                ],
            )
            family(
                "decloak_findings_total",
                "counter",
                "Findings reported by /v1/scan and /v1/clean, by kind.",
                [
                    f"decloak_findings_total{_labels(kind=k)} {n}"
                    for k, n in sorted(self.findings.items())
                ],
            )
            hist: list[str] = []
            for e in sorted(self._buckets):
                for le, n in zip(BUCKETS, self._buckets[e], strict=True):
                    hist.append(
                        f"decloak_request_duration_seconds_bucket"
                        f"{_labels(endpoint=e, le=_num(le))} {n}"
                    )
                hist.append(
                    f"decloak_request_duration_seconds_bucket"
                    f"{_labels(endpoint=e, le='+Inf')} {self._count[e]}"
                )
                hist.append(
                    f"decloak_request_duration_seconds_sum{_labels(endpoint=e)} {self._sum[e]!r}"
                )
                hist.append(
                    f"decloak_request_duration_seconds_count{_labels(endpoint=e)} {self._count[e]}"
                )
            family(
                "decloak_request_duration_seconds",
                "histogram",
                "Time from request start to the last response byte, by endpoint.",
                hist,
            )
            return "\n".join(lines) + "\n"
