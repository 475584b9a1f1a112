"""Scores and grades for candidate pairs: lexical similarity, named objects, departments.

The lexical part is the cosine of BM25 vectors, locally scaled (CSLS, as in bilingual lexicon
induction): a pair counts for more when it stands out against each task's ``k`` best matches
in the other plan, so a task written in the plans' boilerplate does not link to everything, and
a terse task still finds its one counterpart. A shared named object (the same law, campaign or
programme) and a shared responsible department (through successors) add to it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from ipstrategy.core.lineage.index import LinkTask, Vector, cosine
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


def score_pairs(
    tasks: Sequence[LinkTask],
    vectors: Sequence[Vector],
    pairs: Sequence[tuple[int, int]],
    weights: Weights = DEFAULT_WEIGHTS,
) -> list[tuple[int, int, float]]:
    """Every candidate pair with its combined score (unbounded, about 0..1)."""
    sims = [cosine(vectors[i].weights, vectors[j].weights) for i, j in pairs]
    best: dict[tuple[int, str], list[float]] = defaultdict(list)
    for (i, j), s in zip(pairs, sims, strict=True):
        best[(i, tasks[j].plan)].append(s)
        best[(j, tasks[i].plan)].append(s)
    k = weights.neighbours
    local = {key: sum(sorted(v, reverse=True)[:k]) / k for key, v in best.items()}
    scored = []
    for (i, j), s in zip(pairs, sims, strict=True):
        lexical = 2 * s - local[(i, tasks[j].plan)] - local[(j, tasks[i].plan)]
        bonus = weights.objects * object_similarity(vectors[i].objects, vectors[j].objects)
        bonus += weights.department * department_agreement(tasks[i], tasks[j])
        scored.append((i, j, round(lexical + bonus, 4)))
    return scored


def grade(score: float, weights: Weights = DEFAULT_WEIGHTS) -> str | None:
    """``strong``, ``weak`` or ``None`` (no link) for a score."""
    if score >= weights.strong:
        return "strong"
    return "weak" if score >= weights.weak else None
