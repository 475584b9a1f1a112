from django.urls import path

from ipstrategy.web.tracking.views import periods, queue, reports

app_name = "tracking"
urlpatterns = [
    path("", reports.home, name="home"),
    path("tasks/<int:task_id>/", reports.task_detail, name="task"),
    path("reports/new/", reports.report_new, name="report-new"),
    path("reports/<int:report_id>/", reports.report_detail, name="report"),
    path("reports/<int:report_id>/edit/", reports.report_edit, name="report-edit"),
    path("reports/<int:report_id>/action/", reports.report_act, name="report-act"),
    path("reports/<int:report_id>/evidence/", reports.evidence_upload, name="evidence-upload"),
    path("evidence/<int:evidence_id>/", reports.evidence_download, name="evidence"),
    path("dashboard/", periods.dashboard, name="dashboard"),
    path("plans/", periods.period_plans, name="period-plans"),
    path("plans/<int:plan_id>/periods/new/", periods.period_new, name="period-new"),
    path("periods/<int:period_id>/", periods.period_detail, name="period"),
    path("periods/<int:period_id>/lock/", periods.period_lock, name="period-lock"),
    path("periods/<int:period_id>/template.xlsx", periods.template_download, name="template"),
    path("import/", periods.import_upload, name="import"),
    path("audit.csv", periods.audit_export, name="audit-csv"),
    path("queue/", queue.review_queue_page, name="queue"),
    path("queue/approve/", queue.review_queue_approve, name="queue-approve"),
    path("mine/", queue.my_queue, name="mine"),
    path("reports/<int:report_id>/withdraw/", queue.report_withdraw_view, name="report-withdraw"),
]
