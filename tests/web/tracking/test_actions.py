"""What each role may do to each object, by state: ``actions_for`` of every area, as tables.

One definition per workflow rule: the tables say what the pages and the API offer, and the
agreement tests check that the services accept exactly those steps (and refuse the rest). A write
the policy refuses answers 403 on the page and in the API, never 500, and changes nothing.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client
from django.utils import timezone

from ipstrategy.web.delivery import policies as delivery_policies
from ipstrategy.web.evaluation import policies as evaluation_policies
from ipstrategy.web.evaluation.models import Evaluation
from ipstrategy.web.evaluation.services import evaluation_assign, evaluation_close, evaluation_open, rating_set
from ipstrategy.web.foundation.audit_models import AuditEntry
from ipstrategy.web.foundation.errors import ServiceError
from ipstrategy.web.indicators import policies as indicator_policies
from ipstrategy.web.indicators.models import Indicator, IndicatorValue
from ipstrategy.web.lineage import policies as lineage_policies
from ipstrategy.web.lineage.models import LinkGrade, LinkState, TaskLink
from ipstrategy.web.plans.models import Plan
from ipstrategy.web.tracking import policies as tracking_policies
from ipstrategy.web.tracking.models import ProgressReport, ReportingPeriod
from ipstrategy.web.tracking.queue import report_withdraw
from ipstrategy.web.tracking.selectors import period_duties
from ipstrategy.web.tracking.services import (
    period_close,
    period_reopen,
    report_create,
    report_transition,
    report_update,
)
from ipstrategy.web.tracking.validation import ReportInput

from ..factories import plan_create
from .conftest import People, account
from .factories import report_make
from .test_permissions import FORM

ROLES = ["office", "cnipa", "most", "evaluator", "outsider", "anonymous"]


NOBODY: frozenset[str] = frozenset()


def user_of(people: People, role: str) -> Any:
    if role == "anonymous":
        from django.contrib.auth.models import AnonymousUser

        return AnonymousUser()
    return people.by_role(role)


def everything() -> dict[str, Any]:
    """What any of the refused writes below could change."""
    return {
        "reports": list(ProgressReport.objects.order_by("pk").values()),
        "periods": list(ReportingPeriod.objects.order_by("pk").values()),
        "evaluations": list(Evaluation.objects.order_by("pk").values()),
        "values": list(IndicatorValue.objects.order_by("pk").values()),
        "links": list(TaskLink.objects.order_by("pk").values()),
        "audit": AuditEntry.objects.count(),
        "users": get_user_model().objects.count(),
    }


def client_of(people: People, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(people.by_role(role))
    return client


# --- reports: role x status x period ---------------------------------------------------------------

REPORT_TABLE: dict[tuple[str, str], dict[str, frozenset[str]]] = {
    # (status, period) -> role -> actions; roles not named may do nothing
    ("draft", "open"): {"cnipa": frozenset({"edit", "submit"})},
    ("submitted", "open"): {"office": frozenset({"approve", "return"}), "cnipa": frozenset({"withdraw"})},
    ("returned", "open"): {"cnipa": frozenset({"edit", "resubmit"})},
    ("resubmitted", "open"): {"office": frozenset({"approve", "return"}), "cnipa": frozenset({"withdraw"})},
    ("approved", "open"): {},
    ("draft", "closed"): {},
    ("submitted", "closed"): {"office": frozenset({"approve", "return"})},  # reviews go on
    ("returned", "closed"): {},
    ("resubmitted", "closed"): {"office": frozenset({"approve", "return"})},
    ("approved", "closed"): {},
}


def _report(plan: Plan, period: ReportingPeriod, people: People, status: str, state: str) -> ProgressReport:
    report = report_make(
        task=plan.tasks.first(), period=period, actor=people.cnipa, status=status, office=people.office
    )
    if state == "closed":
        period_close(period=period, actor=people.office)
        report = ProgressReport.objects.get(pk=report.pk)
    return report


@pytest.mark.parametrize(("status", "state"), list(REPORT_TABLE))
def test_report_actions_by_role_and_state(
    plan: Plan, period: ReportingPeriod, people: People, status: str, state: str
) -> None:
    report = _report(plan, period, people, status, state)
    shown = {role: tracking_policies.actions_for(user_of(people, role), report) for role in ROLES}
    assert shown == {role: REPORT_TABLE[status, state].get(role, NOBODY) for role in ROLES}


# --- reports: the services refuse exactly where actions_for says no -------------------------------

#: Who tries every write: the office, the reporters of the task's lead department (CNIPA, through
#: SIPO), of a participating one (MOST) and of a department with no part in it (MOFCOM), an
#: evaluator, the public and a deactivated CNIPA reporter.
WRITERS = ["office", "cnipa", "most", "mofcom", "evaluator", "anonymous", "inactive"]
EDITED = ReportInput(progress="in_progress", percent=60, narrative="Consulted the courts.", next_steps="Publish.")


@pytest.fixture
def writers(people: People) -> dict[str, Any]:
    inactive = account("t-cnipa-gone", "reporter", "CNIPA")
    inactive.is_active = False
    inactive.save(update_fields=["is_active"])
    extra = {"mofcom": account("t-mofcom", "reporter", "MOFCOM"), "inactive": inactive}
    return {role: extra[role] if role in extra else user_of(people, role) for role in WRITERS}


def accepted(write: Callable[[], object]) -> bool:
    """Whether the service accepts ``write``; rolled back either way (as ``test_import_bulk.imported``
    does for the import), so every write meets the same state."""
    with transaction.atomic():
        try:
            write()
        except ServiceError:
            taken = False
        else:
            taken = True
        transaction.set_rollback(True)
    return taken


def report_writes(report: ProgressReport, user: Any) -> dict[str, Callable[[], object]]:
    """Every write on an existing report, by the action ``actions_for`` names it with."""
    steps = {
        step: functools.partial(report_transition, report=report, action=step, actor=user, reason="Needs figures.")
        for step in tracking_policies.REPORT_STEPS
    }
    return {
        "edit": functools.partial(report_update, report=report, actor=user, data=EDITED),
        "withdraw": functools.partial(report_withdraw, report=report, actor=user),
        **steps,
    }


@pytest.mark.parametrize("agency", ["CNIPA", "MOST"], ids=["lead", "participant"])
@pytest.mark.parametrize(("status", "state"), list(REPORT_TABLE))
def test_the_services_take_exactly_the_actions_offered(
    plan: Plan, period: ReportingPeriod, people: People, writers: dict[str, Any], agency: str, status: str, state: str
) -> None:
    """For each writer, the writes the services accept on a lead's or a participant's report are the
    actions ``actions_for`` offers (edit, withdraw, submit, resubmit, return, approve), no more, no fewer."""
    reporter = people.cnipa if agency == "CNIPA" else people.most
    made = report_make(
        task=plan.tasks.first(), period=period, actor=reporter, agency=agency, status=status, office=people.office
    )
    if state == "closed":
        period_close(period=period, actor=people.office)
    report = ProgressReport.objects.select_related("agency", "period", "task__plan").get(pk=made.pk)
    for role, user in writers.items():
        taken = {action for action, write in report_writes(report, user).items() if accepted(write)}
        assert taken == tracking_policies.actions_for(user, report), (role, agency, status, state)
    assert tracking_policies.actions_for(writers["inactive"], report) == NOBODY  # a deactivated account acts for nobody


@pytest.mark.parametrize("state", ["open", "closed"])
def test_a_report_is_started_exactly_where_the_period_offers_it_for_a_department_owing_it(
    plan: Plan, period: ReportingPeriod, people: People, writers: dict[str, Any], state: str
) -> None:
    """``report`` on the period (a reporter, while it is open), for one of the reporter's departments
    that owes a report on the task: CNIPA (lead) and MOST (participant) do, MOFCOM does not."""
    if state == "closed":
        period_close(period=period, actor=people.office)
    assert tracking_policies.actions_for(writers["inactive"], period) == NOBODY
    task = plan.tasks.first()
    owing = {d.agency_code for d in period_duties(period=period) if d.task.pk == task.pk}
    for role, user in writers.items():
        for agency in ("CNIPA", "MOST", "MOFCOM"):
            offered = "report" in tracking_policies.actions_for(user, period)
            expected = offered and agency in tracking_policies.reporter_scope(user) and agency in owing
            create = functools.partial(
                report_create, task=task, agency_code=agency, period=period, actor=user, data=EDITED
            )
            assert accepted(create) == expected, (role, agency, state)


def test_the_services_ask_the_policies_and_decide_nothing_themselves(
    plan: Plan, period: ReportingPeriod, people: People, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the policies refusing everything, every write refuses, with the error it gives for that
    refusal today: a rule kept in a service besides the policies would let one through here."""
    task = plan.tasks.first()
    draft = report_make(task=task, period=period, actor=people.cnipa)
    submitted = report_make(task=plan.tasks.last(), period=period, actor=people.cnipa, status="submitted")
    monkeypatch.setattr(tracking_policies, "actions_for", lambda user, obj: NOBODY)
    monkeypatch.setattr(tracking_policies, "can_create_report", lambda user, **kwargs: False)
    for who, report, action in [
        (people.cnipa, draft, "edit"),
        (people.cnipa, draft, "submit"),
        (people.cnipa, submitted, "withdraw"),
        (people.office, submitted, "approve"),
        (people.office, submitted, "return"),
    ]:
        with pytest.raises(ServiceError):
            report_writes(report, who)[action]()
    with pytest.raises(ServiceError):
        report_create(task=plan.tasks.all()[1], agency_code="CNIPA", period=period, actor=people.cnipa, data=EDITED)


