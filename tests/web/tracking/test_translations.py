"""The reporting pages, messages, history and reminders read in Chinese for a Chinese reader.

Completeness of the catalogue (every string of tracking and accounts translated) is checked with
the portal's in ``tests/web/portal/test_translations.py``; these tests check what a reader sees.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client

from ipstrategy.web.indicators.models import IndicatorValue
from ipstrategy.web.tracking.audit_labels import ACTION_LABELS, action_label, value_label
from ipstrategy.web.tracking.models import ReportingPeriod
from ipstrategy.web.tracking.reminders import reminders_send

from .factories import report_make

pytestmark = pytest.mark.django_db

ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}


def _page(client: Client, url: str, **headers: str) -> str:
    response = client.get(url, **headers)
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_dashboard_reads_in_chinese(client: Client, plan: Any, period: ReportingPeriod, people: Any) -> None:
    client.force_login(people.office)
    page = _page(client, "/tracking/dashboard/", **ZH)
    assert '<html lang="zh-Hans">' in page
    for text in ("报送情况看板", "应报", "草稿", "已提交", "审核通过", "未报告", "逾期", "2013年度"):
        assert text in page, text
    assert "填报员" in _page(client, f"/tracking/periods/{period.pk}/", **ZH)
    assert "Completeness dashboard" not in page and "Overdue" not in page
    nav = ("进度报告", "退出登录（t-office）")
    assert all(text in page for text in nav)


def test_the_report_form_reads_in_chinese(client: Client, plan: Any, period: ReportingPeriod, people: Any) -> None:
    client.force_login(people.cnipa)
    task = plan.tasks.order_by("order").first()
    url = f"/tracking/reports/new/?task={task.pk}&period={period.pk}&agency=CNIPA"
    page = _page(client, url, **ZH)
    for text in ("填写进度报告", "报告期", "国家知识产权局", "状态", "进行中", "未启动", "工作进展"):
        assert text in page, text
    assert "存在问题" in page and "下一步工作" in page and "保存草稿" in page
    assert "Save draft" not in page and "What was done" not in page
    english = _page(client, url, HTTP_ACCEPT_LANGUAGE="en")
    assert "Save draft" in english and "China National Intellectual Property Administration" in english


def test_the_language_cookie_switches_the_reporting_pages(client: Client, period: ReportingPeriod) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    page = _page(client, "/tracking/")
    assert "进度报告报送" in page and "知识产权战略实施工作部际联席会议办公室" in page and "登录" in page
    assert "登录" in _page(client, "/accounts/login/")


def test_workflow_messages_and_history_read_in_chinese(
    client: Client, plan: Any, period: ReportingPeriod, people: Any
) -> None:
    report = report_make(task=plan.tasks.first(), period=period, actor=people.cnipa, status="submitted")
    client.force_login(people.office)
    response = client.post(
        f"/tracking/reports/{report.pk}/action/", {"action": "return", "reason": "补充数据。"}, follow=True, **ZH
    )
    page = response.content.decode()
    assert "报告已退回部门修改。" in page
    assert "退回修改" in page and "创建报告草稿" in page and "提交报告" in page  # the history's actions
    assert "报告状态" in page and "已提交" in page  # a change: status submitted -> returned
    assert "report.return" not in page.replace('data-action="report.return"', "")


def test_history_shows_readable_actions_in_english(
    client: Client, plan: Any, period: ReportingPeriod, people: Any
) -> None:
    report = report_make(
        task=plan.tasks.first(), period=period, actor=people.cnipa, status="returned", office=people.office
    )
    client.force_login(people.office)
    page = _page(client, f"/tracking/reports/{report.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    assert "Report returned for revision" in page and "Draft report created" in page and "Report submitted" in page
    assert "Report status: <del>Submitted</del> → Returned for revision" in page
    assert "<code>status</code>" not in page


def test_every_recorded_action_has_a_label() -> None:
    source = Path(__file__).resolve().parents[3] / "src" / "ipstrategy" / "web"
    recorded = set()
    for path in [*source.joinpath("tracking").glob("*.py"), *source.joinpath("accounts").glob("*.py")]:
        recorded |= set(re.findall(r'action="([a-z]+\.[a-z]+)"', path.read_text(encoding="utf-8")))
    recorded |= {f"report.{a}" for a in ("submit", "resubmit", "return", "approve")}  # f"report.{action}"
    assert recorded <= set(ACTION_LABELS), recorded - set(ACTION_LABELS)
    assert action_label("something.else") == "something.else"
    assert value_label("status", "approved") == "Approved" and value_label("percent", 40) == 40


def test_reminders_are_written_in_chinese_unless_asked_otherwise(
    plan: Any, period: ReportingPeriod, people: Any
) -> None:
    reminders_send(period=period)
    message = next(m for m in mail.outbox if m.to == ["t-most@example.org"])
    assert message.subject == "尚有 3 份进度报告未提交"
    assert "以下进度报告尚未提交" in message.body and "2013年度" in message.body and "截止日期" in message.body
    mail.outbox.clear()
    reminders_send(period=period, language="en")
    message = next(m for m in mail.outbox if m.to == ["t-most@example.org"])
    assert message.subject == "Progress reports missing: 3" and "due on" in message.body


def test_indicator_values_read_as_names_in_the_readers_language(
    client: Client, plan: Any, period: ReportingPeriod, people: Any
) -> None:
    value = IndicatorValue.objects.get(indicator__code="invention_patents_per_10k_people", year=2013, kind="observed")
    report = report_make(task=plan.tasks.first(), period=period, actor=people.cnipa)
    report.indicator_values.set([value])
    client.force_login(people.cnipa)
    page = _page(client, f"/tracking/reports/{report.pk}/", **ZH)
    assert "每万人口发明专利拥有量 · 2013 · 实际值: 4.02" in page and "invention_patents_per_10k_people" not in page
    form = _page(client, f"/tracking/reports/{report.pk}/edit/", HTTP_ACCEPT_LANGUAGE="en")
    assert "Invention patents per 10,000 people · 2013 · Observed: 4.02" in form
