"""BM25-weighted feature vectors and an inverted index that proposes candidate pairs.

Comparing every task with every other is quadratic (64,000 tasks are two billion pairs). Instead
each task posts its few rarest blocking keys (content words, Chinese bigrams, glossary concepts,
named objects) under its block (for example a jurisdiction and a year); a task meets only the
tasks that share a key in a block it may link to. Keys carried by more than ``max_df`` of the
tasks are genre, not commitment, and are never posted. Only the candidates are scored exactly.

The vectors of all tasks are held as one sparse matrix in numpy arrays (compressed rows: the
features of task ``i`` are ``indices[indptr[i]:indptr[i + 1]]``), so that the weighting and the
dot products of the candidate pairs run as a few array operations per task instead of a Python
loop per feature: on 64,000 tasks that is the difference between a minute and seconds.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ipstrategy.core.lineage.objects import named_objects
from ipstrategy.core.lineage.text import analyse

K1 = 1.2
B = 0.75
#: A cosine in the concepts' space is about twice the full one for the same commitment: on the
#: English pairs the reader linked strongly (where both can be taken) the full cosine is 0.46 of
#: the concepts' one (median 0.455, mean ratio 0.466). Cross-language cosines are scaled by it so
#: that a score and its grade mean the same whatever the languages.
CROSS_SCALE = 0.46


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
class Vectors:
    """Every task's L2-normalised BM25 weights (one sparse matrix), named objects and blocking keys.

    ``keys[i]`` starts as all of task ``i``'s keys and is cut to the rarest by ``blocking_keys``.
    ``shared`` holds the same rows cut to the glossary concepts and normalised again, and
    ``chinese`` says which tasks are written mostly in Chinese: between a Chinese and an English
    task only the concepts can agree, so their cosine is taken in that space (the English task's
    letter n-grams would otherwise dilute it to almost nothing).
    """

    indptr: npt.NDArray[np.int64]
    indices: npt.NDArray[np.int32]
    data: npt.NDArray[np.float64]
    names: list[str]
    objects: list[frozenset[str]]
    keys: list[tuple[str, ...]]
    shared: npt.NDArray[np.float64] | None = None
    chinese: npt.NDArray[np.bool_] | None = None

    def __len__(self) -> int:
        return len(self.objects)

    def weights(self, i: int) -> dict[str, float]:
        """Task ``i``'s features by name (for reading and tests; scoring uses the arrays)."""
        start, end = int(self.indptr[i]), int(self.indptr[i + 1])
        return {
            self.names[f]: w
            for f, w in zip(self.indices[start:end].tolist(), self.data[start:end].tolist(), strict=True)
        }


def build_vectors(tasks: Sequence[LinkTask]) -> Vectors:
    """BM25 weights of every task's features, with IDF taken over ``tasks`` themselves."""
    counts: list[Counter[str]] = []
    keys: list[tuple[str, ...]] = []
    objects: list[frozenset[str]] = []
    # provinces copy the national plan's wording and plans repeat last year's: a text seen
    # before is analysed once (the Counter is shared read-only between the rows)
    seen: dict[str, tuple[Counter[str], frozenset[str], tuple[str, ...]]] = {}
    for task in tasks:
        known = seen.get(task.text)
        if known is None:
            found, task_keys = analyse(task.text)
            named = named_objects(task.text)
            # every row gets at least one entry (a zero) so that the per-row sums below stay aligned
            known = seen[task.text] = (found or Counter({"": 0}), named, tuple(task_keys | {f"#{o}" for o in named}))
        counts.append(known[0])
        objects.append(known[1])
        keys.append(known[2])
    every = list(itertools.chain.from_iterable(counts))
    vocabulary = {name: number for number, name in enumerate(dict.fromkeys(every))}
    size = len(every)
    indices = np.fromiter(map(vocabulary.__getitem__, every), dtype=np.int32, count=size)
    tf = np.fromiter(itertools.chain.from_iterable(c.values() for c in counts), dtype=np.float64, count=size)
    rows = np.fromiter(map(len, counts), dtype=np.int64, count=len(counts))
    n = max(1, len(tasks))
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum(rows, out=indptr[1:])
    starts = indptr[:-1]
    chinese = np.fromiter(map(mostly_chinese, (t.text for t in tasks)), dtype=bool, count=len(tasks))
    if len(indices) == 0:
        return Vectors(indptr, indices, tf, list(vocabulary), objects, keys, tf, chinese)
    df = np.bincount(indices, weights=(tf > 0).astype(np.float64), minlength=len(vocabulary))
    idf = np.log1p((n - df + 0.5) / (df + 0.5))
    doc_len = np.add.reduceat(tf, starts)
    avg = float(doc_len.sum()) / n or 1.0
    norm = np.repeat(K1 * (1 - B + B * doc_len / avg), rows)
    raw = idf[indices] * tf * (K1 + 1) / (tf + norm)
    length = np.sqrt(np.add.reduceat(raw * raw, starts))
    length[length == 0] = 1.0
    data = raw / np.repeat(length, rows)
    names = list(vocabulary)
    concept = np.fromiter((name.startswith("@") for name in names), dtype=bool, count=len(names))[indices]
    kept = np.where(concept, raw, 0.0)
    length = np.sqrt(np.add.reduceat(kept * kept, starts))
    length[length == 0] = 1.0
    shared = kept / np.repeat(length, rows)
    return Vectors(indptr, indices, data, names, objects, keys, shared, chinese)


