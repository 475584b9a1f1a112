"""The names of the assessment methods, statuses, inputs and reasons, in the reader's language.

The core (``ipstrategy.core.assessment``) speaks in codes; pages, the API, the CLI table and the
reports show these labels. Lazy, so they translate in whatever language is active when shown.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ipstrategy.core.assessment import Method, Reason, Status

METHODS: dict[Method, Promise] = {
    Method.STATCAN: _("Statistics Canada / Open SDG growth ratio"),
    Method.STATCAN_NO_TARGET: _("Open SDG growth rate (no target)"),
    Method.UNSD: _("UNSD Progress Chart ratio"),
    Method.ESCAP: _("ESCAP current status index"),
    Method.GAP_LINEAR: _("Gap to the linear path"),
    Method.GAP_GEOMETRIC: _("Gap to the geometric path"),
    Method.TARGET_YEAR: _("Target-year verdict"),
}

STATUSES: dict[Status, Promise] = {
    Status.ACHIEVED: _("Target achieved"),
    Status.MISSED: _("Target missed"),
    Status.SUBSTANTIAL: _("Substantial progress"),
    Status.MODERATE: _("Moderate progress"),
    Status.LIMITED: _("Limited progress"),
    Status.DETERIORATION: _("Deterioration"),
    Status.AHEAD: _("Ahead of the path"),
    Status.BEHIND: _("Behind the path"),
    Status.NOT_ASSESSABLE: _("Not assessable"),
}

REASONS: dict[Reason, Promise] = {
    Reason.ZERO_BASELINE: _("The baseline is zero, so growth rates are undefined."),
    Reason.MIXED_SIGNS: _("The figures change sign, so growth rates are undefined."),
    Reason.NO_OBSERVATION: _("No figure has been published since the baseline year."),
    Reason.NO_OBSERVATION_FOR_TARGET_YEAR: _("The target year has passed but no figure for that year is published."),
    Reason.OBSERVED_AT_BASELINE: _("The only figure is from the baseline year."),
    Reason.NO_CHANGE_REQUIRED: _("The target equals the baseline."),
    Reason.TARGET_NOT_AFTER_BASELINE: _("The target year is not after the baseline year."),
    Reason.TARGET_YEAR_NOT_PASSED: _("The target year has not passed yet."),
}

INPUTS: dict[str, Promise] = {
    "direction": _("direction"),
    "baseline_year": _("baseline year"),
    "baseline": _("baseline"),
    "target_year": _("target year"),
    "target": _("target"),
    "observed_year": _("observed year"),
    "observed": _("observed"),
    "observed_cagr": _("observed annual growth"),
    "required_cagr": _("required annual growth"),
    "expected_at_target_year": _("expected in the target year"),
    "elapsed_share": _("share of the period elapsed"),
    "index_due": _("index due by now"),
    "planned": _("planned for the year"),
    "relative_gap": _("gap relative to plan"),
    "difference": _("difference from target"),
    "relative_difference": _("relative difference"),
    "met_at_baseline": _("met at the baseline"),
}

#: CSS class of each status band on the pages and the chart.
TONES: dict[Status, str] = {
    Status.ACHIEVED: "good",
    Status.SUBSTANTIAL: "good",
    Status.AHEAD: "good",
    Status.MODERATE: "fair",
    Status.BEHIND: "fair",
    Status.LIMITED: "poor",
    Status.MISSED: "bad",
    Status.DETERIORATION: "bad",
    Status.NOT_ASSESSABLE: "none",
}
