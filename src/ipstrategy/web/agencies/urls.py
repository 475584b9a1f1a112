from django.urls import path

from ipstrategy.web.agencies import views

app_name = "agencies"
urlpatterns = [
    path("", views.agency_list, name="list"),
]
