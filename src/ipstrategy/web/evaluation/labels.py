"""Translated labels of the codes the roll-ups and evaluations use, for pages and every report format."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from ipstrategy.core.assessment import Status
from ipstrategy.web.evaluation.models import CompletionLevel, EvaluationKind
from ipstrategy.web.indicators.assessment_labels import STATUSES
from ipstrategy.web.tracking.models import Progress


def status_label(code: str) -> str:
    """A task status: the tracking progress labels, plus "not reported"."""
    if code == "not_reported":
        return _("Not reported")
    return str(dict(Progress.choices).get(code, code))


def level_label(code: str | None) -> str:
    if code is None:
        return _("Not rated")
    return str(dict(CompletionLevel.choices).get(code, code))


def kind_label(code: str) -> str:
    return str(dict(EvaluationKind.choices).get(code, code))


def timeliness_label(code: str) -> str:
    return {
        "on_time": _("On time"),
        "late": _("Late"),
        "overdue": pgettext("report not handed in after the due date", "Overdue"),
        "pending": _("Not yet due"),
    }.get(code, code)


def comparison_label(code: str) -> str:
    return {
        "agrees": _("Claim confirmed"),
        "overclaimed": _("Claimed more than found"),
        "underclaimed": _("Found more than claimed"),
        "unreported_progress": _("Progress found but not reported"),
        "not_comparable": _("Not comparable (merged or cancelled)"),
        "not_rated": _("Not rated"),
        "spread": _("Evaluators disagree by two steps or more"),
        "note": _("Evaluator's finding"),
    }.get(code, code)


def verdict_label(code: str) -> str:
    """An assessment status (``core.assessment.Status``), labelled as the indicator pages label it."""
    try:
        return str(STATUSES[Status(code)])
    except (ValueError, KeyError):  # not a status code, or one without a label: shown as it is
        return code


def percent(value: float | None, digits: int = 0) -> str:
    """``42%`` (``—`` when there is nothing to show)."""
    return "—" if value is None else f"{value:.{digits}f}%"


def share(value: float | None) -> str:
    """A share 0..1 as a percent."""
    return "—" if value is None else f"{value * 100:.0f}%"