# --- periods ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("state", ["open", "closed"])
def test_period_actions_by_role_and_state(period: ReportingPeriod, people: People, state: str) -> None:
    if state == "closed":
        period_close(period=period, actor=people.office)
    expected = {"office": frozenset({"close" if state == "open" else "reopen"})}
    if state == "open":  # reporters write their departments' reports while the period is open
        expected |= {"cnipa": frozenset({"report"}), "most": frozenset({"report"})}
    shown = {role: tracking_policies.actions_for(user_of(people, role), period) for role in ROLES}
    assert shown == {role: expected.get(role, NOBODY) for role in ROLES}


@pytest.mark.parametrize("state", ["open", "closed"])
def test_period_service_takes_exactly_the_steps_offered(period: ReportingPeriod, people: People, state: str) -> None:
    if state == "closed":
        period_close(period=period, actor=people.office)
    steps = {
        "close": lambda user: period_close(period=period, actor=user),
        "reopen": lambda user: period_reopen(period=period, actor=user, reason="A late correction."),
    }
    for role in ("cnipa", "evaluator", "outsider", "office"):
        user = user_of(people, role)
        offered = tracking_policies.actions_for(user, period)
        for step, call in steps.items():
            if step in offered:
                continue
            with pytest.raises(ServiceError):
                call(user)
        for step in offered & steps.keys():
            steps[step](user)


