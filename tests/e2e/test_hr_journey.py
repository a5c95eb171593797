"""HR's work in a real browser: import a roster file through the admin's import screen (dry run, then for real),
export the completion records as CSV, XLSX and ODS, and verify a certificate on the public page by its number. Every
page is checked with axe-core at 1280 px and 360 px."""

import csv
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.users.models import UserProfile

from certificates.services import certificate_issue
from people.importing import ROSTER_COLUMNS
from people.models import User
from tests import factories
from tests.reports.helpers import ods_values

from .accessibility import WAGTAIL_EXCLUSIONS, AxeLog, assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

NEW_NIP = "198503122010012002"


def roster_csv() -> bytes:
    header = ",".join(ROSTER_COLUMNS)
    row = f'{NEW_NIP},"Siti Rahmawati, S.Sos.",siti@pu.go.id,Analis,Penata,III/c,PNS,SDA'
    return f"{header}\n{row}\n".encode()


def upload_roster(page, *, dry_run: bool):
    page.get_by_label("File (CSV or XLSX)").set_input_files(
        {"name": "roster-sda.csv", "mimeType": "text/csv", "buffer": roster_csv()}
    )
    page.get_by_label(re.compile(r"^Dry run")).set_checked(dry_run)
    page.get_by_role("button", name="Check and import").click()
    page.get_by_role("heading", name="Result").wait_for()


def test_hr_imports_a_roster_exports_the_records_and_verifies_a_certificate(live_server, browser):
    root = factories.UnitFactory(code="KEMENPU", name="Kementerian")
    sda = factories.UnitFactory(code="SDA", name="Sumber Daya Air", parent=root)
    hr = factories.hr_user(units=[sda])
    profile = UserProfile.get_for_user(hr)
    profile.preferred_language = "en"
    profile.save()
    learner = factories.UserFactory(unit=sda, full_name="Budi Santoso, S.T.")
    completion = factories.completion(user=learner, module=factories.module(title="Pelayanan Prima", lessons=0))
    certificate = certificate_issue(completion=completion)
    base, axe = live_server.url, AxeLog()

    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB", accept_downloads=True)
    context.add_cookies([{"name": "django_language", "value": "en", "url": base}])
    try:
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.goto(base + reverse("people:login"))
        page.fill("#id_username", hr.username)
        page.fill("#id_password", factories.PASSWORD)
        page.locator("#id_password").press("Enter")
        page.wait_for_url(lambda url: "/masuk/" not in url)

        # The roster import: a dry run changes nothing, then the import creates the person.
        page.goto(base + reverse("people_roster_import"))
        assert_accessible(page, exclusions=WAGTAIL_EXCLUSIONS, fits_phone=False, log=axe)
        upload_roster(page, dry_run=True)
        page.get_by_text("Dry run: the file is valid").wait_for()
        assert_accessible(page, exclusions=WAGTAIL_EXCLUSIONS, fits_phone=False, log=axe)
        assert not User.objects.filter(nip=NEW_NIP).exists()
        upload_roster(page, dry_run=False)
        page.get_by_text("Imported.").wait_for()
        assert_accessible(page, exclusions=WAGTAIL_EXCLUSIONS, fits_phone=False, log=axe)
        imported = User.objects.get(nip=NEW_NIP)
        assert imported.unit == sda and imported.full_name == "Siti Rahmawati, S.Sos."

        # The completion records, exported as CSV, as XLSX and as ODS.
        page.goto(base + reverse("reports_completion_records"))
        page.get_by_role("cell", name="Budi Santoso, S.T.").wait_for()
        assert_accessible(page, exclusions=WAGTAIL_EXCLUSIONS, fits_phone=False, log=axe)
        with page.expect_download() as csv_download:
            page.get_by_role("link", name="Download CSV").click()
        assert csv_download.value.suggested_filename.endswith(".csv")
        with open(csv_download.value.path(), encoding="utf-8-sig") as handle:
            rows = list(csv.reader(handle))
        assert rows[1][0] == learner.nip and "Budi Santoso, S.T." in rows[1]
        assert certificate.number in rows[1]
        with page.expect_download() as xlsx_download:
            page.get_by_role("link", name="Download XLSX").click()
        assert xlsx_download.value.suggested_filename.endswith(".xlsx")
        with open(xlsx_download.value.path(), "rb") as handle:
            sheet = load_workbook(io.BytesIO(handle.read())).active
        values = [cell.value for cell in next(sheet.iter_rows(min_row=2, max_row=2))]
        assert values[0] == learner.nip and "Budi Santoso, S.T." in values
        with page.expect_download() as ods_download:
            page.get_by_role("link", name="Download ODS").click()
        assert ods_download.value.suggested_filename.endswith(".ods")
        with open(ods_download.value.path(), "rb") as handle:
            values = ods_values(handle.read())[1]
        assert values[0] == learner.nip and "Budi Santoso, S.T." in values

        # Anyone verifies the certificate by its number on the public page (here on a 360 px phone).
        context.clear_cookies()
        context.add_cookies([{"name": "django_language", "value": "en", "url": base}])
        page.set_viewport_size({"width": 360, "height": 740})
        page.goto(base + reverse("certificates:lookup"))
        assert_accessible(page, log=axe)
        page.get_by_label("Certificate number").fill(certificate.number)
        page.keyboard.press("Enter")
        page.get_by_text("This certificate is valid.").wait_for()
        assert_accessible(page, log=axe)
        body = page.content()
        assert "Budi Santoso, S.T." in body and learner.nip not in body
    finally:
        context.close()
    assert len(axe.checked) == 2 * 6
