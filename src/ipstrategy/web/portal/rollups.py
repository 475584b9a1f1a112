"""The home page's roll-ups: headline indicators and task status counts, per audience.

Two audiences see different plans (``plans.policies.plan_visibility_q``): the public (published
plans) and staff (every plan). Each has one roll-up, ``portal.home.public`` and
``portal.home.staff``, computed here and read by ``portal.views.home`` (see ``foundation.rollups``).
A write to a plan, task, period, report, indicator or value marks every roll-up stale
(``register``: one UPDATE that matches nothing while they are stale already).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from types import SimpleNamespace
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models.signals import post_delete, post_save

from ipstrategy.core.assessment import Status
from ipstrategy.web.agencies.models import Agency
from ipstrategy.web.foundation.page_cache import public_pages_changed
from ipstrategy.web.foundation.rollups import RollupValue, rollup_read, rollup_register, rollups_mark_stale
from ipstrategy.web.indicators.models import Indicator, IndicatorValue
from ipstrategy.web.indicators.selectors import indicators_headline
from ipstrategy.web.plans.models import Plan, Task
from ipstrategy.web.plans.policies import plan_visibility_q
from ipstrategy.web.plans.status import status_source
from ipstrategy.web.tracking.models import ProgressReport, ReportingPeriod

PREFIX = "portal."
_STAFF = SimpleNamespace(is_staff=True, is_authenticated=True)  # what staff may see, without a user


def _audience(user: Any) -> str:
    return "staff" if getattr(user, "is_staff", False) else "public"


def _viewer(audience: str) -> Any:
    return _STAFF if audience == "staff" else AnonymousUser()


def _point(value: Any) -> dict[str, Any] | None:
    return None if value is None else {"value": value.value, "year": value.year}


def home_compute(audience: str) -> tuple[dict[str, Any], int]:
    """Headline indicators (their standing and verdict) and status counts for ``audience``."""
    viewer = _viewer(audience)
    headline = [
        {
            "code": row.indicator.code,
            "observed": _point(row.standing.observed),
            "target": _point(row.standing.target),
            "met": row.standing.met,
            "verdict": str(row.verdict.status) if row.verdict else None,
        }
        for row in indicators_headline(user=viewer)
    ]
    source = status_source()
    tasks = Task.objects.filter(plan_visibility_q(user=viewer, prefix="plan__"))
    counts = source.counts(tasks) if source.choices() else None  # by status value: labelled when read
    size = IndicatorValue.objects.count() + Task.objects.count()
    return {"headline": headline, "status": counts}, size


@dataclass(frozen=True)
class HeadlineCard:
    """One headline indicator as the home page shows it (from the roll-up, no values read)."""

    indicator: Indicator
    standing: SimpleNamespace
    verdict: SimpleNamespace | None


def home_rollup(*, user: Any) -> tuple[list[HeadlineCard], list[tuple[str, int]] | None, RollupValue]:
    """The home page's headline cards and status counts for ``user``'s audience (two queries)."""
    value = rollup_read(f"{PREFIX}home.{_audience(user)}")
    rows = value.data.get("headline", [])
    indicators = Indicator.objects.in_bulk([r["code"] for r in rows], field_name="code")
    cards = [
        HeadlineCard(
            indicator=indicators[r["code"]],
            standing=SimpleNamespace(
                observed=SimpleNamespace(**r["observed"]) if r["observed"] else None,
                target=SimpleNamespace(**r["target"]) if r["target"] else None,
                met=r["met"],
            ),
            verdict=SimpleNamespace(status=Status(r["verdict"])) if r["verdict"] else None,
        )
        for r in rows
        if r["code"] in indicators
    ]
    counts = value.data.get("status")
    status = None
    if counts is not None and (choices := status_source().choices()):
        status = [(label, counts.get(value_, 0)) for value_, label in choices]
    return cards, status, value


def _changed(**_kwargs: Any) -> None:
    rollups_mark_stale("")  # every roll-up: the home page's and the dashboard's
    public_pages_changed()  # and every cached public page (``foundation.page_cache``)


def register() -> None:
    """Called from ``PortalConfig.ready``: the home roll-ups, and a write to what any roll-up reads marks it stale."""
    for audience in ("public", "staff"):
        rollup_register(f"{PREFIX}home.{audience}", partial(home_compute, audience))
    for model in (Agency, Plan, Task, ProgressReport, ReportingPeriod, Indicator, IndicatorValue):
        post_save.connect(_changed, sender=model, dispatch_uid=f"rollups-save-{model._meta.label}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"rollups-delete-{model._meta.label}")
