"""The small pure pieces: where an indicator stands, localised numbers and dates, the chart's fallback."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from django.test import Client
from django.utils import translation

from ipstrategy.core.assessment import standing_of
from ipstrategy.web.foundation.templatetags.ipstrategy import comparator, highlight, name, plan_date, quantity
from ipstrategy.web.indicators import charts
from ipstrategy.web.indicators.models import Indicator, IndicatorValue


@dataclass
class V:
    """An indicator value as standing_of reads it."""

    year: int
    kind: str
    value: float
    plan_id: int | None = None
    plan: object = None


@pytest.mark.parametrize(
    ("values", "direction", "observed", "target", "met"),
    [
        ([V(2020, "observed", 15.8), V(2020, "target", 14, 1)], "up", 15.8, 14, True),
        ([V(2019, "observed", 13), V(2020, "target", 14, 1), V(2025, "target", 12, 2)], "up", 13, 14, False),
        ([V(2023, "observed", 15), V(2020, "target", 20.2, 1)], "down", 15, 20.2, True),  # no target ahead: the last
        ([V(2021, "observed", 21), V(2022, "target", 20, 1)], "down", 21, 20, False),
        ([V(2021, "observed", 21)], "up", 21, None, None),
        ([V(2025, "target", 12, 2)], "up", None, 12, None),
    ],
)
def test_standing_compares_the_latest_observation_with_the_nearest_target(
    values, direction, observed, target, met
) -> None:  # type: ignore[no-untyped-def]
    standing = standing_of(values, direction=direction)
    assert (standing.observed.value if standing.observed else None) == observed
    assert (standing.target.value if standing.target else None) == target
    assert standing.met is met


def test_the_baseline_is_the_target_plans_own() -> None:
    values = [V(2015, "baseline", 6.3, 2), V(2013, "baseline", 4, 1), V(2020, "target", 14, 1), V(2019, "observed", 13)]
    assert standing_of(values, direction="up").baseline.value == 4


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (30.0, "30"),
        (5.899, "5.899"),
        (80.05, "80.05"),
        (249.5213, "249.5"),  # four significant digits, not every digit stored
        (0.0035121, "0.003512"),
        (123456.7, "123,457"),
        (12000.0, "12,000"),
        (2020, "2020"),  # a count or a year-like figure under 10,000 stays ungrouped
        (1234567, "1,234,567"),
        (None, "—"),
    ],
)
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_quantities_round_drop_needless_decimals_and_group_thousands(
    value: float | None, shown: str, language: str
) -> None:
    """The same in both languages: Chinese tables group thousands with commas too (formats/zh_Hans)."""
    with translation.override(language):
        assert quantity(value) == shown


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_pages_show_indicator_values_rounded_for_the_reader(client: Client, language: str) -> None:
    indicator = Indicator.objects.get(code="invention_patents_per_10k_people")
    IndicatorValue.objects.create(indicator=indicator, year=2098, kind="observed", value=249.5213)
    IndicatorValue.objects.create(indicator=indicator, year=2099, kind="observed", value=123456.78)
    html = client.get(f"/indicators/{indicator.code}/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert ">249.5<" in html and ">123,457<" in html and "249.52" not in html and "123456" not in html


@dataclass
class P:
    issue_date: date | None
    date_precision: str = "day"


@pytest.mark.parametrize(
    ("plan", "en", "zh"),
    [
        (P(date(2014, 12, 10)), "2014-12-10", "2014年12月10日"),
        (P(date(2013, 5, 1), "month"), "2013-05", "2013年5月"),
        (P(date(2012, 1, 1), "year"), "2012", "2012年"),
        (P(None), "—", "—"),
    ],
)
def test_plan_dates_read_naturally_in_each_language(plan: P, en: str, zh: str) -> None:
    with translation.override("en"):
        assert plan_date(plan) == en
    with translation.override("zh-hans"):
        assert plan_date(plan) == zh


@dataclass
class Named:
    name_en: str
    name_zh: str
    unit: str = ""


def test_names_follow_the_language_and_fall_back_to_english() -> None:
    with translation.override("zh-hans"):
        assert name(Named("State Council", "国务院")) == "国务院"
        assert name(Named("Only English", "")) == "Only English"
        assert comparator("about") == "约"
    with translation.override("en"):
        assert name(Named("State Council", "国务院")) == "State Council"
        assert comparator("about") == "about" and comparator("=") == ""


def test_highlight_escapes_and_marks_every_match() -> None:
    assert highlight("Patent <b>patents</b>", "patent") == "<mark>Patent</mark> &lt;b&gt;<mark>patent</mark>s&lt;/b&gt;"
    assert highlight("a+b (c)", "+b (") == "a<mark>+b (</mark>c)"


def test_the_chart_falls_back_to_english_without_a_cjk_font(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(charts, "cjk_font", lambda: None)
    with translation.override("zh-hans"):
        assert charts.chart_language() == "en"
        svg = charts.indicator_chart_svg(
            indicator=Named("Patents", "专利"), values=[V(2019, "observed", 1.0), V(2020, "target", 2.0, 1)]
        )
    assert svg.startswith("<?xml") and "<svg" in svg


def test_the_chart_draws_chinese_with_a_cjk_font() -> None:
    if charts.cjk_font() is None:
        pytest.skip("no CJK font installed (fonts-noto-cjk)")
    with translation.override("zh-hans"):
        assert charts.chart_language() == "zh-hans"


@pytest.mark.parametrize(("language", "shown"), [("en", "64,000 items"), ("zh-hans", "共 64,000 项")])
def test_list_counts_are_grouped_like_every_number(language: str, shown: str) -> None:
    """The pager's count goes through ``quantity`` too (national scale: 64,000 tasks)."""
    from types import SimpleNamespace

    from django.template.loader import render_to_string

    page = SimpleNamespace(
        count=64000, has_next=True, has_previous=False, previous_query=None, number=1, pages=640, next_query="page=2"
    )
    with translation.override(language):
        html = render_to_string("site/_pager.html", {"page": page})
    assert shown in html and "64000" not in html
