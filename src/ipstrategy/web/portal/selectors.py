"""Reads across areas for the command line (``init`` counts, ``database()`` check) and the portal."""

from __future__ import annotations

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from ipstrategy.web.agencies.models import Agency
from ipstrategy.web.indicators.models import Indicator, IndicatorValue
from ipstrategy.web.plans.models import Plan, Responsibility, Section, Target, Task


def database_counts() -> dict[str, int]:
    """Row counts of the main tables, as `ipstrategy init` reports them."""
    models = {
        "agencies": Agency,
        "plans": Plan,
        "sections": Section,
        "tasks": Task,
        "responsibilities": Responsibility,
        "targets": Target,
        "indicators": Indicator,
        "indicator values": IndicatorValue,
    }
    return {name: model._default_manager.count() for name, model in models.items()}


def database_ready() -> bool:
    """True when every migration is applied (``ipstrategy init`` has run against this database)."""
    executor = MigrationExecutor(connection)
    return not executor.migration_plan(executor.loader.graph.leaf_nodes())
