"""Indonesian unless the person chose English: many ASN phones are set to English."""

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
