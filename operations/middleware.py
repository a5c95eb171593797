"""One log line per request, with an id nginx can pass in (X-Request-ID) and the response carries back."""

import time

from django.conf import settings

from .logs import new_request_id, request_logged


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.enabled = settings.LOG_REQUESTS

    def __call__(self, request):
        started = time.perf_counter()
        incoming = request.headers.get("X-Request-ID", "")
        request.request_id = incoming if 0 < len(incoming) <= 64 and incoming.isalnum() else new_request_id()
        response = self.get_response(request)
        response["X-Request-ID"] = request.request_id
        if self.enabled:
            request_logged(request=request, response=response, started=started)
        return response
