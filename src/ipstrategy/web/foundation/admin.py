"""Read-only admin for the audit log, and the read-only base every area's admin uses.

Every write goes through a service (which checks the policy and appends to the audit log), so the
admin only shows rows.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from ipstrategy.web.foundation.audit_models import AuditEntry


class ReadOnlyAdmin(admin.ModelAdmin):
    """Viewing only: no add, change or delete, so nothing bypasses the services and the audit log."""

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ("seq", "created", "actor_name", "action", "object_type", "object_id")
    list_filter = ("action", "object_type")
    search_fields = ("object_repr", "actor_name")
