"""The database refuses rows the domain forbids (checked by the database, not only by forms)."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from ipstrategy.web.agencies.models import Agency
from ipstrategy.web.indicators.models import Indicator, IndicatorValue
from ipstrategy.web.plans.models import Plan, Responsibility, Role, Target

from .factories import plan_create

pytestmark = pytest.mark.django_db


def _refused(create) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_a_task_has_at_most_one_lead() -> None:
    task = plan_create(tasks=1).tasks.get()
    _refused(lambda: Responsibility.objects.create(task=task, agency=Agency.objects.get(code="MOE"), role=Role.LEAD))


def test_a_body_holds_a_role_on_a_task_once() -> None:
    task = plan_create(tasks=1).tasks.get()
    most = Agency.objects.get(code="MOST")
    _refused(lambda: Responsibility.objects.create(task=task, agency=most, role=Role.PARTICIPANT))


def test_lead_and_participant_must_be_registered_bodies_but_others_need_not() -> None:
    task = plan_create(tasks=1).tasks.get()
    _refused(lambda: Responsibility.objects.create(task=task, agency=None, role=Role.PARTICIPANT))
    Responsibility.objects.create(task=task, agency=None, role=Role.OTHER, name_as_printed="relevant departments")
    Responsibility.objects.create(task=task, agency=None, role=Role.OTHER, name_as_printed="local governments")
    assert task.responsibilities.filter(role=Role.OTHER).count() == 2


def test_roles_and_comparators_are_from_the_closed_lists() -> None:
    task = plan_create(tasks=1).tasks.get()
    _refused(lambda: Responsibility.objects.create(task=task, agency=Agency.objects.get(code="MOF"), role="owner"))
    _refused(lambda: Target.objects.create(task=task, quantity=1, comparator="~"))


def test_periods_and_lifetimes_cannot_run_backwards() -> None:
    plan = plan_create(tasks=0)
    _refused(lambda: Plan.objects.filter(pk=plan.pk).update(period_start=2020, period_end=2014))
    _refused(lambda: Agency.objects.create(code="XX", name_en="X", valid_from=2018, valid_to=2010))


def test_a_body_cannot_succeed_itself_nor_a_plan_implement_itself() -> None:
    sipo = Agency.objects.get(code="SIPO")
    _refused(lambda: Agency.objects.filter(pk=sipo.pk).update(successor=sipo))
    plan = plan_create(tasks=0)
    _refused(lambda: Plan.objects.filter(pk=plan.pk).update(parent=plan))


def test_the_same_source_document_is_stored_once() -> None:
    plan = plan_create(tasks=0)
    _refused(lambda: Plan.objects.create(title="copy", source_filename="x.txt", source_sha256=plan.source_sha256))


def test_baselines_and_targets_come_from_a_plan_and_observations_do_not() -> None:
    indicator = Indicator.objects.create(code="test_indicator", name_en="Test")
    plan = plan_create(tasks=0)
    _refused(lambda: IndicatorValue.objects.create(indicator=indicator, year=2020, kind="target", value=1))
    _refused(lambda: IndicatorValue.objects.create(indicator=indicator, year=2020, kind="observed", value=1, plan=plan))


def test_one_value_per_indicator_year_kind_and_plan_including_observations() -> None:
    indicator = Indicator.objects.create(code="test_indicator", name_en="Test")
    plan = plan_create(tasks=0)
    IndicatorValue.objects.create(indicator=indicator, year=2020, kind="target", value=1, plan=plan)
    _refused(lambda: IndicatorValue.objects.create(indicator=indicator, year=2020, kind="target", value=2, plan=plan))
    IndicatorValue.objects.create(indicator=indicator, year=2020, kind="observed", value=1)
    _refused(lambda: IndicatorValue.objects.create(indicator=indicator, year=2020, kind="observed", value=2))
