"""The site's URLs plus a bare view, for bench/bench_pages.py and `make load` only (never in production URLs)."""

from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns


def bare(request):
    """The reference: a GET through the same middleware as every page that does no work."""
    return HttpResponse("ok")


urlpatterns = [path("bench/bare/", bare), *site_urlpatterns]
