# A verbatim copy of ../shared/tools/score_parse.py (the shared scorer), so that the conversion
# matrix (tests/core/test_writer_matrix.py) scores without ../shared; test_writer_matrix checks the copy
# is still the same as the original whenever ../shared is there. Not linted or formatted (pyproject).
#!/usr/bin/env python3
"""Score a plan parser against hand-checked gold annotations.

Usage:
  score_parse.py --docs DIR --gold DIR [--json] -- COMMAND ... {} ...
      Runs COMMAND once per gold file, with {} replaced by the document's path, reads the
      parser's JSON from its standard output, and scores it against the gold.
  score_parse.py --gold FILE.json --pred FILE.json
      Scores one prediction file.

The parser's JSON is described in docs of the project (plan JSON); the fields scored are
title, date, plan_type, issuer, sections[].title, tasks[] (number, section, text, lead,
participants, targets[].quantity/comparator) and indicators[] (name, values).

Only the Python standard library is used, so it runs anywhere the project does.
The last line printed is the overall score, for scripts to read.
"""
from __future__ import annotations

import argparse
import difflib
import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

QUOTES = {"“": '"', "”": '"', "‘": "'", "’": "'", "«": '"', "»": '"', "—": "-", "–": "-"}


def norm(text: str | None) -> str:
    """Fold width, quotes, case and white space so that layout differences do not count."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text)
    for a, b in QUOTES.items():
        text = text.replace(a, b)
    text = re.sub(r"[*_`]", "", text)  # markdown emphasis
    return re.sub(r"\s+", " ", text).strip().lower()


def similar(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def f1(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else (1.0 if not n_gold else 0.0)
    r = tp / n_gold if n_gold else (1.0 if not n_pred else 0.0)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def match_tasks(gold: list[dict], pred: list[dict]) -> list[tuple[int, int]]:
    """One-to-one matches in document order: a predicted task matches a gold task when its text
    begins like the gold's text_start (similarity of the prefixes >= 0.9)."""
    pairs: list[tuple[int, int]] = []
    pred_heads = [norm(p.get("text")) for p in pred]
    used: set[int] = set()
    start = 0
    for gi, g in enumerate(gold):
        head = norm(g.get("text_start"))[:60]
        if not head:
            continue
        best, best_j = 0.0, None
        # look ahead from the last match first (order preserving), then anywhere
        order = list(range(start, len(pred))) + list(range(0, start))
        for j in order:
            if j in used:
                continue
            cand = pred_heads[j]
            s = similar(head, cand[: len(head)])
            if s > best:
                best, best_j = s, j
                if s == 1.0:
                    break
        if best_j is not None and best >= 0.9:
            pairs.append((gi, best_j))
            used.add(best_j)
            start = best_j + 1
    return pairs


def agencies_of(task: dict) -> set[str]:
    out = set(task.get("participants") or [])
    if task.get("lead"):
        out.add(task["lead"])
    return {a.upper() for a in out}


