"""The learner's panel on a module page: prerequisites, enrolment, progress and the way back in."""

from django import template

from ..selectors import missing_prerequisites, module_progress
from ..selectors.translations import page_in_language

register = template.Library()


@register.simple_tag(takes_context=True)
def module_learning(context, module, progress=None) -> dict:
    """What the module page needs to know about the visitor; reuses the page's progress when given."""
    request = context["request"]
    user = request.user
    if getattr(request, "is_preview", False):
        # An editor previewing a module is not a learner: show the page as a new learner would.
        return {"missing": [], "progress": None, "signed_in": user.is_authenticated}
    if user.is_authenticated and not progress:
        progress = module_progress(user=user, module=module)
    return {
        "missing": missing_prerequisites(user=user, module=module),
        "progress": progress if user.is_authenticated else None,
        "signed_in": user.is_authenticated,
    }


@register.filter
def in_reader_language(page):
    """{% pageurl progress.next_lesson|in_reader_language %}: a link that keeps an English reader in English."""
    return page_in_language(page)


@register.filter
def in_reader_language_from(page, translations: dict):
    """{% pageurl page|in_reader_language_from:reader_pages %}: in_reader_language from a map built in one query."""
    if page is None or not translations:
        return page
    return translations.get(page.pk, page)
