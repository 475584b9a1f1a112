"""The bundled corpus: the registry, the five reference plans and published indicator figures.

``corpus_load`` is what ``ipstrategy init`` runs; each step is idempotent, so running it twice
leaves the same rows (an unchanged plan file is not parsed again).
"""

from __future__ import annotations

from contextlib import ExitStack
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ipstrategy.web.agencies.services import SyncResult, agencies_sync_from_registry
from ipstrategy.web.indicators.bundled import (
    LoadResult,
    indicator_definitions_load,
    indicator_observations_load,
    indicator_targets_load,
)
from ipstrategy.web.lineage.services import links_propose
from ipstrategy.web.plans.services import ImportResult, plan_import
from ipstrategy.web.search.index import search_rebuild


@dataclass(frozen=True)
class CorpusResult:
    """What each step of a corpus load did."""

    agencies: SyncResult
    plans: list[ImportResult]
    observations: LoadResult
    targets: LoadResult
    definitions: LoadResult
    links: int = 0  # lineage links proposed between the plans (pairs already decided are kept)


def bundled_plan_paths(stack: ExitStack) -> list[Path]:
    """The bundled plan documents as real files (kept alive by ``stack``), in name order."""
    folder = resources.files("ipstrategy.data").joinpath("plans")
    entries = sorted((e for e in folder.iterdir() if e.name.endswith(".txt")), key=lambda e: e.name)
    return [stack.enter_context(resources.as_file(entry)) for entry in entries]


def corpus_load(*, replace: bool = False) -> CorpusResult:
    """Sync the registry, import and publish the bundled plans, load observations, targets and
    definitions, propose lineage links between the plans and rebuild the search index.

    Plans are imported one transaction each, like ``ipstrategy import``; parents are linked by type
    and period as each plan arrives (the 2020 annual plan implements the 2014-2020 action plan).
    """
    agencies = agencies_sync_from_registry()
    with ExitStack() as stack:
        plans = [plan_import(path=p, publish=True, replace=replace) for p in bundled_plan_paths(stack)]
    observations = indicator_observations_load()
    targets = indicator_targets_load()
    definitions = indicator_definitions_load()
    links = links_propose(plans=[item.plan for item in plans])
    search_rebuild()
    return CorpusResult(
        agencies=agencies,
        plans=plans,
        observations=observations,
        targets=targets,
        definitions=definitions,
        links=links,
    )
