"""Who may judge delivery confidence: the office records judgements; the office and evaluators read them."""

from __future__ import annotations

from typing import Any

from ipstrategy.web.foundation.roles import can_read_everything, is_office


def can_view_confidence(user: Any) -> bool:
    """Delivery confidence is the office's internal judgement: the office and evaluators see it."""
    return can_read_everything(user)


def can_record_confidence(user: Any) -> bool:
    return is_office(user)


def actions_for(user: Any, subject: Any) -> frozenset[str]:
    """What ``user`` may do about the delivery confidence of ``subject`` (a task or an indicator): ``record``."""
    return frozenset({"record"}) if can_record_confidence(user) else frozenset()
