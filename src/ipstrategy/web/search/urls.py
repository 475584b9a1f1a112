from django.urls import path

from ipstrategy.web.foundation.page_cache import public_page
from ipstrategy.web.search import views

app_name = "search"
# The index holds public content only: an anonymous reader's results come from the page cache.
urlpatterns = [path("", public_page(views.search_page), name="page")]
