"""Readable terminal output for the CLI (rich tables), kept out of the parsing code."""

from __future__ import annotations

import json
from collections import Counter

from rich.console import Console
from rich.table import Table

from ipstrategy.core.agencies import Registry, Resolution
from ipstrategy.core.model import PlanDraft


def print_plan_summary(plan: PlanDraft, console: Console | None = None) -> None:
    """Sections with task counts, the departments involved, and the indicator table."""
    console = console or Console()
    console.print(f"[bold]{plan.title}[/bold]")
    console.print(
        f"type: {plan.plan_type or '-'}  date: {plan.date or '-'}  issuer: {', '.join(plan.issuer) or '-'}  "
        f"period: {plan.period_start or '?'}-{plan.period_end or '?'}  language: {plan.language}"
    )
    per_section = Counter(t.section for t in plan.tasks)
    sections = Table("id", "section", "tasks", title=f"{len(plan.sections)} sections, {len(plan.tasks)} tasks")
    for s in plan.sections:
        sections.add_row(s.id, s.title, str(per_section.get(s.id, 0)))
    console.print(sections)
    leads = Counter(t.lead for t in plan.tasks if t.lead)
    joins = Counter(code for t in plan.tasks for code in t.participants)
    if leads or joins:
        agencies = Table("department", "leads", "participates", title="departments")
        for code in sorted(set(leads) | set(joins), key=lambda c: (-leads[c], -joins[c], c)):
            agencies.add_row(code, str(leads[code]), str(joins[code]))
        console.print(agencies)
    if plan.indicators:
        years = sorted({y for i in plan.indicators for y in i.values})
        indicators = Table("indicator", "unit", *years, title="indicators")
        for ind in plan.indicators:
            indicators.add_row(ind.name, ind.unit, *(_fmt(ind.values.get(y)) for y in years))
        console.print(indicators)
    for warning in plan.warnings:
        console.print(f"[yellow]warning:[/yellow] {warning}")


def _fmt(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def print_resolution(registry: Registry, res: Resolution, *, as_json: bool = False) -> None:
    """A resolution with the body's names, validity and successor chain (or why it failed)."""
    chain = registry.successor_chain(res.code) if res.code else []
    if as_json:
        print(
            json.dumps(
                {
                    "name": res.name,
                    "code": res.code,
                    "method": res.method,
                    "candidates": list(res.candidates),
                    "successor_chain": chain,
                },
                ensure_ascii=False,
            )
        )
        return
    console = Console()
    if not res.code:
        extra = f" (candidates: {', '.join(res.candidates)})" if res.candidates else ""
        console.print(f"{res.name!r}: {res.method}{extra}")
        return
    console.print(f"{res.name!r} -> [bold]{res.code}[/bold] ({res.method})")
    for code in chain:
        agency = registry.agencies[code]
        span = f"{agency.valid_from or '…'}-{agency.valid_to or ''}"
        console.print(f"  {code}: {agency.name_en} / {agency.name_zh} [{span}] ({agency.kind})")
        for transfer in registry.transfers_from(code):
            console.print(f"      {transfer.function} -> {transfer.target} ({transfer.year})")
