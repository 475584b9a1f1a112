"""Who may change links: the office alone confirms, rejects and adds them; everyone reads them."""

from __future__ import annotations

from typing import Any

from ipstrategy.web.foundation.roles import is_office
from ipstrategy.web.lineage.models import LinkState, TaskLink

#: A decision and the state it leaves a link in: offered on every link not already in that state.
DECISIONS = {"confirm": LinkState.CONFIRMED, "reject": LinkState.REJECTED}


def can_decide_links(user: Any) -> bool:
    """Confirming, rejecting and adding links is the coordinating office's call."""
    return is_office(user)


def actions_for(user: Any, link: TaskLink) -> frozenset[str]:
    """What ``user`` may do to ``link`` now: ``confirm`` unless confirmed, ``reject`` unless rejected.

    The services accept a decision the link already carries (adding a stored pair confirms it
    again); pages and the API offer only the decisions that change something.
    """
    if not can_decide_links(user):
        return frozenset()
    return frozenset(action for action, state in DECISIONS.items() if link.state != state)
