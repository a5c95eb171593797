"""Browser journeys: Playwright's sync API driving Debian's Chromium (never a downloaded browser)."""

import os
import shutil
import signal
import threading

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Each journey, with its function-scoped fixtures, must end within this many seconds (the test database is built
# once per session before the clock starts); the slowest takes about 45 s on a loaded 2-core machine. The alarm
# is raised when Python next gets control; a blocked browser call returns within its own 15-20 s step timeout.
JOURNEY_SECONDS = int(os.environ.get("MELAYANI_E2E_TEST_SECONDS", "300"))


class JourneyTimeout(Exception):
    """A journey ran past JOURNEY_SECONDS: a hung page, server or worker, reported instead of stalling CI."""


@pytest.fixture(autouse=True)
def journey_time_limit():
    if not hasattr(signal, "SIGALRM") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise JourneyTimeout(f"the journey took longer than {JOURNEY_SECONDS} s (MELAYANI_E2E_TEST_SECONDS)")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(JOURNEY_SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        pytest.skip(f"Chromium is not installed at {CHROMIUM}: `make e2e` installs Debian's chromium package")
    # live_server runs Django in a thread; Playwright's sync API runs an event loop in this one.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def phone(browser):
    """A phone-sized page (the way most ASN learn), Indonesian, accepting downloads."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, accept_downloads=True, locale="id-ID"
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
