"""Lineage: precision and recall against the gold links, and the time to link 64,000 tasks.

    python bench/lineage.py [--tune] [--tasks 64000] [--sample 2000]

Part 1 links the 2012 and 2020 promotion plans as `ipstrategy lineage propose` does and scores
the proposals against ../shared/gold/lineage_001_004.json (tests/data/gold/ when ../shared is
absent). The gold is split in two halves by the 2012 task's index (even / odd): the shipped
weights were chosen on the even half (`--tune` repeats the search), the odd half is held out.
Part 2 builds a synthetic corpus (20 years of a national and 31 provincial plans made from the
bundled plans' sentences with words dropped, swapped and departments varied), links it with the
blocked inverted index and compares the time with naive all-pairs scoring on a sample.
"""

from __future__ import annotations

import argparse
import functools
import itertools
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from ipstrategy.core.agencies import default_registry  # noqa: E402
from ipstrategy.core.lineage import LinkTask, Weights, propose_links, tasks_from_plan  # noqa: E402
from ipstrategy.core.lineage.documents import document_tasks  # noqa: E402
from ipstrategy.core.lineage.index import build_vectors, cosine  # noqa: E402
from ipstrategy.core.lineage.scoring import DEFAULT_WEIGHTS  # noqa: E402
from ipstrategy.core.parsing import parse_document  # noqa: E402

PLANS = ROOT / "src" / "ipstrategy" / "data" / "plans"
PAIR = ("001_2f910b4b67935e32.txt", "004_7ca9520cd5ea7a07.txt")


def gold_path() -> Path:
    shared = ROOT.parent / "shared" / "gold" / "lineage_001_004.json"
    return shared if shared.exists() else ROOT / "tests" / "data" / "gold" / "lineage_001_004.json"


def load_gold() -> dict[tuple[int, int], str]:
    rows = json.loads(gold_path().read_text(encoding="utf-8"))
    return {(r["a"]["index"], r["b"]["index"]): r["grade"] for r in rows}


@functools.cache
def pair_tasks() -> tuple[LinkTask, ...]:
    """The two plans' tasks, parsed once, read as `ipstrategy lineage propose` reads the files."""
    return tuple(t for name in PAIR for t in document_tasks(str(PLANS / name)))


def predicted_cli() -> dict[tuple[int, int], tuple[float, str]]:
    """What `ipstrategy lineage propose 001 004` prints, keyed by (2012 index, 2020 index)."""
    command = [sys.executable, "-m", "ipstrategy.cli", "lineage", "propose", *(str(PLANS / n) for n in PAIR)]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    rows = json.loads(subprocess.run(command, check=True, capture_output=True, text=True, env=env).stdout)
    out = {}
    for row in rows:
        a, b = (row["a"], row["b"]) if row["a"]["document"] == PAIR[0] else (row["b"], row["a"])
        out[(a["index"], b["index"])] = (row["score"], row["grade"])
    return out


def predicted(weights: Weights) -> dict[tuple[int, int], tuple[float, str]]:
    links = propose_links(pair_tasks(), weights=weights, min_score=-1.0)
    out = {}
    for link in links:
        a, b = (link.a, link.b) if link.a.plan == PAIR[0] else (link.b, link.a)
        out[(a.index, b.index)] = (link.score, link.grade)
    return out


def measure(pred, gold, half: int | None, weights: Weights) -> dict[str, float]:
    """Precision/recall of strong proposals (strict: gold strong; any: any gold link) and of all."""
    keep = (lambda key: True) if half is None else (lambda key: key[0] % 2 == half)
    gold = {k: v for k, v in gold.items() if keep(k)}
    strong = {k for k, (s, _) in pred.items() if keep(k) and s >= weights.strong}
    every = {k for k, (s, _) in pred.items() if keep(k) and s >= weights.weak}
    gold_strong = {k for k, v in gold.items() if v == "strong"}

    def ratio(a: int, b: int) -> float:
        return a / b if b else 0.0

    return {
        "strong_precision": ratio(len(strong & gold_strong), len(strong)),
        "strong_precision_any": ratio(len(strong & set(gold)), len(strong)),
        "strong_recall": ratio(len(strong & gold_strong), len(gold_strong)),
        "all_precision": ratio(len(every & set(gold)), len(every)),
        "all_recall": ratio(len(every & set(gold)), len(gold)),
        "proposed_strong": len(strong),
        "proposed_all": len(every),
    }


def tune(gold) -> Weights:
    """Grid search on the even half for the best F1 of strong links."""
    best = (-1.0, DEFAULT_WEIGHTS)
    for k, obj, dep in itertools.product((1, 2, 3, 5), (0.1, 0.2, 0.3), (0.0, 0.03, 0.06, 0.1)):
        base = Weights(neighbours=k, objects=obj, department=dep)
        pred = predicted(base)
        for strong in [x / 100 for x in range(10, 60, 2)]:
            w = Weights(k, obj, dep, strong, strong / 2)
            m = measure(pred, gold, 0, w)
            p, r = m["strong_precision"], m["strong_recall"]
            f1 = 2 * p * r / (p + r) if p + r else 0.0
            if f1 > best[0]:
                best = (f1, w)
    print(f"tuned on the even half: {best[1]} (F1 {best[0]:.3f})")
    return best[1]


