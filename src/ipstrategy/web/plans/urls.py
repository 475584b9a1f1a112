from django.urls import path, register_converter

from ipstrategy.web.foundation.converters import IdConverter
from ipstrategy.web.plans import views

register_converter(IdConverter, "id")

app_name = "plans"
urlpatterns = [
    path("plans/<id:plan_id>/", views.plan_detail, name="detail"),
    path("plans/<id:plan_id>/tasks.csv", views.plan_tasks_export, {"fmt": "csv"}, name="export-csv"),
    path("plans/<id:plan_id>/tasks.xlsx", views.plan_tasks_export, {"fmt": "xlsx"}, name="export-xlsx"),
    path("plans/<id:plan_id>/source/", views.plan_source, name="source"),
    path("tasks/<id:task_id>/", views.task_detail, name="task"),
]
