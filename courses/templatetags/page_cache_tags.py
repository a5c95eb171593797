"""Wagtail's user bar without asking the permission tables on every page a learner opens; the site's header and
footer rendered once per language and sign-in state."""

from django import template
from django.core.cache import cache
from django.utils.html import escape
from django.utils.safestring import mark_safe
from wagtail.admin.templatetags.wagtailuserbar import wagtailuserbar

from ..page_cache import fragment_for_pages

register = template.Library()

PATH_PLACEHOLDER = "__melayani_full_path__"

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


@register.tag("site_chrome")
def site_chrome(parser, token):
    """{% site_chrome "header" %}...{% endsite_chrome %}: HTML the same for everyone in a language and sign-in state.

    Inside, the address of the page is {{ chrome_path }} (the language forms' "next"), filled per request; CSRF
    tokens are filled per request by page_cache.fragment_for_pages. Nothing else about the visitor may appear.
    """
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("site_chrome takes one name")
    nodelist = parser.parse(("endsite_chrome",))
    parser.delete_first_token()
    return SiteChromeNode(nodelist, bits[1].strip("\"'"))


class SiteChromeNode(template.Node):
    def __init__(self, nodelist, name: str):
        self.nodelist = nodelist
        self.name = name

    def render(self, context):
        request = context.get("request")
        if request is None:
            with context.push(chrome_path=""):
                return self.nodelist.render(context)
        user = getattr(request, "user", None)
        signed_in = bool(user is not None and user.is_authenticated)

        def render() -> str:
            with context.push(chrome_path=PATH_PLACEHOLDER):
                return self.nodelist.render(context)

        html = fragment_for_pages(request, ("chrome", self.name, signed_in), render, per_process=True)
        return mark_safe(html.replace(PATH_PLACEHOLDER, escape(request.get_full_path())))  # noqa: S308  # nosec B308 B703 -- ours, path escaped
