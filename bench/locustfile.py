"""The load test's users (run by ``bench/load.py``, which prepares the data and the server).

Three kinds of user, as at a reporting deadline:

- **readers** (most users, anonymous): the home page, a plan, the indicators, the departments and
  one department, a search, and the API's plan and task lists;
- **reporters** (``fixed_count``): each owns a few draft reports of CNIPA in the load period and
  loops over them: read the report (its ETag), save a change with ``If-Match``, submit it (or
  resubmit a returned one); reports under review are only read;
- **the office** (``fixed_count``): reads its review queue for the load period and returns or
  approves what waits there; each office user takes only the reports whose id falls to it, so two
  reviewers never act on the same report.

Reporters and the office use API tokens (``Authorization: Bearer``), as machine clients do. No
two users write the same report in a way that could conflict, so any failed request is a fault of
the system: ``bench/load.py`` fails the run on the first one.
"""

from __future__ import annotations

import itertools
import json
import os
import random
from pathlib import Path
from typing import Any

from locust import HttpUser, between, task

CONFIG: dict[str, Any] = json.loads(Path(os.environ["IPSTRATEGY_LOAD_CONFIG"]).read_text(encoding="utf-8"))
_reporter_numbers = itertools.count()
_office_numbers = itertools.count()


class Reader(HttpUser):
    """An anonymous reader of the public pages and API."""

    weight = 10
    wait_time = between(0.5, 2)

    @task(3)
    def home(self) -> None:
        self.client.get("/", name="/")

    @task(2)
    def departments(self) -> None:
        self.client.get("/agencies/", name="/agencies/")

    @task(3)
    def plan(self) -> None:
        self.client.get(f"/plans/{random.choice(CONFIG['plans'])}/", name="/plans/[id]/")

    @task(1)
    def indicators(self) -> None:
        self.client.get("/indicators/", name="/indicators/")

    @task(1)
    def agencies(self) -> None:
        self.client.get("/agencies/CNIPA/", name="/agencies/[code]/")

    @task(1)
    def search(self) -> None:
        self.client.get(
            "/search/", params={"q": random.choice(["专利", "商标", "知识产权", "patent"])}, name="/search/"
        )

    @task(2)
    def api_plans(self) -> None:
        self.client.get("/api/v1/plans", params={"size": 20}, name="/api/v1/plans")

    @task(2)
    def api_tasks(self) -> None:
        self.client.get("/api/v1/tasks", params={"agency": "CNIPA", "limit": 20}, name="/api/v1/tasks")


class Reporter(HttpUser):
    """A department's reporter working through their drafts: read, save with If-Match, submit."""

    fixed_count = int(CONFIG["reporters"])
    wait_time = between(1, 3)

    def on_start(self) -> None:
        number = next(_reporter_numbers)
        self.client.headers["Authorization"] = f"Bearer {CONFIG['reporter_token']}"
        self.reports = [r for i, r in enumerate(CONFIG["reports"]) if i % self.fixed_count == number % self.fixed_count]
        self.edits = 0

    @task(1)
    def my_reports(self) -> None:
        self.client.get(
            "/api/v1/tracking/reports",
            params={"period_id": CONFIG["period"], "size": 20},
            name="/api/v1/tracking/reports",
        )

    @task(4)
    def work_on_a_report(self) -> None:
        report_id = random.choice(self.reports)
        url = f"/api/v1/tracking/reports/{report_id}"
        read = self.client.get(url, name="/api/v1/tracking/reports/[id]")
        if not read.ok or read.json()["status"] not in ("draft", "returned"):
            return  # under review or approved: nothing to do but read it
        status, etag = read.json()["status"], read.headers["ETag"]
        self.edits += 1
        body = {
            "progress": "in_progress",
            "percent": self.edits % 90 + 5,
            "narrative": f"负载测试第{self.edits}次保存。",
        }
        saved = self.client.put(url, json=body, headers={"If-Match": etag}, name="save /api/v1/tracking/reports/[id]")
        if saved.ok:
            action = "resubmit" if status == "returned" else "submit"
            self.client.post(f"{url}/transition", json={"action": action}, name=f"transition {action}")


class Office(HttpUser):
    """The office reviewing what waits: returns most for more detail, approves some."""

    fixed_count = int(CONFIG["office_users"])
    wait_time = between(1, 3)

    def on_start(self) -> None:
        self.number = next(_office_numbers) % self.fixed_count
        self.client.headers["Authorization"] = f"Bearer {CONFIG['office_token']}"

    @task
    def review(self) -> None:
        queue = self.client.get(
            "/api/v1/tracking/review-queue",
            params={"period_id": CONFIG["period"], "size": 50},
            name="/api/v1/tracking/review-queue",
        )
        if not queue.ok:
            return
        mine = [r["id"] for r in queue.json()["items"] if r["id"] % self.fixed_count == self.number]
        for report_id in mine[:3]:
            if random.random() < 0.2:
                body: dict[str, str] = {"action": "approve"}
            else:
                body = {"action": "return", "reason": "请补充量化成果。"}
            self.client.post(
                f"/api/v1/tracking/reports/{report_id}/transition", json=body, name=f"transition {body['action']}"
            )
