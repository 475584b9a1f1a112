"""Reports opened back: the DOCX with python-docx, the XLSX with openpyxl, the PDF rendered and read
with poppler, the HTML checked for being self-contained; Chinese and English from one data set.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pytest
from django.test import Client
from docx import Document
from openpyxl import load_workbook

from ipstrategy.web.evaluation import reports
from ipstrategy.web.evaluation.errors import NotAllowed
from ipstrategy.web.evaluation.models import ReportJob
from ipstrategy.web.evaluation.services import evaluation_assign, rating_set
from ipstrategy.web.evaluation.writers import pdf as pdf_writer
from ipstrategy.web.indicators.models import Indicator, IndicatorValue

from ..tracking.factories import report_make


@pytest.fixture(autouse=True)
def _reports_root(settings, tmp_path):
    settings.REPORTS_ROOT = tmp_path / "reports"


@pytest.fixture
def rated(evaluation, period, people, other_evaluator):
    """Task 1 claimed in progress and rated complete (a finding), task 2 rated limited, task 3 unrated;
    the plan sets invention patents per 10,000 people from 4 (2013) to 14 (2020); task 3's text looks like a formula.
    """
    t1, t2, t3 = evaluation.plan.tasks.order_by("order")
    t3.text = '=HYPERLINK("http://x")'
    t3.save()
    indicator = Indicator.objects.get(code="invention_patents_per_10k_people")
    IndicatorValue.objects.create(indicator=indicator, year=2013, kind="baseline", value=4, plan=evaluation.plan)
    IndicatorValue.objects.create(indicator=indicator, year=2020, kind="target", value=14, plan=evaluation.plan)
    report_make(task=t1, period=period, actor=people.cnipa, status="approved", office=people.office)
    evaluation_assign(evaluation=evaluation, evaluator=other_evaluator, actor=people.office)
    rating_set(evaluation=evaluation, task=t1, level="complete", findings="Regulation issued.", actor=people.evaluator)
    rating_set(evaluation=evaluation, task=t1, level="complete", actor=other_evaluator)
    rating_set(evaluation=evaluation, task=t2, level="limited", actor=people.evaluator)
    return evaluation


def build(evaluation, people, fmt, language="en"):
    return reports.report_build(evaluation=evaluation, fmt=fmt, language=language, actor=people.office)


def table_with(document, *headers):
    """The first table whose header row starts with ``headers``."""
    return next(t for t in document.tables if [c.text for c in t.rows[0].cells][: len(headers)] == list(headers))


def test_docx_has_the_title_page_tables_and_the_chart(rated, people):
    document = Document(io.BytesIO(build(rated, people, "docx")))
    texts = [p.text for p in document.paragraphs]
    assert texts.count(rated.title) == 1 and "Executive summary" in texts and "Findings" in texts
    summary = table_with(document, "Status", "Tasks")
    counts = {r.cells[0].text: r.cells[1].text for r in summary.rows[1:]}
    assert counts["In progress"] == "1" and counts["Not reported"] == "2" and counts["Completed"] == "0"
    annex = table_with(document, "Task", "Section")
    rows = [[c.text for c in r.cells] for r in annex.rows[1:]]
    assert len(rows) == 3
    assert rows[0][4:] == [
        "In progress",
        "40",
        "Complete",
        "t-evaluator: Complete; t-evaluator-2: Complete",
        "Found more than claimed",
    ]
    indicators = table_with(document, "Indicator")
    row = [c.text for c in indicators.rows[1].cells]
    assert row[2:6] == ["2013", "4", "2020", "14"] and row[8] == "Target achieved"
    assert len(document.inline_shapes) == 1  # the indicator's chart


def test_the_chinese_docx_is_in_chinese(rated, people):
    document = Document(io.BytesIO(build(rated, people, "docx", "zh-hans")))
    texts = "\n".join(p.text for p in document.paragraphs)
    assert "执行摘要" in texts and "评估发现" in texts
    annex = table_with(document, "任务", "章节")
    assert "评估所见高于申报" in [c.text for c in annex.rows[1].cells]


def test_xlsx_holds_the_tables_as_numbers(rated, people):
    book = load_workbook(io.BytesIO(build(rated, people, "xlsx")))
    assert book.sheetnames == [
        "Report",
        "Summary",
        "Ratings",
        "Indicators",
        "Sections",
        "Departments",
        "Findings",
        "Tasks",
    ]
    tasks = list(book["Tasks"].iter_rows(min_row=3, values_only=True))
    assert len(tasks) == 3 and tasks[0][5] == 40 and isinstance(tasks[0][5], int)
    assert tasks[2][2].startswith("'=")  # a formula-like task text stays text
    sections = list(book["Sections"].iter_rows(min_row=3, values_only=True))
    whole = sections[0]
    assert whole[1] == 3 and whole[3] == 1 and whole[5] == 2  # tasks, in progress, not reported
    assert whole[7] == pytest.approx(40 / 3, abs=0.05)  # weighted progress, percent
    indicators = list(book["Indicators"].iter_rows(min_row=3, values_only=True))
    assert indicators[0][3] == 4 and indicators[0][5] == 14


def test_html_is_self_contained(rated, people):
    html = build(rated, people, "html", "zh-hans").decode("utf-8")
    assert '<html lang="zh-Hans">' in html and "执行摘要" in html
    assert "data:image/png;base64," in html
    assert not re.search(r'(?:src|href)="(?!data:)', html)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler-utils (apt-get install poppler-utils)")
@pytest.mark.skipif(not pdf_writer.cjk_fonts(), reason="needs a CJK font (apt-get install fonts-noto-cjk)")
def test_pdf_renders_chinese_on_non_blank_pages(rated, people, tmp_path):
    from PIL import Image

    path = tmp_path / "report.pdf"
    path.write_bytes(build(rated, people, "pdf", "zh-hans"))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert rated.title in text and "执行摘要" in text and "评估所见高于申报" in text
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(path), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page*.png"))
    assert len(pages) >= 2
    for page in pages:
        low, high = Image.open(page).convert("L").getextrema()
        assert low < 128 < high, f"{page.name} is blank"


def test_pdf_without_a_cjk_font_says_what_to_install(rated, people, monkeypatch):
    monkeypatch.setattr(pdf_writer, "cjk_fonts", lambda: ())
    with pytest.raises(pdf_writer.FontMissing, match="fonts-noto-cjk"):
        build(rated, people, "pdf", "zh-hans")


@pytest.mark.parametrize("role", ["cnipa", "outsider", "anonymous"])
def test_only_readers_generate(rated, people, role):
    with pytest.raises(NotAllowed):
        reports.report_request(evaluation=rated, fmt="docx", language="en", actor=people.by_role(role))
    assert not ReportJob.objects.exists()


def test_the_button_makes_a_job_and_the_file_downloads(rated, people, other_evaluator):
    c = Client()
    c.force_login(people.evaluator)
    response = c.post(f"/evaluation/{rated.pk}/report/", {"fmt": "xlsx", "language": "en"})
    assert response.status_code == 302
    job = ReportJob.objects.get()
    assert (job.status, job.progress) == ("done", 100)
    download = c.get(f"/evaluation/reports/{job.pk}/download/")
    assert download.status_code == 200 and download["Content-Type"].startswith("application/vnd.openxml")
    assert load_workbook(io.BytesIO(b"".join(download.streaming_content)))["Tasks"].max_row == 5
    assert "Download" in c.get(f"/evaluation/reports/{job.pk}/").content.decode()
    reporter = Client()
    reporter.force_login(people.cnipa)
    assert reporter.get(f"/evaluation/reports/{job.pk}/download/").status_code == 403
    assert c.post(f"/evaluation/{rated.pk}/report/", {"fmt": "odt", "language": "en"}).status_code == 400


def test_a_failed_job_keeps_the_reason(rated, people, monkeypatch):
    monkeypatch.setattr(pdf_writer, "cjk_fonts", lambda: ())
    job = reports.report_request(evaluation=rated, fmt="pdf", language="zh-hans", actor=people.office)
    assert job.status == "failed" and "fonts-noto-cjk" in job.error and not job.stored_name


def test_a_large_plan_is_generated_as_a_background_job(rated, people, settings):
    from ipstrategy.web.jobs.models import Job

    settings.EVALUATION_REPORT_BACKGROUND_TASKS = 1  # every plan counts as large
    job = reports.report_request(evaluation=rated, fmt="html", language="en", actor=people.evaluator)
    assert (job.status, job.progress) == ("done", 100)
    background = Job.objects.get(kind="evaluation-report")
    assert background.state == "succeeded" and background.owner == people.evaluator
    assert background.result_url == f"/evaluation/reports/{job.pk}/download/"
    assert background.done == background.total == 100


def test_a_background_job_fails_with_the_reason(rated, people, settings, monkeypatch):
    from ipstrategy.web.jobs.models import Job

    settings.EVALUATION_REPORT_BACKGROUND_TASKS = 1
    monkeypatch.setattr(pdf_writer, "cjk_fonts", lambda: ())
    job = reports.report_request(evaluation=rated, fmt="pdf", language="zh-hans", actor=people.office)
    assert job.status == "failed" and "fonts-noto-cjk" in job.error
    background = Job.objects.get(kind="evaluation-report")
    assert background.state == "failed" and "fonts-noto-cjk" in background.error


def test_docx_keeps_text_with_control_characters_readable(rated, people):
    task = rated.plan.tasks.order_by("order").last()
    task.text = "Issue rules\x0b for examiners"
    task.save()
    annex = table_with(Document(io.BytesIO(build(rated, people, "docx"))), "Task", "Section")
    assert annex.rows[3].cells[2].text == "Issue rules for examiners"


@pytest.mark.parametrize("fmt", ["xlsx", "html", "pdf"])
def test_every_format_survives_control_characters(rated, people, fmt):
    # \x07 rather than NUL: PostgreSQL refuses NUL in text, so no stored task can hold one.
    task = rated.plan.tasks.order_by("order").last()
    task.text = "Issue rules\x0b for examiners\x07"
    task.save()
    assert build(rated, people, fmt)
