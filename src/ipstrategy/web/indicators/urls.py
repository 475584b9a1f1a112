from django.urls import path

from ipstrategy.web.foundation.page_cache import public_page
from ipstrategy.web.indicators import editing_views, views

app_name = "indicators"
urlpatterns = [
    path("", public_page(views.indicator_list), name="list"),
    path("import/", editing_views.indicators_import_page, name="import"),
    path("<slug:code>/", public_page(views.indicator_detail), name="detail"),
    path("<slug:code>/chart.svg", views.indicator_chart, name="chart"),
    path("<slug:code>/edit/", editing_views.indicator_edit, name="edit"),
    path("<slug:code>/values/new/", editing_views.value_edit, name="value-new"),
    path("<slug:code>/values/<int:value_id>/", editing_views.value_edit, name="value-edit"),
    path("<slug:code>/values/<int:value_id>/delete/", editing_views.value_delete, name="value-delete"),
]
