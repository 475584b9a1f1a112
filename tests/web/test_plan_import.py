"""`plan_import`: one document in, one plan stored, all or nothing; re-imports are no-ops."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ipstrategy.core.errors import DocumentError
from ipstrategy.web.indicators import services as indicator_services
from ipstrategy.web.indicators.models import IndicatorValue
from ipstrategy.web.plans import services, storing
from ipstrategy.web.plans.models import Plan, Responsibility, Section, Target, Task
from ipstrategy.web.plans.services import PlanImportError, plan_import

from .factories import document, plan_draft, task_draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list:
    """Make the parser return the drafts in this list, one per call (the last one repeats)."""
    drafts = [plan_draft()]
    monkeypatch.setattr(services, "parse", lambda path, as_of=None: drafts.pop(0) if len(drafts) > 1 else drafts[0])
    return drafts


def _counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (Plan, Section, Task, Responsibility, Target, IndicatorValue))


def _stored_files(media: Path) -> list[Path]:
    return sorted(p for p in media.rglob("*") if p.is_file())


def test_import_stores_the_plan_with_everything_under_it(parsed: list, tmp_path: Path) -> None:
    result = plan_import(path=document(tmp_path, "plan.txt"), publish=True)
    plan = result.plan
    assert result.status == "imported"
    assert (plan.status, plan.plan_type, plan.period_start, plan.source_filename) == (
        "published",
        "annual_promotion_plan",
        2013,
        "plan.txt",
    )
    assert (plan.issue_date, plan.date_precision) == (date(2013, 5, 1), "month")
    assert [link.agency.code for link in plan.issuer_links.all()] == ["IPSJCO"]
    assert plan.sections.get(key="1.(1)").parent.key == "1"
    task = plan.tasks.get(order=1)
    assert (task.number, task.section.key, task.responsibility_raw) == ("1", "1.(1)", "(SIPO, MOST)")
    roles = [(r.role, r.agency.code) for r in task.responsibilities.all()]
    assert roles == [("lead", "SIPO"), ("participant", "MOST")]
    assert [(t.comparator, t.quantity, t.due_year) for t in task.targets.all()] == [("about", 30.0, 2013)]
    values = plan.indicator_values.order_by("year")
    assert [(v.indicator.code, v.year, v.kind) for v in values] == [
        ("invention_patents_per_10k_people", 2012, "baseline"),
        ("invention_patents_per_10k_people", 2013, "target"),
    ]


def test_a_draft_is_not_published_unless_asked(parsed: list, tmp_path: Path) -> None:
    assert plan_import(path=document(tmp_path)).plan.status == "draft"


def test_reimporting_the_same_file_changes_nothing(parsed: list, tmp_path: Path) -> None:
    path = document(tmp_path)
    first = plan_import(path=path)
    before = _counts()
    again = plan_import(path=path)
    assert (again.status, again.plan.pk) == ("unchanged", first.plan.pk)
    assert _counts() == before


def test_replace_rebuilds_the_contents_and_keeps_the_plan(parsed: list, tmp_path: Path) -> None:
    path = document(tmp_path)
    first = plan_import(path=path, publish=True)
    parsed[0] = plan_draft(tasks=5, title="Corrected title")
    replaced = plan_import(path=path, replace=True)
    assert (replaced.status, replaced.plan.pk) == ("replaced", first.plan.pk)
    plan = Plan.objects.get(pk=first.plan.pk)
    assert (plan.title, plan.tasks.count(), plan.status) == ("Corrected title", 5, "published")
    assert plan.indicator_values.count() == 2  # rebuilt, not doubled


def test_replace_takes_a_changed_file_of_the_same_name(parsed: list, tmp_path: Path, _media_root: Path) -> None:
    path = document(tmp_path, "annual.txt", "first version")
    first = plan_import(path=path)
    old_file = Path(first.plan.source_file.path)
    path.write_text("second version", encoding="utf-8")
    replaced = plan_import(path=path, replace=True)
    assert (replaced.status, replaced.plan.pk) == ("replaced", first.plan.pk)
    assert Path(replaced.plan.source_file.path).read_text(encoding="utf-8") == "second version"
    assert old_file != Path(replaced.plan.source_file.path)


def test_an_unknown_department_fails_the_import_and_stores_nothing(
    parsed: list, tmp_path: Path, _media_root: Path
) -> None:
    parsed[0] = plan_draft(tasks=(task_draft(), task_draft(number="2", lead="NOSUCH")))
    before, files = _counts(), _stored_files(_media_root)
    with pytest.raises(PlanImportError, match="NOSUCH"):
        plan_import(path=document(tmp_path))
    assert _counts() == before
    assert _stored_files(_media_root) == files


def test_a_failure_halfway_rolls_everything_back(
    parsed: list, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, _media_root: Path
) -> None:
    """Plan, sections, tasks and responsibilities are written before the indicators; all go."""

    def explode(**kwargs: object) -> None:
        assert Task.objects.filter(plan=kwargs["plan"]).count() == 3  # the earlier steps did write
        raise RuntimeError("disk full")

    monkeypatch.setattr(indicator_services, "indicator_values_set_from_plan", explode)  # via plans.signals
    before, files = _counts(), _stored_files(_media_root)
    with pytest.raises(RuntimeError, match="disk full"):
        plan_import(path=document(tmp_path))
    assert _counts() == before
    assert _stored_files(_media_root) == files


def test_a_failed_replace_leaves_the_old_plan_whole(
    parsed: list, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = document(tmp_path)
    plan = plan_import(path=path).plan
    before = _counts()
    monkeypatch.setattr(storing, "tasks_store", lambda **kwargs: (_ for _ in ()).throw(RuntimeError("bug")))
    with pytest.raises(RuntimeError):
        plan_import(path=path, replace=True)
    assert _counts() == before
    assert Plan.objects.get(pk=plan.pk).tasks.count() == 3


def test_a_missing_file_is_a_document_error(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match=r"missing\.txt"):
        plan_import(path=tmp_path / "missing.txt")


def test_a_section_printed_twice_is_refused(parsed: list, tmp_path: Path) -> None:
    parsed[0] = plan_draft(sections=(storing.SectionDraft("1", "A"), storing.SectionDraft("1", "B")))
    with pytest.raises(PlanImportError, match="printed twice"):
        plan_import(path=document(tmp_path))


def test_a_task_in_an_unprinted_section_is_kept_with_a_warning(parsed: list, tmp_path: Path) -> None:
    parsed[0] = plan_draft(tasks=(task_draft(section="9.(9)"),))
    plan = plan_import(path=document(tmp_path)).plan
    assert plan.tasks.get().section is None
    assert any("9.(9)" in w for w in plan.warnings)


def test_repeated_and_other_bodies_are_stored_once_each(parsed: list, tmp_path: Path) -> None:
    parsed[0] = plan_draft(
        tasks=(task_draft(lead="SAIC", participants=("MOST", "MOST"), other_responsible=("relevant departments",)),)
    )
    task = plan_import(path=document(tmp_path)).plan.tasks.get()
    assert [(r.role, r.agency_id and r.agency.code, r.name_as_printed) for r in task.responsibilities.all()] == [
        ("lead", "SAIC", "SAIC"),
        ("participant", "MOST", "MOST"),
        ("other", None, "relevant departments"),
    ]


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("2014-12-10", (date(2014, 12, 10), "day")),
        ("2012-04", (date(2012, 4, 1), "month")),
        ("2012", (date(2012, 1, 1), "year")),
        (None, (None, "day")),
        ("April 2012", (None, "day")),
    ],
)
def test_printed_dates_keep_their_precision(printed: str | None, expected: tuple) -> None:
    assert services.date_parse(printed) == expected
