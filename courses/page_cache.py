"""Caches that keep page requests to a few queries: the site, routes, view restrictions, anonymous pages.

Everything is stored in Django's default cache under one "pages generation" number; publishing, unpublishing,
moving or deleting a page, or changing a site or a view restriction, bumps it, so every entry is dropped at
once (editing is rare, reading is constant). Anonymous HTML additionally expires after
MELAYANI_PAGE_CACHE_SECONDS because it also shows data that is not a page (workshop seats, quizzes).
"""

import contextvars
import hashlib
import pickle  # nosec B403 -- only our own cache entries are unpickled (as Django's cache backends do)
import re
import secrets

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

GENERATION_KEY = "melayani:pages:generation"
CSRF_PLACEHOLDER = "__melayani_csrf_token__"
_CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
_PROBE_PATHS = frozenset({"/healthz", "/readyz"})
NONCE_PLACEHOLDER = "__melayani_csp_nonce__"
_NONCE_ATTR = re.compile(rb'(<(?:script|style)\b[^>]*\snonce=")[^"]*(")')


# Within one request (AnonymousPageCacheMiddleware sets it), the generation and the lookups already read: a lesson
# asks for the generation and the prerequisites several times, and each ask was a cache round trip.
_REQUEST_MEMO: contextvars.ContextVar[dict | None] = contextvars.ContextVar("melayani_pages_memo", default=None)


# With a shared cache, entries live until the generation changes and the key names the generation, so an entry
# never changes: each process keeps the small ones it has read (routes, restrictions, prerequisites as plain data;
# pages only pickled, never an instance a request could alter) and asks the cache only for the generation.
# Bounded: emptied when full.
_PROCESS_LOOKUPS: dict = {}
_PROCESS_LOOKUPS_MAX = 4096
_PROCESS_KEEP_MAX_BYTES = 16_384


def pages_generation() -> int:
    """The current generation; entries of older ones are never read again and expire on their own."""
    memo = _REQUEST_MEMO.get()
    if memo is not None and GENERATION_KEY in memo:
        return memo[GENERATION_KEY]
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # A random start, not 1: after the cache server loses its data, no process may take its own copies of an
        # older generation (_PROCESS_LOOKUPS) for current ones.
        candidate = secrets.randbelow(2**62)
        added = cache.add(GENERATION_KEY, candidate, timeout=None)
        generation = candidate if added else cache.get(GENERATION_KEY, candidate)
    if memo is not None:
        memo[GENERATION_KEY] = generation
    return generation


def pages_generation_bump() -> None:
    """Drop every cached site, route, restriction and anonymous page (called on publish and friends).

    Once now, and again when the transaction commits: another process may have cached what it read before the
    commit under the new generation.
    """
    _generation_bump()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_generation_bump)


def _generation_bump() -> None:
    memo = _REQUEST_MEMO.get()
    if memo is not None:
        memo.clear()  # this request reads the new generation from now on
    _PROCESS_LOOKUPS.clear()  # never read again; other processes drop theirs when full
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, secrets.randbelow(2**62), timeout=None)


def _lookup_get(key: str, *, process: bool = True):
    """A lookup from this request's memo, this process's copies or the cache (None when none has it)."""
    memo = _REQUEST_MEMO.get()
    if memo is not None and key in memo:
        return memo[key]
    shared = process and _lookup_seconds() is None
    value = _PROCESS_LOOKUPS.get(key) if shared else None
    if value is None:
        value = cache.get(key)
        if shared and value is not None:
            _process_keep(key, value)
    if memo is not None and value is not None:
        memo[key] = value
    return value


def _lookup_set(key: str, value, *, process: bool = True) -> None:
    cache.set(key, value, timeout=_lookup_seconds())
    if process and _lookup_seconds() is None:
        _process_keep(key, value)
    memo = _REQUEST_MEMO.get()
    if memo is not None:
        memo[key] = value


def _process_keep(key: str, value) -> None:
    if isinstance(value, bytes) and len(value) > _PROCESS_KEEP_MAX_BYTES:
        return  # a long lesson stays in the shared cache only: the bound is on entries, not bytes
    if len(_PROCESS_LOOKUPS) >= _PROCESS_LOOKUPS_MAX:
        _PROCESS_LOOKUPS.clear()
    _PROCESS_LOOKUPS[key] = value


def _lookup_seconds() -> int | None:
    return getattr(settings, "MELAYANI_PAGE_LOOKUP_SECONDS", 60)


def _key(*parts) -> str:
    return "melayani:pages:{}:{}".format(pages_generation(), ":".join(str(part) for part in parts))


def cached_for_pages(parts: tuple, compute):
    """compute() once per pages generation: for reads that change only when pages are published or saved.

    The value must be plain data (ids, tuples, dicts), not model instances: processes keep and share copies.
    """
    key = _key(*parts)
    value = _lookup_get(key)
    if value is None:
        value = compute()
        _lookup_set(key, value)
    return value


