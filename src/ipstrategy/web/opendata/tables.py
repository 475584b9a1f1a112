"""The tables of the open-data package: what each holds, its Table Schema, and its public rows.

Public means what the portal shows anyone: published plans and everything under them, the
department registry, indicators with their published observations and the published plans'
baselines and targets, approved reports on published plans, and the lineage links that count
(confirmed, or strong proposals not rejected) between tasks of published plans. Nothing internal:
no drafts, no reports still in review, no internal notes (``Agency.notes``, ``IndicatorValue.note``,
a report's reason for return), no user names, no parser warnings.

Each table is read with ``values_list`` in primary-key order, so 64,000 tasks export in seconds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC
from typing import Any

from ipstrategy.core.model import COMPARATORS
from ipstrategy.web.agencies.models import Agency
from ipstrategy.web.indicators.models import Indicator, IndicatorValue
from ipstrategy.web.lineage.models import TaskLink
from ipstrategy.web.lineage.selectors import counting_links_q
from ipstrategy.web.plans.models import Plan, PlanIssuer, PlanStatus, Responsibility, Section, Target, Task
from ipstrategy.web.tracking.models import ProgressReport
from ipstrategy.web.tracking.policies import public_report_q


@dataclass(frozen=True)
class Field:
    """One column: its name, Table Schema type, description, and whether it may be empty."""

    name: str
    type: str
    description: str
    required: bool = False
    enum: tuple[str, ...] = ()

    def descriptor(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "type": self.type, "description": self.description}
        if self.type == "datetime":
            out["format"] = "%Y-%m-%dT%H:%M:%SZ"
        constraints: dict[str, Any] = {}
        if self.required:
            constraints["required"] = True
        if self.enum:
            constraints["enum"] = list(self.enum)
        if constraints:
            out["constraints"] = constraints
        return out


@dataclass(frozen=True)
class ForeignKey:
    fields: tuple[str, ...]
    resource: str  # "" for the table itself
    reference: tuple[str, ...]

    def descriptor(self, own: str) -> dict[str, Any]:
        return {
            "fields": list(self.fields),
            "reference": {"resource": "" if self.resource == own else self.resource, "fields": list(self.reference)},
        }


@dataclass(frozen=True)
class Table:
    """One CSV file of the package and the JSON array of the same rows."""

    name: str
    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    rows: Callable[[Public], Iterable[tuple[Any, ...]]]
    foreign_keys: tuple[ForeignKey, ...] = field(default=())

    @property
    def path(self) -> str:
        return f"{self.name}.csv"

    def schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {
            "fields": [f.descriptor() for f in self.fields],
            "primaryKey": list(self.primary_key),
            "missingValues": [""],
        }
        if self.foreign_keys:
            schema["foreignKeys"] = [fk.descriptor(self.name) for fk in self.foreign_keys]
        return schema


class Public:
    """The ids of what is public, read once per export and shared by the tables' row readers."""

    def __init__(self) -> None:
        self.plan_ids = set(Plan.objects.filter(status=PlanStatus.PUBLISHED).values_list("pk", flat=True))
        self.agency_codes = dict(Agency.objects.values_list("pk", "code"))

    def plan(self, pk: int | None) -> int | None:
        """A reference to a plan, kept only when that plan is public too."""
        return pk if pk in self.plan_ids else None


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _stamp(value: Any) -> str | None:
    """A UTC time as ``2024-05-01T08:00:00Z``."""
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if value is not None else None


def _departments(public: Public) -> Iterator[tuple[Any, ...]]:
    codes = public.agency_codes
    for pk, code, name_en, name_zh, aliases, valid_from, valid_to, successor, kind in Agency.objects.order_by(
        "code"
    ).values_list("pk", "code", "name_en", "name_zh", "aliases", "valid_from", "valid_to", "successor_id", "kind"):
        del pk
        yield (code, name_en, name_zh, "; ".join(aliases or []), valid_from, valid_to, codes.get(successor), kind)


def _plans(public: Public) -> Iterator[tuple[Any, ...]]:
    rows = Plan.objects.filter(pk__in=public.plan_ids).order_by("pk")
    for (
        pk,
        title,
        language,
        translation_of,
        plan_type,
        issued,
        precision,
        start,
        end,
        parent,
        name,
        sha,
    ) in rows.values_list(
        "pk",
        "title",
        "language",
        "translation_of_id",
        "plan_type",
        "issue_date",
        "date_precision",
        "period_start",
        "period_end",
        "parent_id",
        "source_filename",
        "source_sha256",
    ):
        yield (
            pk,
            title,
            language,
            public.plan(translation_of),
            plan_type or None,
            _iso(issued),
            precision,
            start,
            end,
            public.plan(parent),
            name,
            sha,
        )


