from django.contrib import admin

from ipstrategy.web.indicators.models import Indicator, IndicatorValue


class IndicatorValueInline(admin.TabularInline):
    model = IndicatorValue
    extra = 0
    raw_id_fields = ("plan",)


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ("code", "name_en", "unit", "direction", "attribute")
    list_filter = ("direction", "attribute")
    search_fields = ("code", "name_en", "name_zh")
    inlines = [IndicatorValueInline]


@admin.register(IndicatorValue)
class IndicatorValueAdmin(admin.ModelAdmin):
    list_display = ("indicator", "year", "kind", "value", "plan")
    list_filter = ("kind", "indicator")
    list_select_related = ("indicator", "plan")
    raw_id_fields = ("indicator", "plan")
