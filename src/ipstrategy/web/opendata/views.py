"""``/data/``: the page saying what the package holds and of when, and the downloads at stable addresses."""

from __future__ import annotations

from datetime import UTC, datetime

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import http_date
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from ipstrategy.web.opendata.package import DESCRIPTOR_NAME, JSON_NAME, ZIP_NAME
from ipstrategy.web.opendata.served import opendata_fresh, root
from ipstrategy.web.opendata.tables import TABLES

#: What each table holds, in the page's language (the package itself describes them in English).
HOLDS = {
    "departments": _("Every body plans name, as it existed at the time, with its successor after a reorganisation."),
    "plans": _("Published plans: title, type, language, date, period, the plan each implements."),
    "plan_issuers": _("The bodies that issued each plan, in printed order."),
    "sections": _("The headings of each plan, as printed and nested."),
    "tasks": _("The numbered tasks of each plan, with the responsibility as printed."),
    "responsibilities": _("The departments responsible for each task: lead, participants, others."),
    "targets": _("The quantities tasks promise."),
    "indicators": _("Indicators the plans set: names, units, direction, definitions."),
    "indicator_values": _(
        "Baselines and targets from the plans, and published observations with publisher and release."
    ),
    "reports": _("Approved progress reports: progress, percent complete, what was done."),
    "task_links": _("Links between tasks of different plans that carry the same commitment (confirmed or strong)."),
}

CONTENT_TYPES = {ZIP_NAME: "application/zip", JSON_NAME: "application/json", DESCRIPTOR_NAME: "application/json"}


def _created(stamp: str) -> datetime:
    return datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


@require_GET
def data_page(request: HttpRequest) -> HttpResponse:
    """The date of the data, each table with what it holds and how many rows, the downloads."""
    current = opendata_fresh()
    tables = [
        {"name": t.name, "description": HOLDS.get(t.name, t.description), "rows": current["rows"].get(t.name, 0)}
        for t in TABLES
    ]
    context = {"created": _created(current["created"]), "tables": tables, "zip_name": ZIP_NAME, "json_name": JSON_NAME}
    return render(request, "opendata/data.html", context)


@require_GET
def data_file(request: HttpRequest, name: str) -> FileResponse:
    """One of the served files, built first when public data changed since the last build."""
    if name not in CONTENT_TYPES:
        raise Http404(name)
    current = opendata_fresh()
    del request  # anyone may download
    response = FileResponse(
        (root() / name).open("rb"), content_type=CONTENT_TYPES[name], as_attachment=name == ZIP_NAME, filename=name
    )
    response["Last-Modified"] = http_date(_created(current["created"]).timestamp())
    response["Cache-Control"] = "public, max-age=300"
    return response
