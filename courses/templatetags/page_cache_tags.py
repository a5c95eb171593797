"""Wagtail's user bar without asking the permission tables on every page a learner opens."""

from django import template
from django.core.cache import cache
from wagtail.admin.templatetags.wagtailuserbar import wagtailuserbar

register = template.Library()

ACCESS_SECONDS = 60


@register.simple_tag(takes_context=True)
def melayani_userbar(context, position="bottom-right"):
    """The user bar for people who may use the admin; whether they may is remembered for a minute per person.

    The bar only links to the admin, which checks permissions itself, so a minute of staleness shows or hides a
    link, never grants anything.
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return ""
    key = f"melayani:admin-access:{user.pk}"
    allowed = cache.get(key)
    if allowed is None:
        allowed = user.has_perm("wagtailadmin.access_admin")
        cache.set(key, allowed, ACCESS_SECONDS)
    return wagtailuserbar(context, position) if allowed else ""
