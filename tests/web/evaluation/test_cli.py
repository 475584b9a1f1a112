"""`ipstrategy report evaluation`: the same report as the page's button, written where asked."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from openpyxl import load_workbook

from ipstrategy.cli import main
from ipstrategy.cli.common import OPERATOR
from ipstrategy.web.evaluation.services import evaluation_open

from ..factories import plan_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def evaluation() -> Any:
    return evaluation_open(plan=plan_create(tasks=4), kind="summary", as_of=date(2020, 12, 31), actor=OPERATOR)


def test_xlsx_in_english(evaluation: Any, tmp_path: Path, capsys: Any) -> None:
    out = tmp_path / "e.xlsx"
    argv = ["report", "evaluation", str(evaluation.pk), "--format", "xlsx", "--lang", "en", "--output", str(out)]
    assert main(argv) == 0
    assert f"wrote {out}" in capsys.readouterr().out
    tasks = list(load_workbook(out)["Tasks"].iter_rows(min_row=3, values_only=True))
    assert [row[0] for row in tasks] == ["1", "2", "3", "4"] and {row[4] for row in tasks} == {"Not reported"}


def test_docx_in_chinese_by_default(evaluation: Any, tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["report", "evaluation", str(evaluation.pk)]) == 0
    document = Document(str(tmp_path / f"evaluation-{evaluation.pk}-zh-hans.docx"))
    assert "执行摘要" in [p.text for p in document.paragraphs]
