"""The office's year (issue 12): the tracking tests' accounts, plan and period, reused."""

from __future__ import annotations

from ..tracking.conftest import People, _fast_passwords, people, period, plan

__all__ = ["People", "_fast_passwords", "people", "period", "plan"]
