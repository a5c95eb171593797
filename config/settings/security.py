"""Security settings (issue 7): login lockout, Content-Security-Policy, headers, upload limits.

Kept apart from base.py so the storage/cache/queue settings and these can change without touching each
other; base.py imports everything here. Values an operator tunes come from the environment.
"""

import os

from csp.constants import NONCE, NONE, SELF


def _env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# -- Login lockout (django-axes) ------------------------------------------------------------------------
# The site's NIP sign-in and the Wagtail admin sign-in both go through django.contrib.auth.authenticate,
# which axes watches. A NIP (or username) is locked after AXES_FAILURE_LIMIT wrong passwords in a row,
# from any address, until the cool-off passes or an administrator removes the lock (Settings → Sign-in
# locks in the admin, or `manage.py axes_reset_username NIP`).
AXES_ENABLED = os.environ.get("AXES_ENABLED", "1").strip().lower() in {"1", "true", "yes", "on"}
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.5"))  # hours
AXES_LOCKOUT_PARAMETERS = ["username"]
# Not per address as well (axes.W006): a whole ministry office signs in from one NAT address, and five wrong
# passwords there would lock everyone out. Per-person locks stop guessing one account's password.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "people.lockout.lockout_username"
AXES_LOCKOUT_CALLABLE = "people.lockout.lockout_response"
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
# Behind nginx the client address is in X-Forwarded-For; only the proxies' count is trusted.
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("AXES_PROXY_COUNT", "0")) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
AXES_VERBOSE = False

# -- Content-Security-Policy (django-csp) ----------------------------------------------------------------
# Public pages: scripts only from our static files or inline blocks carrying the per-request nonce; no
# plug-ins, no framing by other sites, forms post only to us. Inline style attributes stay allowed
# (progress bars set their width; they cannot run script). Video embeds (oEmbed iframes) come from the
# hosts in MELAYANI_CSP_FRAME_SRC.
CSP_FRAME_HOSTS = _env_list(
    "MELAYANI_CSP_FRAME_SRC",
    "https://www.youtube.com,https://www.youtube-nocookie.com,https://player.vimeo.com",
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "style-src-elem": [SELF, NONCE],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "media-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF, *CSP_FRAME_HOSTS],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    },
}
# The Wagtail admin (Draftail, its inline bootstrapping scripts, image previews from blob: URLs) gets a
# looser policy of its own: inline scripts and styles allowed, everything else still from this site only.
MELAYANI_ADMIN_URL_PREFIX = "/admin/"
MELAYANI_ADMIN_CSP = {
    "default-src": [SELF],
    "script-src": [SELF, "'unsafe-inline'", "'unsafe-eval'"],
    "style-src": [SELF, "'unsafe-inline'"],
    "img-src": [SELF, "data:", "blob:", "https:"],
    "font-src": [SELF, "data:"],
    "media-src": [SELF, "blob:"],
    "connect-src": [SELF],
    "frame-src": [SELF, *CSP_FRAME_HOSTS],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [SELF],
}

# -- Other headers (SecurityMiddleware, people.middleware.SecurityHeadersMiddleware) ---------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"  # Wagtail's preview iframes are same-origin; production.py says DENY.
# The camera is used by the attendance scanner on our own pages; nothing else is.
MELAYANI_PERMISSIONS_POLICY = (
    "camera=(self), microphone=(), geolocation=(), payment=(), usb=(), accelerometer=(), gyroscope=(), magnetometer=()"
)

# -- Uploads -----------------------------------------------------------------------------------------------
# Request bodies other than files (a form post, an API call) stay small; files stream to disk above 2.5 MB.
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("DATA_UPLOAD_MAX_MEMORY_SIZE", str(5 * 1024 * 1024)))
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_PERMISSIONS = 0o640
# Images: raster formats only (SVG can carry script); Willow checks the content is really that format.
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = int(os.environ.get("MELAYANI_IMAGE_MAX_BYTES", str(10 * 1024 * 1024)))
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 64_000_000
# Documents: an allowlist of office, PDF, text and video formats (no HTML, SVG or script), served only
# through Wagtail's view so collection privacy is checked on every download (no raw /media/ link).
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "pptx", "xlsx", "odt", "odp", "ods", "txt", "mp4", "webm"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "people.uploads.SafeDocumentForm"
MELAYANI_DOCUMENT_MAX_BYTES = int(os.environ.get("MELAYANI_DOCUMENT_MAX_BYTES", str(200 * 1024 * 1024)))
# Imported workbooks (rosters, units, questions): what their ZIP parts may expand to before anything is parsed.
# 50 MB of XLSX expands to about 400 MB of XML; a "ZIP bomb" of a few MB to gigabytes.
MELAYANI_XLSX_MAX_EXPANDED_BYTES = int(os.environ.get("MELAYANI_XLSX_MAX_EXPANDED_BYTES", str(800 * 1024 * 1024)))
# Private pages and documents send visitors to the site's NIP sign-in, not Wagtail's bare login form.
WAGTAIL_FRONTEND_LOGIN_URL = "/masuk/"