# --- evaluations -----------------------------------------------------------------------------------

EVALUATION_TABLE: dict[str, dict[str, frozenset[str]]] = {
    "open": {
        "office": frozenset({"assign", "weight", "close", "report"}),
        "evaluator": frozenset({"rate", "report"}),  # assigned
        "other_evaluator": frozenset({"report"}),  # not assigned: reads, does not rate
    },
    "closed": {
        "office": frozenset({"report"}),
        "evaluator": frozenset({"report"}),
        "other_evaluator": frozenset({"report"}),
    },
}


@pytest.fixture
def evaluation(plan: Plan, people: People) -> Evaluation:
    opened = evaluation_open(plan=plan, kind="mid_term", as_of=date(2099, 12, 31), actor=people.office)
    evaluation_assign(evaluation=opened, evaluator=people.evaluator, actor=people.office)
    return opened


@pytest.fixture
def other_evaluator(db: None) -> Any:
    return account("t-evaluator-3", "evaluator")


@pytest.mark.parametrize("state", list(EVALUATION_TABLE))
def test_evaluation_actions_by_role_and_state(
    evaluation: Evaluation,
    people: People,
    other_evaluator: Any,
    state: str,
) -> None:
    if state == "closed":
        evaluation = evaluation_close(evaluation=evaluation, actor=people.office)
    roles = {**{r: user_of(people, r) for r in ROLES}, "other_evaluator": other_evaluator}
    shown = {role: evaluation_policies.actions_for(user, evaluation) for role, user in roles.items()}
    assert shown == {role: EVALUATION_TABLE[state].get(role, NOBODY) for role in roles}


@pytest.mark.parametrize("state", list(EVALUATION_TABLE))
def test_rating_is_accepted_exactly_where_offered(
    evaluation: Evaluation,
    people: People,
    other_evaluator: Any,
    state: str,
) -> None:
    if state == "closed":
        evaluation = evaluation_close(evaluation=evaluation, actor=people.office)
    task = evaluation.plan.tasks.first()
    for user in (people.office, people.evaluator, other_evaluator, people.cnipa):
        offered = "rate" in evaluation_policies.actions_for(user, evaluation)
        try:
            rating_set(evaluation=evaluation, task=task, level="limited", actor=user)
        except ServiceError:
            assert not offered, (user.username, state)
        else:
            assert offered, (user.username, state)


# --- indicators, delivery confidence, links --------------------------------------------------------


@pytest.fixture
def indicator(db: None) -> Indicator:
    indicator = Indicator.objects.create(code="t-patents", name_en="Patents")
    IndicatorValue.objects.create(indicator=indicator, year=2020, kind="observed", value=1.0)
    return indicator


def test_indicator_and_value_actions_by_role(people: People, indicator: Indicator) -> None:
    value = indicator.values.get()
    for role in ROLES:
        user = user_of(people, role)
        office = role == "office"
        assert indicator_policies.actions_for(user, indicator) == (
            {"edit", "add_value", "import"} if office else NOBODY
        ), role
        assert indicator_policies.actions_for(user, value) == ({"edit", "delete"} if office else NOBODY), role
        assert delivery_policies.actions_for(user, indicator) == ({"record"} if office else NOBODY), role


