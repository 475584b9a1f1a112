from django.urls import path, re_path

from ipstrategy.web.plans import views

app_name = "plans"
urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("plans/<int:plan_id>/", views.plan_detail, name="detail"),
    re_path(r"^plans/(?P<plan_id>[0-9]+)/tasks\.(?P<fmt>csv|xlsx)$", views.plan_tasks_export, name="export"),
    path("plans/<int:plan_id>/source/", views.plan_source, name="source"),
    path("tasks/<int:task_id>/", views.task_detail, name="task"),
]
