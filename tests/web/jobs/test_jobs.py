"""Background jobs: a job's row follows its task (queued, running, succeeded or failed, done of total),
only its owner (or staff) can watch it, and the real worker runs a queued job from the database queue."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone
from django_tasks import task

from ipstrategy.web.jobs.config import DATABASE_BACKEND, IMMEDIATE_BACKEND, RQ_BACKEND, task_settings
from ipstrategy.web.jobs.models import Job, JobState
from ipstrategy.web.jobs.services import job_enqueue, job_run
from ipstrategy.web.jobs.tasks import jobs_prune_task

pytestmark = pytest.mark.django_db


@task()
def _count_to(*, job_id: int, n: int, fail_at: int | None = None) -> int:
    with job_run(job_id=job_id) as progress:
        progress.start(n, "counting")
        for i in range(n):
            if i == fail_at:
                raise ValueError(f"row {i}: cannot count this")
            progress.advance()
        progress.finish(message="counted", result={"n": n}, url="/tracking/")
    return n


def _user(name: str, *, staff: bool = False):  # type: ignore[no-untyped-def]
    return get_user_model().objects.create_user(name, password="x", is_staff=staff)


def test_a_job_reports_done_of_total_and_where_its_result_is() -> None:
    owner = _user("ann")
    job = job_enqueue(_count_to, kind="count", owner=owner, n=7)
    assert (job.state, job.done, job.total, job.percent) == (JobState.SUCCEEDED, 7, 7, 100)
    assert (job.message, job.result, job.result_url) == ("counted", {"n": 7}, "/tracking/")
    assert job.task_id and job.owner == owner and job.finished is not None


def test_a_failing_job_is_marked_failed_with_its_error() -> None:
    job = job_enqueue(_count_to, kind="count", owner=_user("ann"), n=5, fail_at=3)
    assert job.state == JobState.FAILED
    assert job.done == 3 and job.total == 5
    assert "row 3: cannot count this" in job.error


def test_only_the_owner_and_staff_can_watch_a_job() -> None:
    job = job_enqueue(_count_to, kind="count", owner=_user("ann"), n=2)
    for name, staff, status in [("ann", False, 200), ("bob", False, 404), ("boss", True, 200)]:
        client = Client()
        user = get_user_model().objects.filter(username=name).first() or _user(name, staff=staff)
        client.force_login(user)
        assert client.get(f"/api/v1/jobs/{job.pk}").status_code == status, name
        assert client.get(f"/jobs/{job.pk}/").status_code == status, name
    assert Client().get(f"/api/v1/jobs/{job.pk}").status_code == 404


def test_the_job_list_is_the_callers_newest_first_one_page_at_a_time() -> None:
    ann = _user("ann")
    ids = [job_enqueue(_count_to, kind="count", owner=ann, n=1).pk for _ in range(5)]
    job_enqueue(_count_to, kind="count", owner=_user("bob"), n=1)
    client = Client()
    client.force_login(ann)
    first = client.get("/api/v1/jobs?size=3").json()
    assert [j["id"] for j in first["items"]] == ids[::-1][:3]
    second = client.get("/api/v1/jobs" + first["next"]).json()
    assert [j["id"] for j in second["items"]] == ids[::-1][3:]
    assert second["next"] is None
    assert client.get("/api/v1/jobs?cursor=garbage").status_code == 404  # no page has that cursor (like an unknown id)
    assert client.get("/api/v1/jobs?size=0").status_code in {400, 422}  # a malformed parameter stays a 400


def test_the_progress_fragment_polls_while_running_and_links_the_result_when_done() -> None:
    ann = _user("ann")
    running = Job.objects.create(kind="count", owner=ann, state=JobState.RUNNING, done=3, total=10, message="rows")
    done = job_enqueue(_count_to, kind="count", owner=ann, n=1)
    client = Client()
    client.force_login(ann)
    polling = client.get(f"/jobs/{running.pk}/").content.decode()
    assert 'hx-trigger="every 1s"' in polling and 'value="3"' in polling and "3 / 10" in polling
    finished = client.get(f"/jobs/{done.pk}/").content.decode()
    assert "hx-get" not in finished and 'href="/tracking/"' in finished


def test_pruning_deletes_only_old_finished_jobs() -> None:
    old = Job.objects.create(kind="x", state=JobState.SUCCEEDED, finished=timezone.now() - timedelta(days=40))
    recent = Job.objects.create(kind="x", state=JobState.FAILED, finished=timezone.now())
    waiting = Job.objects.create(kind="x")
    job = job_enqueue(jobs_prune_task, kind="prune", older_than_days=30)
    assert job.result == {"pruned": 1}
    assert not Job.objects.filter(pk=old.pk).exists()
    assert Job.objects.filter(pk__in=[recent.pk, waiting.pk]).count() == 2


@pytest.mark.parametrize(
    ("tasks", "redis", "backend"),
    [("", "", DATABASE_BACKEND), ("", "redis://127.0.0.1:6379/0", RQ_BACKEND), ("immediate", "", IMMEDIATE_BACKEND)],
)
def test_the_backend_follows_the_environment(tasks: str, redis: str, backend: str) -> None:
    found = task_settings(tasks=tasks, redis_url=redis)
    assert found["TASKS"]["default"]["BACKEND"] == backend
    assert ("django_rq" in found["APPS"]) == (backend == RQ_BACKEND)


def test_an_unknown_backend_or_rq_without_redis_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown backend"):
        task_settings(tasks="celery")
    with pytest.raises(ValueError, match="IPSTRATEGY_REDIS_URL"):
        task_settings(tasks="rq")


_ENQUEUE = """
import django; django.setup()
from datetime import timedelta
from django.utils import timezone
from ipstrategy.web.jobs.models import Job, JobState
from ipstrategy.web.jobs.services import job_enqueue
from ipstrategy.web.jobs.tasks import jobs_prune_task
Job.objects.create(kind="x", state=JobState.SUCCEEDED, finished=timezone.now() - timedelta(days=90))
print(job_enqueue(jobs_prune_task, kind="prune", older_than_days=30).pk)
"""

_READ = """
import django; django.setup()
from ipstrategy.web.jobs.models import Job
job = Job.objects.get(pk={pk})
print(job.state, job.result.get("pruned"), job.done, job.total)
"""


def test_the_worker_runs_a_job_queued_in_the_database(tmp_path: Path) -> None:
    """Three real processes on one SQLite file: enqueue, `ipstrategy worker --batch`, read the job back."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "IPSTRATEGY_TASKS", "IPSTRATEGY_REDIS_URL")}
    env |= {"IPSTRATEGY_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "ipstrategy.web.settings"}

    def run(*args: str) -> str:
        done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=120, check=False)
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    run(sys.executable, "-m", "ipstrategy.web", "migrate", "--verbosity", "0")
    pk = int(run(sys.executable, "-c", _ENQUEUE).splitlines()[-1])
    assert run(sys.executable, "-c", _READ.format(pk=pk)) == "queued None 0 None"
    run(sys.executable, "-m", "ipstrategy.cli", "worker", "--batch", "--interval", "0")
    assert run(sys.executable, "-c", _READ.format(pk=pk)) == "succeeded 1 1 1"
