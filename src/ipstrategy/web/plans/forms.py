"""The task filter of a plan page: validates the query string, offers only choices that exist."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from ipstrategy.web.agencies.fields import department_label
from ipstrategy.web.agencies.models import Agency
from ipstrategy.web.foundation.collation import departments_sorted
from ipstrategy.web.plans.models import Role, Section
from ipstrategy.web.plans.status import status_source
from ipstrategy.web.plans.task_selectors import TaskQuery


class TaskFilterForm(forms.Form):
    """Section, department, role, status and words; every field optional, bad values ignored."""

    section = forms.TypedChoiceField(label=_("Section"), required=False, coerce=int, empty_value=None)
    agency = forms.ChoiceField(label=_("Department"), required=False)
    role = forms.ChoiceField(
        label=_("Role"),
        required=False,
        choices=[("", _("Lead or participant")), (Role.LEAD, _("Lead")), (Role.PARTICIPANT, _("Participant"))],
    )
    status = forms.ChoiceField(label=_("Status"), required=False)
    q = forms.CharField(label=_("Words in the task"), required=False, max_length=200)

    def __init__(self, data: Mapping[str, Any] | None, *, sections: list[Section], agencies: list[Agency]) -> None:
        super().__init__(data)
        indent = "\u00a0\u00a0"
        depth: dict[int | None, int] = {None: -1}
        for s in sections:  # printed order: a parent comes before its sub-sections
            depth[s.pk] = depth.get(s.parent_id, -1) + 1
        self._choice_field("section").choices = [("", _("All sections"))] + [
            (s.pk, f"{indent * depth[s.pk]}{s.key} {s.title}".rstrip()[:90]) for s in sections
        ]
        self._choice_field("agency").choices = [("", _("All departments"))] + [
            (a.code, department_label(a)) for a in departments_sorted(agencies)
        ]
        statuses = status_source().choices()
        self._choice_field("status").choices = [("", _("Any status")), *statuses]
        self.has_status = bool(statuses)

    def _choice_field(self, name: str) -> forms.ChoiceField:
        return cast(forms.ChoiceField, self.fields[name])  # declared above as a (typed) choice field

    def task_query(self, *, plan_id: int) -> TaskQuery:
        """The query the valid fields describe; an invalid field narrows nothing."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return TaskQuery(
            plan_id=plan_id,
            section_id=data.get("section"),
            agency=data.get("agency") or "",
            role=data.get("role") or "",
            status=data.get("status") or "",
            text=(data.get("q") or "").strip(),
        )
