"""Lineage: the same concrete commitment found again in other plans.

``propose_links(tasks)`` takes tasks of two or more plans and returns the pairs that carry the
same commitment (the same law, platform, campaign, programme, standard, survey or event), each
with a score and a grade. It is pure Python and needs no database; the CLI and the web app call
it with tasks read from documents or from stored plans.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from ipstrategy.core.lineage.index import LinkTask, blocking_keys, build_vectors, candidate_pairs
from ipstrategy.core.lineage.objects import named_objects
from ipstrategy.core.lineage.scoring import DEFAULT_WEIGHTS, Weights, grade, score_pairs
from ipstrategy.core.lineage.tasks import tasks_from_plan

__all__ = [
    "DEFAULT_WEIGHTS",
    "Link",
    "LinkTask",
    "Weights",
    "named_objects",
    "propose_links",
    "tasks_from_plan",
]

#: Blocking keys per task and the share of tasks above which a key is genre, not commitment.
KEYS_PER_TASK = 32
MAX_KEY_SHARE = 0.3


@dataclass(frozen=True)
class Link:
    """A proposed link between two tasks of different plans."""

    a: LinkTask
    b: LinkTask
    score: float
    grade: str


def propose_links(
    tasks: Sequence[LinkTask],
    *,
    min_score: float | None = None,
    weights: Weights = DEFAULT_WEIGHTS,
    neighbours: Callable[[Hashable], Iterable[Hashable]] | None = None,
    min_shared: int = 1,
) -> list[Link]:
    """Links between tasks of different plans, best first, down to ``min_score`` (default: weak).

    ``neighbours(block)`` lists the blocks a task may link to (its own included; the relation
    must be symmetric); without it every task may link to every other plan's tasks. A candidate
    pair must share ``min_shared`` of the tasks' rarest keys (2 suits large corpora).
    """
    vectors = build_vectors(tasks)
    blocking_keys(tasks, vectors, per_task=KEYS_PER_TASK, max_df=MAX_KEY_SHARE)
    pairs = np.fromiter(
        itertools.chain.from_iterable(candidate_pairs(tasks, vectors, neighbours=neighbours, min_shared=min_shared)),
        dtype=np.int64,
    ).reshape(-1, 2)
    scores = score_pairs(tasks, vectors, pairs, weights)
    floor = weights.weak if min_score is None else min_score
    kept = np.flatnonzero(scores >= floor)
    links = []
    for i, j, score in zip(pairs[kept, 0].tolist(), pairs[kept, 1].tolist(), scores[kept].tolist(), strict=True):
        a, b = (
            (tasks[i], tasks[j])
            if (tasks[i].plan, tasks[i].index) <= (tasks[j].plan, tasks[j].index)
            else (tasks[j], tasks[i])
        )
        links.append(Link(a, b, score, grade(score, weights) or "weak"))
    links.sort(key=lambda link: (-link.score, link.a.plan, link.a.index, link.b.plan, link.b.index))
    return links