def page_for_pages(parts: tuple, compute) -> Page | None:
    """compute() (a page or None) once per pages generation; every caller gets its own copy, never a shared one.

    Stored pickled, as the cache would store it anyway: a request may set attributes on its page.
    """
    key = _key(*parts)
    data = _lookup_get(key)
    if data is None:
        page = compute()
        data = pickle.dumps(page, protocol=pickle.HIGHEST_PROTOCOL) if page is not None else False
        _lookup_set(key, data)
    return pickle.loads(data) if data else None  # noqa: S301  # nosec B301 (our own cache, as Django's backends)


def fragment_for_pages(request, parts: tuple, render, *, per_process: bool = False) -> SafeString:
    """HTML that is the same for every visitor of a page: render() once per pages generation and language.

    For the parts of signed-in pages that show pages, never the visitor (a module's description, its lesson list,
    a lesson's body, the catalogue's cards): keyed by the generation (a publish drops them), the interface
    language, the host and parts, and kept MELAYANI_PAGE_CACHE_SECONDS like anonymous pages, because images,
    documents and workshop dates are not pages. A CSRF token or CSP nonce rendered inside is stored as a
    placeholder and filled with the request's own. No caching for previews, nor when that setting is 0 (the tests).
    per_process: for small HTML that shows nothing but pages and fixed text (the site's header), each process also
    keeps what it has read until the next generation, as the lookups (with a shared cache only).
    """
    seconds = getattr(settings, "MELAYANI_PAGE_CACHE_SECONDS", 0)
    if not seconds or getattr(request, "is_preview", False):  # a preview shows a draft: never stored nor served
        return mark_safe(render())  # noqa: S308  # nosec B308 B703 -- rendered by our own templates
    key = _key("fragment", translation.get_language(), request._get_raw_host(), *parts)
    shared = per_process and _lookup_seconds() is None
    memo = _REQUEST_MEMO.get()
    html = memo.get(key) if memo is not None else None
    if html is None and shared:
        html = _PROCESS_LOOKUPS.get(key)
    if html is None:
        html = cache.get(key)
        if html is None:
            html = _placeholders_in(render().encode()).decode()
            cache.set(key, html, timeout=seconds)
        if shared:
            _process_keep(key, html)
    if memo is not None:
        memo[key] = html
    return mark_safe(_placeholders_out(request, html.encode()).decode())  # noqa: S308  # nosec B308 B703 -- ours


def query_key(request) -> str:
    """The query string as part of a key: short, whatever a visitor types."""
    query = request.META.get("QUERY_STRING", "")
    return hashlib.sha256(query.encode()).hexdigest()[:32] if query else ""


def _placeholders_in(content: bytes) -> bytes:
    """A visitor's CSRF token and CSP nonce out of stored HTML."""
    content = _CSRF_INPUT.sub(rb"\g<1>" + CSRF_PLACEHOLDER.encode() + rb"\g<2>", content)
    return _NONCE_ATTR.sub(rb"\g<1>" + NONCE_PLACEHOLDER.encode() + rb"\g<2>", content)


def _placeholders_out(request, content: bytes) -> bytes:
    """This request's CSRF token and CSP nonce into stored HTML (no token is made when none is needed)."""
    if CSRF_PLACEHOLDER.encode() in content:
        content = content.replace(CSRF_PLACEHOLDER.encode(), get_token(request).encode())
    if NONCE_PLACEHOLDER.encode() in content:
        # Inline scripts get this response's CSP nonce, or the browser would refuse them.
        content = content.replace(NONCE_PLACEHOLDER.encode(), str(request.csp_nonce).encode())
    return content


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def _page_changed(sender, **kwargs):
    pages_generation_bump()


def _model_changed(sender, **kwargs):
    pages_generation_bump()


for _model in (Site, PageViewRestriction):
    post_save.connect(_model_changed, sender=_model, dispatch_uid=f"melayani.page_cache.save.{_model.__name__}")
    post_delete.connect(_model_changed, sender=_model, dispatch_uid=f"melayani.page_cache.delete.{_model.__name__}")


def _page_saved(sender, instance, **kwargs):
    """Any page saved or deleted (specific page classes send signals with their own sender, not Page)."""
    if isinstance(instance, Page):
        pages_generation_bump()


post_save.connect(_page_saved, dispatch_uid="melayani.page_cache.specific_save")
post_delete.connect(_page_saved, dispatch_uid="melayani.page_cache.specific_delete")


def site_for_request(request) -> Site | None:
    """Wagtail's Site for the host, with its root page already specific: no query once cached."""
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    key = _key("site", request._get_raw_host(), request.get_port())
    site = _lookup_get(key, process=False)  # a model instance: each request gets its own copy from the cache
    if site is None:
        site = Site._find_for_request(request)
        if site is not None:
            site.root_page = site.root_page.specific
        _lookup_set(key, site or False, process=False)
    request._wagtail_site = site or None
    return request._wagtail_site


