"""Lineage straight from plan documents: parse each, link them, no database needed."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from ipstrategy.core.agencies import default_registry
from ipstrategy.core.lineage import Link, LinkTask, Weights, propose_links, tasks_from_plan
from ipstrategy.core.lineage.scoring import DEFAULT_WEIGHTS


def link_documents(
    paths: Sequence[str], *, min_score: float | None = None, weights: Weights = DEFAULT_WEIGHTS
) -> list[Link]:
    """Parse every document and propose links between their tasks (named by file name)."""
    from ipstrategy.core.parsing import parse_document

    succession = default_registry().succession
    tasks: list[LinkTask] = []
    for path in paths:
        plan = parse_document(path)
        tasks.extend(tasks_from_plan(plan, name=os.path.basename(path), succession=succession))
    return propose_links(tasks, min_score=min_score, weights=weights)


def link_json(link: Link) -> dict[str, Any]:
    """One link as the CLI's JSON: both ends by document, index and number, score and grade."""
    return {
        "a": {"document": link.a.plan, "index": link.a.index, "number": link.a.number},
        "b": {"document": link.b.plan, "index": link.b.index, "number": link.b.number},
        "score": link.score,
        "grade": link.grade,
    }
