"""``ipstrategy worker``: runs queued jobs with the worker of the configured backend.

The database backend's worker (``db_worker``) polls the project's own database; the RQ backend's
worker (``rqworker``) listens on Redis. Either way the worker is a separate long-running process
(a systemd unit in docs/deploy.md), so a request never waits for an import or a report.
"""

from __future__ import annotations

from django.conf import settings
from django.core.management import call_command

from ipstrategy.web.jobs.config import DATABASE_BACKEND, IMMEDIATE_BACKEND, QUEUES, RQ_BACKEND


def worker_run(*, batch: bool = False, max_tasks: int | None = None, interval: float = 1.0) -> str:
    """Run jobs until stopped (``batch``: until the queue is empty); returns the backend it served."""
    backend = settings.TASKS["default"]["BACKEND"]
    if backend == DATABASE_BACKEND:
        options: dict[str, object] = {"interval": interval, "reload": False, "startup_delay": False}
        if batch:
            options["batch"] = True
        if max_tasks is not None:
            options["max_tasks"] = max_tasks
        call_command("db_worker", queue_name=",".join(QUEUES), verbosity=1, **options)
    elif backend == RQ_BACKEND:
        args = [*QUEUES, "--job-class", "django_tasks_rq.backend.Job"]
        if batch:
            args.append("--burst")
        if max_tasks is not None:
            args += ["--max-jobs", str(max_tasks)]
        call_command("rqworker", *args)
    elif backend == IMMEDIATE_BACKEND:
        raise ValueError("IPSTRATEGY_TASKS=immediate runs every job at once: there is nothing for a worker to do")
    return str(backend)