def report_gold(weights: Weights) -> None:
    gold = load_gold()
    pred = predicted_cli() if weights == DEFAULT_WEIGHTS else predicted(weights)
    print(f"gold: {gold_path()} ({len(gold)} links, {sum(v == 'strong' for v in gold.values())} strong)")
    source = "`ipstrategy lineage propose`" if weights == DEFAULT_WEIGHTS else "propose_links (tuned weights)"
    print(f"weights: {weights}; links from {source}")
    for label, half in (("tuning half (even)", 0), ("held-out half (odd)", 1), ("all", None)):
        m = measure(pred, gold, half, weights)
        if half is None:
            met = m["strong_precision"] >= 0.9 and m["strong_recall"] >= 0.8
            print(f"BENCH\tlineage\tstrong links against the gold (2012-2020)\tP {m['strong_precision']:.3f} / "
                  f"R {m['strong_recall']:.3f}\t\t\tP >= 0.9 at R >= 0.8: {'yes' if met else 'no'}")  # fmt: skip
        print(
            f"  {label:20} strong P {m['strong_precision']:.3f} (any gold link {m['strong_precision_any']:.3f})"
            f" R {m['strong_recall']:.3f} [{m['proposed_strong']} proposed]"
            f" | strong+weak P {m['all_precision']:.3f} R {m['all_recall']:.3f} [{m['proposed_all']}]"
        )
    scores = sorted(((s, gold.get(k) == "strong") for k, (s, _) in pred.items()), reverse=True)
    total = sum(v == "strong" for v in gold.values())
    hits = 0
    for rank, (score, hit) in enumerate(scores, 1):
        hits += hit
        if hits >= 0.8 * total:
            print(f"  precision at recall 0.8 (strong, threshold {score:.3f}): {hits / rank:.3f}")
            break
    else:
        print(f"  recall 0.8 of strong links not reached: at most {hits / total:.3f} among the proposals")
    # the proposals stop at the weak floor; the candidates scored before it show what blocking keeps
    candidates = predicted(weights) if weights == DEFAULT_WEIGHTS else pred
    kept = sum(k in candidates for k, v in gold.items() if v == "strong")
    print(f"  gold strong links among the scored candidates (before the floor): {kept} of {total}")


def synthetic_corpus(size: int, seed: int = 13) -> list[LinkTask]:
    """Plans of 32 jurisdictions over 20 years, each task a bundled sentence with variation."""
    rng = random.Random(seed)
    succession = default_registry().succession
    pool = [
        t
        for path in sorted(PLANS.glob("*.txt"))
        for t in tasks_from_plan(parse_document(path), name="", succession=succession)
    ]
    codes = sorted({code for t in pool for code in t.agencies}) or ["CNIPA"]
    scopes = ["CN"] + [f"P{n:02d}" for n in range(1, 32)]
    per_plan = max(1, size // (20 * len(scopes)))
    tasks = []
    for year, scope in itertools.product(range(2001, 2021), scopes):
        for index, source in enumerate(rng.sample(pool, min(per_plan, len(pool)))):
            words = source.text.split()
            words = [w for w in words if rng.random() > 0.1]
            if len(words) > 4 and rng.random() < 0.5:
                i = rng.randrange(len(words) - 1)
                words[i], words[i + 1] = words[i + 1], words[i]
            agencies = source.agencies if rng.random() < 0.7 else (rng.choice(codes),)
            tasks.append(LinkTask(f"{scope}-{year}", index, str(index + 1), " ".join(words), agencies, (scope, year)))
    return tasks[:size]


def neighbours(block):
    """A plan links to its own jurisdiction's plans a year either side and, across levels, to the
    plans of the same year (a province's plan to the national one and back): symmetric."""
    scope, year = block
    yield from ((scope, y) for y in (year - 1, year, year + 1))
    if scope == "CN":
        yield from ((f"P{n:02d}", year) for n in range(1, 32))
    else:
        yield "CN", year


def report_scale(size: int, sample: int) -> None:
    tasks = synthetic_corpus(size)
    wall, cpu = time.perf_counter(), time.process_time()
    links = propose_links(tasks, neighbours=neighbours, min_shared=2)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    strong = sum(link.grade == "strong" for link in links)
    print(f"synthetic corpus: {len(tasks)} tasks in {len({t.plan for t in tasks})} plans")
    print(f"  blocked inverted index: {cpu:.1f} s CPU ({wall:.1f} s wall), {len(links)} links ({strong} strong)")
    few = tasks[:: max(1, len(tasks) // sample)][:sample]
    cpu_n = time.process_time()
    vectors = build_vectors(few)
    weights = [vectors.weights(i) for i in range(len(few))]
    n = 0
    for i in range(len(few)):
        for j in range(i + 1, len(few)):
            if few[i].plan != few[j].plan:
                cosine(weights[i], weights[j])
                n += 1
    cpu_n = time.process_time() - cpu_n
    full_pairs = len(tasks) * (len(tasks) - 1) / 2
    estimate = cpu_n * full_pairs / max(1, n)
    print(
        f"  naive all-pairs on a sample of {len(few)} tasks: {n} pairs in {cpu_n:.1f} s CPU;"
        f" extrapolated to {len(tasks)} tasks: {estimate:.0f} s ({estimate / cpu:.0f}x the index)"
    )
    print(f"BENCH\tlineage\t{len(tasks):,} synthetic tasks linked\t{cpu:.1f} s CPU\tnaive all-pairs {estimate:,.0f} s"
          f" (extrapolated)\t{estimate / cpu:.0f}x\t< 30 s: {'yes' if cpu < 30 else 'no'}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tune", action="store_true", help="repeat the weight search on the even half")
    parser.add_argument("--tasks", type=int, default=64000, help="size of the synthetic corpus")
    parser.add_argument("--sample", type=int, default=2000, help="tasks in the all-pairs baseline sample")
    args = parser.parse_args()
    weights = tune(load_gold()) if args.tune else DEFAULT_WEIGHTS
    report_gold(weights)
    if args.tasks:
        report_scale(args.tasks, args.sample)


if __name__ == "__main__":
    main()
