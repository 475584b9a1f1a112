"""Who may read what of the department registry: all of it is public except the curation notes.

``Agency.notes`` record how the registry was put together (which development documents name a
body, what is not mapped, why a year is blank) beside some history; they are the office's working
notes, left out of the open-data package, and shown only to the office on the pages and the API.
"""

from __future__ import annotations

from typing import Any

from ipstrategy.web.foundation.roles import is_office


def can_read_notes(user: Any) -> bool:
    return is_office(user)


def actions_for(user: Any, agency: Any = None) -> frozenset[str]:
    """``read_notes`` for the office; nothing else is asked of a department's page."""
    return frozenset({"read_notes"}) if can_read_notes(user) else frozenset()
