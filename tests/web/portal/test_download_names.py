"""Downloads are named after the plan, its title and year (issue 12), never the stored file's name;
Chinese names reach the browser as RFC 5987 ``filename*``."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest
from django.test import Client

from ipstrategy.web.plans.downloads import plan_download_name
from ipstrategy.web.plans.models import Plan
from ipstrategy.web.plans.services import plan_import

from ..factories import document

pytestmark = pytest.mark.django_db
CHINESE = (Path(__file__).resolve().parents[2] / "data" / "genre" / "zh_promotion_plan.txt").read_text(encoding="utf-8")


@pytest.fixture
def chinese_plan(settings, tmp_path: Path) -> Plan:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"
    text = CHINESE.replace("2023年", "2032年")
    return plan_import(path=document(tmp_path, "upload_3f2a.txt", text), publish=True).plan


def _attached(response) -> str:  # type: ignore[no-untyped-def]
    assert response.status_code == 200
    return response["Content-Disposition"]


def test_a_chinese_plan_s_source_and_task_lists_are_named_after_its_title(client: Client, chinese_plan: Plan) -> None:
    title = chinese_plan.title
    assert "2032" in title and "upload" not in title
    source = _attached(client.get(f"/plans/{chinese_plan.pk}/source/"))
    assert source == f"attachment; filename*=utf-8''{quote(title + '.txt')}" and "upload_3f2a" not in source
    for fmt in ("csv", "xlsx"):
        zh = _attached(client.get(f"/plans/{chinese_plan.pk}/tasks.{fmt}", HTTP_ACCEPT_LANGUAGE="zh-hans"))
        assert zh == f"attachment; filename*=utf-8''{quote(f'{title} - 任务.{fmt}')}"
        en = _attached(client.get(f"/plans/{chinese_plan.pk}/tasks.{fmt}", HTTP_ACCEPT_LANGUAGE="en"))
        assert en == f"attachment; filename*=utf-8''{quote(f'{title} - tasks.{fmt}')}"
    api = _attached(client.get(f"/api/v1/plans/{chinese_plan.pk}/tasks?format=csv", HTTP_ACCEPT_LANGUAGE="en"))
    assert api == f"attachment; filename*=utf-8''{quote(f'{title} - tasks.csv')}"


def test_an_english_plan_s_downloads_carry_its_title_and_year(client: Client) -> None:
    plan = Plan.objects.get(source_filename__startswith="002")
    year = plan.issue_date.year
    assert str(year) not in plan.title  # the name adds it
    source = _attached(client.get(f"/plans/{plan.pk}/source/"))
    assert source == f'attachment; filename="{plan.title} ({year}).txt"' and plan.source_filename not in source
    tasks = _attached(client.get(f"/plans/{plan.pk}/tasks.csv", HTTP_ACCEPT_LANGUAGE="en"))
    assert tasks == f'attachment; filename="{plan.title} ({year}) - tasks.csv"'
    sections = _attached(client.get(f"/api/v1/plans/{plan.pk}/sections?format=csv"))
    assert sections == f'attachment; filename="{plan.title} ({year}) - sections.csv"'


def test_names_lose_what_no_file_system_takes() -> None:
    plan = Plan(pk=7, title='A/B: "Plan"?\n<2014>', period_start=2014)
    assert plan_download_name(plan, "tasks") == "A B Plan 2014 - tasks"
    assert plan_download_name(Plan(pk=8, title="Plan", period_start=None)) == "Plan"
    assert plan_download_name(Plan(pk=9, title="///")) == "plan 9"
