"""The chart: Chinese labels from a font registered by file, a visible warning without one, the paths drawn."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from django.utils import translation

from ipstrategy.web.indicators import charts
from ipstrategy.web.indicators.models import Indicator
from ipstrategy.web.indicators.selectors import indicator_get

pytestmark = pytest.mark.django_db

NOTO = sorted(Path("/usr/share/fonts").rglob("NotoSansCJK*")) if Path("/usr/share/fonts").is_dir() else []


@pytest.fixture
def stale_cache(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """matplotlib's font list as if its cache were built before any CJK font was installed."""
    from matplotlib import font_manager

    manager = font_manager.fontManager
    kept = [f for f in manager.ttflist if f.name not in charts.CJK_FONTS]
    monkeypatch.setattr(manager, "ttflist", kept)
    charts.cjk_font.cache_clear()
    yield manager
    charts.cjk_font.cache_clear()


@pytest.mark.skipif(not NOTO, reason="fonts-noto-cjk is not installed")
def test_a_cjk_font_is_registered_from_its_file_when_the_cache_predates_it(stale_cache) -> None:  # type: ignore[no-untyped-def]
    assert not any(f.name in charts.CJK_FONTS for f in stale_cache.ttflist)
    assert charts.cjk_font() in charts.CJK_FONTS
    with translation.override("zh-hans"):
        assert charts.chart_language() == "zh-hans"
        assert charts.chart_font_warning() is None


def test_without_any_cjk_font_the_chart_warns(stale_cache, monkeypatch, caplog) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(charts, "FONT_DIRS", ())
    indicator = indicator_get(code="pct_applications")
    with caplog.at_level(logging.WARNING, logger=charts.__name__), translation.override("zh-hans"):
        assert charts.chart_font_warning() == charts.CJK_MISSING
        png = charts.indicator_chart(indicator=indicator, values=indicator.visible_values, fmt="png")
    assert png.startswith(b"\x89PNG")
    assert charts.CJK_MISSING in caplog.text


def test_the_chart_draws_observed_paths_targets_and_verdicts(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    drawn: dict[str, list] = {"lines": [], "texts": []}
    original = charts._draw_goals

    def spy(ax, indicator, values):  # type: ignore[no-untyped-def]
        original(ax, indicator, values)
        drawn["lines"] = [(line.get_linestyle(), list(line.get_xdata())) for line in ax.get_lines()]
        drawn["texts"] = [t.get_text() for t in ax.texts]

    monkeypatch.setattr(charts, "_draw_goals", spy)
    indicator = indicator_get(code="pct_applications")
    with translation.override("en"):
        svg = charts.indicator_chart_svg(indicator=indicator, values=indicator.visible_values)
    assert svg.lstrip().startswith("<?xml")
    paths = [xs for style, xs in drawn["lines"] if style == ":"]
    assert [xs[0] for xs in paths] == [2013, 2013] and sorted(xs[-1] for xs in paths) == [2015, 2020]
    assert "Target missed" in drawn["texts"]


def test_geometric_path_follows_the_indicator_setting() -> None:
    indicator = Indicator.objects.get(code="invention_patents_per_10k_people")
    assert indicator.trajectory == "geometric"
