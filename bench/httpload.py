"""A small closed-loop HTTP load generator: N processes, each one keep-alive connection, for T seconds.

Each process sends the next request as soon as the previous answer is read, and records latency;
the result is p50/p95 latency, requests per second and the count of non-200 answers. Processes (not
threads) so that the client is not one GIL; on a two-core machine the client shares the CPU with
the server, which the same-run ceilings account for.
"""

from __future__ import annotations

import http.client
import multiprocessing
import statistics
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Load:
    url: str
    p50_ms: float
    p95_ms: float
    rps: float
    requests: int
    errors: int
    bytes: int


def _worker(args: tuple[str, int, str, float, dict[str, str]]) -> tuple[list[float], int, int]:
    host, port, path, seconds, headers = args
    conn = http.client.HTTPConnection(host, port, timeout=60)
    latencies, errors, size = [], 0, 0
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        start = time.perf_counter()
        try:
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            body = response.read()
        except (OSError, http.client.HTTPException):
            errors += 1
            conn.close()
            conn = http.client.HTTPConnection(host, port, timeout=60)
            continue
        latencies.append(time.perf_counter() - start)
        size = len(body)
        if response.status != 200:
            errors += 1
    conn.close()
    return latencies, errors, size


def measure(
    port: int, path: str, *, seconds: float = 5.0, concurrency: int = 4, headers: dict[str, str] | None = None
) -> Load:
    """Load ``path`` on 127.0.0.1:``port`` with ``concurrency`` connections for ``seconds``."""
    jobs = [("127.0.0.1", port, path, seconds, headers or {}) for _ in range(concurrency)]
    started = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(concurrency) as pool:
        results = pool.map(_worker, jobs)
    elapsed = time.perf_counter() - started
    latencies = sorted(x for r in results for x in r[0])
    errors = sum(r[1] for r in results)
    if not latencies:
        return Load(path, 0.0, 0.0, 0.0, 0, errors, 0)
    p95 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.95))]
    return Load(
        path,
        statistics.median(latencies) * 1000,
        p95 * 1000,
        len(latencies) / min(elapsed, seconds + 0.5),
        len(latencies),
        errors,
        max(r[2] for r in results),
    )
