"""The site's URLs plus a bare view, for bench/bench_pages.py and `make load` only (never in production URLs)."""

from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns


def bare(request):
    """The reference: a GET through the same middleware as every page that does no work."""
    return HttpResponse("ok")


def base(request):
    """The floor of every HTML page: the site's base template with an empty content block, no query of its own."""
    return TemplateResponse(request, "base.html", {})


urlpatterns = [path("bench/bare/", bare), path("bench/base/", base), *site_urlpatterns]
