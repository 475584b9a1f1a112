"""The lineage section of a task's page (``foundation.page_sections``): the commitment across plans.

Registered in ``LineageConfig.ready``; the task page's view reads it, so plans does not import
this area and no template tag reads the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ipstrategy.web.foundation.page_sections import PageSection
from ipstrategy.web.lineage import selectors
from ipstrategy.web.lineage.policies import actions_for, can_decide_links


@dataclass(frozen=True)
class TaskLineage:
    """The chain of occurrences (oldest first) and, for the office, the links to decide, each with the
    decisions open on it (``policies.actions_for``)."""

    chain: Any
    links: list[tuple[Any, frozenset[str]]]
    office: bool


class TaskLineageSection:
    def section(self, *, obj: Any, user: Any) -> PageSection:
        office = can_decide_links(user)
        data = TaskLineage(
            chain=selectors.task_lineage(task=obj, user=user),
            links=[(link, actions_for(user, link)) for link in selectors.task_links(task=obj)] if office else [],
            office=office,
        )
        return PageSection("lineage/_task_lineage.html", data)
