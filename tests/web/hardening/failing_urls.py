"""A URLconf with one view that raises, to see the 500 page the project serves."""

from django.http import HttpRequest, HttpResponse
from django.urls import path


def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("deliberate failure")


urlpatterns = [path("boom/", boom)]
