#!/usr/bin/env python3
"""Score the parser on every seed plan converted to every file format: a seed x format table.

Usage: .venv/bin/python bench/format_scores.py [--shared DIR] [--keep DIR] [--only NAME ...] [--json]
       .venv/bin/python bench/format_scores.py --writers

``--writers`` prints the conversion matrix instead (tests/core/writer_matrix.py): every bundled plan
and genre document as LibreOffice, pandoc, python-docx and fpdf2 wrote it (committed fixtures) and
under each text perturbation, one row per source and one column per cell, and how many cells reach
0.97 overall. It needs no ../shared (the scorer's copy and the gold are in tests/).

Converts each seed in DIR/seeds (default: ../shared beside the repository) with the converters of
tests/core/seed_formats.py, parses each file with ``parse_document`` and scores it against
DIR/gold with DIR/tools/score_parse.py. Rows below the test thresholds are flagged with "!".
``--keep`` writes the converted files to a folder to look at instead of a temporary one.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "core"))

import seed_formats  # noqa: E402

from ipstrategy.core.parsing import parse_document  # noqa: E402

#: The thresholds tests/core/test_seed_formats.py asserts.
THRESHOLDS = {"overall": 0.97, "tasks": 0.98, "agencies": 0.97, "lead": 0.97, "cells": 1.0}


def load_scorer(shared: Path) -> ModuleType:
    path = shared / "tools" / "score_parse.py"
    spec = importlib.util.spec_from_file_location("score_parse", path)
    if spec is None or spec.loader is None or not path.exists():
        raise SystemExit(f"no scorer at {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def summary(scorer: ModuleType, gold: dict, pred: dict) -> dict[str, float]:
    s = scorer.score_one(gold, pred)
    return {
        "overall": scorer.overall(s),
        "tasks": s["tasks"]["f1"],
        "agencies": s["agencies"]["f1"],
        "lead": s["lead"]["accuracy"],
        "cells": s["indicators"]["accuracy"],
        "found": s["tasks"]["pred"],
        "gold": s["tasks"]["gold"],
    }


def below(row: dict[str, float]) -> list[str]:
    return [k for k, t in THRESHOLDS.items() if row[k] < t - 1e-9]


def score_all(scorer: ModuleType, shared: Path, out_dir: Path, only: list[str] | None) -> list[dict]:
    """Convert, parse and score every seed in every variant (the seed as it is first, as "txt")."""
    rows = []
    for gold_path in sorted((shared / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        if not (isinstance(gold, dict) and "document" in gold and "tasks" in gold):
            continue
        seed = shared / "seeds" / gold["document"]
        as_is = seed_formats.Variant("txt", ".txt", seed_formats.write_md)
        for variant in [as_is, *seed_formats.variants_for(seed.read_text(encoding="utf-8"))]:
            if only and variant.name not in only:
                continue
            started = time.perf_counter()
            path = seed_formats.convert(seed, variant, out_dir) if variant.name != "txt" else seed
            try:
                pred = parse_document(path).to_json()
                error = ""
            except Exception as exc:  # a failed parse scores zero, and says why
                pred, error = {}, f"{type(exc).__name__}: {exc}"
            row = {"seed": seed.stem[:3], "format": variant.name, **summary(scorer, gold, pred)}
            row["seconds"] = time.perf_counter() - started
            row["error"] = error
            rows.append(row)
    return rows


def print_writer_matrix() -> int:
    """The conversion matrix: overall score per source (rows) and writer or perturbation (columns)."""
    import writer_matrix

    names = list(writer_matrix.CELLS)
    print(f"{'source':22} " + " ".join(f"{n[:15]:>15}" for n in names))
    scores = []
    for source in writer_matrix.writers.sources():
        row = [writer_matrix.score(writer_matrix.Cell(source, n))["overall"] for n in names]
        scores += row
        print(f"{source.stem[:22]:22} " + " ".join(f"{v:14.3f}{'!' if v < 0.97 else ' '}" for v in row))
    ok = sum(v >= 0.97 for v in scores)
    print(f"{ok}/{len(scores)} cells >= 0.97 overall; mean {sum(scores) / len(scores):.3f}")
    return 0


def main() -> int:
    if "--writers" in sys.argv[1:]:
        return print_writer_matrix()
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--keep", type=Path, help="write the converted files here")
    ap.add_argument("--only", nargs="*", help="variant names to run (default: all)")
    ap.add_argument("--json", action="store_true", help="print the rows as JSON")
    a = ap.parse_args()
    scorer = load_scorer(a.shared)
    if a.keep is not None:
        rows = score_all(scorer, a.shared, a.keep, a.only)
    else:
        with tempfile.TemporaryDirectory(prefix="format_scores_") as tmp:
            rows = score_all(scorer, a.shared, Path(tmp), a.only)
    if a.json:
        print(json.dumps(rows, indent=2))
        return 0
    print(
        f"{'seed':4} {'format':14} {'overall':>7} {'tasks':>6} {'found':>7} {'agency':>6} {'lead':>6} {'cells':>6} {'s':>5}"
    )
    for r in rows:
        flag = "!" if below(r) or r["error"] else " "
        print(
            f"{r['seed']:4} {r['format']:14} {r['overall']:7.3f} {r['tasks']:6.3f} {r['found']:3}/{r['gold']:<3} "
            f"{r['agencies']:6.3f} {r['lead']:6.3f} {r['cells']:6.3f} {r['seconds']:5.2f} {flag} {r['error']}"
        )
    failing = [r for r in rows if below(r) or r["error"]]
    print(f"{len(rows)} conversions, {len(failing)} below the thresholds {THRESHOLDS}")
    if not seed_formats.UNICODE_FONTS:
        print("NOTE: no DejaVu/Droid fonts: PDFs use Helvetica with text folded to ASCII (the tests skip them)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