_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")


def mostly_chinese(text: str) -> bool:
    """More Chinese characters than Latin letters (an English plan quoting 剑网 stays English)."""
    return bool(_CJK.search(text)) and len(_CJK.findall(text)) > len(_LATIN.findall(text))


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Dot product of two normalised sparse vectors given as dicts (see ``Vectors.weights``)."""
    if len(a) > len(b):
        a, b = b, a
    return sum([a[f] * b[f] for f in a.keys() & b.keys()])


def pair_cosines(vectors: Vectors, pairs: Sequence[tuple[int, int]] | npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
    """The cosine of every pair, in the order given.

    The pairs are grouped by their first task; its vector is spread once into a dense scratch row
    and all its partners' features are gathered against it in one step, so the cost is one
    numpy call sequence per task rather than one Python loop per shared feature. A pair of a
    Chinese and an English task is compared in the concepts' space (``Vectors.shared``).
    """
    table = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
    out = _dot(vectors, table, vectors.data)
    if vectors.chinese is not None and vectors.shared is not None and len(table):
        across = np.flatnonzero(vectors.chinese[table[:, 0]] != vectors.chinese[table[:, 1]])
        if len(across):
            out[across] = CROSS_SCALE * _dot(vectors, table[across], vectors.shared)
    return out


def _dot(vectors: Vectors, table: npt.NDArray[np.int64], data: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    out = np.zeros(len(table), dtype=np.float64)
    if not len(table):
        return out
    order = np.argsort(table[:, 0], kind="stable")
    firsts, seconds = table[order, 0], table[order, 1]
    bounds = np.flatnonzero(np.diff(firsts)) + 1
    scratch = np.zeros(len(vectors.names) or 1, dtype=np.float64)
    indptr, indices = vectors.indptr, vectors.indices
    sums = np.empty(len(table), dtype=np.float64)
    for lo, hi in zip(
        itertools.chain((0,), bounds.tolist()), itertools.chain(bounds.tolist(), (len(table),)), strict=True
    ):
        i = int(firsts[lo])
        own = indices[indptr[i] : indptr[i + 1]]
        scratch[own] = data[indptr[i] : indptr[i + 1]]
        partners = seconds[lo:hi]
        starts = indptr[partners]
        sizes = indptr[partners + 1] - starts
        offsets = np.cumsum(sizes) - sizes
        at = np.arange(int(sizes.sum())) + np.repeat(starts - offsets, sizes)
        sums[lo:hi] = np.add.reduceat(scratch[indices[at]] * data[at], offsets)
        scratch[own] = 0.0
    out[order] = sums
    return out


def blocking_keys(tasks: Sequence[LinkTask], vectors: Vectors, *, per_task: int, max_df: float) -> None:
    """Keep for each task its ``per_task`` rarest keys (content words, bigrams, concepts, objects)."""
    df: Counter[str] = Counter(itertools.chain.from_iterable(vectors.keys))
    cap = max(2, int(max_df * len(tasks)))
    vectors.keys = [
        tuple(sorted((k for k in keys if df[k] <= cap), key=lambda k: (df[k], k))[:per_task]) for keys in vectors.keys
    ]


def candidate_pairs(
    tasks: Sequence[LinkTask],
    vectors: Vectors,
    *,
    neighbours: Callable[[Hashable], Iterable[Hashable]] | None = None,
    min_shared: int = 2,
    limit: int = 50,
) -> Iterator[tuple[int, int]]:
    """Pairs (i, j), i < j, of tasks from different plans in linkable blocks that share at least
    ``min_shared`` keys; each task keeps its ``limit`` later candidates that share the most."""
    postings: dict[Hashable, dict[str, list[int]]] = defaultdict(dict)
    for i, (task, keys) in enumerate(zip(tasks, vectors.keys, strict=True)):
        block = postings[task.block]
        for key in keys:
            block.setdefault(key, []).append(i)
    nothing: dict[str, list[int]] = {}
    empty: list[int] = []
    reach: dict[Hashable, list[dict[str, list[int]]]] = {}
    for i, (task, keys) in enumerate(zip(tasks, vectors.keys, strict=True)):
        reached = reach.get(task.block)
        if reached is None:
            blocks = (task.block,) if neighbours is None else tuple(neighbours(task.block))
            reached = reach[task.block] = [postings.get(block, nothing) for block in blocks]
        # only later tasks (each pair once, from its first task): the posting lists are in index
        # order, so the later part of each is a slice; counted in C, not key by key
        lists = [lst for block in reached for key in keys if (lst := block.get(key, empty)) and lst[-1] > i]
        shared = Counter(
            itertools.chain.from_iterable(lst if lst[0] > i else lst[bisect.bisect_right(lst, i) :] for lst in lists)
        )
        plan = task.plan
        for j, count in shared.most_common(limit):
            if count < min_shared:
                break
            if tasks[j].plan != plan:
                yield i, j
