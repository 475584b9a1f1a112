from django.urls import path

from ipstrategy.web.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("agencies/<str:code>/", views.agency_detail, name="agency"),
]