def _plan_issuers(public: Public) -> Iterator[tuple[Any, ...]]:
    rows = PlanIssuer.objects.filter(plan_id__in=public.plan_ids).order_by("plan_id", "order", "pk")
    for plan_id, agency_id, order in rows.values_list("plan_id", "agency_id", "order"):
        yield plan_id, public.agency_codes[agency_id], order


def _sections(public: Public) -> Iterable[tuple[Any, ...]]:
    rows = Section.objects.filter(plan_id__in=public.plan_ids).order_by("pk")
    return rows.values_list("pk", "plan_id", "key", "title", "parent_id", "order").iterator(chunk_size=5000)


def _tasks(public: Public) -> Iterable[tuple[Any, ...]]:
    rows = Task.objects.filter(plan_id__in=public.plan_ids).order_by("pk")
    return rows.values_list(
        "pk", "plan_id", "section_id", "number", "order", "text", "responsibility_raw", "retired_in__number"
    ).iterator(chunk_size=5000)


def _responsibilities(public: Public) -> Iterator[tuple[Any, ...]]:
    rows = Responsibility.objects.filter(task__plan_id__in=public.plan_ids).order_by("pk")
    for pk, task_id, agency_id, role, printed, order in rows.values_list(
        "pk", "task_id", "agency_id", "role", "name_as_printed", "order"
    ).iterator(chunk_size=5000):
        yield pk, task_id, public.agency_codes.get(agency_id), role, printed, order


def _targets(public: Public) -> Iterable[tuple[Any, ...]]:
    rows = Target.objects.filter(task__plan_id__in=public.plan_ids).order_by("pk")
    return rows.values_list("pk", "task_id", "quantity", "unit", "comparator", "text", "due_year").iterator(
        chunk_size=5000
    )


def _indicators(public: Public) -> Iterator[tuple[Any, ...]]:
    for row in Indicator.objects.order_by("code").values_list(
        "code",
        "name_en",
        "name_zh",
        "unit",
        "direction",
        "attribute",
        "trajectory",
        "definition",
        "definition_zh",
        "plan_id",
        "section",
    ):
        yield (*row[:9], public.plan(row[9]), row[10] if public.plan(row[9]) else "")


def _indicator_values(public: Public) -> Iterator[tuple[Any, ...]]:
    from django.db.models import Q

    rows = IndicatorValue.objects.filter(Q(plan__isnull=True) | Q(plan_id__in=public.plan_ids)).order_by("pk")
    yield from rows.values_list(
        "pk",
        "indicator__code",
        "year",
        "kind",
        "value",
        "source",
        "publisher",
        "release",
        "url",
        "unconfirmed",
        "plan_id",
    )


def _reports(public: Public) -> Iterator[tuple[Any, ...]]:
    rows = ProgressReport.objects.filter(public_report_q()).order_by("pk")
    for row in rows.values_list(
        "pk",
        "task_id",
        "agency_id",
        "period__year",
        "period__kind",
        "period__number",
        "role",
        "progress",
        "percent",
        "narrative",
        "problems",
        "next_steps",
        "progress_reason",
        "approved_at",
    ).iterator(chunk_size=5000):
        pk, task_id, agency_id, *rest, approved = row
        yield (pk, task_id, public.agency_codes[agency_id], *rest, _stamp(approved))


def _task_links(public: Public) -> Iterator[tuple[Any, ...]]:
    rows = TaskLink.objects.filter(
        counting_links_q(), task_a__plan_id__in=public.plan_ids, task_b__plan_id__in=public.plan_ids
    ).order_by("task_a_id", "task_b_id")
    yield from rows.values_list("task_a_id", "task_b_id", "score", "grade", "state", "manual").iterator(chunk_size=5000)


def _id(what: str) -> Field:
    return Field(
        "id",
        "integer",
        f"The {what}'s id, stable across releases (the id in the API and the portal's addresses).",
        True,
    )


_PLAN_ID = Field("plan_id", "integer", "The plan (plans.id).", True)
_TASK_ID = Field("task_id", "integer", "The task (tasks.id).", True)
_TO_PLANS = ForeignKey(("plan_id",), "plans", ("id",))
_TO_TASKS = ForeignKey(("task_id",), "tasks", ("id",))


