from django.contrib import admin

from ipstrategy.web.jobs.models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ("id", "kind", "state", "done", "total", "owner", "created", "finished")
    list_filter = ("state", "kind")
    readonly_fields = [f.name for f in Job._meta.fields]
