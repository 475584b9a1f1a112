"""The conversion matrix: every source plan, as each writer and each text perturbation produces it,
scores >= 0.97 overall with the shared scorer's logic (tests/core/writer_matrix.py).

The writer files are fixtures (tests/fixtures/make_writer_files.py made them once, with LibreOffice
and pandoc); seeds are scored against their hand-checked gold (tests/data/gold), genre documents
against the expectations committed beside the fixtures. ``bench/format_scores.py --writers``
prints the whole matrix. Cells the parser does not yet read well enough are strict xfails with
the cause: a fix makes them pass, and then the entry must go.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import shared_scorer
import writer_matrix as wm

SHARED_SCORER = Path(__file__).resolve().parents[3] / "shared" / "tools" / "score_parse.py"

KNOWN_GAPS: dict[str, str] = {}  # cell id -> the cause, for a cell the parser cannot yet read


def _cases() -> list:
    cases = []
    for cell in wm.cells():
        marks = [pytest.mark.xfail(strict=True, reason=KNOWN_GAPS[cell.id])] if cell.id in KNOWN_GAPS else []
        cases.append(pytest.param(cell, id=cell.id, marks=marks))
    return cases


@pytest.mark.parametrize("cell", _cases())
def test_every_writer_and_perturbation_scores_097(cell):
    figures = wm.score(cell)
    assert figures["overall"] >= 0.97, figures


def test_the_matrix_covers_every_source_writer_and_perturbation():
    sources = {c.source.stem for c in wm.cells()}
    assert len(sources) >= 10 and {"zh_task_division", "en_variant_names"} <= sources
    for cell in wm.cells():
        if cell.name in wm.writers.WRITERS:
            assert wm.writers.writer_file(cell.source, cell.name).stat().st_size > 0, cell.id


@pytest.mark.skipif(not SHARED_SCORER.exists(), reason="../shared is not beside the repository")
def test_the_scorer_copy_is_the_shared_scorer():
    copy = Path(shared_scorer.__file__).read_text(encoding="utf-8")
    assert copy.split("\n", 3)[3] == SHARED_SCORER.read_text(encoding="utf-8")
