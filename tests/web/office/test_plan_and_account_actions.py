"""What each role may do to plans, tasks and accounts (``actions_for``), as tables, and the
agreement of the workspace's and the people services with them: a step the policy does not offer
is refused, and the pages show only the buttons it offers."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from ipstrategy.web.accounts import policies as account_policies
from ipstrategy.web.accounts.people import account_set_active, password_reset_send
from ipstrategy.web.foundation.errors import Conflict, InputInvalid, NotAllowed
from ipstrategy.web.plans import policies as plan_policies
from ipstrategy.web.plans.models import PlanStatus
from ipstrategy.web.plans.workspace import plan_publish_by, task_edit, task_merge, task_remove, task_split

from ..factories import plan_create
from .conftest import People

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "status", "expected"),
    [
        ("office", PlanStatus.DRAFT, {"correct", "revise", "publish"}),
        ("office", PlanStatus.PUBLISHED, {"correct", "revise"}),
        ("cnipa", PlanStatus.DRAFT, set()),
        ("cnipa", PlanStatus.PUBLISHED, set()),
        ("evaluator", PlanStatus.DRAFT, set()),
    ],
)
def test_plan_actions_by_role_and_status(people: People, role: str, status: str, expected: set[str]) -> None:
    plan = plan_create(status=status)
    assert plan_policies.actions_for(getattr(people, role), plan) == expected
    task = plan.tasks.first()
    task_expected = {"edit", "split", "remove", "merge"} if role == "office" else set()
    assert plan_policies.actions_for(getattr(people, role), task) == task_expected


def test_publish_is_offered_once_and_the_service_agrees(people: People) -> None:
    plan = plan_create(status=PlanStatus.DRAFT)
    plan_publish_by(plan=plan, actor=people.office)
    plan.refresh_from_db()
    assert "publish" not in plan_policies.actions_for(people.office, plan)
    with pytest.raises(Conflict):
        plan_publish_by(plan=plan, actor=people.office)


@pytest.mark.parametrize(
    "step",
    [
        lambda task, actor: task_edit(task=task, actor=actor, changes={"text": "changed"}),
        lambda task, actor: task_split(task=task, actor=actor, at=5),
        lambda task, actor: task_merge(task=task, actor=actor),
        lambda task, actor: task_remove(task=task, actor=actor),
        lambda task, actor: plan_publish_by(plan=task.plan, actor=actor),
    ],
)
def test_a_reporter_is_refused_every_step_and_nothing_changes(people: People, step: Any) -> None:
    plan = plan_create(status=PlanStatus.DRAFT)
    task = plan.tasks.order_by("order").first()
    before = list(plan.tasks.order_by("order").values_list("text", flat=True))
    with pytest.raises(NotAllowed):
        step(task, people.cnipa)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT
    assert list(plan.tasks.order_by("order").values_list("text", flat=True)) == before


def test_the_workspace_page_offers_publish_only_on_a_draft(people: People) -> None:
    client = Client()
    client.force_login(people.office)
    draft, published = plan_create(status=PlanStatus.DRAFT), plan_create(status=PlanStatus.PUBLISHED)
    draft_page = client.get(_workspace_url(draft.pk)).content.decode()
    published_page = client.get(_workspace_url(published.pk)).content.decode()
    assert _publish_url(draft.pk) in draft_page
    assert _publish_url(published.pk) not in published_page


def _workspace_url(plan_id: int) -> str:
    from django.urls import reverse

    return reverse("plans:workspace-plan", args=[plan_id])


def _publish_url(plan_id: int) -> str:
    from django.urls import reverse

    return reverse("plans:workspace-publish", args=[plan_id])


def test_account_actions_by_state(people: People) -> None:
    office, reporter = people.office, people.cnipa
    reporter.email = "r@example.org"
    reporter.save()
    assert account_policies.actions_for(office, reporter) == {"edit", "deactivate", "reset_password"}
    assert account_policies.actions_for(office, office) - {"reset_password"} == {"edit"}  # never oneself
    reporter.email = ""
    assert account_policies.actions_for(office, reporter) == {"edit", "deactivate"}
    reporter.is_active = False
    assert account_policies.actions_for(office, reporter) == {"edit", "reactivate"}
    for other in (people.cnipa, people.evaluator):
        assert account_policies.actions_for(other, office) == frozenset()


def test_the_people_services_refuse_what_the_policy_does_not_offer(people: People) -> None:
    office, reporter = people.office, people.cnipa
    with pytest.raises(Conflict):
        account_set_active(user=office, actor=office, active=False)
    office.refresh_from_db()
    assert office.is_active
    reporter.email = ""
    reporter.save()
    with pytest.raises(InputInvalid):
        password_reset_send(user=reporter, actor=office)
    account_set_active(user=reporter, actor=office, active=False)
    reporter.email = "r@example.org"
    reporter.save()
    with pytest.raises(Conflict):
        password_reset_send(user=reporter, actor=office)
    with pytest.raises(NotAllowed):
        account_set_active(user=office, actor=people.evaluator, active=False)


def test_the_account_page_offers_no_self_deactivation(people: People) -> None:
    from django.urls import reverse

    client = Client()
    client.force_login(people.office)
    own = client.get(reverse("accounts:edit", args=[people.office.pk])).content.decode()
    other = client.get(reverse("accounts:edit", args=[people.cnipa.pk])).content.decode()
    assert reverse("accounts:active", args=[people.office.pk]) not in own
    assert reverse("accounts:active", args=[people.cnipa.pk]) in other
