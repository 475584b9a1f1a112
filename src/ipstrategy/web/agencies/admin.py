from django.contrib import admin

from ipstrategy.web.agencies.models import Agency


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("code", "name_en", "name_zh", "kind", "valid_from", "valid_to", "successor")
    list_filter = ("kind",)
    list_select_related = ("successor",)
    search_fields = ("code", "name_en", "name_zh")
    raw_id_fields = ("successor",)
