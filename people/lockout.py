"""Sign-in lockout (django-axes) for the site's NIP sign-in and the Wagtail admin sign-in."""

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.shortcuts import render

from .validators import normalize_nip


class LockoutBackend(AxesStandaloneBackend):
    """Refuses a locked NIP/username; authenticate() calls without a request (shell, tests) are not counted."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)

    def get_user(self, user_id):
        """Sessions that name this backend (it is first in the list) load the user as the NIP backend does."""
        from .backends import NipOrUsernameBackend

        return NipOrUsernameBackend().get_user(user_id)


def lockout_username(request, credentials) -> str | None:
    """Count failures per person: a NIP typed with spaces or dots is the same NIP."""
    username = (credentials or {}).get("username")
    if username is None and request is not None:
        username = request.POST.get("username")
    if not username:
        return None
    username = username.strip()
    compact = normalize_nip(username)
    return compact if compact.isdigit() else username.lower()


def lockout_response(request, original_response=None, credentials=None):
    """The lockout page (429), in the visitor's language, for the site and the admin alike."""
    minutes = round(float(settings.AXES_COOLOFF_TIME or 0) * 60)
    # Rendered now: axes swaps it in after the view, past the point where a TemplateResponse is rendered.
    return render(
        request,
        "people/lockout.html",
        {"failure_limit": settings.AXES_FAILURE_LIMIT, "cooloff_minutes": minutes},
        status=429,
    )
