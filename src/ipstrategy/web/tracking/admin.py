"""Read-only admin for the tracking tables: every write goes through ``services`` (and the audit log)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from ipstrategy.web.tracking.audit_models import AuditEntry
from ipstrategy.web.tracking.models import Evidence, ProgressReport, ReportingPeriod


class ReadOnlyAdmin(admin.ModelAdmin):
    """Viewing only: no add, change or delete, so nothing bypasses the services and the audit log."""

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


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


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ("seq", "created", "actor_name", "action", "object_type", "object_id")
    list_filter = ("action", "object_type")
    search_fields = ("object_repr", "actor_name")
