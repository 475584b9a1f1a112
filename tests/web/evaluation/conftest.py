"""Fixtures of the evaluation tests: the tracking fixtures (one account per role, a SIPO-led plan,
an open period), a second evaluator, and an evaluation of the plan with the first evaluator assigned.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from ipstrategy.web.evaluation.models import Evaluation
from ipstrategy.web.evaluation.services import evaluation_assign, evaluation_open
from ipstrategy.web.plans.models import Plan

from ..tracking.conftest import People, _fast_passwords, account, people, period, plan

__all__ = ["People", "_fast_passwords", "people", "period", "plan"]


@pytest.fixture
def other_evaluator(db: None) -> Any:
    return account("t-evaluator-2", "evaluator")


@pytest.fixture
def evaluation(plan: Plan, people: People) -> Evaluation:
    opened = evaluation_open(plan=plan, kind="mid_term", as_of=date(2099, 12, 31), actor=people.office)
    evaluation_assign(evaluation=opened, evaluator=people.evaluator, actor=people.office)
    return opened
