"""Indonesian unless the person chose English: many ASN phones are set to English."""

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.utils import translation


class IndonesianFirstLocaleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        # An address under a language prefix (/en/..., the English pages) speaks that language; else the choice.
        chosen = translation.get_language_from_path(request.path_info) or request.COOKIES.get(
            settings.LANGUAGE_COOKIE_NAME
        )
        language = chosen if chosen in self.languages else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's policy for the site; the Wagtail admin gets the looser policy of its own from settings."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and request.path.startswith(settings.MELAYANI_ADMIN_URL_PREFIX):
            parts.config = settings.MELAYANI_ADMIN_CSP
        return parts


class SecurityHeadersMiddleware:
    """Headers Django's SecurityMiddleware does not set: Permissions-Policy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.MELAYANI_PERMISSIONS_POLICY)
        return response
