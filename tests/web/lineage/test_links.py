"""Stored links: proposed at init, decided by the office only, audited, shown on pages and the API."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from ipstrategy.web.accounts.services import account_create
from ipstrategy.web.foundation.audit import audit_verify
from ipstrategy.web.foundation.audit_models import AuditEntry
from ipstrategy.web.lineage.models import LinkState, TaskLink
from ipstrategy.web.lineage.services import link_add, link_reject, links_propose
from ipstrategy.web.plans.models import Plan, Task

pytestmark = pytest.mark.django_db

P2012 = "001_2f910b4b67935e32.txt"
P2020 = "004_7ca9520cd5ea7a07.txt"


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _task(filename: str, order: int) -> Task:
    return Task.objects.get(plan__source_filename=filename, order=order)


def _account(name: str, role: str, *departments: str) -> Any:
    return account_create(
        username=name,
        password="pw-" + name,
        role=role,
        departments=departments,
        email=f"{name}@example.org",
        check_password=False,
    )


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _sword_net() -> TaskLink:
    """2012's 8th special campaign on internet piracy and 2020's "Sword Net" campaign."""
    a, b = _task(P2012, 36), _task(P2020, 41)
    return TaskLink.objects.get(task_a=min(a, b, key=lambda t: t.pk), task_b=max(a, b, key=lambda t: t.pk))


def test_init_proposed_links_between_the_bundled_plans() -> None:
    link = _sword_net()
    assert link.state == LinkState.PROPOSED and link.grade == "strong" and link.score > 0
    assert TaskLink.objects.filter(task_a__plan=link.task_a.plan, task_b__plan=link.task_a.plan).count() == 0


def test_task_page_shows_the_commitment_in_the_other_plan(client: Client) -> None:
    earlier, later = _task(P2012, 36), _task(P2020, 41)
    page = client.get(f"/tasks/{earlier.pk}/").content.decode()
    assert f'href="/tasks/{later.pk}/"' in page
    assert "will appear here" not in page
    api = client.get(f"/api/v1/lineage/tasks/{later.pk}").json()
    assert [row["task_id"] for row in api][:1] == [earlier.pk]  # oldest plan first
    assert {row["plan_id"] for row in api} >= {earlier.plan_id, later.plan_id}


def test_office_confirms_and_the_audit_chain_holds() -> None:
    office = _account("l-office", "office")
    link = _sword_net()
    before = AuditEntry.objects.count()
    response = _client(office).post(f"/lineage/links/{link.pk}/confirm/", {"back": link.task_a_id})
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.state == LinkState.CONFIRMED and link.decided_by == office
    assert AuditEntry.objects.count() == before + 1
    assert AuditEntry.objects.order_by("-seq").first().action == "link_confirmed"
    assert audit_verify().ok


@pytest.mark.parametrize("role", ["reporter", "evaluator", "anonymous"])
def test_only_the_office_decides_links(role: str) -> None:
    link = _sword_net()
    client = Client() if role == "anonymous" else _client(_account(f"l-{role}", role, "CNIPA"))
    before = (AuditEntry.objects.count(), TaskLink.objects.count())
    page = client.post(f"/lineage/links/{link.pk}/reject/")
    api = client.post(f"/api/v1/lineage/links/{link.pk}/confirm", content_type="application/json")
    added = client.post(
        "/api/v1/lineage/links",
        {"task_id": link.task_a_id, "other_task_id": _task(P2020, 1).pk},
        content_type="application/json",
    )
    assert page.status_code in {302, 403} and page.status_code != 200
    assert api.status_code in {401, 403} and added.status_code in {401, 403}
    link.refresh_from_db()
    assert link.state == LinkState.PROPOSED
    assert (AuditEntry.objects.count(), TaskLink.objects.count()) == before


def test_rejected_links_are_not_proposed_again() -> None:
    office = _account("l-office2", "office")
    link = _sword_net()
    link_reject(link=link, user=office, reason="different campaigns")
    stored = TaskLink.objects.count()
    links_propose(plans=list(Plan.objects.all()))  # the same plans as at init: nothing new
    links_propose(plans=list(Plan.objects.filter(source_filename__in=[P2012, P2020])))
    assert TaskLink.objects.filter(task_a=link.task_a, task_b=link.task_b).count() == 1
    assert TaskLink.objects.count() >= stored
    link.refresh_from_db()
    assert link.state == LinkState.REJECTED
    later = _task(P2020, 41)
    assert all(row["task_id"] != link.task_a_id for row in Client().get(f"/api/v1/lineage/tasks/{later.pk}").json())


def test_office_adds_a_link_by_hand_but_not_inside_one_plan() -> None:
    office = _account("l-office3", "office")
    a, b = _task(P2012, 2), _task(P2020, 100)
    TaskLink.objects.filter(task_a__in=[a, b], task_b__in=[a, b]).delete()
    link = link_add(task=a, other=b, user=office)
    assert link.manual and link.state == LinkState.CONFIRMED and link.task_a_id < link.task_b_id
    response = _client(office).post(
        "/api/v1/lineage/links", {"task_id": a.pk, "other_task_id": _task(P2012, 3).pk}, content_type="application/json"
    )
    assert response.status_code == 409 and "same plan" in response.json()["detail"]


def test_compare_two_plans_counts_continued_new_and_dropped(client: Client) -> None:
    earlier = Plan.objects.get(source_filename=P2012)
    later = Plan.objects.get(source_filename=P2020)
    data = client.get(f"/api/v1/lineage/compare?a={later.pk}&b={earlier.pk}").json()
    assert data["earlier_plan_id"] == earlier.pk
    counts = data["counts"]
    assert counts["continued"] > 0
    continued_earlier = {a for a, _ in data["continued"]}
    assert len(continued_earlier) + counts["dropped"] == earlier.tasks.count()
    assert len({b for _, b in data["continued"]}) + counts["new"] == later.tasks.count()
    page = client.get(f"/lineage/compare/?a={earlier.pk}&b={later.pk}").content.decode()
    assert f'id="count-dropped">{counts["dropped"]}<' in page


def test_department_view_lists_unfinished_recurring_commitments(client: Client) -> None:
    chains = client.get("/api/v1/lineage/departments/CNIPA/recurring").json()
    assert chains, "SIPO's 2012 tasks continued by CNIPA in 2020 should recur"
    assert all(len({o["plan_id"] for o in chain}) >= 2 for chain in chains)
    assert all(o["status"] != "completed" for chain in chains for o in chain)
    assert client.get("/lineage/departments/CNIPA/").status_code == 200
    assert client.get("/lineage/departments/NOPE/").status_code == 404
    assert client.get("/api/v1/lineage/departments/NOPE/recurring").status_code == 404


def test_unknown_and_odd_ids_are_not_500(client: Client) -> None:
    assert client.get("/api/v1/lineage/tasks/999999").status_code == 404
    assert client.get("/api/v1/lineage/compare?a=1&b=x").status_code in {400, 422}
    assert client.get("/lineage/compare/?a=99999999999999&b=1").status_code == 200
