"""API of the agencies area: departments with their successor chains (their tasks: ``portal.api``)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Router, Schema
from pydantic import Field

from ipstrategy.web.agencies import policies
from ipstrategy.web.agencies.models import Agency
from ipstrategy.web.agencies.selectors import (
    SuccessionGraph,
    agencies_with_task_counts,
    agency_get,
    succession_graph,
)
from ipstrategy.web.foundation.api_tables import CSV_RESPONSE, Format, listing
from ipstrategy.web.foundation.page_cache import public_api_operation

router = Router(tags=["agencies"])


class AgencyOut(Schema):
    code: str
    name_en: str
    name_zh: str
    kind: str
    valid_from: int | None
    valid_to: int | None
    successor: str | None
    successor_chain: list[str] = Field(description="Each later body in turn, ending with the body today.")
    current_code: str = Field(description="The body that answers for this one today (itself if unchanged).")
    leads: int
    joins: int


class AgencyDetailOut(AgencyOut):
    predecessors: list[str] = Field(description="Bodies whose functions this one took over, nearest first.")
    notes: str = Field(description="The registry's curation notes: for the office only (empty for everyone else).")


def agency_out(agency: Agency, graph: SuccessionGraph, leads: int, joins: int) -> AgencyOut:
    """A department with where its successor chain leads."""
    chain = graph.chain(agency.code)
    return AgencyOut(
        code=agency.code,
        name_en=agency.name_en,
        name_zh=agency.name_zh,
        kind=agency.kind,
        valid_from=agency.valid_from,
        valid_to=agency.valid_to,
        successor=agency.successor.code if agency.successor else None,
        successor_chain=chain[1:],
        current_code=chain[-1],
        leads=leads,
        joins=joins,
    )


def _agency(code: str) -> Agency:
    try:
        return agency_get(code=code)
    except Agency.DoesNotExist as exc:
        raise Http404(code) from exc


@router.get("", response=list[AgencyOut], summary="List the departments", openapi_extra=CSV_RESPONSE)
@public_api_operation
def agencies_list(request: HttpRequest, format: Format = None) -> list[AgencyOut] | HttpResponse:
    """Every department, with its successor chain and the tasks it leads and joins under its own code."""
    graph = succession_graph()
    items = [agency_out(a, graph, a.leads, a.joins) for a in agencies_with_task_counts()]
    return listing(request, format, items, schema=AgencyOut, name="agencies")


@router.get("/{code}", response=AgencyDetailOut, summary="Get a department")
@public_api_operation
def agency_detail(request: HttpRequest, code: str) -> AgencyDetailOut:
    """One department: names, years, successor chain and predecessors."""
    agency = _agency(code)
    graph = succession_graph()
    counted = agencies_with_task_counts().get(pk=agency.pk)
    base = agency_out(agency, graph, counted.leads, counted.joins)
    notes = agency.notes if policies.can_read_notes(request.user) else ""
    return AgencyDetailOut(**base.dict(), predecessors=graph.predecessors(agency.code), notes=notes)
