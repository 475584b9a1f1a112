"""`ipstrategy lineage propose|show`: documents without a database, stored plans by id."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ipstrategy.cli import main
from ipstrategy.web.lineage.models import TaskLink
from ipstrategy.web.plans.models import Plan

PLANS = Path(__file__).resolve().parents[2] / "src" / "ipstrategy" / "data" / "plans"
P2012, P2020 = "001_2f910b4b67935e32.txt", "004_7ca9520cd5ea7a07.txt"


def test_propose_between_documents_prints_the_documented_json(capsys: Any) -> None:
    assert main(["lineage", "propose", str(PLANS / P2012), str(PLANS / P2020), "--min-score", "0.1"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and all(set(r) == {"a", "b", "score", "grade"} for r in rows)
    assert all(r["score"] >= 0.1 and r["grade"] in {"strong", "weak"} for r in rows)
    assert {r["a"]["document"] for r in rows} | {r["b"]["document"] for r in rows} <= {P2012, P2020}
    first = rows[0]
    assert set(first["a"]) == {"document", "index", "number"} and isinstance(first["a"]["index"], int)
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)


def test_propose_as_a_table(capsys: Any) -> None:
    assert main(["lineage", "propose", str(PLANS / P2012), str(PLANS / P2020), "--format", "table"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["score", "grade", "task", "linked", "task"]
    assert any(f"{P2012}#36" in line and f"{P2020}#41" in line for line in lines)  # the internet piracy campaign


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["lineage", "propose", str(PLANS / P2012)], "two or more plans"),
        (["lineage", "propose", str(PLANS / P2012), str(PLANS / P2012)], "named twice"),
        (["lineage", "propose", str(PLANS / P2012), "nowhere.docx"], "nowhere.docx"),
    ],
)
def test_bad_arguments_are_one_line(argv: list[str], words: str, capsys: Any) -> None:
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("error: ") and words in err and len(err.strip().splitlines()) == 1


@pytest.mark.django_db
def test_propose_between_stored_plans_names_their_source_files(capsys: Any) -> None:
    a, b = Plan.objects.get(source_filename=P2012), Plan.objects.get(source_filename=P2020)
    assert main(["lineage", "propose", str(a.pk), str(PLANS / P2020)]) == 0
    from_ids = json.loads(capsys.readouterr().out)
    assert main(["lineage", "propose", str(PLANS / P2012), str(PLANS / P2020)]) == 0
    from_files = json.loads(capsys.readouterr().out)
    assert from_ids == from_files  # the stored plan and its document link alike
    assert main(["lineage", "propose", str(a.pk), "987654"]) == 2
    assert "no plan 987654" in capsys.readouterr().err
    assert b.pk


@pytest.mark.django_db
def test_show_prints_the_chain_oldest_first(capsys: Any) -> None:
    link = TaskLink.objects.filter(grade="strong").select_related("task_a__plan", "task_b__plan").first()
    assert link is not None
    assert main(["lineage", "show", str(link.task_b_id)]) == 0
    out = capsys.readouterr().out
    assert str(link.task_a_id) in out and str(link.task_b_id) in out
    assert main(["lineage", "show", "987654"]) == 2
    assert "no task 987654" in capsys.readouterr().err
