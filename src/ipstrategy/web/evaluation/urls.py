from django.urls import path

from ipstrategy.web.evaluation import views

app_name = "evaluation"
urlpatterns = [
    path("", views.evaluation_list, name="list"),
    path("<int:evaluation_id>/", views.evaluation_detail, name="detail"),
    path("<int:evaluation_id>/tasks/<int:task_id>/rating/", views.rating_save, name="rate"),
    path("<int:evaluation_id>/assign/", views.evaluator_assign, name="assign"),
    path("<int:evaluation_id>/close/", views.evaluation_close, name="close"),
    path("<int:evaluation_id>/report/", views.report_new, name="report"),
    path("reports/<int:job_id>/", views.report_job, name="job"),
    path("reports/<int:job_id>/download/", views.report_download, name="download"),
    path("completion/", views.completion, name="completion"),
    path("scorecards/", views.scorecards, name="scorecards"),
    path("indicator-owners/", views.indicator_owner, name="indicator-owner"),
]
