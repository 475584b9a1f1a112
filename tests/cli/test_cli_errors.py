"""Every expected failure of a command is one line `error: ...` on stderr and exit code 2.

In particular an id or name that matches nothing: the table below lists each command that takes
one, and ``test_the_table_covers_every_id_option`` fails when a command with an ``ID`` option is
added without a row here.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import pytest

from ipstrategy.cli import main
from ipstrategy.cli.app import expected_error
from ipstrategy.cli.reference import commands
from ipstrategy.web.plans.models import Plan

pytestmark = pytest.mark.django_db

MISSING = 987654

#: command words -> (argv, words the one line must contain)
UNKNOWN_IDS: dict[tuple[str, ...], tuple[list[str], str]] = {
    ("remind",): (["remind", "--period", str(MISSING), "--dry-run"], f"no reporting period {MISSING}"),
    ("export-template",): (
        ["export-template", "--agency", "CNIPA", "--period", str(MISSING)],
        f"no period {MISSING}",
    ),
    ("periods", "create"): (
        ["periods", "create", "--plan", str(MISSING), "--year", "2024", "--opens", "2024-01-01", "--due", "2024-03-31"],
        f"no plan {MISSING}",
    ),
    ("report", "evaluation"): (["report", "evaluation", str(MISSING), "--format", "xlsx"], f"no evaluation {MISSING}"),
    ("plans", "revise"): (["plans", "revise", str(MISSING), "plan.txt"], f"no plan {MISSING}"),
}

OTHER_UNKNOWN_NAMES: list[tuple[list[str], str]] = [
    (["export-template", "--agency", "NOSUCH", "--period", "1"], "no department NOSUCH"),
    (["import-reports", "nowhere.xlsx", "--as", "nobody"], "no active user 'nobody'"),
]


def _one_error_line(capsys: Any, words: str) -> None:
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("error: ") and words in lines[0], lines[0]
    assert "Traceback" not in err and "DoesNotExist" not in err


@pytest.mark.parametrize("words", sorted(UNKNOWN_IDS), ids=" ".join)
def test_an_unknown_id_is_one_line_and_exit_2(words: tuple[str, ...], capsys: Any) -> None:
    argv, expected = UNKNOWN_IDS[words]
    assert main(argv) == 2
    _one_error_line(capsys, expected)


@pytest.mark.parametrize(("argv", "expected"), OTHER_UNKNOWN_NAMES, ids=lambda v: str(v)[:30])
def test_an_unknown_name_is_one_line_and_exit_2(argv: list[str], expected: str, capsys: Any) -> None:
    assert main(argv) == 2
    _one_error_line(capsys, expected)


def test_the_table_covers_every_id_option() -> None:
    taking_ids = {
        c.words
        for c in commands()
        for a in c.arguments
        if not isinstance(a, argparse._SubParsersAction) and a.metavar == "ID"
    }
    assert taking_ids == set(UNKNOWN_IDS), "add a row to UNKNOWN_IDS for each command that takes an ID"


def test_an_unreadable_file_is_one_line(tmp_path: Path, capsys: Any) -> None:
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_user(username="reader", password="x")
    assert main(["import-reports", str(tmp_path / "missing.xlsx"), "--as", "reader"]) == 2
    _one_error_line(capsys, f"{tmp_path / 'missing.xlsx'}: No such file or directory")


def test_a_database_row_missing_deep_in_a_service_is_named() -> None:
    message = expected_error(Plan.DoesNotExist("Plan matching query does not exist."))
    assert message == "no such Plan: Plan matching query does not exist."


def test_a_bug_is_not_dressed_up_as_an_expected_error() -> None:
    assert expected_error(ZeroDivisionError("division by zero")) is None
