"""The project's URLs plus the trivial ceiling view (``bench/ceilings.py``), for bench/pages.py."""

from ceilings import urlpatterns as ceiling_urls

from ipstrategy.web.urls import urlpatterns as project_urls

urlpatterns = [*ceiling_urls, *project_urls]
