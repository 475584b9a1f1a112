"""``ipstrategy demo-data``: a synthetic, realistic data set at small or national scale, in bulk.

National: 20 years of national annual promotion plans and 10 years of annual plans of the 31
provinces (330 plans, 64,020 tasks), 40 departments and 31 provincial offices, quarterly periods,
1,024,080 progress reports in every workflow state with their hash-chained audit entries, and
298,200 indicator values. Written with COPY on PostgreSQL and executemany on SQLite (``bulk``),
reproducible: the same seed gives the same rows (each period draws from its own seeded generator,
so the report and audit passes see the same reports without holding a million in memory).
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

from ipstrategy.core.errors import IpStrategyError
from ipstrategy.core.progress import NO_PROGRESS, Progress
from ipstrategy.web.accounts.models import AccountRole, Membership
from ipstrategy.web.agencies.models import Agency, AgencyKind
from ipstrategy.web.foundation.audit import entry_hash
from ipstrategy.web.foundation.audit_models import GENESIS_HASH, AuditEntry
from ipstrategy.web.indicators.models import Indicator, IndicatorValue
from ipstrategy.web.plans.models import Plan, PlanIssuer, Responsibility, Section, Target, Task
from ipstrategy.web.scale import vocabulary as words
from ipstrategy.web.scale.bulk import BulkWriter, next_id, sequences_reset
from ipstrategy.web.tracking.models import ProgressReport, ReportingPeriod

#: Every synthetic account signs in with this password (documented in docs/performance.md).
SYNTHETIC_PASSWORD = "synthetic-demo"
SOURCE_PREFIX = "synthetic/"


class DemoDataError(IpStrategyError):
    """The synthetic data cannot be generated here (already present, or an unknown scale)."""


@dataclass(frozen=True)
class Scale:
    """How big: years of national plans, provinces and their years, tasks per plan, participants."""

    name: str
    last_year: int
    national_years: int
    provinces: int
    provincial_years: int
    tasks_per_plan: int
    participants: tuple[int, int]
    indicator_stems: int
    value_years: int  # each plan sets values for this many years around its own


SCALES = {
    "small": Scale("small", 2025, 4, 3, 3, 40, (1, 2), 4, 6),
    "national": Scale("national", 2025, 20, 31, 10, 194, (2, 4), 12, 15),
}

#: Status mix of reports in the last year's periods; older periods are nearly all approved.
RECENT_MIX = (("draft", 25), ("submitted", 25), ("returned", 10), ("resubmitted", 10), ("approved", 30))
OLD_MIX = (("approved", 96), ("submitted", 2), ("returned", 1), ("resubmitted", 1))
#: The workflow steps that lead to each status (the last one is the report's latest audit entry).
STEPS = {"submitted": "submit", "returned": "return", "resubmitted": "resubmit", "approved": "approve"}
PROGRESS_BY_STATUS = (("in_progress", 60), ("completed", 25), ("delayed", 10), ("not_started", 5))


@dataclass
class PlanSpec:
    pk: int
    year: int
    issuer_id: int
    lead_pool: list[int]
    title: str


@dataclass
class DemoDataResult:
    counts: dict[str, int]


def _pick(rng: random.Random, mix: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([m[0] for m in mix], weights=[m[1] for m in mix])[0]


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=UTC)


class Generator:
    """Builds and writes the data set; one instance per run."""

    def __init__(self, scale: Scale, seed: int, progress: Progress) -> None:
        self.scale, self.seed, self.progress = scale, seed, progress
        self.rng = random.Random(seed)
        self.counts: dict[str, int] = {}
        self.reference = date(scale.last_year + 1, 2, 1)  # "today" of the data set: fixed, so runs agree

    # --- registry, accounts --------------------------------------------------------------------

    def departments(self) -> tuple[list[Agency], list[Agency]]:
        """40 current national departments (from the registry) and the provincial IP offices (created)."""
        national = list(
            Agency.objects.filter(valid_to__isnull=True, successor__isnull=True)
            .exclude(kind=AgencyKind.LOCAL_GOVERNMENT)
            .order_by("code")[:40]
        )
        offices = []
        for suffix, en, zh in words.PROVINCES[: self.scale.provinces]:
            office, _ = Agency.objects.get_or_create(
                code=f"IPO-{suffix}",
                defaults={
                    "name_en": f"{en} Intellectual Property Office",
                    "name_zh": f"{zh}知识产权局",
                    "aliases": [f"{zh}知识产权局", f"{en} IPO"],
                    "kind": AgencyKind.LOCAL_GOVERNMENT,
                    "valid_from": 2000,
                },
            )
            offices.append(office)
        return national, offices

    def accounts(self, bodies: list[Agency]) -> dict[int, tuple[int, str]]:
        """An office account and one reporter per body: {agency id: (user id, username)}."""
        users = get_user_model().objects
        hashed = make_password(SYNTHETIC_PASSWORD)
        office, _ = users.get_or_create(username="office-synthetic", defaults={"password": hashed, "is_staff": False})
        Membership.objects.get_or_create(user=office, defaults={"role": AccountRole.OFFICE})
        self.office = (office.pk, office.username)
        found = {}
        for body in bodies:
            name = f"rep-{body.code.lower()}"
            user, created = users.get_or_create(username=name, defaults={"password": hashed})
            if created:
                membership = Membership.objects.create(user=user, role=AccountRole.REPORTER)
                membership.departments.add(body)
            found[body.pk] = (user.pk, name)
        return found

    # --- plans, sections, tasks, bodies, targets -----------------------------------------------

    def plan_specs(self, national: list[Agency], offices: list[Agency]) -> list[PlanSpec]:
        cnipa = Agency.objects.filter(code="CNIPA").values_list("pk", flat=True).first() or national[0].pk
        pk, specs = next_id(Plan), []
        last = self.scale.last_year
        for year in range(last - self.scale.national_years + 1, last + 1):
            title = f"{year}年深入实施国家知识产权战略加快建设知识产权强国推进计划"
            specs.append(PlanSpec(pk, year, cnipa, [a.pk for a in national], title))
            pk += 1
        for office, (_, _, zh) in zip(offices, words.PROVINCES, strict=False):
            for year in range(last - self.scale.provincial_years + 1, last + 1):
                title = f"{zh}{year}年知识产权强省建设推进计划"
                pool = [office.pk] * 6 + [a.pk for a in self.rng.sample(national, 4)]
                specs.append(PlanSpec(pk, year, office.pk, pool, title))
                pk += 1
        return specs

    def plan_rows(self, specs: list[PlanSpec]) -> Iterator[dict[str, Any]]:
        for spec in specs:
            issued = date(spec.year, 3, 1) + timedelta(days=self.rng.randrange(60))
            digest = hashlib.sha256(f"{self.seed}:{self.scale.name}:{spec.pk}:{spec.title}".encode()).hexdigest()
            yield {
                "id": spec.pk,
                "title": spec.title,
                "language": "zh-hans",
                "plan_type": "annual_promotion_plan",
                "issue_date": issued,
                "date_precision": "day",
                "period_start": spec.year,
                "period_end": spec.year,
                "source_filename": f"{SOURCE_PREFIX}{self.scale.name}/{spec.pk}-{spec.year}.txt",
                "source_sha256": digest,
                "status": "published",
                "warnings": [],
                "created": _at(issued),
                "updated": _at(issued),
            }

    def write_plans(self, specs: list[PlanSpec]) -> list[tuple[int, int, int, list[int]]]:
        """Plans, issuers, sections, tasks, bodies and targets; returns (task id, plan, year, bodies)."""
        self.counts["plans"] = BulkWriter(Plan).write(self.plan_rows(specs))
        BulkWriter(PlanIssuer).write(
            {"id": i, "plan_id": s.pk, "agency_id": s.issuer_id, "order": 0}
            for i, s in enumerate(specs, next_id(PlanIssuer))
        )
        section_id, task_id = next_id(Section), next_id(Task)
        sections, tasks, bodies, targets, index = [], [], [], [], []
        resp_id, target_id = next_id(Responsibility), next_id(Target)
        per_section = -(-self.scale.tasks_per_plan // len(words.SECTIONS))
        for spec in specs:
            for n, title in enumerate(words.SECTIONS, 1):
                sections.append(
                    {"id": section_id + n - 1, "plan_id": spec.pk, "key": str(n), "title": title, "order": n}
                )
            for order in range(1, self.scale.tasks_per_plan + 1):
                verb, obj, manner = (
                    self.rng.choice(words.VERBS),
                    self.rng.choice(words.OBJECTS),
                    self.rng.choice(words.MANNERS),
                )
                lead = self.rng.choice(spec.lead_pool)
                others = [a for a in self.rng.sample(spec.lead_pool, min(len(set(spec.lead_pool)), 8)) if a != lead]
                joined = list(dict.fromkeys(others))[: self.rng.randint(*self.scale.participants)]
                tasks.append({
                    "id": task_id, "plan_id": spec.pk, "section_id": section_id + (order - 1) // per_section,
                    "number": str(order), "order": order, "text": f"{verb}{obj}{manner}，{self.rng.choice(words.VERBS)}{obj}。",
                    "responsibility_raw": "",
                })  # fmt: skip
                for k, (agency, role) in enumerate([(lead, "lead"), *((a, "participant") for a in joined)]):
                    bodies.append({"id": resp_id, "task_id": task_id, "agency_id": agency, "role": role, "order": k})
                    resp_id += 1
                if self.rng.random() < 0.1:
                    targets.append({
                        "id": target_id, "task_id": task_id, "quantity": float(self.rng.randrange(10, 500)),
                        "unit": "件", "comparator": ">=", "text": "", "due_year": spec.year,
                    })  # fmt: skip
                    target_id += 1
                index.append((task_id, spec.pk, spec.year, [lead, *joined]))
                task_id += 1
            section_id += len(words.SECTIONS)
        self.progress.start(len(tasks), "tasks")
        BulkWriter(Section).write(sections)
        self.counts["tasks"] = BulkWriter(Task).write(tasks, advance=self.progress.advance)
        self.counts["responsibilities"] = BulkWriter(Responsibility).write(bodies)
        BulkWriter(Target).write(targets)
        return index

    # --- indicators ----------------------------------------------------------------------------

    def write_indicators(self, specs: list[PlanSpec]) -> None:
        codes = []
        for stem, name, unit in words.INDICATORS[: self.scale.indicator_stems]:
            for key, label in words.BREAKDOWNS:
                code = f"syn-{stem}-{key}"
                Indicator.objects.get_or_create(code=code, defaults={"name_en": f"{name} ({label})", "unit": unit})
                codes.append(code)
        ids = list(Indicator.objects.filter(code__in=codes).values_list("pk", flat=True))
        base = {i: self.rng.uniform(10, 1000) for i in ids}
        last = self.scale.last_year

        first = next_id(IndicatorValue)  # before the COPY starts: no query may run during it

        def rows() -> Iterator[dict[str, Any]]:
            pk = first
            for indicator in ids:
                for year in range(last - self.scale.national_years + 1, last + 1):
                    yield {"id": pk, "indicator_id": indicator, "year": year, "kind": "observed",
                           "value": round(base[indicator] * 1.06 ** (year - 2000), 2), "source": "", "note": "", "plan_id": None}  # fmt: skip
                    pk += 1
            for spec in specs:
                for indicator in ids:
                    for year in range(spec.year - self.scale.value_years + 6, spec.year + 6):
                        kind = "baseline" if year < spec.year else "target"
                        value = round(base[indicator] * 1.07 ** (year - 2000) * self.rng.uniform(0.9, 1.1), 2)
                        yield {"id": pk, "indicator_id": indicator, "year": year, "kind": kind, "value": value,
                               "source": "", "note": "", "plan_id": spec.pk}  # fmt: skip
                        pk += 1

        total = len(ids) * (self.scale.national_years + len(specs) * self.scale.value_years)
        self.progress.start(total, "indicator values")
        self.counts["indicator values"] = BulkWriter(IndicatorValue).write(rows(), advance=self.progress.advance)

    # --- periods, reports, audit ---------------------------------------------------------------

    def write_periods(self, specs: list[PlanSpec]) -> list[tuple[int, int, int, date]]:
        """Four quarters per plan; returns (period id, plan, year, due date), oldest first."""
        rows, found, pk = [], [], next_id(ReportingPeriod)
        for spec in specs:
            for q in range(1, 5):
                ends = date(spec.year, 3 * q, 28)
                due = ends + timedelta(days=30)
                closed = _at(due + timedelta(days=60)) if due + timedelta(days=60) < self.reference else None
                rows.append({"id": pk, "plan_id": spec.pk, "kind": "quarter", "year": spec.year, "number": q,
                             "opens_on": ends - timedelta(days=20), "due_on": due, "closed_at": closed,
                             "reopen_reason": "", "created": _at(ends - timedelta(days=30))})  # fmt: skip
                found.append((pk, spec.pk, spec.year, due))
                pk += 1
        self.counts["periods"] = BulkWriter(ReportingPeriod).write(rows)
        return sorted(found, key=lambda p: (p[3], p[0]))

    def period_reports(
        self, period: tuple[int, int, int, date], tasks: list[tuple[int, list[int]]], first: int
    ) -> Iterator[dict[str, Any]]:
        """The reports of one period, drawn from the period's own seeded generator (same rows each call)."""
        period_id, _, _, due = period
        rng = random.Random(f"{self.seed}:{period_id}")
        mix = RECENT_MIX if due > self.reference - timedelta(days=365) else OLD_MIX
        pk = first
        for task_id, bodies in tasks:
            for k, agency in enumerate(bodies):
                status = _pick(rng, mix)
                progress = _pick(rng, PROGRESS_BY_STATUS)
                created = _at(due - timedelta(days=rng.randrange(5, 25)), rng.randrange(8, 18))
                submitted = created + timedelta(days=rng.randrange(1, 5)) if status != "draft" else None
                approved = (
                    submitted + timedelta(days=rng.randrange(1, 10)) if status == "approved" and submitted else None
                )
                yield {
                    "id": pk, "task_id": task_id, "agency_id": agency, "period_id": period_id,
                    "role": "lead" if k == 0 else "participant", "status": status, "progress": progress,
                    "percent": 100 if progress == "completed" else rng.randrange(0, 95, 5),
                    "narrative": f"本季度{rng.choice(words.VERBS)}{rng.choice(words.OBJECTS)}，完成阶段性工作。",
                    "problems": "", "next_steps": f"下一步{rng.choice(words.VERBS)}{rng.choice(words.MANNERS)}。",
                    "progress_reason": "", "return_reason": "请补充量化成果。" if status in ("returned", "resubmitted") else "",
                    "created_by_id": None, "created": created, "updated": approved or submitted or created,
                    "submitted_at": submitted, "approved_at": approved,
                }  # fmt: skip
                pk += 1

    def write_reports(
        self,
        periods: list[tuple[int, int, int, date]],
        index: list[tuple[int, int, int, list[int]]],
        accounts: dict[int, tuple[int, str]],
    ) -> None:
        by_plan: dict[int, list[tuple[int, list[int]]]] = {}
        for task_id, plan_id, _, bodies in index:
            by_plan.setdefault(plan_id, []).append((task_id, bodies))
        total = sum(len(b) for _, plan_id, _, b in index) * 4
        first = next_id(ProgressReport)
        starts, pk = {}, first
        for period in periods:
            starts[period[0]] = pk
            pk += sum(len(b) for _, b in by_plan[period[1]])

        def reports() -> Iterator[dict[str, Any]]:
            for period in periods:
                yield from self.period_reports(period, by_plan[period[1]], starts[period[0]])

        self.progress.start(total, "progress reports")
        self.counts["progress reports"] = BulkWriter(ProgressReport).write(
            ({**r, "created_by_id": accounts[r["agency_id"]][0]} for r in reports()), advance=self.progress.advance
        )
        self.progress.start(total, "audit entries (hash chain)")
        self.counts["audit entries"] = BulkWriter(AuditEntry).write(
            self.audit_rows(reports(), accounts), advance=lambda n: self.progress.advance(n // 2 or 1)
        )

    def audit_rows(
        self, reports: Iterator[dict[str, Any]], accounts: dict[int, tuple[int, str]]
    ) -> Iterator[dict[str, Any]]:
        """For each report its creation and its latest workflow step, chained on from the last entry.

        The chain's end is read here, before the COPY that consumes the rows starts (a query during a
        COPY would wait for the COPY, which waits for this generator).
        """
        last = AuditEntry.objects.order_by("-seq").only("seq", "hash").first()
        start = (last.seq, last.hash) if last else (0, GENESIS_HASH)
        return self._audit_rows(reports, accounts, start, next_id(AuditEntry))

    def _audit_rows(
        self, reports: Iterator[dict[str, Any]], accounts: dict[int, tuple[int, str]], start: tuple[int, str], pk: int
    ) -> Iterator[dict[str, Any]]:
        seq, prev = start
        for report in reports:
            reporter = accounts[report["agency_id"]]
            snapshot = {k: report[k] for k in ("task_id", "period_id", "role", "progress", "percent", "narrative")}
            events: list[tuple[str, tuple[int, str], Any, dict[str, Any] | None, dict[str, Any], str]] = [
                ("report.create", reporter, report["created"], None, {**snapshot, "status": "draft"}, "")
            ]
            if report["status"] != "draft":
                step = STEPS[report["status"]]
                actor = self.office if step in ("return", "approve") else reporter
                prior = {
                    "status": {"return": "submitted", "approve": "submitted", "resubmit": "returned"}.get(step, "draft")
                }
                when = report["approved_at"] or report["submitted_at"]
                events.append(
                    (f"report.{step}", actor, when, prior, {"status": report["status"]}, report["return_reason"])
                )
            for action, (user_id, username), when, before, after, reason in events:
                seq += 1
                entry = AuditEntry(seq=seq, created=when, actor_name=username, action=action,
                                   object_type="tracking.progressreport", object_id=str(report["id"]), object_repr="",
                                   task_ref=report["task_id"], before=before, after=after, reason=reason, prev_hash=prev)  # fmt: skip
                digest = entry_hash(entry)
                yield {"id": pk, "seq": seq, "created": when, "actor_id": user_id, "actor_name": username,
                       "action": action, "object_type": entry.object_type, "object_id": entry.object_id,
                       "object_repr": "", "task_ref": entry.task_ref, "before": before, "after": after,
                       "reason": reason, "prev_hash": prev, "hash": digest}  # fmt: skip
                prev, pk = digest, pk + 1


def demo_data_generate(*, scale: str, seed: int = 1, progress: Progress = NO_PROGRESS) -> DemoDataResult:
    """Generate the synthetic data set of ``scale`` (small or national) in one transaction."""
    if scale not in SCALES:
        raise DemoDataError(f"unknown scale {scale!r} (use {' or '.join(SCALES)})")
    if not Agency.objects.filter(code="CNIPA").exists():
        raise DemoDataError("the department registry is empty: run `ipstrategy init` first")
    if Plan.objects.filter(source_filename__startswith=SOURCE_PREFIX).exists():
        raise DemoDataError("synthetic data is already loaded in this database (generate into a fresh one)")
    gen = Generator(SCALES[scale], seed, progress)
    with transaction.atomic():
        national, offices = gen.departments()
        accounts = gen.accounts(national + offices)
        specs = gen.plan_specs(national, offices)
        index = gen.write_plans(specs)
        gen.write_indicators(specs)
        periods = gen.write_periods(specs)
        gen.write_reports(periods, index, accounts)
        sequences_reset([Plan, PlanIssuer, Section, Task, Responsibility, Target, IndicatorValue,
                         ReportingPeriod, ProgressReport, AuditEntry])  # fmt: skip
    return DemoDataResult(gen.counts)
