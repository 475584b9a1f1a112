"""Which plan implements which, by type and period (a pure rule, no database)."""

from __future__ import annotations

import pytest

from ipstrategy.core.hierarchy import PlanSpan, parent_choose

OUTLINE = PlanSpan(1, "outline", 2008, 2020)
ACTION = PlanSpan(2, "action_plan", 2014, 2020)
OPINIONS = PlanSpan(3, "opinions", 2014, 2020)
FYP_13 = PlanSpan(4, "five_year_plan", 2016, 2020)
FYP_14 = PlanSpan(5, "five_year_plan", 2021, 2025)
ALL = (OUTLINE, ACTION, OPINIONS, FYP_13, FYP_14)


@pytest.mark.parametrize(
    ("plan", "candidates", "parent"),
    [
        (PlanSpan(10, "annual_promotion_plan", 2012, 2012), ALL, 1),  # only the outline covers 2012
        (PlanSpan(10, "annual_promotion_plan", 2015, 2015), ALL, 2),  # the action plan, not opinions
        (PlanSpan(10, "annual_promotion_plan", 2018, 2018), ALL, 4),  # the narrower five-year plan
        (PlanSpan(10, "annual_promotion_plan", 2020, None), (OUTLINE, ACTION), 2),  # end defaults to start
        (PlanSpan(10, "annual_promotion_plan", 2022, 2022), ALL, 5),
        (PlanSpan(10, "annual_promotion_plan", 2030, 2030), ALL, None),  # nothing covers it
        (ACTION, ALL, 1),  # an action plan implements the outline
        (FYP_14, ALL, None),  # the 2008 outline ended in 2020
        (OPINIONS, ALL, None),  # opinions are not in the chain
        (OUTLINE, ALL, None),
        (PlanSpan(10, "annual_promotion_plan", None, None), ALL, None),  # no period, no guess
    ],
)
def test_parent_choose(plan: PlanSpan, candidates: tuple[PlanSpan, ...], parent: int | None) -> None:
    assert parent_choose(plan, candidates) == parent
