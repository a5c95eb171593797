"""Page addresses per content language: Indonesian pages at the site root, English ones under /en/."""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import LocalePrefixPattern
from django.utils import translation
from wagtail import hooks
from wagtail.models import Site

from ..selectors.translations import default_locale_id


def content_language(path: str) -> str:
    """The language of the page tree an address belongs to: its prefix, or Indonesian without one."""
    return translation.get_language_from_path(path) or settings.LANGUAGE_CODE


class ContentLanguagePrefix(LocalePrefixPattern):
    """Like i18n_patterns without a default-language prefix, but matching by the address alone.

    Django's pattern matches only the prefix of the active language, and Melayani's interface language comes from
    the person's choice (a cookie): someone reading in English must still reach the Indonesian pages at the root.
    """

    def match(self, path):
        language = content_language("/" + path)
        if language != settings.LANGUAGE_CODE:
            prefix = f"{language}/"
            return (path.removeprefix(prefix), (), {}) if path.startswith(prefix) else None
        return path, (), {}


def _route(request, path: str, language: str):
    """Page.route_for_request, minus the locale query for the Indonesian tree (the query budgets count it)."""
    if not hasattr(request, "_wagtail_route_for_request"):
        result = None
        site = Site.find_for_request(request)
        if site is not None:
            root = site.root_page
            if language != settings.LANGUAGE_CODE or root.locale_id != default_locale_id():
                with translation.override(language):
                    root = root.localized
            try:
                result = root.specific.route(request, [part for part in path.split("/") if part])
            except Http404:
                result = None
        request._wagtail_route_for_request = result  # where Wagtail keeps it for the rest of the request
    return request._wagtail_route_for_request


def page_serve(request, path):
    """Wagtail's page view, routed in the tree of the address's language rather than the interface language."""
    language = content_language(request.path_info)
    route_result = _route(request, path, language)
    if route_result is None:
        if language != settings.LANGUAGE_CODE:
            # Not translated (yet): the Indonesian page, with the interface still in the chosen language.
            return redirect(request.get_full_path().removeprefix(f"/{language}"))
        raise Http404
    page, args, kwargs = route_result

    def serve_chain(page, request, args, kwargs):
        return page.serve(request, *args, **kwargs)

    on_serve_chain = serve_chain
    for fn in reversed(hooks.get_hooks("on_serve_page")):
        on_serve_chain = fn(on_serve_chain)
    for fn in hooks.get_hooks("before_serve_page"):
        result = fn(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result
    return on_serve_chain(page, request, args, kwargs)