def page_at(*, root: Page, path_components: list[str]) -> Page | None:
    """The specific page at root/<path>: no query once cached (none for a path seen before that is not a page)."""
    url_path = root.url_path + "".join(f"{component}/" for component in path_components)
    key = _key("route", hashlib.sha256(url_path.encode()).hexdigest())
    target = _lookup_get(key)
    if target is None:
        row = Page.objects.filter(url_path=url_path, path__startswith=root.path).values_list("pk", "content_type_id")
        target = row.first() or False
        _lookup_set(key, target)
    if not target:
        return None
    from django.contrib.contenttypes.models import ContentType

    model = ContentType.objects.get_for_id(target[1]).model_class()  # ContentType keeps its own cache
    if model is None:
        return None
    # The page itself until the next publish or save (each request unpickles its own copy): no query.
    return page_for_pages(("page", target[0]), lambda: model.objects.filter(pk=target[0]).first())


def restricted_ancestry(*, page: Page) -> tuple[bool, list[int]]:
    """(whether an alias sits on the page's path, ids of restricted pages on the path), from a cached map."""
    key = _key("restrictions")
    known = _lookup_get(key)
    if known is None:
        known = {
            "restricted": dict(PageViewRestriction.objects.values_list("page__path", "page_id")),
            "aliases": set(Page.objects.filter(alias_of__isnull=False).values_list("path", flat=True)),
        }
        _lookup_set(key, known)
    prefixes = [page.path[:end] for end in range(Page.steplen, len(page.path) + 1, Page.steplen)]
    has_alias = any(prefix in known["aliases"] for prefix in prefixes)
    return has_alias, [known["restricted"][prefix] for prefix in prefixes if prefix in known["restricted"]]


class CachedRoutingMixin:
    """For the site's root page: route a whole path in one query and check view restrictions from the cache."""

    def route(self, request, path_components):
        if path_components:
            page = page_at(root=self, path_components=path_components)
            if page is not None:
                return page.route(request, [])
        return super().route(request, path_components)


class CachedViewRestrictionsMixin:
    """Page view restrictions read from the cache: no query for a page without restrictions (the usual case)."""

    def get_view_restrictions(self):
        has_alias, restricted_ids = restricted_ancestry(page=self)
        if has_alias:
            return super().get_view_restrictions()
        if not restricted_ids:
            return PageViewRestriction.objects.none()
        return PageViewRestriction.objects.filter(page_id__in=restricted_ids)


class AnonymousPageCacheMiddleware:
    """Serve Wagtail pages to anonymous visitors from the cache.

    Only GET/HEAD requests without a session or messages cookie are looked up, so a signed-in person (or
    anyone with a pending message) is never served a shared page; only 200 HTML responses of Wagtail's page
    view are stored, keyed by host, full path and language. The CSRF token in a stored page is replaced by a
    placeholder and every hit gets the visitor's own token, so forms (language, sign-in) keep working.
    Put it last in MIDDLEWARE: the outer middleware (security headers, CSRF cookie, language) runs on hits.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info in _PROBE_PATHS:
            return self.get_response(request)  # health probes must answer without the cache or the database
        token = _REQUEST_MEMO.set({})
        try:
            return self._respond(request)
        finally:
            _REQUEST_MEMO.reset(token)

    def _respond(self, request):
        site_for_request(request)
        seconds = getattr(settings, "MELAYANI_PAGE_CACHE_SECONDS", 0)
        key = self._key(request) if seconds else None
        if key is not None:
            stored = cache.get(key)
            if stored is not None:
                return self._from_cache(request, stored)
        response = self.get_response(request)
        if key is not None and self._storable(request, response):
            content = _placeholders_in(response.content)
            cache.set(key, (response.status_code, response["Content-Type"], content), timeout=seconds)
            response["X-Melayani-Cache"] = "miss"
        return response

    @staticmethod
    def _key(request) -> str | None:
        if request.method not in ("GET", "HEAD"):
            return None
        if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
            return None
        if request.path.startswith(("/admin/", "/django-admin/", "/static/", "/media/")):
            return None
        raw = f"{request._get_raw_host()}|{request.get_full_path()}|{getattr(request, 'LANGUAGE_CODE', '')}"
        return _key("anonymous", hashlib.sha256(raw.encode()).hexdigest())

    @staticmethod
    def _storable(request, response) -> bool:
        match = getattr(request, "resolver_match", None)
        if match is None or match.url_name != "wagtail_serve" or response.status_code != 200:
            return False
        if getattr(response, "streaming", False) or not response["Content-Type"].startswith("text/html"):
            return False
        if response.cookies or response.get("Cache-Control", "") or getattr(request, "is_preview", False):
            return False
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return False
        messages = getattr(request, "_messages", None)
        return not getattr(messages, "_queued_messages", None)

    @staticmethod
    def _from_cache(request, stored) -> HttpResponse:
        status, content_type, content = stored
        content = _placeholders_out(request, content)
        response = HttpResponse(content, status=status, content_type=content_type)
        response["X-Melayani-Cache"] = "hit"
        return response
