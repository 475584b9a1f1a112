"""A demo evaluation for ``init --demo``: the 2020 plan's summary evaluation, rated in part.

Runs after the tracking demo (it needs the office and evaluator accounts and the approved report).
Idempotent: nothing is added when an evaluation exists already.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from ipstrategy.web.evaluation.models import Evaluation
from ipstrategy.web.evaluation.services import evaluation_assign, evaluation_open, indicator_owner_set, rating_set
from ipstrategy.web.indicators.models import Indicator
from ipstrategy.web.plans.models import Plan

#: (completion level, finding) for the plan's first tasks, in order
DEMO_RATINGS = (
    ("substantial", "Guidelines issued and in use in most provinces; uptake survey pending."),
    ("complete", "Measure in force since 2020; confirmed by the published notice."),
    ("limited", "Only a draft was found; no document shows it was issued."),
    ("no_evidence", ""),
    ("substantial", ""),
    ("not_started", "No activity found for the year."),
)
#: Indicators the demo names a department for (the patent office answers for patent figures).
DEMO_OWNERS = {"invention_patents_per_10k_people": "CNIPA", "pct_applications": "CNIPA"}


def evaluation_demo_load() -> Evaluation | None:
    """Open and partly rate the demo evaluation (None when one exists or the demo accounts are missing)."""
    users = {u.username: u for u in get_user_model().objects.filter(username__in=["office", "evaluator"])}
    plan = Plan.objects.filter(issue_date__year=2020).order_by("pk").first()
    if Evaluation.objects.exists() or plan is None or len(users) < 2:
        return None
    office, evaluator = users["office"], users["evaluator"]
    with transaction.atomic():
        # As of today: the demo reports were approved today, and claims count from their approval.
        evaluation = evaluation_open(plan=plan, kind="summary", as_of=timezone.localdate(), actor=office)
        evaluation_assign(evaluation=evaluation, evaluator=evaluator, actor=office)
        for task, (level, finding) in zip(plan.tasks.order_by("order"), DEMO_RATINGS, strict=False):
            rating_set(evaluation=evaluation, task=task, level=level, findings=finding, actor=evaluator)
        for code, agency in DEMO_OWNERS.items():
            if indicator := Indicator.objects.filter(code=code).first():
                indicator_owner_set(indicator=indicator, agency_code=agency, actor=office)
    return evaluation
