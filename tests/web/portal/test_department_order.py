"""Department lists in the reader's order (issue 12): pinyin of the Chinese name in Chinese, the
English name in English; never the registry code. One sort key (``foundation.collation``) for the
department index, the plan page's filter, the review queue's filter and the account forms."""

from __future__ import annotations

import re
from types import SimpleNamespace
from typing import Any

import pytest
from django.test import Client

from ipstrategy.web.agencies.models import Agency
from ipstrategy.web.foundation.collation import by_department, department_key, departments_sorted
from ipstrategy.web.plans.models import Plan

from ..tracking.conftest import People, _fast_passwords, account, people, period, plan
from ..tracking.factories import report_make

__all__ = ["People", "_fast_passwords", "people", "period", "plan"]
pytestmark = pytest.mark.django_db

#: Seven of the registry's departments, as a Chinese and an English reader look them up.
CHINESE_ORDER = ["MIIT", "NDRC", "SAMR", "CNIPA", "SIPO", "MOST", "MOFCOM"]  # gong, guo jia fa/shi/zhi, ke, shang
ENGLISH_ORDER = [
    "CNIPA",
    "MOFCOM",
    "MIIT",
    "MOST",
    "NDRC",
    "SAMR",
    "SIPO",
]  # China..., Ministry..., National..., State...


def _order(codes: list[str], wanted: list[str]) -> list[str]:
    return [c for c in codes if c in wanted]


def test_the_key_reads_chinese_names_in_pinyin_and_english_names_alphabetically() -> None:
    named = [
        SimpleNamespace(code="B", name_en="Beta Ministry", name_zh="商务部"),
        SimpleNamespace(code="A", name_en="Alpha Office", name_zh="重庆市"),  # chong2, not zhong4
        SimpleNamespace(code="C", name_en="Gamma Bureau", name_zh=""),  # no Chinese name: its English one
    ]
    assert [d.code for d in departments_sorted(named, "zh-hans")] == ["A", "C", "B"]
    assert [d.code for d in departments_sorted(named, "en")] == ["A", "B", "C"]
    assert department_key(named[0], "zh-hans")[0] == ("shang1", "wu4", "bu4")


@pytest.mark.parametrize(("language", "expected"), [("zh-hans", CHINESE_ORDER), ("en", ENGLISH_ORDER)])
def test_the_department_index_is_in_the_reader_s_order(client: Client, language: str, expected: list[str]) -> None:
    html = client.get("/agencies/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    codes = re.findall(r'<th scope="row"><a href="/agencies/([^/]+)/">', html)
    assert _order(codes, expected) == expected
    assert codes != sorted(codes)


def _options(html: str, select: str) -> list[str]:
    body = re.search(rf'<select name="{select}"[^>]*>(.*?)</select>', html, re.S)
    assert body, select
    return [v for v in re.findall(r'<option value="([^"]*)"', body.group(1)) if v]


@pytest.mark.parametrize(("language", "expected"), [("zh-hans", CHINESE_ORDER), ("en", ENGLISH_ORDER)])
def test_the_account_form_offers_departments_in_the_reader_s_order(
    people: People, language: str, expected: list[str]
) -> None:
    client = Client()
    client.force_login(people.office)
    html = client.get("/accounts/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    offered = _options(html, "departments")
    current = [c for c in expected if c != "SIPO"]  # a reporter reports for a body that still exists
    assert _order(offered, current) == current
    label = (
        "CNIPA — 国家知识产权局"
        if language == "zh-hans"
        else "CNIPA — China National Intellectual Property Administration"
    )
    assert f'value="CNIPA">{label}</option>' in html
    edit = client.get(f"/accounts/{people.cnipa.pk}/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert _order(_options(edit, "departments"), current) == current


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_plan_page_and_the_review_queue_filter_departments_in_the_reader_s_order(
    client: Client, people: People, plan: Plan, period: Any, language: str
) -> None:
    reporters = {"CNIPA": people.cnipa, "MOST": people.most, "MOFCOM": account("t-mofcom", "reporter", "MOFCOM")}
    for task, code in zip(plan.tasks.order_by("order"), reporters, strict=False):
        task.responsibilities.all().delete()
        task.responsibilities.create(agency=Agency.objects.get(code=code), role="lead", order=0)
        report_make(task=task, period=period, actor=reporters[code], agency=code, status="submitted")
    expected = ["CNIPA", "MOST", "MOFCOM"] if language == "zh-hans" else ["CNIPA", "MOFCOM", "MOST"]
    page = client.get(f"/plans/{plan.pk}/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert _order(_options(page, "agency"), expected) == expected
    office = Client()
    office.force_login(people.office)
    queue = office.get("/tracking/queue/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert _options(queue, "agency") == expected
    completeness = office.get(f"/tracking/periods/{period.pk}/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    rows = re.findall(r"<tr(?: class=\"overdue\")?>\s*<td>([A-Z_]+)", completeness)
    assert _order(rows, expected) == expected
    assert (
        "CNIPA <small>国家知识产权局</small>" if language == "zh-hans" else "MOST <small>Ministry of"
    ) in completeness


@pytest.mark.parametrize(("language", "expected"), [("zh-hans", CHINESE_ORDER), ("en", ENGLISH_ORDER)])
def test_rows_about_departments_follow_the_same_order(language: str, expected: list[str]) -> None:
    """The scorecards and the completion by lead department hold codes; they sort by the named body."""
    named = {a.code: a for a in Agency.objects.filter(code__in=expected)}
    rows = [(code, i) for i, code in enumerate(["ZZUNKNOWN", *sorted(expected)])]
    ordered = by_department(rows, lambda row: row[0], named, language)
    assert [code for code, _i in ordered] == [*expected, "ZZUNKNOWN"]


def test_the_completion_page_names_the_lead_departments(people: People, plan: Plan) -> None:
    office = Client()
    office.force_login(people.office)
    zh = office.get(f"/evaluation/completion/?plan={plan.pk}", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    en = office.get(f"/evaluation/completion/?plan={plan.pk}", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "— 国家知识产权局</td>" in zh and "— China National Intellectual Property Administration</td>" in en
