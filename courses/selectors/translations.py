"""Translated pages are the same learning: records always point at the default-language (Indonesian) source page.

An English module is a separate Wagtail page (its own id, in the English tree) tied to its source by
translation_key. Every write and learner read in courses resolves a page to that source first, so enrolments,
progress, completions, quiz attempts and certificates keep one row per person and module whatever language the
learner reads in.
"""

from typing import TypeVar

from django.conf import settings
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils import translation
from wagtail.models import Locale, Page

P = TypeVar("P", bound=Page)

_default_locale_ids: dict[str, int] = {}


def default_locale_id() -> int | None:
    """The Indonesian locale's id, remembered per process (one query the first time)."""
    code = settings.LANGUAGE_CODE
    if code not in _default_locale_ids:
        locale = Locale.objects.filter(language_code=code).values_list("pk", flat=True).first()
        if locale is None:
            return None
        _default_locale_ids[code] = locale
    return _default_locale_ids[code]


def canonical_page(page: P) -> P:
    """The default-language source of a page (the page itself when it is the source): no query for a source page."""
    if page is None or page.pk is None or page.locale_id == default_locale_id():
        return page
    source = (
        type(page)
        .objects.filter(translation_key=page.translation_key, locale__language_code=settings.LANGUAGE_CODE)
        .first()
    )
    if source is None:  # written in English only, or the remembered id is stale: the page stands for itself
        return page
    return source


def page_in_language(page: P, language_code: str | None = None) -> P:
    """For links: the live translation of a page in the reader's language, the page itself when there is none.

    Progress names Indonesian lessons; an English reader's "continue" should stay in English. No query when the
    reader reads Indonesian.
    """
    language_code = language_code or translation.get_language() or settings.LANGUAGE_CODE
    if page is None or language_code.split("-")[0] == settings.LANGUAGE_CODE.split("-")[0]:
        return page
    translated = (
        type(page)
        .objects.live()
        .filter(translation_key=page.translation_key, locale__language_code=language_code)
        .exclude(pk=page.pk)
        .first()
    )
    return translated or page


def pages_in_language(pages, language_code: str | None = None) -> dict[int, Page]:
    """For many links at once: page id -> its live translation in the reader's language, in one query.

    Empty (no query) when the reader reads Indonesian; a page without a live translation is not in the map. Keyed
    by id, not translation_key: callers' pages may come from querysets that defer it.
    """
    language_code = language_code or translation.get_language() or settings.LANGUAGE_CODE
    ids = {page.pk for page in pages if page is not None}
    if not ids or language_code.split("-")[0] == settings.LANGUAGE_CODE.split("-")[0]:
        return {}
    sources = Page.objects.filter(pk__in=ids)
    translated = (
        Page.objects.live()
        .filter(locale__language_code=language_code, translation_key__in=sources.values("translation_key"))
        .exclude(pk__in=ids)
        .annotate(source_id=Subquery(sources.filter(translation_key=OuterRef("translation_key")).values("pk")[:1]))
    )
    return {page.source_id: page for page in translated}


def with_untranslated(own: QuerySet, source: QuerySet) -> QuerySet:
    """A translated listing: its own pages, then the source-language pages not translated among them; one query."""
    untranslated = source.exclude(translation_key__in=own.values("translation_key"))
    return own.model.objects.filter(Q(pk__in=own.values("pk")) | Q(pk__in=untranslated.values("pk")))
