"""``JobProgress``: the ``core.progress.Progress`` a background job reports to (its Job row).

Writes are throttled (at most one UPDATE per ``interval`` seconds, plus the last one), so a loop
over a million rows can call ``advance`` on every row without a million queries.
"""

from __future__ import annotations

import time

from ipstrategy.web.jobs.models import Job


class JobProgress:
    """Progress of one Job row; each write is one UPDATE of that row."""

    def __init__(self, job_id: int, *, interval: float = 0.5) -> None:
        self.job_id = job_id
        self.interval = interval
        self.done = 0
        self.total: int | None = None
        self.message = ""
        self._written = 0.0

    def start(self, total: int | None, message: str = "") -> None:
        self.done, self.total = 0, total
        self.message = message or self.message
        self.flush()

    def advance(self, amount: int = 1) -> None:
        self.done += amount
        if time.monotonic() - self._written >= self.interval or (self.total and self.done >= self.total):
            self.flush()

    def note(self, message: str) -> None:
        self.message = message[:300]
        self.flush()

    def flush(self) -> None:
        """Write the counts and message now."""
        Job.objects.filter(pk=self.job_id).update(done=self.done, total=self.total, message=self.message[:300])
        self._written = time.monotonic()
