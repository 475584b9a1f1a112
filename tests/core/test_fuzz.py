"""Fuzzing: no input crashes or hangs the parser; a damaged file is a one-line ``DocumentError``.

Mutated real documents (every reader) and generated plan-like texts. The default run keeps a few
hundred examples so ``make test`` stays fast; the ``slow`` run (``pytest -m slow``, which CI runs)
tries over 10,000, the same ones each run (``IPSTRATEGY_FUZZ_EXPLORE=1`` draws fresh ones). Every
input a fuzz run ever failed on is kept under ``tests/data/fuzz_regressions/`` and parsed by
``test_fuzz_regressions``.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from fuzz_corpus import generated_text, mutated_document
from hypothesis import HealthCheck, given, settings

from ipstrategy.core.errors import DocumentError
from ipstrategy.core.model import PlanDraft
from ipstrategy.core.parsing import parse_blocks, parse_text
from ipstrategy.core.parsing.readers import read_bytes

REGRESSIONS = Path(__file__).resolve().parents[1] / "data" / "fuzz_regressions"
#: CPU seconds one small document may take; a hang or a quadratic scan blows through it
BUDGET = 10.0
_COMMON = {"deadline": None, "suppress_health_check": list(HealthCheck), "database": None}
#: The long runs draw the same examples every time, so a CI run is a verdict on the change, not on
#: the draw; ``IPSTRATEGY_FUZZ_EXPLORE=1`` draws fresh ones (keep what fails in fuzz_regressions/).
_LONG = {**_COMMON, "derandomize": os.environ.get("IPSTRATEGY_FUZZ_EXPLORE") != "1"}


def parse_bytes(name: str, data: bytes) -> PlanDraft | DocumentError:
    """Read and parse; returns the DocumentError instead of raising it (anything else propagates)."""
    started = time.process_time()
    try:
        plan: PlanDraft | DocumentError = parse_blocks(list(read_bytes(data, name).blocks))
    except DocumentError as exc:
        assert "\n" not in str(exc), "a document error is one line"
        plan = exc
    spent = time.process_time() - started
    assert spent < BUDGET, f"{name}: {len(data)} bytes took {spent:.1f}s of CPU"
    return plan


def _check_document(document: tuple[str, bytes]) -> None:
    name, data = document
    parse_bytes(name, data)


def _check_text(text: str) -> None:
    started = time.process_time()
    plan = parse_text(text)
    assert isinstance(plan, PlanDraft)
    assert time.process_time() - started < BUDGET


@settings(max_examples=150, **_COMMON)
@given(mutated_document())
def test_mutated_documents_parse_or_raise_document_error(document):
    _check_document(document)


@settings(max_examples=150, **_COMMON)
@given(generated_text())
def test_generated_texts_parse(text):
    _check_text(text)


@pytest.mark.slow
@settings(max_examples=7000, **_LONG)
@given(mutated_document())
def test_mutated_documents_many(document):
    _check_document(document)


@pytest.mark.slow
@settings(max_examples=4000, **_LONG)
@given(generated_text())
def test_generated_texts_many(text):
    _check_text(text)


@pytest.mark.parametrize("path", sorted(p for p in REGRESSIONS.glob("*__*") if p.is_file()), ids=lambda p: p.name)
def test_fuzz_regressions(path):
    """Each input a fuzz run once failed on: now parsed, or refused with a DocumentError."""
    name = path.name.split("__", 1)[-1]  # "<n>__plan.docx": the reader goes by the original extension
    parse_bytes(name, path.read_bytes())


@pytest.mark.parametrize(
    "path", sorted(p for p in REGRESSIONS.glob("*__*") if p.suffix in (".docx", ".pdf")), ids=lambda p: p.name
)
def test_a_damaged_file_is_one_error_line_and_exit_2(path, tmp_path, capsys):
    from ipstrategy.cli import main

    copy = tmp_path / path.name.split("__", 1)[-1]
    copy.write_bytes(path.read_bytes())
    code = main(["parse", str(copy)])
    err = capsys.readouterr().err.strip().splitlines()
    errors = [line for line in err if line.startswith("error:")]
    assert code == 0 or (code == 2 and len(errors) == 1 and str(copy) in errors[0]), err
