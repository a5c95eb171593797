from django.conf import settings
from django.urls import URLResolver, include, path, re_path
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from courses.views.translations import ContentLanguagePrefix, page_serve

urlpatterns = [
    path("", include("operations.urls")),  # /healthz and /readyz (issue 7)
    path("admin/", include(wagtailadmin_urls)),
    path("dokumen/", include(wagtaildocs_urls)),
    path("bahasa/", set_language, name="set_language"),
    path("api/v1/", include("reports.api.urls")),
    path("", include("people.urls")),
    path("", include("courses.urls")),
    path("", include("quizzes.urls")),
    path("", include("certificates.urls")),
    path("", include("reports.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Pages last: Indonesian at the root, English under /en/ (courses.views.translations); every other address is as before.
urlpatterns.append(
    URLResolver(
        ContentLanguagePrefix(prefix_default_language=False),
        [re_path(wagtail_urls.serve_pattern, page_serve, name="wagtail_serve"), path("", include(wagtail_urls))],
    )
)
