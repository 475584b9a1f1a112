"""BM25-weighted feature vectors and an inverted index that proposes candidate pairs.

Comparing every task with every other is quadratic (64,000 tasks are two billion pairs). Instead
each task posts its few rarest blocking keys (content words, Chinese bigrams, named objects)
under its block (for example a jurisdiction and a year); a task meets only the tasks that share a
key in a block it may link to. Keys carried by more than ``max_df`` of the tasks are genre, not
commitment, and are never posted. Only the candidates are scored exactly.
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from ipstrategy.core.lineage.objects import named_objects
from ipstrategy.core.lineage.text import analyse

K1 = 1.2
B = 0.75


@dataclass(frozen=True)
class LinkTask:
    """One task as the linker sees it: where it comes from, its text and its current departments.

    ``agencies`` should already be mapped to today's bodies (through the registry's successions)
    so that SIPO in 2012 and CNIPA in 2020 count as one department. ``block`` groups tasks for
    candidate generation (for example ``("CN", 2020)``); ``None`` puts all in one block.
    """

    plan: str
    index: int
    number: str | None
    text: str
    agencies: tuple[str, ...] = ()
    block: Hashable = None


@dataclass
class Vector:
    """A task's L2-normalised BM25 weights, its named objects and its blocking keys."""

    weights: dict[str, float]
    objects: frozenset[str]
    keys: tuple[str, ...] = field(default=())


def build_vectors(tasks: Sequence[LinkTask]) -> list[Vector]:
    """BM25 weights of every task's features, with IDF taken over ``tasks`` themselves."""
    analysed = [analyse(t.text) for t in tasks]
    counts = [c for c, _ in analysed]
    df: Counter[str] = Counter()
    for c in counts:
        df.update(c.keys())
    n = max(1, len(tasks))
    avg = sum(c.total() for c in counts) / n or 1.0
    idf = {f: math.log(1 + (n - d + 0.5) / (d + 0.5)) for f, d in df.items()}
    vectors = []
    factor = K1 + 1
    for task, (c, keys) in zip(tasks, analysed, strict=True):
        norm = K1 * (1 - B + B * c.total() / avg)
        names = list(c)
        raw = [idf[f] * tf * factor / (tf + norm) for f, tf in c.items()]
        scale = 1.0 / (math.hypot(*raw) or 1.0)
        objects = named_objects(task.text)
        posted = tuple(sorted(keys | {f"#{o}" for o in objects}))
        vectors.append(Vector(dict(zip(names, [v * scale for v in raw], strict=True)), objects, posted))
    return vectors


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Dot product of two normalised sparse vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum([a[f] * b[f] for f in a.keys() & b.keys()])


def blocking_keys(tasks: Sequence[LinkTask], vectors: Sequence[Vector], *, per_task: int, max_df: float) -> None:
    """Keep for each vector its ``per_task`` rarest keys (content words, bigrams, object names)."""
    df: Counter[str] = Counter()
    for vector in vectors:
        df.update(vector.keys)
    cap = max(2, int(max_df * len(tasks)))
    for vector in vectors:
        usable = sorted((k for k in vector.keys if df[k] <= cap), key=lambda k: (df[k], k))
        vector.keys = tuple(usable[:per_task])


def candidate_pairs(
    tasks: Sequence[LinkTask],
    vectors: Sequence[Vector],
    *,
    neighbours: Callable[[Hashable], Iterable[Hashable]] | None = None,
    min_shared: int = 2,
    limit: int = 50,
) -> Iterator[tuple[int, int]]:
    """Pairs (i, j), i < j, of tasks from different plans in linkable blocks that share at least
    ``min_shared`` keys; each task keeps its ``limit`` later candidates that share the most."""
    postings: dict[Hashable, dict[str, list[int]]] = defaultdict(dict)
    for i, (task, vector) in enumerate(zip(tasks, vectors, strict=True)):
        block = postings[task.block]
        for key in vector.keys:
            block.setdefault(key, []).append(i)
    nothing: dict[str, list[int]] = {}
    empty: list[int] = []
    for i, (task, vector) in enumerate(zip(tasks, vectors, strict=True)):
        blocks = (task.block,) if neighbours is None else tuple(neighbours(task.block))
        reached = [postings.get(block, nothing) for block in blocks]
        # only later tasks (each pair once, from its first task): the posting lists are in index
        # order, so the later part of each is a slice; counted in C, not key by key
        lists = [lst for block in reached for key in vector.keys if (lst := block.get(key, empty)) and lst[-1] > i]
        shared = Counter(
            itertools.chain.from_iterable(lst if lst[0] > i else lst[bisect.bisect_right(lst, i) :] for lst in lists)
        )
        for j, count in shared.most_common(limit):
            if count < min_shared:
                break
            if tasks[j].plan != task.plan:
                yield i, j
