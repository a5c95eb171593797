"""WeasyPrint held safely: bundled fonts and stylesheet parsed once per process, a fetcher that serves only the
platform's own files, a time bound, and the collector paused while a document is laid out."""

import atexit
import gc
import mimetypes
import signal
import threading
from contextlib import contextmanager
from functools import cache
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.templatetags.static import static


class RenderRefused(Exception):
    """The document asked for something a certificate may not contain or took too long."""


# -- the fetcher --------------------------------------------------------------------------------------------------


@cache
def platform_only_fetcher_class():
    """The fetcher class, built on first use: WeasyPrint is imported by a render, not by every process at startup."""
    from weasyprint.urls import URLFetcher

    return type("PlatformOnlyFetcher", (_PlatformOnlyFetching, URLFetcher), {})


class _PlatformOnlyFetching:
    """Serves data: URIs and the platform's own static and media files from disk; refuses everything else.

    No file://, no network, so no redirects either; a refused resource stops the render (fail_on_errors).
    """

    def __init__(self):
        super().__init__(allowed_protocols=("data", "http", "https"), allow_redirects=False, fail_on_errors=True)

    def fetch(self, url, headers=None):
        from weasyprint.urls import URLFetcherResponse

        if url.startswith("data:"):
            return super().fetch(url, headers)
        parts, own = urlsplit(url), urlsplit(settings.MELAYANI_BASE_URL)
        if (parts.scheme, parts.netloc) != (own.scheme, own.netloc) or parts.query or "\\" in parts.path:
            raise RenderRefused(f"resource outside the platform refused: {url}")
        path = unquote(parts.path)
        relative = None
        for prefix, opener in ((settings.STATIC_URL, _open_static), (settings.MEDIA_URL, default_storage.open)):
            if prefix and path.startswith(prefix):
                relative = str(PurePosixPath(path[len(prefix) :]))
                if relative.startswith(("/", "..")) or "/../" in relative:
                    break
                handle = opener(relative)
                if handle is None:
                    break
                mime = mimetypes.guess_type(relative)[0] or "application/octet-stream"
                return URLFetcherResponse(url, handle, {"Content-Type": mime})
        raise RenderRefused(f"resource refused: {url}")


def _open_static(relative: str):
    found = finders.find(relative)
    if not found and settings.STATIC_ROOT:
        candidate = settings.STATIC_ROOT / relative
        found = str(candidate) if candidate.is_file() else None
    return open(found, "rb") if found else None  # noqa: SIM115  (WeasyPrint closes it)


# -- parsed once per worker ---------------------------------------------------------------------------------------

# The bundled fonts a certificate may use (family, file under static fonts/liberation/, weight, style).
FONT_FACES = (
    ("Melayani Serif", "LiberationSerif-Regular.ttf", 400, "normal"),
    ("Melayani Serif", "LiberationSerif-Bold.ttf", 700, "normal"),
    ("Melayani Serif", "LiberationSerif-Italic.ttf", 400, "italic"),
    ("Melayani Serif", "LiberationSerif-BoldItalic.ttf", 700, "italic"),
    ("Melayani Sans", "LiberationSans-Regular.ttf", 400, "normal"),
    ("Melayani Sans", "LiberationSans-Bold.ttf", 700, "normal"),
)


@cache
def _shared():
    """The font configuration and the bundled stylesheet (with @font-face), parsed once per process."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    font_config = FontConfiguration()
    # Freed before the interpreter tears WeasyPrint's C bindings down (else its __del__ fails noisily at exit).
    atexit.register(_shared.cache_clear)
    fetcher = platform_only_fetcher_class()()
    base = settings.MELAYANI_BASE_URL
    faces = []
    for family, file, weight, style in FONT_FACES:
        url = base + static(f"fonts/liberation/{file}")
        faces.append(
            f'@font-face {{ font-family: "{family}"; src: url("{url}"); font-weight: {weight}; font-style: {style}; }}'
        )
    sheet = render_to_string("certificates/certificate.css")
    css = CSS(string="\n".join(faces) + sheet, font_config=font_config, url_fetcher=fetcher, base_url=base)
    return font_config, css, fetcher


@contextmanager
def _deadline(seconds: float):
    """Bound a render's time where a timer signal is available (the worker's main thread)."""
    if threading.current_thread() is not threading.main_thread() or not seconds:
        yield
        return

    def expired(signum, frame):
        raise RenderRefused(f"render took longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


_GC_LOCK = threading.Lock()
_gc_pause = {"depth": 0, "restore": False}


@contextmanager
def gc_paused():
    """No cyclic garbage collection during a render; one young-generation pass afterwards.

    A layout allocates hundreds of thousands of short-lived objects; next to a Django/Wagtail process's few hundred
    thousand long-lived ones, the collector's passes took about a third of a certificate's CPU time (measured with
    gc.callbacks). What a render leaves in reference cycles is still young when the pause ends, so a generation-0
    pass frees it without walking the long-lived heap. Nested and concurrent pauses are counted.
    """
    with _GC_LOCK:
        if _gc_pause["depth"] == 0:
            _gc_pause["restore"] = gc.isenabled()
            gc.disable()
        _gc_pause["depth"] += 1
    try:
        yield
    finally:
        with _GC_LOCK:
            _gc_pause["depth"] -= 1
            restore = _gc_pause["depth"] == 0 and _gc_pause["restore"]
            if restore:
                gc.enable()
        if restore:
            gc.collect(0)


@contextmanager
def render_guard(seconds: float):
    """Around every WeasyPrint call: the time bound, the collector paused, a refused resource as RenderRefused."""
    from weasyprint.urls import FatalURLFetchingError

    try:
        with gc_paused(), _deadline(seconds):
            yield
    except FatalURLFetchingError as error:
        raise RenderRefused(str(error.__cause__ or error)) from error


def layout(html: str):
    """The one WeasyPrint layout (call inside render_guard): shared fonts and stylesheet, the locked fetcher, no
    attachments."""
    from weasyprint import HTML

    font_config, css, fetcher = _shared()
    document = HTML(string=html, base_url=settings.MELAYANI_BASE_URL, url_fetcher=fetcher).render(
        stylesheets=[css], font_config=font_config
    )
    if document.metadata.attachments:
        raise RenderRefused("attachments are not allowed in a certificate")
    return document


def html_to_pdf(html: str) -> bytes:
    """One certificate's PDF from its HTML, within the time limit."""
    with render_guard(settings.MELAYANI_CERTIFICATE_RENDER_SECONDS):
        return layout(html).write_pdf()


PDFIUM_LOCK = threading.Lock()  # PDFium is not thread-safe


def pdf_first_page_png(pdf: bytes, *, dpi: int = 96) -> bytes:
    """The first page as a PNG (PDFium through pypdfium2), for an image preview that needs no PDF viewer."""
    from io import BytesIO

    import pypdfium2

    with PDFIUM_LOCK:
        document = pypdfium2.PdfDocument(pdf)
        try:
            image = document[0].render(scale=dpi / 72).to_pil()
        finally:
            document.close()
    output = BytesIO()
    image.save(output, format="PNG", optimize=False)
    return output.getvalue()
