"""Time the summary-evaluation report of a 100-task plan in all four formats (goal: under 3 s each).

Builds a throw-away SQLite database (bundled corpus, then a 100-task plan in 10 sections led by 5
departments, 3 indicators with baselines and targets, a reporting period with approved reports on
70 tasks, a summary evaluation with two evaluators rating every task), then times, on one core:

- the data set and report content with its charts (shared by every format),
- each writer alone (DOCX, XLSX, HTML, PDF),
- ``report_build`` end to end per format (what the button and the CLI run),

and prints each against a same-run baseline: writing an empty DOCX with python-docx.

    python bench/report.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

FORMATS = ("docx", "xlsx", "html", "pdf")
LEADS = ("CNIPA", "MOST", "MOFCOM", "SAMR", "MIIT")
INDICATORS = {  # code: (baseline year, baseline, target year, target)
    "invention_patents_per_10k_people": (2015, 6.3, 2020, 12.0),
    "pct_applications": (2015, 3.0, 2020, 6.0),
    "works_copyright_registrations": (2015, 130.0, 2020, 250.0),
}


def best(fn: Callable[[], object], repeat: int) -> float:
    """The fastest of ``repeat`` runs, in seconds (the least disturbed by the other helpers' work)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def setup_database() -> None:
    os.environ["IPSTRATEGY_DATA_DIR"] = tempfile.mkdtemp(prefix="ipstrategy-bench-report-")
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ipstrategy.web.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from ipstrategy.web.bootstrap.corpus import corpus_load

    corpus_load()


def plan_with_evaluation(tasks: int = 100):  # type: ignore[no-untyped-def]
    """The 100-task plan, its reports and a rated summary evaluation (rows written directly: setup, not timed)."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from ipstrategy.web.accounts.models import Membership
    from ipstrategy.web.agencies.models import Agency
    from ipstrategy.web.evaluation.models import Assignment, Evaluation, TaskRating
    from ipstrategy.web.indicators.models import Indicator, IndicatorValue
    from ipstrategy.web.plans.models import Plan, Responsibility, Section, Task
    from ipstrategy.web.tracking.models import ProgressReport, ReportingPeriod

    plan = Plan.objects.create(
        title="Bench plan: 100 tasks",
        plan_type="five_year_plan",
        period_start=2016,
        period_end=2020,
        source_filename="bench.txt",
        source_sha256="b" * 64,
        status="published",
    )
    sections = [
        Section.objects.create(plan=plan, key=str(i + 1), title=f"Area {i + 1}", order=i + 1) for i in range(10)
    ]
    rows = Task.objects.bulk_create(
        Task(plan=plan, section=sections[i % 10], number=str(i + 1), order=i + 1, text=f"Carry out measure {i + 1}.")
        for i in range(tasks)
    )
    agencies = {a.code: a for a in Agency.objects.filter(code__in=LEADS)}
    Responsibility.objects.bulk_create(
        Responsibility(task=t, agency=agencies[LEADS[i % 5]], role="lead", order=0) for i, t in enumerate(rows)
    )
    for code, (by, bv, ty, tv) in INDICATORS.items():
        indicator = Indicator.objects.get(code=code)
        IndicatorValue.objects.create(indicator=indicator, year=by, kind="baseline", value=bv, plan=plan)
        IndicatorValue.objects.create(indicator=indicator, year=ty, kind="target", value=tv, plan=plan)
    period = ReportingPeriod.objects.create(plan=plan, year=2019, opens_on=date(2019, 12, 1), due_on=date(2020, 1, 31))
    now = timezone.now()
    progress = ("completed", "in_progress", "delayed", "in_progress", "completed", "not_started", "in_progress")
    ProgressReport.objects.bulk_create(
        ProgressReport(
            task=t,
            agency=agencies[LEADS[i % 5]],
            period=period,
            role="lead",
            status="approved",
            progress=progress[i % 7],
            percent=(i * 13) % 100,
            submitted_at=now,
            approved_at=now,
        )
        for i, t in enumerate(rows[:70])
    )
    evaluation = Evaluation.objects.create(
        plan=plan, kind="summary", title="Summary evaluation", as_of=date(2099, 1, 1)
    )
    levels = ("complete", "substantial", "limited", "not_started", "no_evidence")
    for n in range(2):
        user = get_user_model().objects.create_user(f"bench-evaluator-{n}")
        Membership.objects.create(user=user, role="evaluator")
        Assignment.objects.create(evaluation=evaluation, evaluator=user)
        TaskRating.objects.bulk_create(
            TaskRating(
                evaluation=evaluation, task=t, evaluator=user, level=levels[(i + n) % 5], findings=f"Finding {i}."
            )
            for i, t in enumerate(rows)
        )
    return evaluation


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the fastest is kept")
    args = parser.parse_args()
    setup_database()
    import io

    from docx import Document

    from ipstrategy.cli.common import OPERATOR
    from ipstrategy.web.evaluation.report_content import report_content
    from ipstrategy.web.evaluation.reports import report_build
    from ipstrategy.web.evaluation.selectors import evaluation_dataset
    from ipstrategy.web.evaluation.writers import write_report

    evaluation = plan_with_evaluation()
    baseline = best(lambda: Document().save(io.BytesIO()), args.repeat)
    print(f"baseline: empty DOCX written with python-docx: {baseline * 1000:.1f} ms")
    content = {}

    def build_content() -> None:
        content["c"] = report_content(evaluation_dataset(evaluation=evaluation), language="zh-hans")

    shared = best(build_content, args.repeat)
    print(f"data set + content + charts (zh): {shared:.2f} s  ({shared / baseline:.0f}x baseline)")
    sizes = {}
    for fmt in FORMATS:
        alone = best(lambda fmt=fmt: sizes.__setitem__(fmt, write_report(content["c"], fmt)), args.repeat)
        whole = best(
            lambda fmt=fmt: report_build(evaluation=evaluation, fmt=fmt, language="zh-hans", actor=OPERATOR),
            args.repeat,
        )
        verdict = "ok" if whole < 3 else "OVER the 3 s goal"
        print(
            f"{fmt:>4}: writer {alone:.2f} s, end to end {whole:.2f} s ({whole / baseline:.0f}x baseline), "
            f"{len(sizes[fmt]) / 1024:.0f} KiB  [{verdict}]"
        )
        # One row of `make bench`'s table (bench/run.py): area, figure, value, baseline, ratio, goal.
        print(
            "\t".join(
                [
                    "BENCH",
                    "reports",
                    f"100-task summary evaluation, {fmt.upper()} (zh, charts), end to end",
                    f"{whole:.2f} s",
                    f"empty DOCX {baseline * 1000:.0f} ms",
                    f"{whole / baseline:.0f}x",
                    "< 3 s",
                ]
            )
        )
    tasks = len(content["c"].sections[-1].tables[0].rows)
    print(
        f"({tasks} tasks, {len(content['c'].sections[1].charts)} charts, best of {args.repeat}, one process, one core)"
    )
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    sys.exit(main())
