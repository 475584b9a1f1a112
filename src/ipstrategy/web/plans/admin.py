"""Admin for plans. Contents come from `plan_import`; the admin is for checking and small fixes."""

from django.contrib import admin

from ipstrategy.web.plans.models import Plan, PlanIssuer, Responsibility, Section, Target, Task


class PlanIssuerInline(admin.TabularInline):
    model = PlanIssuer
    extra = 0
    raw_id_fields = ("agency",)


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ("title", "plan_type", "issue_date", "period_start", "period_end", "status", "language")
    list_filter = ("plan_type", "status", "language")
    search_fields = ("title", "source_filename")
    raw_id_fields = ("parent", "translation_of")
    readonly_fields = ("source_sha256", "source_filename", "created", "updated")
    inlines = [PlanIssuerInline]


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ("key", "title", "plan", "order")
    list_filter = ("plan",)
    list_select_related = ("plan",)
    raw_id_fields = ("plan", "parent")


class ResponsibilityInline(admin.TabularInline):
    model = Responsibility
    extra = 0
    raw_id_fields = ("agency",)


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    list_display = ("__str__", "plan", "section", "number", "order")
    list_filter = ("plan",)
    list_select_related = ("plan", "section")
    search_fields = ("text", "number")
    raw_id_fields = ("plan", "section")
    inlines = [ResponsibilityInline, TargetInline]


@admin.register(Responsibility)
class ResponsibilityAdmin(admin.ModelAdmin):
    list_display = ("task", "role", "agency", "name_as_printed")
    list_filter = ("role", "agency")
    list_select_related = ("task", "agency")
    raw_id_fields = ("task", "agency")


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ("task", "comparator", "quantity", "unit", "due_year")
    list_select_related = ("task",)
    raw_id_fields = ("task",)
