"""The database commands of the CLI, run through `ipstrategy.cli.main` as a user would."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ipstrategy.cli import main
from ipstrategy.web.plans import services
from ipstrategy.web.plans.models import Plan

from .factories import document, plan_draft, task_draft

pytestmark = pytest.mark.django_db


def _counts(output: str) -> dict[str, int]:
    return {m[1]: int(m[2]) for m in re.finditer(r"^([a-z ]+): (\d+)$", output, flags=re.MULTILINE)}


def test_init_is_idempotent_and_prints_the_counts(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init"]) == 0
    first = capsys.readouterr().out
    assert main(["init", "--demo"]) == 0
    second = capsys.readouterr().out
    counts = _counts(first)
    assert counts == _counts(second)
    assert counts["plans"] == 5 and counts["tasks"] == 274
    assert "unchanged: 001_2f910b4b67935e32.txt" in second


def test_import_reports_each_document_and_carries_on_after_a_failure(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good, bad = document(tmp_path, "good.txt"), document(tmp_path, "bad.txt")
    drafts = {"good": plan_draft(), "bad": plan_draft(tasks=(task_draft(lead="NOSUCH"),))}
    monkeypatch.setattr(services, "parse", lambda path, as_of=None: drafts[Path(path).stem])
    before = Plan.objects.count()
    assert main(["import", str(bad), str(good), "--publish"]) == 2
    out, err = capsys.readouterr()
    assert f"failed: {bad}: unknown department code(s) NOSUCH" in err
    assert re.search(rf"imported: {re.escape(str(good))} -> plan \d+ \(3 tasks, published\)", out)
    assert Plan.objects.count() == before + 1

    assert main(["import", str(good)]) == 0
    assert "unchanged: " in capsys.readouterr().out
    assert main(["import", "--replace", str(good)]) == 0
    assert "replaced: " in capsys.readouterr().out


def test_import_of_an_unreadable_file_names_it(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["import", str(tmp_path / "nowhere.docx")]) == 2
    assert f"failed: {tmp_path / 'nowhere.docx'}:" in capsys.readouterr().err


def test_plans_lists_id_type_date_and_task_counts(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plans"]) == 0
    out = capsys.readouterr().out
    plan = Plan.objects.get(source_filename__startswith="004")
    assert re.search(rf"^{plan.pk} +annual_promotion_plan +2020-05-13 +published +100 +2020 Promotion Plan", out, re.M)


def test_agencies_list_shows_successors(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["agencies", "list"]) == 0
    assert re.search(
        r"^SIPO +\w+ +1998-2018 +CNIPA +\d+ +\d+ +State Intellectual Property Office", capsys.readouterr().out, re.M
    )


def test_serve_prints_the_address_then_runs_gunicorn(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = []
    monkeypatch.setattr("ipstrategy.web.operations.serving.gunicorn_run", calls.append)
    assert main(["serve", "--port", "8123", "--workers", "3"]) == 0
    assert "http://127.0.0.1:8123/ (gunicorn, 3 workers" in capsys.readouterr().out
    assert [(c.host, c.port, c.workers, c.threads) for c in calls] == [("127.0.0.1", 8123, 3, 4)]


def test_serve_dev_runs_the_development_server(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = []
    monkeypatch.setattr("django.core.management.call_command", lambda *a, **k: calls.append((a, k)))
    assert main(["serve", "--port", "8123", "--dev"]) == 0
    assert "development server" in capsys.readouterr().out
    assert calls == [(("runserver", "127.0.0.1:8123"), {"use_reloader": False})]
