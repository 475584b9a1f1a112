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


def department_agreement(a: Sequence[str], b: Sequence[str]) -> float:
    """For two tasks' departments (lead first, today's bodies): 1 when the lead departments are
    the same body, 0.5 for any overlap or unknown, else 0."""
    if not a or not b:
        return 0.5
    if a[0] == b[0]:
        return 1.0
    return 0.5 if set(a) & set(b) else 0.0


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
    pairs: Sequence[tuple[int, int]] | npt.NDArray[np.int64],
    weights: Weights = DEFAULT_WEIGHTS,
) -> npt.NDArray[np.float64]:
    """The combined score (unbounded, about 0..1) of every candidate pair, in the order given.

    The department bonus is worked out once per distinct pair of department lists (a corpus has
    few), the object bonus only for pairs where both tasks name objects.
    """
    table = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
    if not len(table):
        return np.zeros(0, dtype=np.float64)
    first, second = table[:, 0], table[:, 1]
    scores = local_scale(tasks, table, pair_cosines(vectors, table), weights.neighbours)
    lists: dict[tuple[str, ...], int] = {}
    list_of = np.fromiter((lists.setdefault(t.agencies, len(lists)) for t in tasks), dtype=np.int64, count=len(tasks))
    combos, inverse = np.unique(list_of[first] * len(lists) + list_of[second], return_inverse=True)
    by_number = list(lists)
    agreement = np.array(
        [department_agreement(by_number[c // len(lists)], by_number[c % len(lists)]) for c in combos.tolist()],
        dtype=np.float64,
    )
    scores += weights.department * agreement[inverse.reshape(-1)]
    objects = vectors.objects
    named = np.fromiter(map(bool, objects), dtype=bool, count=len(objects))
    for n in np.flatnonzero(named[first] & named[second]).tolist():
        scores[n] += weights.objects * object_similarity(objects[int(first[n])], objects[int(second[n])])
    return np.round(scores, 4)


def grade(score: float, weights: Weights = DEFAULT_WEIGHTS) -> str | None:
    """``strong``, ``weak`` or ``None`` (no link) for a score."""
    if score >= weights.strong:
        return "strong"
    return "weak" if score >= weights.weak else None
