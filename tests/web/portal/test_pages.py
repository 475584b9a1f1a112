"""The portal's pages, read as a server renders them: filters, exports, the task page, search, status."""

from __future__ import annotations

import csv
import io

import pytest
from django.db.models import Q
from django.test import Client
from openpyxl import load_workbook

from ipstrategy.web.plans import status
from ipstrategy.web.plans.models import Plan, Task
from ipstrategy.web.plans.task_selectors import TaskQuery, tasks_filter

from ..factories import plan_create

pytestmark = pytest.mark.django_db


def _plan(prefix: str) -> Plan:
    return Plan.objects.get(source_filename__startswith=prefix)


def _html(client: Client, url: str, status_code: int = 200, **headers: str) -> str:
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=headers.pop("language", "en"), **headers)
    assert response.status_code == status_code, url
    return response.content.decode()


def test_home_shows_the_hierarchy_indicators_and_the_status_placeholder(client: Client, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(status, "_source", status.NoStatus())  # as before tracking registers its source
    html = _html(client, "/")
    action, annual = _plan("000"), _plan("004")
    assert html.index(f'href="/plans/{action.pk}/"') < html.index(f'href="/plans/{annual.pk}/"')
    assert '<tr class="depth-1">' in html and "implements" in html
    assert "Headline indicators" in html and 'href="/indicators/high_value_invention_patents_per_10k_people/"' in html
    assert 'id="task-status"' in html and "no department has reported progress" in html
    assert "{#" not in html and "{%" not in html


def test_the_plan_page_filters_by_department_with_predecessors_and_counts(client: Client) -> None:
    plan = _plan("001")
    expected = tasks_filter(query=TaskQuery(plan_id=plan.pk, agency="CNIPA")).count()
    html = _html(client, f"/plans/{plan.pk}/?agency=CNIPA")
    assert f"{expected} of {plan.tasks.count()} tasks" in html
    assert html.count('<tr id="task-') == expected
    assert '<option value="CNIPA" selected>' in html  # the department today, though the plan says SIPO
    assert 'hx-get="/plans/' in html and 'hx-push-url="true"' in html
    assert "/static/site/vendor/htmx-2.0.11.min.js" in html


def test_htmx_gets_only_the_results_and_a_history_restore_the_page(client: Client) -> None:
    plan = _plan("001")
    response = client.get(f"/plans/{plan.pk}/?agency=SIPO&role=lead", HTTP_HX_REQUEST="true")
    fragment = response.content.decode()
    assert fragment.lstrip().startswith('<div id="task-results"') and "<html" not in fragment
    assert "HX-Request" in response["Vary"]
    restore = client.get(f"/plans/{plan.pk}/", HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true")
    assert "<html" in restore.content.decode()


def test_a_section_filter_includes_its_sub_sections_and_bad_values_are_ignored(client: Client) -> None:
    plan = _plan("003")
    parent = plan.sections.filter(subsections__tasks__isnull=False).distinct().first()
    in_tree = tasks_filter(query=TaskQuery(plan_id=plan.pk, section_id=parent.pk)).count()
    assert in_tree > Task.objects.filter(section=parent).count()
    assert f"{in_tree} of " in _html(client, f"/plans/{plan.pk}/?section={parent.pk}")
    total = plan.tasks.count()
    assert f"{total} of {total} tasks" in _html(client, f"/plans/{plan.pk}/?section=x&agency=NOSUCH&role=boss")


def test_the_exports_hold_the_filtered_list(client: Client) -> None:
    plan = _plan("001")
    expected = tasks_filter(query=TaskQuery(plan_id=plan.pk, agency="CNIPA", role="lead")).count()
    response = client.get(f"/plans/{plan.pk}/tasks.csv?agency=CNIPA&role=lead", HTTP_ACCEPT_LANGUAGE="en")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Plan", "Number", "Section"] and len(rows) == expected + 1
    assert {(r[5], r[6]) for r in rows[1:]} == {("SIPO", "CNIPA")}  # lead as printed, and today
    book = load_workbook(io.BytesIO(client.get(f"/plans/{plan.pk}/tasks.xlsx?agency=CNIPA&role=lead").content))
    assert book.active.max_row == expected + 1
    chinese = client.get(f"/plans/{plan.pk}/tasks.csv", HTTP_ACCEPT_LANGUAGE="zh-CN").content.decode("utf-8-sig")
    assert chinese.startswith("计划,编号,章节")


def test_the_task_page_shows_the_text_bodies_with_successors_and_placeholders(client: Client) -> None:
    task = _plan("001").tasks.filter(responsibilities__agency__code="SIPO").first()
    html = _html(client, f"/tasks/{task.pk}/")
    assert task.text[:50] in html
    assert "SIPO → today" in html and 'href="/agencies/CNIPA/">CNIPA</a>' in html
    assert 'id="progress"' in html and 'id="related"' in html
    chinese = _html(client, f"/tasks/{task.pk}/", language="zh-CN")
    assert "SIPO → 现为" in chinese and "国家知识产权局" in chinese and 'lang="en"' in chinese


@pytest.mark.parametrize("url", ["/tasks/999999999/", "/tasks/9999999999999999999999/", "/plans/99999999999999999999/"])
def test_unknown_and_impossible_ids_are_404(client: Client, url: str) -> None:
    _html(client, url, status_code=404)


def test_draft_tasks_are_hidden_from_the_public(client: Client, admin_client: Client) -> None:
    task = plan_create(tasks=1, status="draft").tasks.get()
    _html(client, f"/tasks/{task.pk}/", status_code=404)
    assert admin_client.get(f"/tasks/{task.pk}/").status_code == 200


def test_translations_link_each_other(client: Client) -> None:
    original = plan_create(tasks=1)
    translation = plan_create(tasks=1)
    Plan.objects.filter(pk=original.pk).update(language="zh-hans", title="二〇一三年推进计划")
    Plan.objects.filter(pk=translation.pk).update(translation_of=original)
    html = _html(client, f"/plans/{translation.pk}/")
    assert f'href="/plans/{original.pk}/" lang="zh-Hans"' in html and "original" in html
    assert f'href="/plans/{translation.pk}/"' in _html(client, f"/plans/{original.pk}/")
    assert '<h1 lang="zh-Hans">二〇一三年推进计划</h1>' in _html(client, f"/plans/{original.pk}/")


def test_the_old_search_address_sends_the_query_on_to_find(client: Client) -> None:
    response = client.get("/search/?q=pledge&page=2")
    assert response.status_code == 301 and response["Location"] == "/find/?q=pledge&page=2"
    assert client.get("/search/")["Location"] == "/find/"


def test_search_finds_plans_sections_and_tasks_and_escapes_the_query(client: Client) -> None:
    html = _html(client, "/find/?q=pledge")
    assert "<mark>pledge</mark>" in html and "result" in html
    assert 'href="/tasks/' in html
    hostile = _html(client, "/find/?q=%3Cscript%3Ealert(1)%3C/script%3E")
    assert "<script>alert(1)</script>" not in hostile and "&lt;script&gt;" in hostile
    assert "Nothing found" in hostile


def test_the_indicator_page_and_its_chart(client: Client) -> None:
    html = _html(client, "/indicators/invention_patents_per_10k_people/")
    assert 'src="/indicators/invention_patents_per_10k_people/chart.svg"' in html
    assert "Latest observed" in html and 'rel="nofollow noopener external"' in html
    chart = client.get("/indicators/invention_patents_per_10k_people/chart.svg")
    assert chart["Content-Type"].startswith("image/svg+xml") and b"<svg" in chart.content
    assert "每万人口发明专利拥有量" in _html(client, "/indicators/invention_patents_per_10k_people/", language="zh-CN")
    _html(client, "/indicators/no_such_indicator/", status_code=404)


class _FakeStatus:
    """A status source as tracking will register one: even tasks are late, odd ones on track."""

    def choices(self) -> list[tuple[str, str]]:
        return [("on_track", "On track"), ("late", "Late")]

    def tasks_with_status(self, value: str) -> Q:
        odd = Q(order__in=range(1, 200, 2))
        return odd if value == "on_track" else ~odd

    def statuses(self, task_ids: list[int]) -> dict[int, str]:
        orders = dict(Task.objects.filter(pk__in=task_ids).values_list("pk", "order"))
        return {pk: "on_track" if order % 2 else "late" for pk, order in orders.items()}

    def counts(self, tasks) -> dict[str, int]:  # type: ignore[no-untyped-def]
        return {"on_track": tasks.filter(self.tasks_with_status("on_track")).count(), "late": 1}


def test_a_registered_status_source_adds_filter_column_and_counts(client: Client, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(status, "_source", _FakeStatus())
    plan = plan_create(tasks=4)
    html = _html(client, f"/plans/{plan.pk}/?status=late")
    assert "2 of 4 tasks" in html and 'id="id_status"' in html and "<td>Late</td>" in html
    home = _html(client, "/")
    assert "<dt>On track</dt>" in home and "no department has reported progress" not in home
    api = client.get(f"/api/v1/tasks?plan={plan.pk}&status=on_track").json()
    assert api["count"] == 2 and {t["status"] for t in api["items"]} == {"on_track"}


def test_without_tracking_no_status_is_offered_and_none_matches(client: Client, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(status, "_source", status.NoStatus())
    plan = _plan("001")
    assert 'id="id_status"' not in _html(client, f"/plans/{plan.pk}/")
    assert client.get("/api/v1/tasks?status=late").json()["count"] == 0
