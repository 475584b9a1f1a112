"""Read-only admin for the tracking tables: every write goes through ``services`` (and the audit log)."""

from __future__ import annotations

from django.contrib import admin

from ipstrategy.web.foundation.admin import ReadOnlyAdmin
from ipstrategy.web.tracking.models import Evidence, ProgressReport, ReportingPeriod


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(ReadOnlyAdmin):
    list_display = ("plan", "kind", "year", "number", "opens_on", "due_on", "closed_at")
    list_select_related = ("plan",)


@admin.register(ProgressReport)
class ProgressReportAdmin(ReadOnlyAdmin):
    list_display = ("task", "agency", "period", "role", "status", "progress", "percent")
    list_filter = ("status", "progress", "role")
    list_select_related = ("task", "agency", "period")


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyAdmin):
    list_display = ("original_name", "report", "content_type", "size", "uploaded_at")
    list_select_related = ("report",)
