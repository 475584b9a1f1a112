from django.urls import path

from ipstrategy.web.foundation.page_cache import public_page
from ipstrategy.web.portal import views

app_name = "portal"
urlpatterns = [
    path("", public_page(views.home), name="home"),
    path("search/", public_page(views.search), name="search"),
    path("agencies/<str:code>/", public_page(views.agency_detail), name="agency"),
]
