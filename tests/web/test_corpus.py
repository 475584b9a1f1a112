"""The bundled corpus as `ipstrategy init` stores it (loaded once per session by tests/conftest.py)."""

from __future__ import annotations

import pytest

from ipstrategy.core.agencies import default_registry
from ipstrategy.web.agencies.models import Agency
from ipstrategy.web.agencies.selectors import succession_graph
from ipstrategy.web.agencies.services import agencies_sync_from_registry
from ipstrategy.web.bootstrap.corpus import corpus_load
from ipstrategy.web.indicators.bundled import indicator_observations_load
from ipstrategy.web.indicators.models import IndicatorValue
from ipstrategy.web.plans.models import Plan
from ipstrategy.web.plans.selectors import agency_tasks

pytestmark = pytest.mark.django_db

#: Task counts of the hand-checked gold annotations (../shared/gold/NOTES.md).
GOLD_TASKS = {"000": 23, "001": 90, "002": 22, "003": 39, "004": 100}


def _plan(prefix: str) -> Plan:
    return Plan.objects.get(source_filename__startswith=prefix)


def test_the_five_plans_are_stored_published_with_the_gold_task_counts() -> None:
    stored = {p.source_filename[:3]: (p.tasks.count(), p.status) for p in Plan.objects.all()}
    assert stored == {prefix: (count, "published") for prefix, count in GOLD_TASKS.items()}


def test_the_registry_is_mirrored_with_successors() -> None:
    assert Agency.objects.count() == len(default_registry())
    graph = succession_graph()
    assert graph.chain("SIPO") == ["SIPO", "CNIPA"]
    assert graph.chain("CBRC") == ["CBRC", "CBIRC", "NFRA"]
    assert set(graph.predecessors("NFRA")) == {"CBRC", "CIRC", "CBIRC"}
    assert graph.predecessors("NFRA")[0] == "CBIRC"  # nearest first
    assert graph.current("SAIC") == "SAMR"


def test_syncing_the_registry_again_changes_nothing() -> None:
    result = agencies_sync_from_registry()
    assert (result.created, result.updated, result.unchanged) == (0, 0, len(default_registry()))


def test_the_annual_plan_of_2020_implements_the_action_plan_2014_2020() -> None:
    assert _plan("004").parent == _plan("000")
    assert _plan("001").parent is None  # the 2008 Outline is not in the corpus
    assert _plan("002").parent is None  # opinions stand beside the chain


def test_the_action_plan_table_gives_2013_baselines_and_later_targets() -> None:
    values = IndicatorValue.objects.filter(plan=_plan("000"))
    assert values.count() == 36
    assert set(values.filter(kind="baseline").values_list("year", flat=True)) == {2013}
    assert set(values.filter(kind="target").values_list("year", flat=True)) == {2015, 2020}
    patents = values.get(indicator__code="invention_patents_per_10k_people", year=2020)
    assert (patents.kind, patents.value) == ("target", 14)


def test_plan_targets_and_observations_meet_on_one_indicator() -> None:
    rows = IndicatorValue.objects.filter(indicator__code="social_satisfaction_ip_protection")
    assert rows.filter(kind="target", plan=_plan("000"), year=2020).get().value == 80
    assert rows.filter(kind="observed", year=2020).get().value == 80.05


def test_observations_reload_in_place() -> None:
    before = IndicatorValue.objects.filter(kind="observed").count()
    result = indicator_observations_load()
    assert (result.created, result.existing) == (0, before)


def test_loading_the_corpus_again_is_a_no_op() -> None:
    result = corpus_load()
    assert [r.status for r in result.plans] == ["unchanged"] * 5


def test_cnipa_answers_for_the_tasks_sipo_was_given_in_2012() -> None:
    rows = agency_tasks(agency=Agency.objects.get(code="CNIPA"))
    from_2012 = [r for r in rows if r.task.plan == _plan("001")]
    assert from_2012 and all(r.code_as_printed == "SIPO" and r.via_predecessor for r in from_2012)
    assert all(r.current_code == "CNIPA" for r in rows)
    assert any(r.task.plan == _plan("004") and not r.via_predecessor for r in rows)
