from django.urls import path

from ipstrategy.web.tracking import period_views, views

app_name = "tracking"
urlpatterns = [
    path("", views.home, name="home"),
    path("tasks/<int:task_id>/", views.task_detail, name="task"),
    path("reports/new/", views.report_new, name="report-new"),
    path("reports/<int:report_id>/", views.report_detail, name="report"),
    path("reports/<int:report_id>/edit/", views.report_edit, name="report-edit"),
    path("reports/<int:report_id>/action/", views.report_act, name="report-act"),
    path("reports/<int:report_id>/evidence/", views.evidence_upload, name="evidence-upload"),
    path("evidence/<int:evidence_id>/", views.evidence_download, name="evidence"),
    path("dashboard/", period_views.dashboard, name="dashboard"),
    path("plans/<int:plan_id>/periods/new/", period_views.period_new, name="period-new"),
    path("periods/<int:period_id>/", period_views.period_detail, name="period"),
    path("periods/<int:period_id>/lock/", period_views.period_lock, name="period-lock"),
    path("periods/<int:period_id>/template.xlsx", period_views.template_download, name="template"),
    path("import/", period_views.import_upload, name="import"),
    path("audit.csv", period_views.audit_export, name="audit-csv"),
]
