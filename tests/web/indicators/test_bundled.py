"""The bundled data as loaded by init: targets, sources, definitions, and the verdicts they give."""

from __future__ import annotations

import pytest

from ipstrategy.core.assessment import Method, Status
from ipstrategy.web.indicators.assessing import indicator_assessment
from ipstrategy.web.indicators.bundled import (
    indicator_definitions_load,
    indicator_observations_load,
    indicator_targets_load,
    unconfirmed_kinds,
)
from ipstrategy.web.indicators.errors import RowError
from ipstrategy.web.indicators.models import Indicator, IndicatorValue

pytestmark = pytest.mark.django_db

FIVE_YEAR = {
    "high_value_invention_patents_per_10k_people": (6.3, 12),
    "overseas_invention_patents_granted": (4, 9),
    "ip_pledge_financing": (2180, 3200),
    "ip_royalties_import_export": (3194.4, 3500),
    "patent_intensive_industries_share_of_gdp": (11.6, 13),
    "copyright_industries_share_of_gdp": (7.39, 7.5),
    "social_satisfaction_ip_protection": (80.05, 82),
    "ip_civil_first_instance_no_appeal_rate": (85, 86),
}


def _goal(code: str, year: int, as_of: int | None = None):  # type: ignore[no-untyped-def]
    result = indicator_assessment(code=code, as_of=as_of, target_year=year)
    assert len(result.goals) == 1
    return result.goals[0].assessment


def test_action_plan_2020_patent_target_is_achieved() -> None:
    a = _goal("invention_patents_per_10k_people", 2020)
    assert a.headline.method == Method.TARGET_YEAR
    assert a.headline.status == Status.ACHIEVED
    assert (a.headline.inputs["observed"], a.headline.inputs["target"]) == (15.8, 14.0)


def test_action_plan_2020_pct_target_is_missed_not_pending() -> None:
    a = _goal("pct_applications", 2020)
    assert a.as_of == 2023  # later figures exist, but the 2020 figure decides
    assert a.headline.status == Status.MISSED
    assert a.headline.inputs["observed"] == pytest.approx(6.872)
    assert a.headline.inputs["difference"] == pytest.approx(6.872 - 7.5)


def test_a_passed_target_without_its_years_figure_is_not_assessable() -> None:
    a = _goal("works_copyright_registrations", 2015)  # 2014 and 2016 published, not 2015
    assert a.headline.status == Status.NOT_ASSESSABLE
    assert a.headline.reason is not None


@pytest.mark.parametrize(("code", "figures"), FIVE_YEAR.items())
def test_five_year_plan_indicators_carry_their_2025_targets(code: str, figures: tuple[float, float]) -> None:
    values = IndicatorValue.objects.filter(indicator__code=code, plan__period_end=2025)
    target = values.get(kind="target", year=2025)
    assert target.value == figures[1]
    assert values.filter(kind="baseline", value=figures[0]).exists()
    assert Indicator.objects.get(code=code).attribute == "expected"


def test_examination_times_are_decreasing() -> None:
    for code in ("invention_patent_substantive_examination_months", "trademark_registration_examination_months"):
        assert Indicator.objects.get(code=code).direction == "down"
    a = _goal("invention_patent_substantive_examination_months", 2020)
    assert a.headline.status == Status.ACHIEVED  # 20.0 months in 2020 against 20.2: lower is better


def test_observations_carry_publisher_and_release_and_an_address_only_where_given() -> None:
    observed = IndicatorValue.objects.filter(kind="observed")
    assert not observed.filter(publisher="").exists() and not observed.filter(release="").exists()
    row = observed.get(indicator__code="invention_patents_per_10k_people", year=2020)
    assert row.publisher.startswith("China National Intellectual Property Administration") and row.url == ""
    assert observed.get(indicator__code="invention_patents_per_10k_people", year=2018).url.startswith("http")


def test_unconfirmed_marks_follow_the_notes() -> None:
    pledge = IndicatorValue.objects.filter(indicator__code="ip_pledge_financing", plan__period_end=2025)
    assert pledge.get(kind="target").unconfirmed and not pledge.get(kind="baseline", year=2020).unconfirmed
    civil = IndicatorValue.objects.filter(indicator__code="ip_civil_first_instance_no_appeal_rate")
    assert all(v.unconfirmed for v in civil.exclude(kind="observed"))
    assert not IndicatorValue.objects.get(
        indicator__code="high_value_invention_patents_per_10k_people", kind="target"
    ).unconfirmed
    assert unconfirmed_kinds("Baseline 7 UNCONFIRMED. Target confirmed.") == {"baseline"}


def test_definitions_come_from_the_plans_or_say_there_is_none() -> None:
    high = Indicator.objects.get(code="high_value_invention_patents_per_10k_people")
    assert "strategic emerging industry" in high.definition and "战略性新兴产业" in high.definition_zh
    assert high.plan is not None and high.plan.period_end == 2025 and "Main indicators" in high.section
    pct = Indicator.objects.get(code="pct_applications")
    assert "does not define it" in pct.definition and "未给出定义" in pct.definition_zh
    assert not Indicator.objects.filter(definition="").filter(values__isnull=False).exists()


def test_loading_again_changes_nothing() -> None:
    before = IndicatorValue.objects.count()
    assert indicator_targets_load().created == 0
    assert indicator_observations_load().created == 0
    indicator_definitions_load()
    assert IndicatorValue.objects.count() == before


def test_a_bad_targets_file_names_file_row_and_column(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "targets.csv"
    path.write_text(
        "plan,indicator,name_en,name_zh,unit,attribute,baseline_year,baseline,target_year,target,url,note\n"
        '"Plan (2021-2025), 2021-10-09",x_new,X,,%,expected,2020,1,2025,lots,,\n',
        encoding="utf-8",
    )
    before = IndicatorValue.objects.count()
    with pytest.raises(RowError, match=r"targets.csv: row 2: column target: not a number"):
        indicator_targets_load(path=path)
    assert IndicatorValue.objects.count() == before
    assert not Indicator.objects.filter(code="x_new").exists()
