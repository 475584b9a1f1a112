from django.urls import path

from ipstrategy.web.indicators import views

app_name = "indicators"
urlpatterns = [
    path("", views.indicator_list, name="list"),
    path("<slug:code>/", views.indicator_detail, name="detail"),
    path("<slug:code>/chart.svg", views.indicator_chart, name="chart"),
]
