"""The vocabulary of the assessment: points, goals, statuses, and what a method returns.

Every method takes the same :class:`Goal` (baseline, target, direction) and observation, and returns
a :class:`MethodResult` carrying the inputs it used next to its value and status, so a verdict can
always be shown with the numbers it was computed from. A method that cannot judge returns
``Status.NOT_ASSESSABLE`` with a ``reason`` instead of raising.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

Direction = Literal["up", "down"]
TrajectoryKind = Literal["linear", "geometric"]
UP: Direction = "up"
DOWN: Direction = "down"
InputValue = float | int | str | None


@dataclass(frozen=True, order=True)
class Point:
    """One figure for one year (a baseline, a target or an observation)."""

    year: int
    value: float


@dataclass(frozen=True)
class Goal:
    """A plan's promise: from ``baseline`` to ``target``, in ``direction`` (up: more is better)."""

    baseline: Point
    target: Point
    direction: Direction = UP

    @property
    def span(self) -> int:
        """Years from the baseline to the target."""
        return self.target.year - self.baseline.year

    def meets(self, value: float) -> bool:
        """Whether ``value`` reaches the target in the goal's direction (equality counts)."""
        return value <= self.target.value if self.direction == DOWN else value >= self.target.value

    def better(self, value: float, than: float) -> float:
        """``value - than`` signed so that positive always means better (ahead) for this goal."""
        return than - value if self.direction == DOWN else value - than


class Method(StrEnum):
    """The assessment methods, each documented in ``docs/assessment.md``."""

    STATCAN = "statcan"  # Statistics Canada / Open SDG ratio of growth rates
    STATCAN_NO_TARGET = "statcan_no_target"  # the same, observed growth only
    UNSD = "unsd"  # UNSD Progress Chart: extrapolated growth against required progress
    ESCAP = "escap"  # ESCAP-style current status index against the elapsed share
    GAP_LINEAR = "gap_linear"  # distance to the linear trajectory
    GAP_GEOMETRIC = "gap_geometric"  # distance to the geometric trajectory
    TARGET_YEAR = "target_year"  # a passed target judged by the observation of its year


class Status(StrEnum):
    """Every status a method can give; ``RANK`` orders them from worst to best."""

    ACHIEVED = "achieved"
    MISSED = "missed"
    SUBSTANTIAL = "substantial_progress"
    MODERATE = "moderate_progress"
    LIMITED = "limited_progress"
    DETERIORATION = "deterioration"
    AHEAD = "ahead"
    BEHIND = "behind"
    NOT_ASSESSABLE = "not_assessable"


#: Worst (0) to best (4); statuses of different methods with the same rank mean the same band.
RANK: dict[Status, int] = {
    Status.MISSED: 0,
    Status.DETERIORATION: 0,
    Status.LIMITED: 1,
    Status.BEHIND: 1,
    Status.MODERATE: 2,
    Status.SUBSTANTIAL: 3,
    Status.AHEAD: 3,
    Status.ACHIEVED: 4,
}

#: Statuses that say "on course to meet the target" (used to flag methods that disagree).
ON_TRACK: frozenset[Status] = frozenset({Status.ACHIEVED, Status.SUBSTANTIAL, Status.AHEAD})


class Reason(StrEnum):
    """Why a method cannot judge; ``REASONS`` has the English sentence for each."""

    ZERO_BASELINE = "zero_baseline"
    MIXED_SIGNS = "mixed_signs"
    NO_OBSERVATION = "no_observation"
    NO_OBSERVATION_FOR_TARGET_YEAR = "no_observation_for_target_year"
    OBSERVED_AT_BASELINE = "observed_at_baseline"
    NO_CHANGE_REQUIRED = "no_change_required"
    TARGET_NOT_AFTER_BASELINE = "target_not_after_baseline"
    TARGET_YEAR_NOT_PASSED = "target_year_not_passed"


REASONS: dict[Reason, str] = {
    Reason.ZERO_BASELINE: "The baseline is zero, so growth rates are undefined.",
    Reason.MIXED_SIGNS: "The baseline, target and observation do not all have the same sign, so growth rates are undefined.",
    Reason.NO_OBSERVATION: "There is no observation after the baseline year up to the as-of year.",
    Reason.NO_OBSERVATION_FOR_TARGET_YEAR: "The target year has passed but there is no observation for it.",
    Reason.OBSERVED_AT_BASELINE: "The only observation is from the baseline year; no time has elapsed.",
    Reason.NO_CHANGE_REQUIRED: "The target equals the baseline, so no progress was required.",
    Reason.TARGET_NOT_AFTER_BASELINE: "The target year is not after the baseline year.",
    Reason.TARGET_YEAR_NOT_PASSED: "The target year has not passed yet.",
}


@dataclass(frozen=True)
class MethodResult:
    """One method's verdict: its value, status, the inputs it used, and why when not assessable."""

    method: Method
    status: Status
    value: float | None
    inputs: dict[str, InputValue] = field(default_factory=dict)
    reason: Reason | None = None

    @property
    def assessable(self) -> bool:
        """False when the method could not judge (see ``reason``)."""
        return self.status != Status.NOT_ASSESSABLE

    @property
    def on_track(self) -> bool | None:
        """Whether the status says on course (None when not assessable)."""
        return self.status in ON_TRACK if self.assessable else None


def not_assessable(method: Method, reason: Reason, **inputs: InputValue) -> MethodResult:
    """A result that says why ``method`` cannot judge these inputs."""
    return MethodResult(method=method, status=Status.NOT_ASSESSABLE, value=None, inputs=inputs, reason=reason)
