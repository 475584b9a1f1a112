from django.urls import path, register_converter

from ipstrategy.web.foundation.converters import IdConverter
from ipstrategy.web.foundation.page_cache import public_page
from ipstrategy.web.plans import revision_views, views, workspace_views

register_converter(IdConverter, "id")

app_name = "plans"
urlpatterns = [
    path("plans/<id:plan_id>/", public_page(views.plan_detail), name="detail"),
    path("plans/<id:plan_id>/print/", public_page(views.plan_print), name="print"),
    path("plans/<id:plan_id>/tasks.csv", views.plan_tasks_export, {"fmt": "csv"}, name="export-csv"),
    path("plans/<id:plan_id>/tasks.xlsx", views.plan_tasks_export, {"fmt": "xlsx"}, name="export-xlsx"),
    path("plans/<id:plan_id>/source/", views.plan_source, name="source"),
    path("plans/<id:plan_id>/revisions/", revision_views.plan_revisions_page, name="revisions"),
    path("plans/<id:plan_id>/revise/", revision_views.plan_revise_page, name="revise"),
    path("plans/<id:plan_id>/revisions/record/", revision_views.plan_record_edits, name="revisions-record"),
    path("tasks/<id:task_id>/", public_page(views.task_detail), name="task"),
    path("plans/workspace/", workspace_views.workspace, name="workspace"),
    path("plans/workspace/<id:plan_id>/", workspace_views.workspace_plan, name="workspace-plan"),
    path("plans/workspace/<id:plan_id>/publish/", workspace_views.workspace_publish, name="workspace-publish"),
    path("plans/workspace/tasks/<id:task_id>/", workspace_views.workspace_task, name="workspace-task"),
    path(
        "plans/workspace/tasks/<id:task_id>/<slug:action>/",
        workspace_views.workspace_task_action,
        name="workspace-task-action",
    ),
]
