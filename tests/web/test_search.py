"""Search across plans, tasks, departments and indicators, in both languages, on either database."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import connection
from django.db.models.signals import post_init
from django.test import Client

from ipstrategy.core.glossary import glossary_size, translations
from ipstrategy.web.plans.models import Task
from ipstrategy.web.search import query
from ipstrategy.web.search.index import search_rebuild
from ipstrategy.web.search.models import SearchEntry
from ipstrategy.web.search.selectors import search

from .factories import document, plan_draft, task_draft

pytestmark = pytest.mark.django_db


def _api(client: Client, **params: str) -> dict:
    response = client.get("/api/v1/search", params)
    assert response.status_code == 200, response.content
    return response.json()


def test_the_glossary_is_bilingual_and_large() -> None:
    assert glossary_size() >= 400
    assert "patent" in translations("专利") and "专利" in translations("Patent")
    assert translations("copyright") >= {"著作权", "版权"}


def test_a_chinese_query_finds_english_tasks_through_the_glossary(client: Client) -> None:
    data = _api(client, q="质押融资", type="task")
    assert data["total"] > 0
    task = Task.objects.select_related("plan").get(pk=int(data["results"][0]["id"]))
    assert task.plan.language == "en" and "pledge" in task.text.lower()
    assert "<mark>" in data["results"][0]["snippet"]


@pytest.mark.parametrize("term", ["专利", "知识产权", "专", "商标品牌"])
def test_a_chinese_word_finds_every_entry_holding_it_and_on_postgresql_only_those(term: str) -> None:
    """Two characters (no trigram), more, or one: the same entries as a substring search. PostgreSQL
    finds them through the index of character pairs (search migration 0003)."""
    search_rebuild()
    holding = {e.pk for e in SearchEntry.objects.all() if term in e.title or term in e.body}
    assert holding or term == "商标品牌"
    found = {hit.id for hit in search(q=term, per_page=10_000).hits}
    keys = set(SearchEntry.objects.filter(pk__in=holding).values_list("key", flat=True))
    assert keys <= found
    if connection.vendor == "postgresql":
        matches = query.Matches()
        assert query._match_cjk_postgres([term], 1.0, matches) == ([term] if len(term) == 1 else [])
        assert set(matches.scores) == (set() if len(term) == 1 else holding)


def test_a_search_reads_the_entries_it_shows_whole_and_the_other_matches_as_tuples() -> None:
    """A common word matches 9,000 entries at national scale: all are counted in the facets, two shown."""
    search_rebuild()
    built: list[object] = []

    def count(sender: type, **_: object) -> None:
        built.append(sender)

    post_init.connect(count, sender=SearchEntry)
    try:
        results = search(q="patent", per_page=2)
    finally:
        post_init.disconnect(count, sender=SearchEntry)
    assert results.total > 10 and len(results.hits) == 2 and len(built) == 2
    assert sum(n for _value, _label, n in results.facets["type"]) == results.total


def test_the_pairs_of_a_chinese_term_are_those_of_its_runs_of_chinese_characters() -> None:
    assert query.cjk_bigrams("知识产权") == ["产权", "知识", "识产"]
    assert query.cjk_bigrams("专利2020年商标") == ["专利", "商标", "年商"] and query.cjk_bigrams("专 利") == []


def test_a_chinese_department_name_finds_its_english_tasks(client: Client) -> None:
    data = _api(client, q="海关总署", type="task")  # the General Administration of Customs
    assert data["total"] > 0
    ids = [int(r["id"]) for r in data["results"]]
    assert all(
        Task.objects.filter(pk=i, responsibilities__agency__code="GAC").exists()
        or "ustom" in Task.objects.get(pk=i).text
        for i in ids
    )


def test_an_english_query_finds_tasks_across_years_best_first(client: Client) -> None:
    data = _api(client, q="publicity week", type="task")
    years = {Task.objects.get(pk=int(r["id"])).plan.issue_date.year for r in data["results"]}
    assert {2012, 2020} <= years
    scores = [r["score"] for r in data["results"]]
    assert scores == sorted(scores, reverse=True)
    best = Task.objects.get(pk=int(data["results"][0]["id"]))
    assert "publicity week" in best.text.lower()


def test_a_department_short_chinese_name_finds_the_department(client: Client) -> None:
    data = _api(client, q="知识产权局", type="department")
    assert {"CNIPA", "SIPO"} <= {r["id"] for r in data["results"]}
    assert data["results"][0]["url"].startswith("/agencies/")


def test_indicators_are_found_in_both_languages(client: Client) -> None:
    english = {r["id"] for r in _api(client, q="pledge financing", type="indicator")["results"]}
    chinese = {r["id"] for r in _api(client, q="质押融资", type="indicator")["results"]}
    assert english and english == chinese


def test_facets_and_pages(client: Client) -> None:
    data = _api(client, q="patent")
    facets = data["facets"]
    assert {row["value"] for row in facets["type"]} >= {"task", "indicator"}
    assert sum(row["count"] for row in facets["type"]) == data["total"]
    year = facets["year"][0]["value"]
    narrowed = _api(client, q="patent", year=year)
    assert narrowed["total"] == facets["year"][0]["count"]
    second = _api(client, q="patent", page="2")
    assert second["page"] == 2 and {r["id"] for r in second["results"]}.isdisjoint({r["id"] for r in data["results"]})


@pytest.mark.parametrize("q", ["", "   ", "patent\x00", "\x01\x02", "x" * 201])
def test_bad_queries_are_400(client: Client, q: str) -> None:
    assert client.get("/api/v1/search", {"q": q}).status_code == 400
    assert client.get("/find/", {"q": q}).status_code in {200, 400}


@pytest.mark.parametrize(
    "q", ['"', '""patent', "a*b OR NEAR(x, y)", "title:patent", "-patent ^", "专利 AND (", "'; DROP TABLE x;--"]
)
def test_fts_syntax_is_taken_literally(client: Client, q: str) -> None:
    assert client.get("/api/v1/search", {"q": q}).status_code == 200
    assert client.get("/find/", {"q": q}).status_code == 200


def test_the_page_highlights_and_escapes(client: Client) -> None:
    html = client.get("/find/", {"q": "Sword Net"}).content.decode()
    assert "<mark>Sword Net</mark>" in html
    hostile = client.get("/find/", {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)</script>" not in hostile


def test_rebuild_keeps_only_public_content() -> None:
    count = search_rebuild()
    assert count == SearchEntry.objects.count()
    assert (
        not SearchEntry.objects.filter(kind="task")
        .exclude(plan_id__in=Task.objects.filter(plan__status="published").values("plan_id"))
        .exists()
    )
    assert search(q="Sword Net").total > 0


def test_a_published_and_then_revised_plan_is_found_without_a_rebuild(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Kept on write (SQLite's FTS5 table and PostgreSQL's indexes alike): no ``search_rebuild`` here."""
    from ipstrategy.web.plans import services

    drafts = [
        plan_draft(tasks=(task_draft(text="Build the quokkaville pledge registry."), task_draft(number="2"))),
        plan_draft(tasks=(task_draft(text="Run the wombatshire publicity week."),)),
    ]
    monkeypatch.setattr(services, "parse", lambda path, as_of=None: drafts.pop(0))
    path = document(tmp_path, "revised.txt")
    plan = services.plan_import(path=path).plan
    assert search(q="quokkaville").total == 0  # a draft is not public
    services.plan_publish(plan=plan)
    found = search(q="quokkaville", type="task")
    assert found.total == 1 and int(found.hits[0].id) == plan.tasks.get(number="1").pk
    path.write_text("the revised document\n", encoding="utf-8")
    services.plan_import(path=path, replace=True)
    assert search(q="quokkaville").total == 0
    assert search(q="wombatshire", type="task").total == 1
    assert search(q="Sword Net").total > 0  # the other plans' rows are untouched
    assert SearchEntry.objects.filter(plan_id=plan.pk, kind="task").count() == 1


