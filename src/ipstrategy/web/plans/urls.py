from django.urls import path

from ipstrategy.web.plans import views

app_name = "plans"
urlpatterns = [
    path("", views.home, name="home"),
    path("plans/<int:plan_id>/", views.plan_detail, name="detail"),
    path("plans/<int:plan_id>/source/", views.plan_source, name="source"),
]
