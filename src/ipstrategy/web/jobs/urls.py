from django.urls import path

from ipstrategy.web.jobs import views

app_name = "jobs"
urlpatterns = [path("<int:job_id>/", views.job_progress, name="progress")]
