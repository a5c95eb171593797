"""OpenAPI: document only the HR read API, not Wagtail's internal admin API."""


def only_hr_api(endpoints):
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
