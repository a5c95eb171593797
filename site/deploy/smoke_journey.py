"""The learner journey against a running deployment (site/deploy/smoke.sh): `seed` writes the data, `journey`
drives Debian's Chromium through two app servers in turn, so sessions, the queue and the files must be shared."""

import argparse
import json
import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def seed(out: Path) -> None:
    """One unit, one learner, a published module with two lessons and a three-question quiz."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from tests import factories

    unit = factories.UnitFactory(code="DPL", name="Uji Deploy")
    learner = factories.UserFactory(unit=unit, full_name="Dewi Lestari, S.T.")
    module = factories.module(title="Modul Uji Deploy", lessons=2)
    factories.quiz(module=module, questions=3)
    out.write_text(json.dumps({"nip": learner.nip, "password": factories.PASSWORD, "module_url": module.url}))
    print(f"seeded: learner {learner.nip}, module {module.url}")


def journey(data: dict, servers: list[str], deadline_seconds: float) -> None:
    from playwright.sync_api import sync_playwright

    started = time.monotonic()
    a, b = servers

    def step(text: str) -> None:
        print(f"[{time.monotonic() - started:6.1f}s] {text}", flush=True)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        context = browser.new_context(accept_downloads=True, locale="id-ID")
        page = context.new_page()
        page.set_default_timeout(30_000)

        step(f"sign in on {a}")
        page.goto(a + "/masuk/")
        page.get_by_label("NIP atau nama pengguna").fill(data["nip"])
        page.get_by_label("Kata sandi").fill(data["password"])
        page.get_by_role("button", name="Masuk").click()
        page.wait_for_url(re.compile(r"/beranda/$"))

        step(f"open the module and its lessons on {b} (the session is in Redis/PostgreSQL, not in app A)")
        page.goto(b + data["module_url"])
        page.get_by_role("link", name="Mulai materi pertama").click()
        for _lesson in range(2):
            page.get_by_role("button", name="Tandai selesai dan lanjutkan").click()
        page.wait_for_url(re.compile(re.escape(data["module_url"]) + "$"))

        step(f"answer the quiz on {a}")
        page.goto(a + data["module_url"])
        page.get_by_role("button", name="Kerjakan kuis").click()
        for number in range(3):
            page.get_by_label(f"Benar {number}").check()
        page.get_by_role("button", name="Selesai dan nilai").click()
        page.get_by_text("Lulus").first.wait_for()

        step("wait for an RQ worker to issue the certificate")
        link = None
        while time.monotonic() - started < deadline_seconds:
            page.goto(b + "/beranda/")
            candidate = page.get_by_role("link", name="Unduh PDF")
            if candidate.count():
                link = candidate.first
                break
            time.sleep(2)
        if link is None:
            raise SystemExit("FAIL: no certificate link appeared within the deadline (is a worker running?)")

        step("download it: the app checks the holder, then redirects to a signed URL on the object store")
        with page.expect_download() as download_info:
            link.click()
        download = download_info.value
        assert "X-Amz-Signature=" in download.url, download.url
        with open(download.path(), "rb") as handle:
            head = handle.read(5)
        assert head == b"%PDF-", head
        step(f"PDF downloaded ({download.suggested_filename}) from {download.url.split('?')[0]}")

        step("a signed-out visitor gets no certificate")
        context.clear_cookies()
        response = page.request.get(a + "/beranda/", max_redirects=0)
        assert response.status in (302, 303), response.status
        browser.close()
    step("journey passed")


def main() -> None:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    seed_parser = sub.add_parser("seed")
    seed_parser.add_argument("out", type=Path)
    journey_parser = sub.add_parser("journey")
    journey_parser.add_argument("data", type=Path)
    journey_parser.add_argument("servers", nargs=2)
    journey_parser.add_argument("--deadline", type=float, default=240)
    args = parser.parse_args()
    if args.command == "seed":
        seed(args.out)
    else:
        journey(json.loads(args.data.read_text()), args.servers, args.deadline)


if __name__ == "__main__":
    main()