def score_one(gold: dict, pred: dict) -> dict:
    g_tasks, p_tasks = gold.get("tasks", []), pred.get("tasks", [])
    pairs = match_tasks(g_tasks, p_tasks)
    tp = len(pairs)
    task_p, task_r, task_f = f1(tp, len(p_tasks), len(g_tasks))

    # numbers, as printed
    numbered = [(gi, pj) for gi, pj in pairs if g_tasks[gi].get("number") is not None]
    num_ok = sum(str(p_tasks[pj].get("number")) == str(g_tasks[gi]["number"]) for gi, pj in numbered)

    # responsible bodies: micro F1 over (task, agency), over ALL gold and predicted tasks so that
    # missed tasks cost their agencies too
    ag_tp = sum(len(agencies_of(g_tasks[gi]) & agencies_of(p_tasks[pj])) for gi, pj in pairs)
    ag_gold = sum(len(agencies_of(t)) for t in g_tasks)
    ag_pred = sum(len(agencies_of(t)) for t in p_tasks)
    ag_p, ag_r, ag_f = f1(ag_tp, ag_pred, ag_gold)
    lead_cases = [(gi, pj) for gi, pj in pairs if g_tasks[gi].get("lead") or p_tasks[pj].get("lead")]
    lead_ok = sum((g_tasks[gi].get("lead") or "").upper() == (p_tasks[pj].get("lead") or "").upper()
                  for gi, pj in lead_cases)

    # quantitative targets: (task, quantity, comparator)
    def tset(task: dict, idx: int) -> set:
        return {(idx, float(t.get("quantity")), (t.get("comparator") or "=")) for t in task.get("targets") or []
                if isinstance(t.get("quantity"), (int, float))}
    t_gold = set().union(*[tset(g_tasks[gi], gi) for gi in range(len(g_tasks))]) if g_tasks else set()
    mapped = {pj: gi for gi, pj in pairs}
    t_pred = set()
    for pj, t in enumerate(p_tasks):
        gi = mapped.get(pj, -1 - pj)
        t_pred |= tset(t, gi)
    tq_p, tq_r, tq_f = f1(len(t_gold & t_pred), len(t_pred), len(t_gold))

    # sections, by title, and each matched task's section by its title
    g_secs = {s["id"]: norm(s.get("title")) for s in gold.get("sections", [])}
    p_secs = {s.get("id"): norm(s.get("title")) for s in pred.get("sections", [])}
    g_titles, p_titles = list(g_secs.values()), list(p_secs.values())
    sec_tp, free = 0, list(p_titles)
    for gt in g_titles:
        hit = next((x for x in free if similar(gt, x) >= 0.85), None)
        if hit is not None:
            sec_tp += 1
            free.remove(hit)
    sec_p, sec_r, sec_f = f1(sec_tp, len(p_titles), len(g_titles))
    placed = [(gi, pj) for gi, pj in pairs if g_tasks[gi].get("section") in g_secs]
    place_ok = sum(similar(g_secs[g_tasks[gi]["section"]], p_secs.get(p_tasks[pj].get("section"), "")) >= 0.85
                   for gi, pj in placed)

    # indicators: every gold (indicator, year) cell must be found with the same value
    cells, cells_ok = 0, 0
    p_inds = pred.get("indicators", [])
    for gind in gold.get("indicators", []):
        gname = norm(gind.get("name"))
        best = max(p_inds, key=lambda p: similar(gname, norm(p.get("name"))), default=None)
        ok_name = best is not None and similar(gname, norm(best.get("name"))) >= 0.8
        for year, val in (gind.get("values") or {}).items():
            cells += 1
            if ok_name:
                pv = (best.get("values") or {}).get(str(year))
                if isinstance(pv, (int, float)) and abs(float(pv) - float(val)) < 1e-9:
                    cells_ok += 1
    extra = max(0, len(p_inds) - len(gold.get("indicators", [])))

    meta = {
        "title": similar(norm(gold.get("title")), norm(pred.get("title"))) >= 0.85,
        "date": str(gold.get("date") or "")[:7] == str(pred.get("date") or "")[:7],
        "plan_type": gold.get("plan_type") == pred.get("plan_type"),
        "issuer": {a.upper() for a in gold.get("issuer") or []} == {a.upper() for a in pred.get("issuer") or []},
    }
    return {
        "tasks": {"gold": len(g_tasks), "pred": len(p_tasks), "matched": tp,
                  "precision": task_p, "recall": task_r, "f1": task_f},
        "numbers": {"checked": len(numbered), "correct": num_ok,
                    "accuracy": num_ok / len(numbered) if numbered else 1.0},
        "agencies": {"gold": ag_gold, "pred": ag_pred, "correct": ag_tp,
                     "precision": ag_p, "recall": ag_r, "f1": ag_f},
        "lead": {"checked": len(lead_cases), "correct": lead_ok,
                 "accuracy": lead_ok / len(lead_cases) if lead_cases else 1.0},
        "targets": {"gold": len(t_gold), "pred": len(t_pred), "precision": tq_p, "recall": tq_r, "f1": tq_f},
        "sections": {"gold": len(g_titles), "pred": len(p_titles), "f1": sec_f,
                     "task_placement": place_ok / len(placed) if placed else 1.0},
        "indicators": {"cells": cells, "correct": cells_ok, "extra_indicators": extra,
                       "accuracy": cells_ok / cells if cells else 1.0},
        "metadata": {**meta, "accuracy": sum(meta.values()) / len(meta)},
    }


