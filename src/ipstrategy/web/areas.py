"""The areas (Django apps) of the running system, in one list.

Settings, ``urls.py`` and the JSON API all read this list, so adding an area (tracking, accounts,
reports) is one line here: its app is installed, its ``urls.py`` mounted at ``prefix`` and its
``api.router`` mounted under ``/api/<api_prefix>``. Plain data: settings import it before Django is set up.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Area:
    """One app: where its pages and its API live."""

    label: str
    prefix: str  # URL prefix of its pages ("" for the home page's area)
    api_prefix: str | None = None  # None: the area has no API router

    @property
    def module(self) -> str:
        return f"ipstrategy.web.{self.label}"


AREAS: tuple[Area, ...] = (
    Area("agencies", "agencies/", "agencies"),
    Area("indicators", "indicators/", "indicators"),
    Area("accounts", "accounts/"),  # sign-in and roles of the reporting cycle (docs/tracking.md)
    Area("tracking", "tracking/", "tracking"),
    Area("evaluation", "evaluation/", "evaluations"),  # evaluations, roll-ups, scorecards, reports
    Area("delivery", "delivery/"),  # the office's delivery confidence per indicator and task
    Area("jobs", "jobs/", "jobs"),  # background jobs and their progress (docs/web.md)
    Area("lineage", "lineage/", "lineage"),
    Area(
        "notifications", "notifications/"
    ),  # e-mail and in-app notifications (docs/tracking.md)  # the same commitment across plans (docs/lineage.md)
    Area("search", "find/", "search"),  # across plans, tasks, departments and indicators (docs/search.md)
    Area("opendata", "data/"),  # everything public as one data package and one JSON file (docs/api.md)
    Area("plans", "", "plans"),
    Area("portal", "", "agencies"),  # the home page at the root, search, /agencies/<code>/ and its API
)
