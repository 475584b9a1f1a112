"""The indicator chart: observed values against the plans' target line, as SVG drawn by matplotlib.

One definition for the indicator page and, later, the reports. Drawn on the server, so it needs
no JavaScript and no network; text is turned into paths in the SVG, so the reader's fonts do not
matter. Chinese labels need a CJK font on the server (Debian ``fonts-noto-cjk``); without one the
chart falls back to English labels rather than drawing empty boxes.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from functools import cache
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from ipstrategy.web.indicators.models import ValueKind

#: Tried in order; matplotlib falls back glyph by glyph along this list.
CJK_FONTS = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Source Han Sans SC", "WenQuanYi Zen Hei", "SimHei")
INK, ACCENT, TARGET, BASELINE = "#1d232a", "#9f1d20", "#1f5f99", "#5b6570"


@cache
def cjk_font() -> str | None:
    """The first installed CJK font family, or None (then Chinese labels are not drawn)."""
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    return next((name for name in CJK_FONTS if name in installed), None)


def _series(values: Iterable[Any], kind: str) -> tuple[list[int], list[float]]:
    points = sorted((v.year, v.value) for v in values if v.kind == kind)
    return [y for y, _ in points], [v for _, v in points]


def chart_language() -> str:
    """The language the chart can be drawn in: the active one, or English without a CJK font."""
    language = translation.get_language() or "en"
    return language if not language.startswith("zh") or cjk_font() else "en"


def indicator_chart_svg(*, indicator: Any, values: Iterable[Any], width: float = 7.0) -> str:
    """An SVG line chart of ``indicator``: observed values (line), targets (dashed), baselines (squares)."""
    values = list(values)
    with translation.override(chart_language()):
        chinese = (translation.get_language() or "").startswith("zh")
        title = indicator.name_zh if chinese and indicator.name_zh else indicator.name_en
        unit = _(indicator.unit) if indicator.unit else ""
        return _draw(title=title, unit=unit, values=values, width=width)


def _draw(*, title: str, unit: str, values: list[Any], width: float) -> str:
    import matplotlib
    from matplotlib.figure import Figure

    family = ["DejaVu Sans", cjk_font()] if cjk_font() else ["DejaVu Sans"]
    rc = {"font.family": family, "svg.fonttype": "path", "svg.hashsalt": "ipstrategy"}

    with matplotlib.rc_context(rc):
        fig = Figure(figsize=(width, 3.6), dpi=100)
        ax = fig.add_subplot()
        observed, targets, baselines = (_series(values, k) for k in ValueKind.values[::-1])
        if observed[0]:
            ax.plot(*observed, marker="o", color=ACCENT, linewidth=2, label=_("Observed"))
        if targets[0]:
            ax.plot(*targets, marker="D", linestyle="--", color=TARGET, linewidth=1.5, label=_("Target"))
        if baselines[0]:
            ax.scatter(*baselines, marker="s", color=BASELINE, zorder=3, label=_("Baseline"))
        ax.set_title(title, color=INK, fontsize=11, loc="left")
        ax.set_ylabel(unit, color=INK)
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.grid(axis="y", color="#d9dee3", linewidth=0.8)
        ax.spines[["top", "right"]].set_visible(False)
        if ax.get_legend_handles_labels()[0]:
            ax.legend(frameon=False, loc="best")
        fig.tight_layout()
        out = io.StringIO()
        fig.savefig(out, format="svg", metadata={"Date": None})
    return out.getvalue()
