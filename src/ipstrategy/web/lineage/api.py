"""API of the lineage area (``/api/v1/lineage/...``): chains, plan comparisons, a department's
unfinished recurring commitments, and the office's decisions on links.

Reads are public (published plans only); writes use the session and the CSRF token, like the
tracking API, and answer 401, 403, 404 or 400 with a message.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.security import django_auth

from ipstrategy.core.identifiers import MAX_ROW_ID
from ipstrategy.web.agencies.selectors import succession_graph
from ipstrategy.web.foundation.api_input import BodyIn, Whole
from ipstrategy.web.lineage import selectors, services
from ipstrategy.web.lineage.errors import LineageError
from ipstrategy.web.lineage.models import TaskLink
from ipstrategy.web.lineage.policies import actions_for
from ipstrategy.web.plans.models import Task
from ipstrategy.web.plans.selectors import plans_visible

router = Router(tags=["lineage"])


class OccurrenceOut(Schema):
    task_id: int
    plan_id: int
    plan_title: str
    year: int | None
    number: str | None
    text: str
    status: str


class ComparisonOut(Schema):
    earlier_plan_id: int
    later_plan_id: int
    counts: dict[str, int]
    continued: list[tuple[int, int]]
    new: list[int]
    dropped: list[int]


class LinkIn(BodyIn):
    task_id: Whole = Field(ge=1, le=MAX_ROW_ID)
    other_task_id: Whole = Field(ge=1, le=MAX_ROW_ID)


class DecisionIn(BodyIn):
    reason: str = Field("", max_length=500)


class LinkOut(Schema):
    id: int
    task_a_id: int
    task_b_id: int
    score: float | None
    grade: str
    state: str
    manual: bool
    actions: list[str] = Field(description="what the caller may do to the link now: confirm, reject")


def _occurrence(o: selectors.Occurrence) -> OccurrenceOut:
    t = o.task
    return OccurrenceOut(
        task_id=t.pk,
        plan_id=t.plan_id,
        plan_title=t.plan.title,
        year=o.year,
        number=t.number,
        text=t.text,
        status=o.status,
    )


def _link(link: TaskLink, user: Any) -> LinkOut:
    return LinkOut(
        id=link.pk,
        task_a_id=link.task_a_id,
        task_b_id=link.task_b_id,
        score=link.score,
        grade=link.grade,
        state=link.state,
        manual=link.manual,
        actions=sorted(actions_for(user, link)),
    )


def _visible_task(request: HttpRequest, task_id: int) -> Task:
    return get_object_or_404(Task.objects.select_related("plan"), pk=task_id, plan__in=plans_visible(user=request.user))


@contextmanager
def _refusals() -> Iterator[None]:
    try:
        yield
    except LineageError as exc:
        raise HttpError(exc.http_status, str(exc)) from exc


@router.get("/tasks/{task_id}", response=list[OccurrenceOut], summary="The same commitment across plans")
def task_lineage(request: HttpRequest, task_id: int) -> list[OccurrenceOut]:
    """Every occurrence of the task's commitment, oldest plan first, with its latest status."""
    task = _visible_task(request, task_id)
    return [_occurrence(o) for o in selectors.task_lineage(task=task, user=request.user)]


@router.get("/compare", response=ComparisonOut, summary="Two plans compared")
def compare(request: HttpRequest, a: int, b: int) -> ComparisonOut:
    """Tasks continued from the earlier plan, new in the later one, and dropped."""
    visible = plans_visible(user=request.user)
    result = selectors.plans_compare(plan_a=get_object_or_404(visible, pk=a), plan_b=get_object_or_404(visible, pk=b))
    return ComparisonOut(
        earlier_plan_id=result.earlier.pk,
        later_plan_id=result.later.pk,
        counts={"continued": len(result.continued), "new": len(result.new), "dropped": len(result.dropped)},
        continued=[(x.pk, y.pk) for x, y in result.continued],
        new=[t.pk for t in result.new],
        dropped=[t.pk for t in result.dropped],
    )


@router.get("/departments/{code}/recurring", response=list[list[OccurrenceOut]], summary="Unfinished recurring")
def recurring(request: HttpRequest, code: str) -> list[list[OccurrenceOut]]:
    """Commitments the department (or a predecessor) led in two or more plans, never completed."""
    graph = succession_graph()
    if code.upper() not in graph.successor_of:
        raise HttpError(404, f"no department {code!r}")
    codes = {code.upper(), *graph.predecessors(code.upper())}
    chains = selectors.recurring_unfinished(codes=codes, user=request.user)
    return [[_occurrence(o) for o in chain] for chain in chains]


@router.post("/links", response={201: LinkOut}, auth=django_auth, summary="Add a link by hand (office)")
def link_add(request: HttpRequest, body: LinkIn) -> tuple[int, LinkOut]:
    task, other = _visible_task(request, body.task_id), _visible_task(request, body.other_task_id)
    with _refusals():
        return 201, _link(services.link_add(task=task, other=other, user=request.user), request.user)


@router.post("/links/{link_id}/confirm", response=LinkOut, auth=django_auth, summary="Confirm a link (office)")
def link_confirm(request: HttpRequest, link_id: int) -> LinkOut:
    link = get_object_or_404(TaskLink, pk=link_id)
    with _refusals():
        return _link(services.link_confirm(link=link, user=request.user), request.user)


@router.post("/links/{link_id}/reject", response=LinkOut, auth=django_auth, summary="Reject a link (office)")
def link_reject(request: HttpRequest, link_id: int, body: DecisionIn) -> LinkOut:
    link = get_object_or_404(TaskLink, pk=link_id)
    with _refusals():
        return _link(services.link_reject(link=link, user=request.user, reason=body.reason[:500]), request.user)
