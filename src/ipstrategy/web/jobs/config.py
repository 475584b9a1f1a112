"""Which background-task backend runs jobs, read by ``settings.py`` before Django starts (plain Python).

- default: ``django_tasks_db.DatabaseBackend``: jobs wait in a table of the project's own database
  (SQLite or PostgreSQL) and ``ipstrategy worker`` runs them; nothing else to install or run.
- ``IPSTRATEGY_REDIS_URL`` set: the RQ backend (``django_tasks_rq``) on that Redis, for a server
  with many jobs; ``ipstrategy worker`` then runs an RQ worker. Needs ``pip install ipstrategy[redis]``.
- ``IPSTRATEGY_TASKS=immediate``: every job runs at once inside the request (tests, one-off scripts).
See docs/adr/0004-background-jobs.md.
"""

from __future__ import annotations

from typing import Any

DATABASE_BACKEND = "django_tasks_db.DatabaseBackend"
RQ_BACKEND = "django_tasks_rq.backend.RQBackend"
IMMEDIATE_BACKEND = "django_tasks.backends.immediate.ImmediateBackend"
QUEUES = ["default"]


def task_settings(*, tasks: str = "", redis_url: str = "") -> dict[str, Any]:
    """``TASKS`` (and, for RQ, ``RQ_QUEUES`` and the extra apps) for the given environment values."""
    choice = (tasks or ("rq" if redis_url else "database")).strip().lower()
    if choice == "immediate":
        return {"TASKS": {"default": {"BACKEND": IMMEDIATE_BACKEND}}, "APPS": []}
    if choice == "database":
        return {"TASKS": {"default": {"BACKEND": DATABASE_BACKEND, "QUEUES": QUEUES}}, "APPS": []}
    if choice == "rq":
        if not redis_url:
            raise ValueError("IPSTRATEGY_TASKS=rq needs IPSTRATEGY_REDIS_URL (e.g. redis://127.0.0.1:6379/0)")
        return {
            "TASKS": {"default": {"BACKEND": RQ_BACKEND, "QUEUES": QUEUES}},
            "RQ_QUEUES": {name: {"URL": redis_url} for name in QUEUES},
            "APPS": ["django_rq"],
        }
    raise ValueError(f"IPSTRATEGY_TASKS: unknown backend {choice!r} (use database, rq or immediate)")
