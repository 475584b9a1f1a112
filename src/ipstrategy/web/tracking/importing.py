"""Bulk import of a department's workbook or CSV: validate every row first, then write all or nothing.

The file must be a template this system wrote (``spreadsheets``), for a department the importing
user reports for and a period still open. Each problem is reported as sheet / row / column /
reason; a single one refuses the whole file and nothing is written.
"""

from __future__ import annotations

import csv
import gc
import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from ipstrategy.core.progress import NO_PROGRESS, Progress
from ipstrategy.web.agencies.models import Agency
from ipstrategy.web.agencies.selectors import succession_graph
from ipstrategy.web.foundation.audit import AUDIT_ENTRY_FIELDS, AuditAppend, AuditEvent
from ipstrategy.web.foundation.audit_models import AuditEntry
from ipstrategy.web.foundation.bulk_rows import InsertPipeline, ids_reserve, insert_pipeline, rows_update
from ipstrategy.web.foundation.cells import cell_restored
from ipstrategy.web.tracking import policies
from ipstrategy.web.tracking.errors import ImportProblem, ImportRefused, ReportInvalid
from ipstrategy.web.tracking.models import ProgressReport, ReportingPeriod, ReportStatus, report_label
from ipstrategy.web.tracking.selectors import Duty, period_duties
from ipstrategy.web.tracking.snapshots import report_snapshot, report_state
from ipstrategy.web.tracking.spreadsheets import (
    COLUMNS,
    CSV_COLUMNS,
    FORMAT,
    META_SHEET,
    SHEET,
    SheetRow,
    column_label,
    progress_lookup,
)
from ipstrategy.web.tracking.upload_limits import MAX_COLUMNS, MAX_ROWS, UploadRejected, workbook_inspect
from ipstrategy.web.tracking.validation import (
    CONTENT_FIELDS,
    ReportInput,
    report_fields,
    report_input_errors,
    report_input_of,
)

IMPORT_MAX_BYTES = 20 * 1024 * 1024
FILLED = ("progress", "percent", "narrative", "problems", "next_steps", "reason")
_FIELD_COLUMN = {"progress_reason": "reason"}


@dataclass(frozen=True)
class ParsedFile:
    """What a file says: its department, period and rows, and whether it was CSV."""

    agency_code: str
    period_id: str
    rows: list[SheetRow]
    csv_form: bool


@dataclass(frozen=True)
class ImportResult:
    agency_code: str
    period: ReportingPeriod
    created: int
    updated: int
    skipped: int
    unchanged: int = 0  # rows equal to the stored report (locked ones included): nothing to write
    submitted: int = 0  # with ``submit``: the written reports submitted (or resubmitted) too

    @property
    def nothing_to_change(self) -> bool:
        return self.created == 0 and self.updated == 0