TABLES: tuple[Table, ...] = (
    Table(
        "departments",
        "Departments",
        "Every body plans name, one row per body as it existed: a reorganised body keeps its row and names its successor.",
        (
            Field("code", "string", "Registry code, e.g. CNIPA, SIPO.", True),
            Field("name_en", "string", "English name."),
            Field("name_zh", "string", "Chinese name."),
            Field("aliases", "string", "Other spellings plans use, separated by '; '."),
            Field("valid_from", "integer", "First year the body existed in this form."),
            Field("valid_to", "integer", "Last year the body existed in this form (empty: still exists)."),
            Field("successor_code", "string", "The body that took over its IP functions (departments.code)."),
            Field(
                "kind",
                "string",
                "Coarse kind: ministry, court, party_organ, office, military, institution, agency, local_government.",
            ),
        ),
        ("code",),
        _departments,
        (ForeignKey(("successor_code",), "departments", ("code",)),),
    ),
    Table(
        "plans",
        "Plans",
        "Published plan documents: outline, action plans, five-year plans, annual promotion plans, opinions.",
        (
            _id("plan"),
            Field("title", "string", "Title as printed.", True),
            Field("language", "string", "Language of the text: zh-hans or en.", True, ("zh-hans", "en")),
            Field("translation_of_id", "integer", "The original plan when this one is a translation (plans.id)."),
            Field("plan_type", "string", "outline, action_plan, five_year_plan, annual_promotion_plan or opinions."),
            Field("issue_date", "date", "Date of issue; see date_precision for how much of it was printed."),
            Field(
                "date_precision",
                "string",
                "day, month or year: 2012-04 is given as 2012-04-01 with month.",
                True,
                ("day", "month", "year"),
            ),
            Field("period_start", "integer", "First year the plan covers."),
            Field("period_end", "integer", "Last year the plan covers."),
            Field("parent_id", "integer", "The longer plan this one implements (plans.id)."),
            Field("source_filename", "string", "File name of the source document."),
            Field("source_sha256", "string", "SHA-256 of the source document."),
        ),
        ("id",),
        _plans,
        (ForeignKey(("translation_of_id",), "plans", ("id",)), ForeignKey(("parent_id",), "plans", ("id",))),
    ),
    Table(
        "plan_issuers",
        "Issuers of plans",
        "The bodies that issued each plan, in printed order.",
        (
            _PLAN_ID,
            Field("department_code", "string", "The issuing body (departments.code).", True),
            Field("order", "integer", "Position in the printed list, from 0.", True),
        ),
        ("plan_id", "department_code"),
        _plan_issuers,
        (_TO_PLANS, ForeignKey(("department_code",), "departments", ("code",))),
    ),
    Table(
        "sections",
        "Sections",
        "The headings of each plan, keyed as printed (II.(iii)), nested through parent_id.",
        (
            _id("section"),
            _PLAN_ID,
            Field("key", "string", "Number as printed.", True),
            Field("title", "string", "Heading text."),
            Field("parent_id", "integer", "The enclosing heading (sections.id)."),
            Field("order", "integer", "Position in the plan, from 1.", True),
        ),
        ("id",),
        _sections,
        (_TO_PLANS, ForeignKey(("parent_id",), "sections", ("id",))),
    ),
    Table(
        "tasks",
        "Tasks",
        "The numbered commitments of each plan: the unit departments report progress on.",
        (
            _id("task"),
            _PLAN_ID,
            Field("section_id", "integer", "The heading the task is under (sections.id)."),
            Field("number", "string", "Number as printed (empty: unnumbered)."),
            Field("order", "integer", "Position in the plan, from 1.", True),
            Field("text", "string", "The task's text.", True),
            Field("responsibility_as_printed", "string", "The responsibility parenthesis as printed."),
            Field(
                "removed_in_revision",
                "integer",
                "The plan revision that removed the task (kept for its reports); empty: still in the plan.",
            ),
        ),
        ("id",),
        _tasks,
        (_TO_PLANS, ForeignKey(("section_id",), "sections", ("id",))),
    ),
    Table(
        "responsibilities",
        "Responsibilities",
        "The bodies named responsible for each task (as they existed on the plan's date): lead, participants, others.",
        (
            _id("responsibility"),
            _TASK_ID,
            Field(
                "department_code", "string", "The body (departments.code); empty for phrases naming no registered body."
            ),
            Field("role", "string", "lead, participant or other.", True, ("lead", "participant", "other")),
            Field("name_as_printed", "string", "The name as the plan printed it."),
            Field("order", "integer", "Position in the parenthesis, from 0.", True),
        ),
        ("id",),
        _responsibilities,
        (_TO_TASKS, ForeignKey(("department_code",), "departments", ("code",))),
    ),
    Table(
        "targets",
        "Targets",
        "The quantities tasks promise (about 30 alliances, under 16 months).",
        (
            _id("target"),
            _TASK_ID,
            Field("quantity", "number", "The number promised.", True),
            Field("unit", "string", "Its unit."),
            Field(
                "comparator",
                "string",
                "How the promise compares with the quantity: =, <, <=, >, >= or about.",
                True,
                COMPARATORS,
            ),
            Field("text", "string", "The target as printed."),
            Field("due_year", "integer", "The year it is due."),
        ),
        ("id",),
        _targets,
        (_TO_TASKS,),
    ),
    Table(
        "indicators",
        "Indicators",
        "Quantitative indicators the plans set (invention patents per 10,000 people, ...).",
        (
            Field("code", "string", "Indicator code (stable).", True),
            Field("name_en", "string", "English name.", True),
            Field("name_zh", "string", "Chinese name."),
            Field("unit", "string", "Unit of the values."),
            Field("direction", "string", "up: higher is better; down: lower is better.", True, ("up", "down")),
            Field("attribute", "string", "expected (预期性) or binding (约束性).", True, ("expected", "binding")),
            Field(
                "trajectory",
                "string",
                "How the path from baseline to target is read: linear or geometric.",
                True,
                ("linear", "geometric"),
            ),
            Field("definition", "string", "What the figure counts (English)."),
            Field("definition_zh", "string", "What the figure counts (Chinese)."),
            Field("plan_id", "integer", "The plan whose indicator table first set it (plans.id)."),
            Field("section", "string", "That plan's heading over the table, as printed."),
        ),
        ("code",),
        _indicators,
        (_TO_PLANS,),
    ),
    Table(
        "indicator_values",
        "Indicator values",
        "Figures per indicator and year: a plan's baseline or target (with plan_id), or a published observation (with publisher and release).",
        (
            _id("value"),
            Field("indicator_code", "string", "The indicator (indicators.code).", True),
            Field("year", "integer", "The year the figure is for.", True),
            Field("kind", "string", "baseline, target or observed.", True, ("baseline", "target", "observed")),
            Field("value", "number", "The figure, in the indicator's unit.", True),
            Field("label_as_printed", "string", "For a plan's value, the row label the plan printed."),
            Field("publisher", "string", "Who published the observation."),
            Field("release", "string", "The publication the observation was released in."),
            Field("url", "string", "Where the publication is."),
            Field(
                "unconfirmed", "boolean", "True while the figure has not been checked against the publication.", True
            ),
            Field(
                "plan_id", "integer", "The plan that set this baseline or target (plans.id); empty for observations."
            ),
        ),
        ("id",),
        _indicator_values,
        (ForeignKey(("indicator_code",), "indicators", ("code",)), _TO_PLANS),
    ),
    Table(
        "reports",
        "Approved progress reports",
        "Departments' progress reports on tasks, approved by the office (reports in draft or review are not included).",
        (
            _id("report"),
            _TASK_ID,
            Field("department_code", "string", "The reporting department (departments.code).", True),
            Field("period_year", "integer", "Year of the reporting period.", True),
            Field("period_kind", "string", "annual, half_year or quarter.", True, ("annual", "half_year", "quarter")),
            Field("period_number", "integer", "Number of the period in its year (1 for annual).", True),
            Field("role", "string", "lead (the task's report) or participant.", True, ("lead", "participant")),
            Field("progress", "string", "not_started, in_progress, completed, delayed, merged or cancelled.", True),
            Field("percent", "integer", "Percent complete, 0 to 100.", True),
            Field("narrative", "string", "What was done."),
            Field("problems", "string", "Problems met."),
            Field("next_steps", "string", "Next steps."),
            Field("progress_reason", "string", "Why the task was merged or cancelled."),
            Field("approved_at", "datetime", "When the office approved the report (UTC)."),
        ),
        ("id",),
        _reports,
        (_TO_TASKS, ForeignKey(("department_code",), "departments", ("code",))),
    ),
    Table(
        "task_links",
        "Lineage links",
        "Pairs of tasks in different plans that carry the same commitment: links the office confirmed, and strong proposals it has not rejected.",
        (
            Field("task_a_id", "integer", "The task with the lower id (tasks.id).", True),
            Field("task_b_id", "integer", "The other task (tasks.id).", True),
            Field("score", "number", "The linker's similarity score (empty for links drawn by hand)."),
            Field("grade", "string", "strong or weak.", True, ("strong", "weak")),
            Field(
                "state",
                "string",
                "confirmed (by the office) or proposed (by the linker, not yet decided).",
                True,
                ("confirmed", "proposed"),
            ),
            Field("manual", "boolean", "True when the office drew the link by hand.", True),
        ),
        ("task_a_id", "task_b_id"),
        _task_links,
        (ForeignKey(("task_a_id",), "tasks", ("id",)), ForeignKey(("task_b_id",), "tasks", ("id",))),
    ),
)
