"""A filtered task list as a table, for the CSV and XLSX downloads of a plan page."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ipstrategy.web.agencies.selectors import SuccessionGraph
from ipstrategy.web.foundation.tabular import Table
from ipstrategy.web.plans.selectors import TaskView


def _target_text(view: TaskView) -> str:
    return "; ".join(str(t) for t in view.task.targets.all())


def tasks_table(views: list[TaskView], *, graph: SuccessionGraph, with_status: bool) -> Table:
    """One row per task; bodies by the code the plan printed, with the lead's body today beside it."""
    columns = [
        _("Plan"),
        _("Number"),
        _("Section"),
        _("Section title"),
        _("Task"),
        _("Lead"),
        _("Lead today"),
        _("Participants"),
        _("Also responsible"),
        _("Targets"),
    ]
    if with_status:
        columns.append(_("Status"))
    rows = []
    for view in views:
        task, lead = view.task, view.lead.agency_code if view.lead else ""
        row = [
            task.plan.title,
            task.number or "",
            task.section.key if task.section else "",
            task.section.title if task.section else "",
            task.text,
            lead,
            graph.current(lead) if lead else "",
            ", ".join(r.agency_code for r in view.participants),
            "; ".join(r.name_as_printed for r in view.others),
            _target_text(view),
        ]
        rows.append([*row, view.status_label] if with_status else row)
    return Table(columns=columns, rows=rows)
