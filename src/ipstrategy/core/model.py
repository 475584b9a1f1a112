"""The structured plan, as frozen dataclasses: what the parser produces and the database stores.

Field names follow the plan JSON documented in ``docs/plan-json.md``; ``to_json`` and
``from_json`` convert without loss, so the JSON is the contract between parser, CLI and web.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

PLAN_TYPES = ("outline", "action_plan", "five_year_plan", "annual_promotion_plan", "opinions")
COMPARATORS = ("=", "<", "<=", ">", ">=", "about")


@dataclass(frozen=True)
class SectionDraft:
    """A heading of the plan; ``id`` follows the printed numbering, e.g. ``II.(iii)``."""

    id: str
    title: str
    parent: str | None = None


@dataclass(frozen=True)
class TargetDraft:
    """A quantitative target stated inside a task's text."""

    quantity: float
    unit: str
    comparator: str
    text: str


@dataclass(frozen=True)
class TaskDraft:
    """One numbered or bulleted commitment, with the bodies responsible for it."""

    number: str | None
    section: str | None
    text: str
    lead: str | None = None
    participants: tuple[str, ...] = ()
    other_responsible: tuple[str, ...] = ()
    responsibility_raw: str | None = None
    targets: tuple[TargetDraft, ...] = ()

    @property
    def agencies(self) -> tuple[str, ...]:
        """Every registry code responsible, lead first."""
        return ((self.lead,) if self.lead else ()) + self.participants


@dataclass(frozen=True)
class IndicatorDraft:
    """A row of an indicator table: values keyed by year (baseline and target years)."""

    name: str
    unit: str
    values: dict[str, float] = field(default_factory=dict)
    note: str = ""


@dataclass(frozen=True)
class PlanDraft:
    """A whole parsed plan document."""

    title: str
    date: str | None
    plan_type: str | None
    issuer: tuple[str, ...]
    period_start: int | None
    period_end: int | None
    language: str
    sections: tuple[SectionDraft, ...] = ()
    tasks: tuple[TaskDraft, ...] = ()
    indicators: tuple[IndicatorDraft, ...] = ()
    warnings: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The plan JSON, as documented in docs/plan-json.md."""
        return {
            "title": self.title,
            "date": self.date,
            "plan_type": self.plan_type,
            "issuer": list(self.issuer),
            "period": {"start": self.period_start, "end": self.period_end},
            "language": self.language,
            "sections": [{"id": s.id, "title": s.title, "parent": s.parent} for s in self.sections],
            "tasks": [_task_json(t) for t in self.tasks],
            "indicators": [
                {"name": i.name, "unit": i.unit, "values": dict(i.values), "note": i.note} for i in self.indicators
            ],
            "warnings": list(self.warnings),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PlanDraft:
        """Rebuild a plan from its JSON (the inverse of ``to_json``)."""
        period = data.get("period") or {}
        return cls(
            title=data.get("title") or "",
            date=data.get("date"),
            plan_type=data.get("plan_type"),
            issuer=tuple(data.get("issuer") or ()),
            period_start=period.get("start"),
            period_end=period.get("end"),
            language=data.get("language") or "en",
            sections=tuple(SectionDraft(s["id"], s["title"], s.get("parent")) for s in data.get("sections", [])),
            tasks=tuple(_task_from_json(t) for t in data.get("tasks", [])),
            indicators=tuple(
                IndicatorDraft(i["name"], i.get("unit") or "", dict(i.get("values") or {}), i.get("note") or "")
                for i in data.get("indicators", [])
            ),
            warnings=tuple(data.get("warnings") or ()),
        )


def _task_json(task: TaskDraft) -> dict[str, Any]:
    return {
        "number": task.number,
        "section": task.section,
        "text": task.text,
        "lead": task.lead,
        "participants": list(task.participants),
        "other_responsible": list(task.other_responsible),
        "responsibility_raw": task.responsibility_raw,
        "targets": [
            {"quantity": t.quantity, "unit": t.unit, "comparator": t.comparator, "text": t.text} for t in task.targets
        ],
    }


def _task_from_json(data: dict[str, Any]) -> TaskDraft:
    return TaskDraft(
        number=data.get("number"),
        section=data.get("section"),
        text=data.get("text") or data.get("text_start") or "",
        lead=data.get("lead"),
        participants=tuple(data.get("participants") or ()),
        other_responsible=tuple(data.get("other_responsible") or ()),
        responsibility_raw=data.get("responsibility_raw"),
        targets=tuple(
            TargetDraft(float(t["quantity"]), t.get("unit") or "", t.get("comparator") or "=", t.get("text") or "")
            for t in data.get("targets") or ()
        ),
    )
