"""The search index: one row per public plan, task, department and indicator.

The rows are the same on every database; what indexes them differs (migration 0002): an FTS5
table with the trigram tokenizer on SQLite (so Chinese, which has no spaces, is found by any
three characters), and on PostgreSQL a full-text GIN index plus a pg_trgm index. The rows are
rebuilt from the areas' tables by ``index.search_rebuild`` (at init and on publishing).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class EntryKind(models.TextChoices):
    PLAN = "plan", _("Plan")
    TASK = "task", _("Task")
    DEPARTMENT = "department", _("Department")
    INDICATOR = "indicator", _("Indicator")


class SearchEntry(models.Model):
    """What one object is found by: a title, a body of searchable text and its facets."""

    kind = models.CharField(_("type"), max_length=12, choices=EntryKind.choices)
    key = models.CharField(_("key"), max_length=80, help_text=_("The object's id or code."))
    title = models.CharField(_("title"), max_length=500)
    body = models.TextField(_("text"), blank=True)
    plan_id = models.IntegerField(_("plan"), null=True, blank=True)
    year = models.IntegerField(_("year"), null=True, blank=True)
    departments = models.CharField(_("departments"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="search_entry_unique")]

    def __str__(self) -> str:
        return f"{self.kind} {self.key}"