def reports_import(
    *,
    content: bytes,
    filename: str,
    actor: Any,
    submit: bool = False,
    progress: Progress = NO_PROGRESS,
    max_rows: int = MAX_ROWS,
    max_bytes: int = IMPORT_MAX_BYTES,
) -> ImportResult:
    """Check every row of the file and write them all in one transaction, or none; raises ``ImportRefused``.

    Rows equal to the stored report are left alone (a template re-uploaded unchanged imports with
    nothing to change); rows of reports that can no longer be edited are ignored unless changed,
    which is an error naming the cell. With ``submit`` every row written is submitted too (a
    returned report resubmitted), in the same transaction.

    The same checks and audit entries as ``services.report_create``/``report_update``/
    ``report_transition`` row by row, but in a fixed number of queries whatever the file's length
    (a few per table: issue 14 measured about 8 per row, 62-76 rows/s): the department, period and
    links are read once; the new reports and the audit entries are inserted a batch at a time while
    the next batch is checked (``_write``), the changed reports updated in one batch.
    ``max_rows``/``max_bytes`` are the upload limits; only the benchmark lifts them.
    """
    with _collector_paused():
        progress.note(_("Reading %(file)s") % {"file": filename})
        parsed = file_parse(content=content, filename=filename, max_rows=max_rows, max_bytes=max_bytes)
        period, duties = _authorise(parsed, actor=actor)
        checked = _CheckedRows(parsed, duties=duties, linked=_linked_values(duties))
        with transaction.atomic():
            created, updated, submitted = _write(checked, period=period, actor=actor, submit=submit, progress=progress)
    return ImportResult(parsed.agency_code, period, created, updated, checked.skipped, len(checked.same), submitted)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused while a file is checked and written.

    An import builds hundreds of thousands of small objects (rows, models, snapshots) that live
    until it ends; each full collection walks all of them again, and at 60,000 rows the pauses
    cost a third of the import. Reference counting still frees what is dropped, and the collector
    runs again at the end.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _linked_values(duties: list[Duty]) -> dict[int, tuple[int, ...]]:
    """Each stored report's linked indicator values (one query for the file; kept as they are by the import)."""
    ids = [d.report.pk for d in duties if d.report is not None]
    links: dict[int, list[int]] = {}
    through = ProgressReport.indicator_values.through
    for chunk in _chunks(ids):
        pairs = through.objects.filter(progressreport_id__in=chunk).values_list(
            "progressreport_id", "indicatorvalue_id"
        )
        for report_id, value_id in pairs:
            links.setdefault(report_id, []).append(value_id)
    return {k: tuple(v) for k, v in links.items()}


def _chunks(ids: list[int], size: int = 10_000) -> Iterator[list[int]]:
    """``ids`` in slices that stay under every database's parameter limit."""
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


#: the columns an import writes, new reports (their ids reserved first) and changed ones
_INSERTED = ("id", "task_id", "agency_id", "period_id", "role", "status", *CONTENT_FIELDS, "return_reason", "version",
             "created_by_id", "created", "updated", "submitted_at", "approved_at")  # fmt: skip
_UPDATED = (*CONTENT_FIELDS, "status", "version", "updated", "submitted_at")


_REPORT = "tracking.progressreport"  # the audit entries' object type
_DRAFT = str(ReportStatus.DRAFT)  # plain text: a column of it is written to COPY as it is
#: rows of the file checked and built between two hand-overs to the insert pipeline
_BATCH_ROWS = 20_000


