from django.urls import path

from ipstrategy.web.agencies import views
from ipstrategy.web.foundation.page_cache import public_page

app_name = "agencies"
urlpatterns = [
    path("", public_page(views.agency_list), name="list"),
]