@pytest.fixture
def link(plan: Plan) -> TaskLink:
    other = plan_create(tasks=1, lead="MOJ")
    a, b = sorted([plan.tasks.first().pk, other.tasks.get().pk])
    return TaskLink.objects.create(task_a_id=a, task_b_id=b, score=0.9, grade=LinkGrade.STRONG)


@pytest.mark.parametrize(
    ("state", "decisions"),
    [
        (LinkState.PROPOSED, {"confirm", "reject"}),
        (LinkState.CONFIRMED, {"reject"}),
        (LinkState.REJECTED, {"confirm"}),
    ],
)
def test_link_actions_by_role_and_state(people: People, link: TaskLink, state: str, decisions: set[str]) -> None:
    link.state = state
    link.save()
    shown = {role: lineage_policies.actions_for(user_of(people, role), link) for role in ROLES}
    assert shown == {role: (frozenset(decisions) if role == "office" else NOBODY) for role in ROLES}


# --- refused writes: 403, never 500, nothing written -----------------------------------------------


def _post(client: Client, path: str, data: dict[str, Any] | None = None) -> int:
    return client.post(path, data or {}).status_code


def _api(client: Client, method: str, path: str, body: dict[str, Any]) -> int:
    call = getattr(client, method)
    return call(path, data=json.dumps(body), content_type="application/json").status_code


@pytest.mark.parametrize("role", ["cnipa", "most", "evaluator", "outsider"])
def test_refused_writes_answer_403_and_write_nothing(
    plan: Plan,
    period: ReportingPeriod,
    people: People,
    evaluation: Evaluation,
    indicator: Indicator,
    link: TaskLink,
    role: str,
) -> None:
    submitted = report_make(
        task=plan.tasks.first(), period=period, actor=people.cnipa, status="submitted", office=people.office
    )
    draft = report_make(task=plan.tasks.last(), period=period, actor=people.cnipa)
    value = indicator.values.get()
    task = plan.tasks.first()
    client = client_of(people, role)
    before = everything()
    today = timezone.localdate().isoformat()
    calls = {
        "period close (page)": lambda: _post(client, f"/tracking/periods/{period.pk}/lock/", {"action": "close"}),
        "period new (page)": lambda: _post(
            client,
            f"/tracking/plans/{plan.pk}/periods/new/",
            {"kind": "annual", "year": "2014", "number": "1", "opens_on": today, "due_on": today},
        ),
        "report approve (page)": lambda: _post(
            client, f"/tracking/reports/{submitted.pk}/action/", {"action": "approve"}
        ),
        "report approve (API)": lambda: _api(
            client, "post", f"/api/tracking/reports/{submitted.pk}/transition", {"action": "approve"}
        ),
        "evaluation close (page)": lambda: _post(client, f"/evaluation/{evaluation.pk}/close/"),
        "indicator value delete (page)": lambda: _post(
            client, f"/indicators/{indicator.code}/values/{value.pk}/delete/"
        ),
        "link confirm (page)": lambda: _post(client, f"/lineage/links/{link.pk}/confirm/"),
        "link confirm (API)": lambda: _api(client, "post", f"/api/lineage/links/{link.pk}/confirm", {}),
        "confidence (page)": lambda: _post(
            client, f"/delivery/tasks/{task.pk}/", {"rating": "red", "rationale": "x", "judged_on": today}
        ),
    }
    if role != "cnipa":  # the draft's own reporter may edit it
        calls["report edit (page)"] = lambda: _post(
            client, f"/tracking/reports/{draft.pk}/edit/", {**FORM, "version": str(draft.version)}
        )
    statuses = {name: call() for name, call in calls.items()}
    # A report the user may not even read is not found (404, no hint it exists); everything else
    # the user can see but may not change is refused (403).
    hidden = (
        {"report approve (page)", "report approve (API)", "report edit (page)"}
        if role in {"most", "outsider"}
        else set()
    )
    assert statuses == {name: 404 if name in hidden else 403 for name in calls}, role
    assert everything() == before, role


def test_the_api_returns_the_callers_actions(plan: Plan, period: ReportingPeriod, people: People) -> None:
    draft = report_make(task=plan.tasks.first(), period=period, actor=people.cnipa)
    mine = client_of(people, "cnipa").get(f"/api/tracking/reports/{draft.pk}").json()
    assert mine["actions"] == ["edit", "submit"]
    periods = client_of(people, "office").get("/api/tracking/periods").json()["items"]
    assert [p["actions"] for p in periods if p["id"] == period.pk] == [["close"]]
