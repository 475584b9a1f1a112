"""The conversion matrix: every source plan as each writer and each text perturbation produces it,
parsed and scored with the shared scorer's logic (a copy in ``shared_scorer``, so no ../shared).

Writer files are fixtures made once by tests/fixtures/make_writer_files.py; the perturbations are
applied here. Used by tests/core/test_writer_matrix.py and bench/format_scores.py (``--writers``).
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

import shared_scorer

from ipstrategy.core.parsing import parse_blocks
from ipstrategy.core.parsing.readers import read_bytes

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
sys.path.insert(0, str(FIXTURES))

import make_writer_files as writers  # noqa: E402

CELLS = (*writers.WRITERS, *writers.PERTURBATIONS)


@dataclass(frozen=True)
class Cell:
    source: Path
    name: str

    @property
    def id(self) -> str:
        return f"{self.source.stem}/{self.name}"

    def read(self):  # -> list[Block]
        if self.name in writers.PERTURBATIONS:
            text = writers.PERTURBATIONS[self.name](self.source.read_text(encoding="utf-8"))
            return list(read_bytes(text.encode("utf-8"), self.source.name).blocks)
        path = writers.writer_file(self.source, self.name)
        return list(read_bytes(path.read_bytes(), path.name).blocks)


def cells() -> list[Cell]:
    return [Cell(source, name) for source in writers.sources() for name in CELLS]


def score(cell: Cell) -> dict[str, float]:
    """The scorer's figures for one cell (a failed parse scores zero)."""
    gold = writers.expected_json(cell.source)
    try:
        pred = parse_blocks(cell.read()).to_json()
    except Exception:  # a crash is a zero, reported by the caller
        pred = {}
    s = shared_scorer.score_one(gold, json.loads(json.dumps(pred)))
    return {
        "overall": shared_scorer.overall(s),
        "tasks": s["tasks"]["f1"],
        "agencies": s["agencies"]["f1"],
        "lead": s["lead"]["accuracy"],
        "targets": s["targets"]["f1"],
        "sections": s["sections"]["f1"],
        "cells": s["indicators"]["accuracy"],
        "found": s["tasks"]["pred"],
        "gold": s["tasks"]["gold"],
    }
