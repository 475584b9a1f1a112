"""An evaluation report as language-ready content: headings, paragraphs, typed tables and charts.

Built once from ``selectors.evaluation_dataset`` in the language asked for; every writer (DOCX,
XLSX, HTML, PDF) lays out the same ``ReportContent``, so the formats cannot disagree. Table cells
keep their type (a count is an int, a share a float 0..100), so the spreadsheet gets numbers and
the documents format them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ipstrategy.core import evaluation_scale as scale
from ipstrategy.core import rollup
from ipstrategy.web.evaluation import labels
from ipstrategy.web.evaluation.selectors import EvaluationData, IndicatorRow, TaskRow

Cell = str | int | float | None
Progress = Callable[[int, str], None]

TEXT, INT, PCT, NUM = "text", "int", "pct", "num"


@dataclass(frozen=True)
class Column:
    header: str
    kind: str = TEXT  # text, int, pct (0..100), num


@dataclass
class Table:
    """A titled table; ``sheet`` names its worksheet in the XLSX (31 characters at most)."""

    sheet: str
    title: str
    columns: list[Column]
    rows: list[list[Cell]]


@dataclass(frozen=True)
class Chart:
    caption: str
    png: bytes


@dataclass
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)


@dataclass
class ReportContent:
    """Everything a report shows, in one language."""

    language: str
    title: str
    title_lines: list[str]
    sections: list[Section]

    @property
    def tables(self) -> list[Table]:
        return [t for s in self.sections for t in s.tables]


def cell_text(value: Cell, kind: str) -> str:
    """A cell as the documents print it: shares with one decimal and a percent sign, empty as a dash."""
    if value is None or value == "":
        return "—"
    if kind == PCT:
        return f"{float(value):.1f}%"
    if kind == NUM:
        return f"{float(value):g}"
    return str(value)


def xml_safe(text: str) -> str:
    """Text without the control characters XML (DOCX, XLSX) cannot hold: a pasted task text may carry one."""
    return "".join(ch for ch in text if ch in "\t\n" or ord(ch) >= 32)


def _pct(share: float | None) -> float | None:
    return None if share is None else round(share * 100, 1)


def report_content(
    data: EvaluationData, *, language: str, charts: bool = True, progress: Progress | None = None
) -> ReportContent:
    """The report of ``data`` in ``language`` (``zh-hans`` or ``en``); charts drawn unless ``charts`` is False."""
    step = progress or (lambda _pct, _text: None)
    with translation.override(language):
        e = data.evaluation
        step(10, _("Summarising"))
        sections = [_summary(data)]
        step(20, _("Drawing the indicator charts"))
        sections.append(_indicators(data, charts=charts))
        step(40, _("Counting completion"))
        sections.append(_completion(data))
        sections.append(_findings(data))
        sections.append(_annex(data))
        title_lines = [
            e.plan.title,
            labels.kind_label(e.kind),
            _("As of %(date)s") % {"date": date_format(e.as_of, "DATE_FORMAT")},
            _("Evaluators: %(names)s") % {"names": ", ".join(data.evaluators) or "—"},
        ]
        return ReportContent(language=language, title=e.title, title_lines=title_lines, sections=sections)


def _summary(data: EvaluationData) -> Section:
    total = data.completion.total
    c, n = total.counts, total.tasks
    findings = {k: v for k, v in data.comparison_counts.items() if k in scale.FINDINGS}
    paragraphs = [
        _(
            "Of the plan's %(n)d tasks, the departments report %(completed)d completed, %(in_progress)d in progress, "
            "%(delayed)d delayed and %(not_reported)d not reported; weighted progress is %(progress)s."
        )
        % {
            "n": n,
            "completed": c["completed"],
            "in_progress": c["in_progress"],
            "delayed": c["delayed"],
            "not_reported": c["not_reported"],
            "progress": labels.percent(total.progress, 1),
        },
        _(
            "The evaluators rated %(complete)d tasks complete, %(substantial)d substantial, %(limited)d limited, "
            "%(low)d not started or without evidence; %(unrated)d are not rated."
        )
        % {
            "complete": data.evaluated_counts["complete"],
            "substantial": data.evaluated_counts["substantial"],
            "limited": data.evaluated_counts["limited"],
            "low": data.evaluated_counts["not_started"] + data.evaluated_counts["no_evidence"],
            "unrated": data.not_rated,
        },
        _(
            "Claim and rating disagree on %(k)d tasks: %(over)d claimed more than found, %(under)d found more than "
            "claimed, %(unreported)d with progress found but not reported."
        )
        % {
            "k": sum(findings.values()),
            "over": findings["overclaimed"],
            "under": findings["underclaimed"],
            "unreported": findings["unreported_progress"],
        },
    ]
    if data.indicators:
        paragraphs.append(_indicator_sentence(data.indicators))
    rows: list[list[Cell]] = [[labels.status_label(s), c[s], _pct(total.share(s))] for s in rollup.STATUSES]
    rows.append([_("Progress (weighted)"), None, round(total.progress, 1) if total.progress is not None else None])
    key = Table(
        "Summary", _("Key figures"), [Column(_("Status")), Column(_("Tasks"), INT), Column(_("Share"), PCT)], rows
    )
    level_rows: list[list[Cell]] = [
        [labels.level_label(level), count] for level, count in data.evaluated_counts.items()
    ]
    level_rows.append([labels.level_label(None), data.not_rated])
    levels = Table(
        "Ratings", _("Tasks by evaluated completion"), [Column(_("Completion")), Column(_("Tasks"), INT)], level_rows
    )
    return Section(_("Executive summary"), paragraphs, [key, levels])


def _indicator_sentence(rows: list[IndicatorRow]) -> str:
    headlines = [a.headline.status for r in rows for a in r.assessments[:1]]
    good = sum(1 for s in headlines if s in {"achieved", "substantial_progress", "ahead"})
    return _(
        "Of %(n)d indicators with a target in this plan, %(good)d have reached it or are on course by the headline "
        "method; %(rest)d are behind, missed or cannot be assessed."
    ) % {"n": len(rows), "good": good, "rest": len(rows) - good}


def _indicator_name(row: IndicatorRow) -> str:
    chinese = (translation.get_language() or "").startswith("zh")
    return row.indicator.name_zh if chinese and row.indicator.name_zh else row.indicator.name_en


def _indicators(data: EvaluationData, *, charts: bool) -> Section:
    columns = [
        Column(_("Indicator")),
        Column(_("Unit")),
        Column(_("Baseline year"), INT),
        Column(_("Baseline"), NUM),
        Column(_("Target year"), INT),
        Column(_("Target"), NUM),
        Column(_("Observed year"), INT),
        Column(_("Observed"), NUM),
        Column(_("Verdict")),
        Column(_("Methods disagree")),
        Column(_("Department")),
    ]
    rows: list[list[Cell]] = []
    for row in data.indicators:
        for a in row.assessments:
            obs = a.observation
            rows.append(
                [
                    _indicator_name(row),
                    _(row.indicator.unit) if row.indicator.unit else "",
                    a.goal.baseline.year,
                    a.goal.baseline.value,
                    a.goal.target.year,
                    a.goal.target.value,
                    obs.year if obs else None,
                    obs.value if obs else None,
                    labels.verdict_label(a.headline.status),
                    _("yes") if a.disagreement else _("no"),
                    row.owner,
                ]
            )
    table = Table("Indicators", _("Indicators and verdicts"), columns, rows)
    section = Section(_("Indicators"), tables=[table])
    if not rows:
        section.paragraphs.append(_("The plan sets no indicator with a baseline and a target."))
    if charts:
        section.charts = [Chart(_indicator_name(r), _chart_png(r)) for r in data.indicators if r.values]
    return section


def _chart_png(row: IndicatorRow) -> bytes:
    from ipstrategy.web.indicators.charts import indicator_chart

    return indicator_chart(indicator=row.indicator, values=row.values, fmt="png", width=6.0)


def _completion_columns(first: str) -> list[Column]:
    return [
        Column(first),
        Column(_("Tasks"), INT),
        *(Column(labels.status_label(s), INT) for s in (rollup.COMPLETED, rollup.IN_PROGRESS, rollup.DELAYED)),
        Column(labels.status_label(rollup.NOT_REPORTED), INT),
        Column(_("Completed (share)"), PCT),
        Column(_("Progress"), PCT),
        Column(labels.timeliness_label(rollup.ON_TIME), INT),
        Column(labels.timeliness_label(rollup.OVERDUE), INT),
        Column(_("Rated complete or substantial"), INT),
        Column(_("Findings"), INT),
    ]


def _completion_row(name: str, c: rollup.Completion, rows: list[TaskRow]) -> list[Cell]:
    rated = sum(1 for r in rows if r.evaluated in {scale.COMPLETE, scale.SUBSTANTIAL})
    found = sum(1 for r in rows if r.comparison in scale.FINDINGS)
    return [
        name,
        c.tasks,
        c.counts[rollup.COMPLETED],
        c.counts[rollup.IN_PROGRESS],
        c.counts[rollup.DELAYED],
        c.counts[rollup.NOT_REPORTED],
        _pct(c.share(rollup.COMPLETED)),
        None if c.progress is None else round(c.progress, 1),
        c.timeliness.get(rollup.ON_TIME, 0),
        c.timeliness.get(rollup.OVERDUE, 0),
        rated,
        found,
    ]


def _completion(data: EvaluationData) -> Section:
    by_task = {r.task.pk: r for r in data.rows}
    section_rows = []
    for s, c in data.completion.sections:
        members = [
            by_task[t.task_id]
            for t in data.completion.states
            if t.section_id is not None and _under(t.section_id, s.pk, data)
        ]
        section_rows.append(_completion_row(f"{s.key} {s.title}".strip(), c, members))
    department_rows = [
        _completion_row(code, c, [r for r in data.rows if r.lead == code]) for code, c in data.completion.departments
    ]
    plan_row = _completion_row(_("Whole plan"), data.completion.total, data.rows)
    return Section(
        _("Completion by section and department"),
        [_("Claimed status: each task's lead department's latest approved report by the evaluation date.")],
        [
            Table("Sections", _("Completion by section"), _completion_columns(_("Section")), [plan_row, *section_rows]),
            Table(
                "Departments", _("Completion by lead department"), _completion_columns(_("Department")), department_rows
            ),
        ],
    )


def _under(section_id: int, ancestor_id: int, data: EvaluationData) -> bool:
    parents = {s.pk: s.parent_id for s, _c in data.completion.sections}
    seen: set[int] = set()
    current: int | None = section_id
    while current is not None and current not in seen:
        if current == ancestor_id:
            return True
        seen.add(current)
        current = parents.get(current)
    return False


def _task_label(row: TaskRow) -> str:
    return str(row.task.number or row.task.order)


def _findings(data: EvaluationData) -> Section:
    rows: list[list[Cell]] = []
    for f in data.findings:
        detail = f.text
        if f.kind in scale.FINDINGS:
            detail = _("Claimed: %(claimed)s; evaluated: %(evaluated)s.") % {
                "claimed": labels.status_label(f.row.claim.progress),
                "evaluated": labels.level_label(f.row.evaluated),
            }
        elif f.kind == "spread":
            detail = "; ".join(f"{r.evaluator.username}: {labels.level_label(r.level)}" for r in f.row.ratings)
        rows.append([_task_label(f.row), f.row.lead, labels.comparison_label(f.kind), detail])
    columns = [Column(_("Task")), Column(_("Lead")), Column(_("Finding")), Column(_("Detail"))]
    section = Section(_("Findings"), tables=[Table("Findings", _("Findings"), columns, rows)])
    if not rows:
        section.paragraphs.append(_("No finding: every rated task agrees with its claim."))
    return section


def _annex(data: EvaluationData) -> Section:
    columns = [
        Column(_("Task")),
        Column(_("Section")),
        Column(_("Text")),
        Column(_("Lead")),
        Column(_("Claimed")),
        Column(_("Claimed percent"), INT),
        Column(_("Evaluated")),
        Column(_("Ratings")),
        Column(_("Comparison")),
    ]
    rows: list[list[Cell]] = [
        [
            _task_label(r),
            r.task.section.key if r.task.section else "",
            r.task.text,
            r.lead,
            labels.status_label(r.claim.progress),
            r.claim.percent,
            labels.level_label(r.evaluated),
            "; ".join(f"{x.evaluator.username}: {labels.level_label(x.level)}" for x in r.ratings),
            labels.comparison_label(r.comparison),
        ]
        for r in data.rows
    ]
    return Section(_("Annex: every task, claimed and evaluated"), tables=[Table("Tasks", _("Tasks"), columns, rows)])


def generated_on(today: date) -> str:
    return _("Generated on %(date)s") % {"date": date_format(today, "DATE_FORMAT")}
