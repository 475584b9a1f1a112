from django.urls import path, register_converter

from ipstrategy.web.foundation.converters import IdConverter
from ipstrategy.web.lineage import views

register_converter(IdConverter, "row")  # as the plans area's "id", under a name of our own

app_name = "lineage"
urlpatterns = [
    path("compare/", views.compare, name="compare"),
    path("departments/<str:code>/", views.department, name="department"),
    path("links/<row:link_id>/confirm/", views.link_confirm, name="confirm"),
    path("links/<row:link_id>/reject/", views.link_reject, name="reject"),
    path("tasks/<row:task_id>/links/", views.link_add, name="add"),
]
