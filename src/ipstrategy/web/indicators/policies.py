"""Who may do what to indicators: the office changes definitions and values; everyone reads them.

``editing`` and ``importing`` refuse by ``can_change_indicators``; pages show the links that
``actions_for`` names, and nothing else.
"""

from __future__ import annotations

from typing import Any

from ipstrategy.web.foundation.roles import is_office
from ipstrategy.web.indicators.models import Indicator, IndicatorValue


def can_change_indicators(user: Any) -> bool:
    """Definitions, values and imports: the office's."""
    return is_office(user)


def actions_for(user: Any, obj: Indicator | IndicatorValue) -> frozenset[str]:
    """What ``user`` may do now: to an indicator ``edit``, ``add_value``, ``import``; to a value ``edit``, ``delete``."""
    if not can_change_indicators(user):
        return frozenset()
    if isinstance(obj, IndicatorValue):
        return frozenset({"edit", "delete"})
    return frozenset({"edit", "add_value", "import"})
