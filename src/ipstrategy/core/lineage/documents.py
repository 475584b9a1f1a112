"""Lineage straight from plan documents: parse each, link them, no database needed."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from ipstrategy.core.agencies import Succession, default_registry
from ipstrategy.core.lineage import Link, LinkTask, Weights, propose_links, tasks_from_plan
from ipstrategy.core.lineage.scoring import DEFAULT_WEIGHTS


def document_tasks(path: str, *, succession: Succession | None = None) -> list[LinkTask]:
    """A document's tasks, parsed on the fly and named by the file's name (no database)."""
    from ipstrategy.core.parsing import parse_document

    plan = parse_document(path)
    return tasks_from_plan(plan, name=os.path.basename(path), succession=succession or default_registry().succession)


def link_documents(
    paths: Sequence[str], *, min_score: float | None = None, weights: Weights = DEFAULT_WEIGHTS
) -> list[Link]:
    """Parse every document and propose links between their tasks (named by file name)."""
    succession = default_registry().succession
    tasks = [t for path in paths for t in document_tasks(path, succession=succession)]
    return propose_links(tasks, min_score=min_score, weights=weights)


def link_json(link: Link) -> dict[str, Any]:
    """One link as the CLI's JSON: both ends by document, index and number, score and grade."""
    return {
        "a": {"document": link.a.plan, "index": link.a.index, "number": link.a.number},
        "b": {"document": link.b.plan, "index": link.b.index, "number": link.b.number},
        "score": link.score,
        "grade": link.grade,
    }
