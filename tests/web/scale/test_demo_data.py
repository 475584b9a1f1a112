"""`demo-data`: the synthetic data set is what it says (plans, tasks, every workflow state, values),
its audit entries extend the hash chain intact, and the same seed gives the same rows."""

from __future__ import annotations

import hashlib

import pytest
from django.db import transaction

from ipstrategy.web.foundation.audit import audit_verify
from ipstrategy.web.foundation.audit_models import AuditEntry
from ipstrategy.web.indicators.models import IndicatorValue
from ipstrategy.web.plans.models import Plan, Task
from ipstrategy.web.scale.synthetic import SCALES, DemoDataError, demo_data_generate
from ipstrategy.web.tracking.models import ProgressReport, ReportingPeriod, ReportStatus

pytestmark = pytest.mark.django_db


class _Rollback(Exception):
    pass


def _digest(seed: int) -> str:
    """Generate the small set inside a rolled-back transaction; a digest of what it wrote."""
    found = ""
    try:
        with transaction.atomic():
            demo_data_generate(scale="small", seed=seed)
            rows = ProgressReport.objects.filter(task__plan__source_filename__startswith="synthetic/").order_by("pk")
            text = "|".join(f"{r[0]}:{r[1]}:{r[2]}" for r in rows.values_list("status", "percent", "narrative"))
            found = hashlib.sha256(text.encode()).hexdigest()
            raise _Rollback
    except _Rollback:
        return found


def test_the_small_set_has_its_plans_tasks_periods_and_reports_in_every_state() -> None:
    scale = SCALES["small"]
    before = {m: m.objects.count() for m in (Plan, Task, ReportingPeriod, ProgressReport, IndicatorValue, AuditEntry)}
    result = demo_data_generate(scale="small", seed=7)
    plans = scale.national_years + scale.provinces * scale.provincial_years
    assert result.counts["plans"] == plans == Plan.objects.count() - before[Plan]
    assert result.counts["tasks"] == plans * scale.tasks_per_plan == Task.objects.count() - before[Task]
    assert ReportingPeriod.objects.count() - before[ReportingPeriod] == plans * 4
    reports = ProgressReport.objects.count() - before[ProgressReport]
    assert reports == result.counts["progress reports"] > plans * scale.tasks_per_plan * 4
    assert set(ProgressReport.objects.values_list("status", flat=True)) == set(ReportStatus.values)
    assert result.counts["indicator values"] == IndicatorValue.objects.count() - before[IndicatorValue]
    assert AuditEntry.objects.count() - before[AuditEntry] == result.counts["audit entries"] > reports


def test_its_audit_entries_extend_the_chain_intact() -> None:
    demo_data_generate(scale="small", seed=7)
    result = audit_verify()
    assert result.ok, result.reason
    assert result.count == AuditEntry.objects.count()


def test_the_same_seed_gives_the_same_rows_and_another_seed_others() -> None:
    first, again, other = _digest(3), _digest(3), _digest(4)
    assert first == again != other


def test_a_second_run_and_an_unknown_scale_are_refused() -> None:
    with pytest.raises(DemoDataError, match="unknown scale"):
        demo_data_generate(scale="huge")
    demo_data_generate(scale="small", seed=1)
    with pytest.raises(DemoDataError, match="already loaded"):
        demo_data_generate(scale="small", seed=1)
