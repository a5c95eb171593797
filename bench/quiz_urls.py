"""The site's URLs plus a bare view, for bench/bench_quiz.py only (never in production URLs)."""

from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns


def bare(request):
    """The reference: a POST through the same middleware (session, CSRF, locale) that does no work."""
    return HttpResponse("ok")


urlpatterns = [path("bench/bare/", bare), *site_urlpatterns]
