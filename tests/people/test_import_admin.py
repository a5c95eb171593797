"""The roster import page in the Wagtail admin: HR only, dry run by default, a downloadable error report."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from people.models import ImportRun, User
from tests import factories

from .test_roster_import import NIP_A, csv_bytes, row

URL = "/admin/impor/pegawai/"


@pytest.fixture
def sda(db):
    return factories.UnitFactory(code="SDA", name="Sumber Daya Air")


@pytest.fixture
def hr_client(client, sda):
    client.cookies["django_language"] = "en"
    client.force_login(factories.hr_user(units=[sda]))
    return client


def upload(client, data: bytes, *, dry_run: bool):
    payload = {"file": SimpleUploadedFile("roster.csv", data, content_type="text/csv")}
    if dry_run:
        payload["dry_run"] = "on"
    return client.post(URL, payload)


def test_the_page_has_the_wagtail_header_and_breadcrumbs(hr_client):
    response = hr_client.get(URL)
    assert response.status_code == 200
    assert b"Import roster" in response.content and b"breadcrumb" in response.content


def test_a_learner_cannot_open_the_import(client, sda):
    learner = factories.UserFactory(unit=sda, is_staff=True)
    client.force_login(learner)
    assert client.get(URL).status_code in (302, 403)


def test_a_dry_run_then_the_import(hr_client):
    response = upload(hr_client, csv_bytes(row()), dry_run=True)
    assert response.status_code == 200 and b"Dry run" in response.content
    assert not User.objects.filter(nip=NIP_A).exists()

    upload(hr_client, csv_bytes(row()), dry_run=False)
    assert User.objects.filter(nip=NIP_A).exists()


def test_errors_are_listed_and_downloadable_by_the_uploader_only(hr_client, client, sda):
    response = upload(hr_client, csv_bytes(row(nip="123"), row(unit="NOPE")), dry_run=False)
    assert b"nothing was imported" in response.content
    run = ImportRun.objects.get()

    report = hr_client.get(f"/admin/impor/{run.pk}/kesalahan.csv")
    assert report.status_code == 200 and report["Content-Type"].startswith("text/csv")
    lines = report.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "baris,kolom,pesan"
    assert lines[1].startswith("2,nip,") and lines[2].startswith("3,kode_unit,")

    other = factories.hr_user(units=[sda])
    client.force_login(other)
    assert client.get(f"/admin/impor/{run.pk}/kesalahan.csv").status_code == 404


def test_units_import_is_for_administrators(hr_client):
    assert hr_client.get("/admin/impor/unit/").status_code in (302, 403)
