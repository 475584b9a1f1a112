"""Read-only admin views of evaluations: every change goes through ``evaluation.services`` (audited)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from ipstrategy.web.evaluation.models import Evaluation, IndicatorOwner, ReportJob, TaskRating


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(Evaluation)
class EvaluationAdmin(ReadOnly):
    list_display = ("title", "kind", "as_of", "status")
    list_filter = ("kind", "status")


@admin.register(TaskRating)
class TaskRatingAdmin(ReadOnly):
    list_display = ("evaluation", "task", "evaluator", "level", "claimed")


@admin.register(IndicatorOwner)
class IndicatorOwnerAdmin(ReadOnly):
    list_display = ("indicator", "agency")


@admin.register(ReportJob)
class ReportJobAdmin(ReadOnly):
    list_display = ("evaluation", "fmt", "language", "status", "progress", "created")