WEIGHTS = {("tasks", "f1"): 0.25, ("agencies", "f1"): 0.25, ("lead", "accuracy"): 0.1,
           ("numbers", "accuracy"): 0.05, ("targets", "f1"): 0.1, ("sections", "f1"): 0.05,
           ("sections", "task_placement"): 0.05, ("indicators", "accuracy"): 0.1,
           ("metadata", "accuracy"): 0.05}


def overall(s: dict) -> float:
    return sum(w * s[a][b] for (a, b), w in WEIGHTS.items())


def run_parser(cmd: list[str], doc: Path) -> dict:
    argv = [doc.as_posix() if a == "{}" else a.replace("{}", doc.as_posix()) for a in cmd]
    proc = subprocess.run(argv, capture_output=True, text=True, timeout=300)
    if proc.returncode != 0:
        raise RuntimeError(f"parser failed on {doc.name} (exit {proc.returncode}): {proc.stderr.strip()[-500:]}")
    return json.loads(proc.stdout)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", required=True, help="a gold JSON file, or a folder of them")
    ap.add_argument("--pred", help="one prediction JSON file (with a gold file)")
    ap.add_argument("--docs", help="folder holding the documents named in the gold files")
    ap.add_argument("--json", action="store_true", help="print the full scores as JSON")
    ap.add_argument("cmd", nargs=argparse.REMAINDER, help="-- parser command, {} = document path")
    a = ap.parse_args()
    cmd = [c for c in a.cmd if c != "--"] if a.cmd else []

    gold_path = Path(a.gold)
    golds = sorted(gold_path.glob("*.json")) if gold_path.is_dir() else [gold_path]
    results: dict[str, dict] = {}
    for gp in golds:
        gold = json.loads(gp.read_text(encoding="utf-8"))
        if not (isinstance(gold, dict) and "document" in gold and "tasks" in gold):
            continue  # not a plan annotation (e.g. lineage links)
        if a.pred:
            pred = json.loads(Path(a.pred).read_text(encoding="utf-8"))
        else:
            if not (cmd and a.docs):
                ap.error("give --pred, or --docs and a parser command after --")
            doc = Path(a.docs) / gold["document"]
            try:
                pred = run_parser(cmd, doc)
            except Exception as e:  # a failed document scores zero, and says why
                print(f"{gp.stem}: {e}", file=sys.stderr)
                pred = {}
        results[gp.stem] = score_one(gold, pred)

    if a.json:
        print(json.dumps(results, indent=2))
    for name, s in results.items():
        print(f"{name}: overall {overall(s):.3f} | tasks F1 {s['tasks']['f1']:.3f} "
              f"({s['tasks']['matched']}/{s['tasks']['gold']} gold, {s['tasks']['pred']} found) | "
              f"agencies F1 {s['agencies']['f1']:.3f} | lead {s['lead']['accuracy']:.3f} | "
              f"numbers {s['numbers']['accuracy']:.3f} | targets F1 {s['targets']['f1']:.3f} | "
              f"sections F1 {s['sections']['f1']:.3f}, placement {s['sections']['task_placement']:.3f} | "
              f"indicator cells {s['indicators']['accuracy']:.3f} | metadata {s['metadata']['accuracy']:.2f}")
    mean = sum(overall(s) for s in results.values()) / len(results) if results else 0.0
    worst = min((overall(s) for s in results.values()), default=0.0)
    print(f"score: mean {mean:.3f}, worst {worst:.3f} over {len(results)} documents")
    return 0


if __name__ == "__main__":
    sys.exit(main())
