"""Assessment maths: where an indicator stands against its plans' targets, judged several ways.

Pure Python (no Django, no I/O), shared by the indicator pages, the API, ``ipstrategy assess`` and
the evaluation reports. The public surface:

- ``Point``, ``Goal``: a figure for a year; a plan's baseline -> target in a direction.
- ``trajectory``, ``planned_value``: interim targets, linear or geometric.
- ``assess_goal(goal, observations, as_of=...) -> Assessment``: every method side by side
  (Statistics Canada / Open SDG ratio, UNSD Progress Chart ratio, ESCAP status index, gaps to the
  linear and geometric trajectories, and the target-year verdict once the target year has passed),
  with ``Assessment.headline`` and ``Assessment.disagreement``.
- ``assess_trend``: Open SDG's no-target variant.
- ``goals_from_values``, ``observations_from_values``: goals and points from stored rows.
- ``standing_of``: the older single comparison (latest figure against the nearest target).

Formulas, thresholds and a worked example: ``docs/assessment.md``.
"""

from ipstrategy.core.assessment.assess import PROGRESS_METHODS, Assessment, assess_goal, assess_trend, observation_for
from ipstrategy.core.assessment.goals import PairedGoal, goals_from_values, goals_paired, observations_from_values
from ipstrategy.core.assessment.methods import (
    STATCAN_NO_TARGET_THRESHOLDS,
    STATCAN_THRESHOLDS,
    UNSD_THRESHOLDS,
    escap,
    growth_rate,
    statcan,
    statcan_no_target,
    target_year,
    trajectory_gap,
    unsd,
)
from ipstrategy.core.assessment.standing import Standing, standing_of
from ipstrategy.core.assessment.trajectories import geometric_defined, planned_value, trajectories, trajectory
from ipstrategy.core.assessment.types import (
    DOWN,
    ON_TRACK,
    RANK,
    REASONS,
    UP,
    Direction,
    Goal,
    Method,
    MethodResult,
    Point,
    Reason,
    Status,
    TrajectoryKind,
)

__all__ = [
    "DOWN",
    "ON_TRACK",
    "PROGRESS_METHODS",
    "RANK",
    "REASONS",
    "STATCAN_NO_TARGET_THRESHOLDS",
    "STATCAN_THRESHOLDS",
    "UNSD_THRESHOLDS",
    "UP",
    "Assessment",
    "Direction",
    "Goal",
    "Method",
    "MethodResult",
    "PairedGoal",
    "Point",
    "Reason",
    "Standing",
    "Status",
    "TrajectoryKind",
    "assess_goal",
    "assess_trend",
    "escap",
    "geometric_defined",
    "goals_from_values",
    "goals_paired",
    "growth_rate",
    "observation_for",
    "observations_from_values",
    "planned_value",
    "standing_of",
    "statcan",
    "statcan_no_target",
    "target_year",
    "trajectories",
    "trajectory",
    "trajectory_gap",
    "unsd",
]
