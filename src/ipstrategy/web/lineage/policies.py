"""Who may change links: the office alone confirms, rejects and adds them; everyone reads them."""

from __future__ import annotations

from typing import Any

from ipstrategy.web.foundation.roles import is_office


def can_decide_links(user: Any) -> bool:
    """Confirming, rejecting and adding links is the coordinating office's call."""
    return is_office(user)