def test_rows_changed_outside_the_services_are_reindexed_at_commit(django_capture_on_commit_callbacks) -> None:
    """As the admin writes them: a renamed department, a corrected task, a new indicator and a
    new responsibility are found after the commit, with no rebuild, on either database."""
    from ipstrategy.web.agencies.models import Agency
    from ipstrategy.web.indicators.models import Indicator
    from ipstrategy.web.plans.models import Responsibility

    task = Task.objects.filter(plan__status="published").order_by("pk").first()
    assert task is not None
    with django_capture_on_commit_callbacks(execute=True):
        agency = Agency.objects.get(code="GAC")
        agency.aliases = [*agency.aliases, "Numbatport Customs Bureau"]
        agency.save()
        task.text = f"{task.text} Survey the bilbyfield orchards."
        task.save()
        Indicator.objects.create(code="quollrate", name_en="Quollrate of licences", name_zh="袋鼬许可率")
        Responsibility.objects.create(task=task, agency=agency, role="participant", order=99)
    assert {h.id for h in search(q="Numbatport", type="department").hits} == {"GAC"}
    assert int(search(q="bilbyfield", type="task").hits[0].id) == task.pk
    assert {h.id for h in search(q="袋鼬许可率", type="indicator").hits} == {"quollrate"}
    assert task.pk in {int(h.id) for h in search(q="Numbatport", type="task", per_page=100).hits}
    with django_capture_on_commit_callbacks(execute=True):
        Indicator.objects.filter(code="quollrate").delete()  # a queryset delete still sends post_delete
        task.delete()
    assert search(q="quollrate").total == 0 and search(q="bilbyfield").total == 0


def test_an_indicator_changed_through_its_service_is_reindexed(django_capture_on_commit_callbacks) -> None:
    from ipstrategy.web.indicators.editing import indicator_create

    with django_capture_on_commit_callbacks(execute=True):
        indicator_create(actor=None, code="dunnart-index", fields={"name_en": "Dunnart index"}, system=True)
    assert {h.id for h in search(q="Dunnart", type="indicator").hits} == {"dunnart-index"}
