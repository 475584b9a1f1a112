"""The indicator chart: observed values, the path to each target, the targets and their verdicts.

One definition for the indicator page and the reports (SVG for pages, PNG for documents). Drawn
on the server with matplotlib, so it needs no JavaScript and no network; SVG text is turned into
paths, so the reader's fonts do not matter.

Chinese labels need a CJK font on the server (Debian ``fonts-noto-cjk``). matplotlib's font cache
may have been built before the font was installed, so the font files are looked up on disk and
registered explicitly (``cjk_font``) instead of trusting the cache. With no CJK font at all the
chart is drawn in English and says so, in the chart and in the log (``CJK_MISSING``): never a
silent switch of language.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from ipstrategy.core.assessment import (
    TrajectoryKind,
    assess_goal,
    goals_paired,
    observations_from_values,
    planned_value,
)
from ipstrategy.web.indicators.assessment_labels import STATUSES, TONES
from ipstrategy.web.indicators.models import ValueKind

log = logging.getLogger(__name__)

#: Family names tried in order; matplotlib falls back glyph by glyph along this list.
CJK_FONTS = (
    "Noto Sans CJK SC",
    "Noto Sans CJK JP",
    "Noto Serif CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Zen Hei",
    "Droid Sans Fallback",
    "SimHei",
)
#: Where font files are searched when the cache knows no CJK family, and the file names to register.
FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts")
CJK_FILES = ("NotoSansCJK*", "NotoSerifCJK*", "SourceHanSans*", "wqy-zenhei*", "DroidSansFallback*")
CJK_MISSING = "No CJK font found (install fonts-noto-cjk): Chinese chart labels cannot be drawn, English is used."
INK, OBSERVED, TARGET, PATH, BASELINE = "#1d232a", "#9f1d20", "#1f5f99", "#7a8794", "#5b6570"
TONE_COLOURS = {"good": "#1b7a3a", "fair": "#a86a00", "poor": "#b34a00", "bad": "#9f1d20", "none": "#5b6570"}


def _font_files(dirs: Iterable[str]) -> list[Path]:
    found: list[Path] = []
    for folder in dirs:
        root = Path(folder).expanduser()
        if root.is_dir():
            found += sorted(p for pattern in CJK_FILES for p in root.rglob(pattern) if p.is_file())
    return found


@cache
def cjk_font() -> str | None:
    """The first usable CJK family, registering font files from disk if the cache predates them."""
    from matplotlib import font_manager

    manager = font_manager.fontManager
    installed = {f.name for f in manager.ttflist}
    if not any(name in installed for name in CJK_FONTS):
        for path in _font_files(FONT_DIRS):
            try:
                manager.addfont(str(path))
            except (OSError, RuntimeError, ValueError):  # a damaged file: try the next
                log.warning("could not register font %s", path)
        installed = {f.name for f in manager.ttflist}
    found = next((name for name in CJK_FONTS if name in installed), None)
    if found is None:
        log.warning(CJK_MISSING)
    return found


def chart_language() -> str:
    """The language the chart can be drawn in: the active one, or English without a CJK font."""
    language = translation.get_language() or "en"
    return language if not language.startswith("zh") or cjk_font() else "en"


def chart_font_warning() -> str | None:
    """The warning to show beside a chart when Chinese was asked for but no CJK font exists."""
    language = translation.get_language() or "en"
    return CJK_MISSING if language.startswith("zh") and cjk_font() is None else None


def indicator_chart(*, indicator: Any, values: Iterable[Any], fmt: str = "svg", width: float = 7.0) -> bytes:
    """The chart of ``indicator`` as SVG or PNG bytes, labelled in the active language when it can be."""
    values = list(values)
    warning = chart_font_warning()
    with translation.override(chart_language()):
        chinese = (translation.get_language() or "").startswith("zh")
        title = indicator.name_zh if chinese and indicator.name_zh else indicator.name_en
        unit = _(indicator.unit) if indicator.unit else ""
        return _draw(indicator=indicator, title=title, unit=unit, values=values, width=width, fmt=fmt, warning=warning)


def indicator_chart_svg(*, indicator: Any, values: Iterable[Any], width: float = 7.0) -> str:
    """The chart as SVG text (the indicator page's image)."""
    return indicator_chart(indicator=indicator, values=values, width=width).decode("utf-8")


def _series(values: Iterable[Any], kind: str) -> tuple[list[int], list[float]]:
    points = sorted((v.year, v.value) for v in values if v.kind == kind)
    return [y for y, _ in points], [v for _, v in points]


#: The chart draws the goals of the last this many target years (a chart of thousands is unreadable and slow).
MAX_GOALS = 12


def _draw_goals(ax: Any, indicator: Any, values: list[Any]) -> list[Any]:
    """A dashed path from the baseline to each target (the latest plan's, for the last ``MAX_GOALS`` years),
    the target, and the target's verdict."""
    observations = observations_from_values(values)
    as_of = observations[-1].year if observations else None
    kind: TrajectoryKind = getattr(indicator, "trajectory", "linear")
    latest: dict[int, Any] = {}  # per target year, the latest plan's goal (pairs come by year, then plan)
    for paired in goals_paired(values, direction=getattr(indicator, "direction", "up")):
        latest[paired.goal.target.year] = paired
    shown = [latest[year] for year in sorted(latest)[-MAX_GOALS:]]
    baselines = [p.baseline for p in shown]
    for number, paired in enumerate(shown):
        goal = paired.goal
        years = list(range(goal.baseline.year, goal.target.year + 1))
        try:
            path = [planned_value(goal, y, kind=kind) for y in years]
        except ValueError:  # geometric path undefined (zero baseline): draw the linear one
            path = [planned_value(goal, y, kind="linear") for y in years]
        label = _("Planned path (linear)") if kind == "linear" else _("Planned path (geometric)")
        ax.plot(
            years,
            path,
            linestyle=":",
            color=PATH,
            linewidth=1.4,
            label=label if number == 0 else None,
            gid=f"planned-path-{goal.target.year}",  # an id in the SVG: the browser test finds the path by it
        )
        verdict = assess_goal(goal, observations, as_of=as_of).headline
        colour = TONE_COLOURS[TONES[verdict.status]]
        ax.scatter(
            [goal.target.year],
            [goal.target.value],
            marker="D",
            s=46,
            color=TARGET,
            zorder=4,
            label=_("Target") if number == 0 else None,
        )
        ax.annotate(
            str(STATUSES[verdict.status]),
            (goal.target.year, goal.target.value),
            xytext=(4, 6),
            textcoords="offset points",
            fontsize=8,
            color=colour,
        )
    return baselines


def _draw(
    *, indicator: Any, title: str, unit: str, values: list[Any], width: float, fmt: str, warning: str | None
) -> bytes:
    import matplotlib
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    family = ["DejaVu Sans", cjk_font()] if cjk_font() else ["DejaVu Sans"]
    with matplotlib.rc_context({"font.family": family, "svg.fonttype": "path", "svg.hashsalt": "ipstrategy"}):
        fig = Figure(figsize=(width, 3.8), dpi=100)
        ax = fig.add_subplot()
        drawn = _draw_goals(ax, indicator, values)
        every = [v for v in values if v.kind == ValueKind.BASELINE]
        # every baseline, unless there are hundreds (decades of plans): then those of the goals drawn
        observed, baselines = (
            _series(values, ValueKind.OBSERVED),
            _series(every if len(every) <= 50 else drawn, ValueKind.BASELINE),
        )
        if observed[0]:
            ax.plot(*observed, marker="o", color=OBSERVED, linewidth=2, label=_("Observed"))
        if baselines[0]:
            ax.scatter(*baselines, marker="s", color=BASELINE, zorder=3, label=_("Baseline"))
        ax.set_title(title, color=INK, fontsize=11, loc="left")
        ax.set_ylabel(unit, color=INK)
        locator = ax.xaxis.get_major_locator()
        if isinstance(locator, MaxNLocator):  # the default AutoLocator is one
            locator.set_params(integer=True)
        ax.grid(axis="y", color="#d9dee3", linewidth=0.8)
        ax.spines[["top", "right"]].set_visible(False)
        if ax.get_legend_handles_labels()[0]:
            ax.legend(frameon=False, loc="best", fontsize=8)
        if warning:
            fig.text(0.01, 0.01, warning, fontsize=7, color=OBSERVED)
        fig.tight_layout()
        out = io.BytesIO()
        fig.savefig(out, format=fmt, metadata={"Date": None} if fmt == "svg" else None)
    return out.getvalue()
