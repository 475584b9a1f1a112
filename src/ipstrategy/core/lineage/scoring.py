"""Scores and grades for candidate pairs: lexical similarity, named objects, departments.

The lexical part is the cosine of BM25 vectors, locally scaled (CSLS, as in bilingual lexicon
induction): a pair counts for more when it stands out against each task's ``k`` best matches
in the other plan, so a task written in the plans' boilerplate does not link to everything, and
a terse task still finds its one counterpart. A shared named object (the same law, campaign or
programme) and a shared responsible department (through successors) add to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ipstrategy.core.lineage.index import LinkTask, Vectors, pair_cosines
from ipstrategy.core.lineage.objects import object_similarity


@dataclass(frozen=True)
class Weights:
    """The knobs of the score, tuned on half of the gold links (bench/lineage.py)."""

    neighbours: int = 3
    objects: float = 0.2
    department: float = 0.06
    strong: float = 0.12
    weak: float = 0.06


DEFAULT_WEIGHTS = Weights()


def department_agreement(a: LinkTask, b: LinkTask) -> float:
    """1 when the lead departments are the same body today, 0.5 for any overlap or unknown."""
    if not a.agencies or not b.agencies:
        return 0.5
    if a.agencies[0] == b.agencies[0]:
        return 1.0
    return 0.5 if set(a.agencies) & set(b.agencies) else 0.0


def local_scale(
    tasks: Sequence[LinkTask], pairs: npt.NDArray[np.int64], sims: npt.NDArray[np.float64], k: int
) -> npt.NDArray[np.float64]:
    """CSLS: ``2·cos − r_a − r_b``, with ``r_a`` the mean of task a's ``k`` best cosines with the
    other task's plan (over the candidates; fewer than ``k`` count as zeros), computed for all
    pairs at once: both ends' (task, other plan) groups are ranked by cosine in one sort."""
    plan_ids: dict[str, int] = {}
    plan_of = np.fromiter((plan_ids.setdefault(t.plan, len(plan_ids)) for t in tasks), dtype=np.int64, count=len(tasks))
    width = max(1, len(plan_ids))
    first, second = pairs[:, 0], pairs[:, 1]
    groups = np.concatenate([first * width + plan_of[second], second * width + plan_of[first]])
    values = np.concatenate([sims, sims])
    order = np.lexsort((-values, groups))
    sorted_groups = groups[order]
    starts = np.flatnonzero(np.r_[True, sorted_groups[1:] != sorted_groups[:-1]])
    rank = np.arange(len(order)) - np.repeat(starts, np.diff(np.r_[starts, len(order)]))
    top = order[rank < k]
    labels, inverse = np.unique(groups, return_inverse=True)
    local = np.bincount(inverse[top], weights=values[top], minlength=len(labels)) / k
    half = len(sims)
    return 2 * sims - local[inverse[:half]] - local[inverse[half:]]


def score_pairs(
    tasks: Sequence[LinkTask],
    vectors: Vectors,
    pairs: Sequence[tuple[int, int]],
    weights: Weights = DEFAULT_WEIGHTS,
) -> list[tuple[int, int, float]]:
    """Every candidate pair with its combined score (unbounded, about 0..1)."""
    if not pairs:
        return []
    table = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
    scores = local_scale(tasks, table, pair_cosines(vectors, pairs), weights.neighbours)
    objects = vectors.objects
    agreement: dict[tuple[tuple[str, ...], tuple[str, ...]], float] = {}
    bonus = np.empty(len(pairs), dtype=np.float64)
    for n, (i, j) in enumerate(pairs):
        a, b = tasks[i], tasks[j]
        found = agreement.get((a.agencies, b.agencies))
        if found is None:
            found = agreement[(a.agencies, b.agencies)] = weights.department * department_agreement(a, b)
        if objects[i] and objects[j]:
            found += weights.objects * object_similarity(objects[i], objects[j])
        bonus[n] = found
    totals = np.round(scores + bonus, 4).tolist()
    return [(i, j, total) for (i, j), total in zip(pairs, totals, strict=True)]


def grade(score: float, weights: Weights = DEFAULT_WEIGHTS) -> str | None:
    """``strong``, ``weak`` or ``None`` (no link) for a score."""
    if score >= weights.strong:
        return "strong"
    return "weak" if score >= weights.weak else None
