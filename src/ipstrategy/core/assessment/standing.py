"""Assessment maths: where an indicator stands, its latest observed figure against its target.

Pure (no queries, no Django): the home page, the indicator page and, later, the reports compare the
same way. Values are anything with ``year``, ``kind`` ("baseline", "target", "observed"), ``value``,
``plan_id`` and ``plan`` (with an ``issue_date``) — database rows or plain objects.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

BASELINE, TARGET, OBSERVED = "baseline", "target", "observed"
UP, DOWN = "up", "down"


@dataclass(frozen=True)
class Standing:
    """The latest observation, the target it is judged against, and the baseline of that target's plan."""

    observed: Any | None
    target: Any | None
    baseline: Any | None
    direction: str

    @property
    def met(self) -> bool | None:
        """Whether the observation reaches the target, in the indicator's direction (None: unknown)."""
        if self.observed is None or self.target is None:
            return None
        if self.direction == DOWN:
            return self.observed.value <= self.target.value
        return self.observed.value >= self.target.value


def _plan_date(value: Any) -> tuple[bool, Any]:
    date = getattr(value.plan, "issue_date", None) if value.plan_id else None
    return (date is not None, date)


def standing_of(values: Iterable[Any], *, direction: str) -> Standing:
    """Judge the latest observation against the nearest target due in or after its year.

    With no target still ahead, the last target counts (the strategy's latest promise). Among
    targets for the same year the most recent plan wins; the baseline is that plan's.
    """
    values = list(values)
    observed = max((v for v in values if v.kind == OBSERVED), key=lambda v: v.year, default=None)
    targets = sorted((v for v in values if v.kind == TARGET), key=lambda v: (v.year, _plan_date(v)))
    target = None
    if targets:
        ahead = [t for t in targets if observed is None or t.year >= observed.year]
        target = max(ahead, key=lambda t: (-t.year, _plan_date(t))) if ahead else targets[-1]
    baselines = [v for v in values if v.kind == BASELINE and target and v.plan_id == target.plan_id]
    baseline = max(baselines, key=lambda v: v.year, default=None)
    return Standing(observed=observed, target=target, baseline=baseline, direction=direction)
