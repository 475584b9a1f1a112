from django.urls import path

from ipstrategy.web.delivery import views

app_name = "delivery"
urlpatterns = [
    path("indicators/<slug:code>/", views.indicator_confidence, name="indicator"),
    path("tasks/<int:task_id>/", views.task_confidence, name="task"),
]