def _write(
    checked: _CheckedRows, *, period: ReportingPeriod, actor: Any, submit: bool, progress: Progress
) -> tuple[int, int, int]:
    """Check and apply the file's rows (inside the caller's transaction): created, updated and
    submitted counts; raises ``ImportRefused`` with every problem, and the transaction rolls back.

    The stored reports the file names are locked and their versions read again first, so a report
    saved, submitted or approved since the duties were read is refused by row rather than
    overwritten. Rows are then checked and written batch by batch through an ``InsertPipeline``:
    the database inserts one batch while the next is checked and built. Nothing more is handed over
    once a problem is found; the checks go on to the end, so that every problem is listed at once
    (the rows' own problems if there are any, else those found in writing). New reports are made as
    rows (``_NewRows``), changed ones as the models ``period_duties`` loaded; the audit entries
    follow the file's row order.
    """
    named = checked.named_duties()
    if not named:
        list(checked)  # every row's problem (or blank): nothing names a duty
        if checked.problems:
            raise ImportRefused(checked.problems)
        return 0, 0, 0
    period.refresh_from_db(fields=["closed_at"])  # closed since the check? (every report read holds this period)
    if not policies.can_import_for(actor, named[0].agency_code, period):
        raise _refused(META_SHEET, _("The period %(period)s is closed.") % {"period": period.local_label})
    current = _locked_reports(named)
    linked = checked.linked
    now = timezone.now()
    fresh = None
    if count := sum(1 for d in named if d.report is None):
        agency = Agency.objects.get(code=named[0].agency_code)  # the department today (``period_duties``)
        reserved = ids_reserve(ProgressReport, count)  # one per new row named (a refused row's is not used)
        fresh = _NewRows(agency=agency, period=period, actor=actor, now=now, ids=reserved, submit=submit)
    problems: list[ImportProblem] = []  # found in writing
    changes: dict[int, ProgressReport] = {}
    events: list[AuditEvent] = []  # in row order

    def take_step(row: SheetRow, report: ProgressReport, ids: tuple[int, ...]) -> None:
        """Submit (or resubmit) ``report`` as ``report_transition`` does, after its checks."""
        if (action := policies.submit_step(report)) is None:
            problems.append(ImportProblem(row.sheet, row.number, None, _not_submittable(report.get_status_display())))
            return
        if errors := report_input_errors(report_input_of(report), submitting=True):
            problems.extend(_problems(row, errors))
            return
        before = report_snapshot(report, indicator_values=ids)
        report.status = policies.REPORT_STEPS[action][1]
        report.submitted_at, report.updated, report.version = now, now, report.version + 1
        events.append(_event(f"report.{action}", report, before, report_snapshot(report, indicator_values=ids)))

    chain = AuditAppend(actor=actor)  # (before the pipeline: it reads the chain's end)
    written = [0, 0]  # new rows and events handed to the pipeline so far

    def flush(pipeline: InsertPipeline) -> None:
        """Hand the rows made since the last call to the pipeline (nothing once a problem is found:
        the file will be refused and the transaction rolled back)."""
        if problems or checked.problems:
            return
        if fresh and len(fresh.rows) > written[0]:
            pipeline.insert(ProgressReport, _INSERTED, fresh.rows[written[0] :])
            written[0] = len(fresh.rows)
        pipeline.insert(AuditEntry, AUDIT_ENTRY_FIELDS, chain.rows(events[written[1] :]))
        written[1] = len(events)

    total, done = len(checked.parsed.rows), 0
    progress.start(total, _("Checking and writing reports"))
    with insert_pipeline() as pipeline:
        for done, (row, duty, data) in enumerate(checked, start=1):
            if duty.report is None:
                if fresh:  # (made for every file with a new row)
                    events.extend(fresh.add(row, duty, report_fields(data), problems=problems))
            else:
                report = current.get(duty.report.pk)
                if report is None or not policies.report_open_to_change(report):
                    problems.append(ImportProblem(row.sheet, row.number, None, _changed_meanwhile()))
                    continue
                ids = linked.get(report.pk, ())
                before = report_snapshot(report, indicator_values=ids)
                for name, value in report_fields(data).items():
                    setattr(report, name, value)
                report.version, report.updated = report.version + 1, now
                changes[report.pk] = report
                if (after := report_snapshot(report, indicator_values=ids)) != before:
                    events.append(_event("report.update", report, before, after))
                if submit:
                    take_step(row, report, ids)
            if done % 1000 == 0:
                progress.advance(1000)
            if done % _BATCH_ROWS == 0:
                flush(pipeline)
        waiting = [(row, duty) for row, duty in checked.same if submit and duty.report and policies.submit_step(duty.report)]  # fmt: skip
        for row, duty in waiting:  # unchanged drafts and returned reports are submitted too
            report = current.get(duty.report.pk) if duty.report else None
            if report is None or policies.submit_step(report) is None:
                problems.append(ImportProblem(row.sheet, row.number, None, _changed_meanwhile()))
                continue
            changes[report.pk] = report
            take_step(row, report, linked.get(report.pk, ()))
        progress.advance(total - done // 1000 * 1000)  # the rest: rows not written, and the last ones
        flush(pipeline)
    if checked.problems or problems:
        raise ImportRefused(checked.problems or problems)
    created = fresh.rows if fresh else []
    if changes:
        progress.note(_("Writing %(n)d changed reports") % {"n": len(changes)})
        rows_update(ProgressReport, _UPDATED, ([getattr(r, n) for n in _UPDATED] + [r.pk] for r in changes.values()))
    chain.close()
    if not created and not changes:
        return 0, 0, 0
    last = fresh.last_model() if fresh and created else list(changes.values())[-1]
    post_save.send(sender=ProgressReport, instance=last, created=bool(created), update_fields=None, raw=False,
                   using=transaction.get_connection().alias)  # fmt: skip
    submitted = sum(1 for e in events if e.action in ("report.submit", "report.resubmit"))
    return len(created), checked.written - len(created), submitted


def _event(action: str, report: ProgressReport, before: dict[str, Any] | None, after: dict[str, Any]) -> AuditEvent:
    return AuditEvent(action, _REPORT, str(report.pk), str(report), before, after, task_id=report.task_id)


class _NewRows:
    """The reports of a file's new rows as the rows to insert (``_INSERTED``, ids reserved) and their
    audit events, without a model each.

    ``report_create`` (and, with ``submit``, ``report_transition``) per row would make a report
    model, its snapshot from the model and its name through three related objects: at a million
    rows that was 17 s of the import. Here the values the rows share (department, period, author,
    time, the submit step's target) are worked out once, each row adds its task, role and content,
    and the snapshots come from the same values (``report_state``). The submit step a new draft
    takes is asked of the policy once, for a draft.
    """

    def __init__(self, *, agency: Agency, period: ReportingPeriod, actor: Any, now: Any, ids: list[int], submit: bool) -> None:  # fmt: skip
        self.ids = iter(ids)
        self.rows: list[tuple[Any, ...]] = []
        self.agency, self.period, self.actor_id, self.now = agency, period, actor.pk, now
        self.period_label = period.label
        draft = ProgressReport(status=ReportStatus.DRAFT, agency=agency, period=period)
        self.step = policies.submit_step(draft) if submit else None
        self.step_target = policies.REPORT_STEPS[self.step][1] if self.step else None
        self.refusal = None if self.step or not submit else _not_submittable(draft.get_status_display())

    def add(
        self, row: SheetRow, duty: Duty, content: dict[str, Any], *, problems: list[ImportProblem]
    ) -> list[AuditEvent]:
        """Queue the new report of ``duty`` with ``content``; its audit events (none when its submission
        is refused: the reason goes to ``problems``)."""
        if self.refusal:
            problems.append(ImportProblem(row.sheet, row.number, None, self.refusal))
            return []
        if self.step and (errors := report_input_errors(ReportInput(**content), submitting=True)):
            problems.extend(_problems(row, errors))
            return []
        pk, task_id, agency, now = next(self.ids), duty.task.pk, self.agency, self.now
        name, object_id = report_label(agency.code, self.period_label, duty.task), str(pk)
        draft = report_state(task=task_id, agency=agency.code, period=self.period.pk, role=duty.role,
                             status=_DRAFT, content=content, return_reason="", indicator_values=[])  # fmt: skip
        events = [AuditEvent("report.create", _REPORT, object_id, name, None, draft, task_id=task_id)]
        status, version, submitted_at = _DRAFT, 1, None
        if self.step:
            status, version, submitted_at = str(self.step_target), 2, now
            events.append(AuditEvent(f"report.{self.step}", _REPORT, object_id, name, draft, {**draft, "status": status}, task_id=task_id))  # fmt: skip
        c = content
        self.rows.append((pk, task_id, agency.pk, self.period.pk, duty.role, status, c["progress"], c["percent"],
                          c["narrative"], c["problems"], c["next_steps"], c["progress_reason"], "", version,
                          self.actor_id, now, now, submitted_at, None))  # fmt: skip
        return events

    def last_model(self) -> ProgressReport:
        """The last new report as a model (for the one ``post_save`` the file sends)."""
        pk, task_id, _agency, _period, role = self.rows[-1][:5]  # in ``_INSERTED`` order
        return ProgressReport(pk=pk, task_id=task_id, agency=self.agency, period=self.period, role=role)


def _changed_meanwhile() -> str:
    return _("This report was changed by someone else while the file was being imported. Import the file again.")


def _not_submittable(status: str) -> str:
    """The refusal of ``services.report_transition`` for a report (of ``status``, as shown) no reporter's step starts from."""
    return _("A report that is %(status)s cannot be %(action)s.") % {"status": status.lower(), "action": _("submitted")}


def _locked_reports(duties: list[Duty]) -> dict[int, ProgressReport]:
    """The duties' stored reports that are unchanged since the file was checked, locked for this
    transaction (as ``services._locked`` locks one report); a report saved meanwhile is left out.

    Only ids, versions and statuses are read again: every save raises the version, so an equal
    version means the report read by ``period_duties`` is still the stored one.
    """
    reports = {d.report.pk: d.report for d in duties if d.report is not None}
    for duty in duties:
        if duty.report is not None:
            duty.report.task = duty.task  # loaded with its section already: ``str(report)`` costs no query
    found: dict[int, ProgressReport] = {}
    for chunk in _chunks(list(reports)):
        rows = ProgressReport.objects.select_for_update(of=("self",)).filter(pk__in=chunk)
        for pk, version, status in rows.values_list("pk", "version", "status"):
            if (reports[pk].version, reports[pk].status) == (version, status):
                found[pk] = reports[pk]
    return found


def _problems(row: SheetRow, errors: dict[str, str]) -> list[ImportProblem]:
    """A submission's content problems, each in its column (in the row's own form, workbook or CSV)."""
    csv_form = row.sheet == "CSV"
    return [
        ImportProblem(
            row.sheet,
            row.number,
            column_label(_FIELD_COLUMN.get(f, f), csv_form=csv_form) if f in _FIELD_COLUMN or f in COLUMNS else None,
            str(ReportInvalid({f: m})),
        )
        for f, m in errors.items()
    ]


def file_parse(
    *, content: bytes, filename: str, max_rows: int = MAX_ROWS, max_bytes: int = IMPORT_MAX_BYTES
) -> ParsedFile:
    """Read an .xlsx template or its CSV form; anything else is refused by its content."""
    if len(content) > max_bytes:
        raise _refused(filename, _("The file is larger than 20 MB."))
    if content.startswith(b"PK\x03\x04"):
        return _parse_xlsx(content, filename)
    if content.startswith(b"\xd0\xcf\x11\xe0"):
        raise _refused(filename, _("This is an old Excel (.xls) file: save it as .xlsx and upload again."))
    if filename.lower().endswith((".csv", ".txt")) and b"\x00" not in content[:4096]:
        return _parse_csv(content, filename, max_rows)
    raise _refused(filename, _("This is not an Excel workbook (.xlsx) or a CSV file exported from this system."))


def _refused(sheet: str, reason: str, row: int | None = None, column: str | None = None) -> ImportRefused:
    return ImportRefused([ImportProblem(sheet, row, column, reason)])


def _parse_xlsx(content: bytes, filename: str) -> ParsedFile:
    """The template's rows, read in streaming mode after the zip passed ``workbook_inspect``."""
    try:
        workbook_inspect(content)
    except UploadRejected as exc:
        raise _refused(filename, str(exc)) from exc
    try:
        wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types (KeyError, ParseError, TypeError...) on broken parts
        raise _refused(filename, _("The workbook is damaged and cannot be read (%(error)s).") % _why(exc)) from exc
    try:
        return _read_template(wb, filename)
    finally:
        wb.close()


def _why(exc: Exception) -> dict[str, str]:
    return {"error": type(exc).__name__}


def _read_template(wb: Any, filename: str) -> ParsedFile:
    if META_SHEET not in wb.sheetnames or SHEET not in wb.sheetnames:
        raise _refused(filename, _("This workbook is not a reporting template from this system (download one first)."))
    meta = {str(k): str(v) for k, v, *_rest in _sheet_rows(wb[META_SHEET], META_SHEET, min_row=1) if k is not None}
    if meta.get("format") != FORMAT or meta.get("columns") != ",".join(COLUMNS):
        raise _refused(META_SHEET, _("This workbook is not a reporting template from this system (or is too old)."))
    rows = []
    for number, values in enumerate(_sheet_rows(wb[SHEET], SHEET, min_row=2), start=2):
        cells = dict(zip(COLUMNS, (*values, *([None] * len(COLUMNS)))[: len(COLUMNS)], strict=True))
        rows.append(SheetRow(SHEET, number, cells))
    return ParsedFile(meta.get("agency", ""), meta.get("period", ""), rows, csv_form=False)


def _sheet_rows(ws: Any, sheet: str, *, min_row: int) -> Iterator[tuple[Any, ...]]:
    """The sheet's rows as values, refusing (sheet, row) when it is too large or its XML is broken."""
    if (ws.max_row or 0) > MAX_ROWS or (ws.max_column or 0) > MAX_COLUMNS:
        limits = {"rows": MAX_ROWS, "columns": MAX_COLUMNS}
        raise _refused(sheet, _("The sheet is larger than %(rows)d rows or %(columns)d columns.") % limits)
    number = min_row
    try:
        for number, values in enumerate(ws.iter_rows(min_row=min_row, values_only=True), start=min_row):
            if number > MAX_ROWS or len(values) > MAX_COLUMNS:
                limits = {"rows": MAX_ROWS, "columns": MAX_COLUMNS}
                raise _refused(
                    sheet, _("The sheet is larger than %(rows)d rows or %(columns)d columns.") % limits, number
                )
            yield values
    except ImportRefused:
        raise
    except Exception as exc:  # broken sheet XML surfaces while streaming
        raise _refused(sheet, _("The sheet is damaged from here on (%(error)s).") % _why(exc), number) from exc


def _parse_csv(content: bytes, filename: str, max_rows: int = MAX_ROWS) -> ParsedFile:
    try:
        text = content.decode("utf-8-sig").lstrip("\ufeff")
    except UnicodeDecodeError as exc:
        raise _refused(filename, _("The CSV file is not UTF-8 text.")) from exc
    # Rows as ``csv.DictReader`` gives them (blank lines skipped, missing cells None, extra cells in a
    # list under None) at one dict(zip(...)) a row instead of a Python call a row; ``line`` counts as
    # its ``line_num`` does, for the row named when the next one cannot be read: the last line of the
    # last row read, or of the first of the blank lines after it.
    reader = csv.reader(io.StringIO(text))
    rows: list[SheetRow] = []
    line = 0
    try:
        header = next(reader, None)
        line = reader.line_num
        missing = [c for c in CSV_COLUMNS if c not in (header or [])]
        if header is None or missing:
            raise _refused(filename, _("Columns missing: %(columns)s.") % {"columns": ", ".join(missing)}, row=1)
        width, skipping = len(header), False
        for values in reader:
            if not values:
                if not skipping:
                    line, skipping = reader.line_num, True
                continue
            line, skipping = reader.line_num, False
            cells: dict[Any, Any] = dict(zip(header, values, strict=False))
            if len(values) > width:
                cells[None] = values[width:]
            elif len(values) < width:
                cells.update(dict.fromkeys(header[len(values) :]))
            rows.append(SheetRow("CSV", len(rows) + 2, cells))
            if len(rows) > max_rows:
                break  # one row past the limit: enough to know the file is over it
    except csv.Error as exc:  # a field over csv.field_size_limit(), a NUL byte: the line being read
        raise _refused("CSV", _("The row cannot be read as CSV (%(error)s).") % {"error": exc}, line + 1) from exc
    if len(rows) > max_rows:
        raise _refused("CSV", _("The file has more than %(rows)d rows.") % {"rows": max_rows}, max_rows + 2)
    pairs = {(str(r.cells.get("agency") or "").strip(), str(r.cells.get("period") or "").strip()) for r in rows}
    if len(pairs) > 1:
        raise _refused("CSV", _("Every row must name the same department and period."))
    agency, period = pairs.pop() if pairs else ("", "")
    return ParsedFile(agency, period, rows, csv_form=True)


def _authorise(parsed: ParsedFile, *, actor: Any) -> tuple[ReportingPeriod, list[Duty]]:
    """The file's period and the department's duties in it, if ``actor`` may report for that department."""
    period = (
        ReportingPeriod.objects.select_related("plan").filter(pk=int(parsed.period_id or 0)).first()
        if (parsed.period_id.isdigit())
        else None
    )
    if period is None:
        raise _refused(META_SHEET, _("The file names no reporting period that exists."))
    code = succession_graph().current(parsed.agency_code)
    if not policies.can_import_for(actor, code, period):  # the department's reporters, in an open period
        if not policies.may_report_for(actor, code):
            raise _refused(
                META_SHEET,
                _("This file is for department %(code)s; %(user)s does not report for it.")
                % {"code": parsed.agency_code or "?", "user": getattr(actor, "username", "?")},
            )
        raise _refused(META_SHEET, _("The period %(period)s is closed.") % {"period": period.local_label})
    return period, period_duties(period=period, agency_codes={code})


class _CheckedRows:
    """The file's rows to write, each checked as it is taken (iterate once): the row, its duty and its
    input. Blank rows are counted (``skipped``), rows equal to their stored report kept aside
    (``same``: nothing to change), problems gathered (``problems``) for the writer to raise."""

    def __init__(self, parsed: ParsedFile, *, duties: list[Duty], linked: dict[int, tuple[int, ...]]) -> None:
        self.parsed, self.linked = parsed, linked
        self.by_task = {str(d.task.pk): d for d in duties}
        self.problems: list[ImportProblem] = []
        self.same: list[tuple[SheetRow, Duty]] = []
        self.skipped = 0
        self.written = 0  # rows given out to write

    def named_duties(self) -> list[Duty]:
        """The duties the file's rows name (once each, in row order): what the writer locks and numbers."""
        found: dict[str, Duty] = {}
        for row in self.parsed.rows:
            key = _task_key(row)
            if key not in found and (duty := self.by_task.get(key)) is not None:
                found[key] = duty
        return list(found.values())

    def __iter__(self) -> Iterator[tuple[SheetRow, Duty, ReportInput]]:
        lookup = progress_lookup()
        seen: set[str] = set()
        csv_form = self.parsed.csv_form
        for row in self.parsed.rows:
            cells = row.cells
            texts = [_text(cells.get(k)) for k in FILLED]  # read once: for the blank test and the checks
            if not any(texts):
                self.skipped += 1
                continue
            found = _check_row(row, texts, by_task=self.by_task, seen=seen, lookup=lookup, csv_form=csv_form, linked=self.linked)  # fmt: skip
            if isinstance(found, list):
                self.problems.extend(found)
            elif found[2] is None:
                self.same.append((found[0], found[1]))
            else:
                self.written += 1
                yield found  # type: ignore[misc]


def _task_key(row: SheetRow) -> str:
    """The row's task id as text (a workbook's 12.0 is 12)."""
    return _text(row.cells.get("task_id")).removesuffix(".0")


def _problem(row: SheetRow, key: str | None, reason: str, *, csv_form: bool) -> ImportProblem:
    return ImportProblem(row.sheet, row.number, column_label(key, csv_form=csv_form) if key else None, reason)


def _check_row(
    row: SheetRow,
    texts: list[str],
    *,
    by_task: dict[str, Duty],
    seen: set[str],
    lookup: dict[str, str],
    csv_form: bool,
    linked: dict[int, tuple[int, ...]],
) -> tuple[SheetRow, Duty, ReportInput | None] | list[ImportProblem]:
    """The row to write with its input, the row with None when it equals the stored report (nothing
    to do), or its problems. ``texts``: the ``FILLED`` cells as text."""
    task_id = _task_key(row)
    duty = by_task.get(task_id)
    if duty is None:
        reason = _("Task %(id)s is not one of this department's tasks in this period.") % {"id": task_id or "?"}
        return [_problem(row, "task_id", reason, csv_form=csv_form)]
    if task_id in seen:
        return [_problem(row, "task_id", _("Task %(id)s appears twice.") % {"id": task_id}, csv_form=csv_form)]
    seen.add(task_id)
    progress_text, percent_text, narrative, problems_text, next_steps, reason_text = texts
    if duty.report is not None:
        differs = _first_difference(texts, duty.report, lookup)
        if differs is None:
            return row, duty, None  # as stored: nothing to change (also for a locked row)
        if not policies.report_open_to_change(duty.report):
            reason = _(
                "The report on this task is %(status)s and can no longer be changed, but this cell differs "
                "from it. Undo the change, or download a fresh workbook."
            ) % {"status": duty.report.get_status_display().lower()}
            return [_problem(row, differs, reason, csv_form=csv_form)]
    problems: list[ImportProblem] = []
    progress = lookup.get(progress_text.casefold())
    if progress is None:
        problems.append(_problem(row, "progress", _("Choose a status from the list (e.g. “In progress”)."), csv_form=csv_form))  # fmt: skip
    percent = _percent(percent_text)
    if percent is None:
        problems.append(_problem(row, "percent", _("Enter a whole number from 0 to 100."), csv_form=csv_form))
    if problems:
        return problems
    data = ReportInput(
        progress=progress or "",
        percent=percent if percent is not None else -1,
        narrative=narrative,
        problems=problems_text,
        next_steps=next_steps,
        progress_reason=reason_text,
        indicator_value_ids=linked.get(duty.report.pk, ()) if duty.report else (),
    )
    if errors := report_input_errors(data):
        return [
            _problem(row, _FIELD_COLUMN.get(f, f) if f in _FIELD_COLUMN or f in COLUMNS else None, m, csv_form=csv_form)
            for f, m in errors.items()
        ]
    return row, duty, data


#: the workbook's filled-in columns and the report's fields they hold
_STORED = (
    ("narrative", "narrative"),
    ("problems", "problems"),
    ("next_steps", "next_steps"),
    ("reason", "progress_reason"),
)


def _first_difference(texts: list[str], report: Any, lookup: dict[str, str]) -> str | None:
    """The first filled-in column whose text (``texts``, in ``FILLED`` order) is not the stored
    report's value, or None when the row equals it."""
    if lookup.get(texts[0].casefold()) != report.progress:
        return "progress"
    if _percent(texts[1]) != report.percent:
        return "percent"
    for text, (key, name) in zip(texts[2:], _STORED, strict=True):
        if text.replace("\r\n", "\n") != (getattr(report, name) or "").strip().replace("\r\n", "\n"):
            return key
    return None


def _text(value: object) -> str:
    if type(value) is str:  # a CSV's cells, most workbook cells: only the apostrophe test and a strip
        return (cell_restored(value) if value[:1] == "'" else value).strip()
    if value is None:
        return ""
    value = cell_restored(value)  # the apostrophe our own export put before formula-like text
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


@lru_cache(maxsize=512)
def _percent(text: str) -> int | None:
    """0-100 as a whole number from a cell's text; Excel's 50.0 and a typed "50" or "50%" are all 50.

    Cached: a file holds few distinct percentages and parsing each row's again cost a microsecond."""
    text = text.removesuffix("%").strip()
    try:
        number = float(text)
    except ValueError:
        return None
    if not number.is_integer() or not 0 <= number <= 100:
        return None
    return int(number)
