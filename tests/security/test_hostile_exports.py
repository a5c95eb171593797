"""Hostile input on HR reports and exports: the filter parameters of the admin pages and the API, the NIP in the
ledger's address, external training entered by HR (with its scanned certificate), and hostile text in every
column of the CSV, XLSX and ODS exports. No 500 (PostgreSQL refuses NUL), no formula cells, text shown escaped."""

import csv
import io
import zipfile
from urllib.parse import quote

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from records.models import ExternalTraining
from reports.models import ExportJob, Integration
from tests import factories
from tests.reports.helpers import ods_values

from .test_hostile_input import FORMULAS, SQLISH, UNICODE, XSS, assert_escaped

pytestmark = pytest.mark.django_db

ODD_VALUES = ["²", "١٩٨٥", "2026\x00", "\x00", "' OR 1=1 --", "<script>alert(1)</script>", "9" * 40, "-1", "x" * 500]
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture
def world(db):
    root = factories.UnitFactory(code="=1+1", name=FORMULAS[-1])
    unit = factories.UnitFactory(code="@A1", name=XSS[1], parent=root)
    people = [
        factories.UserFactory(unit=unit, full_name=text, position=FORMULAS[index % len(FORMULAS)])
        for index, text in enumerate([*XSS, *SQLISH, *UNICODE, *FORMULAS, "\tTab", "\rCR"])
    ]
    module = factories.module(title='=HYPERLINK("http://evil.example","modul")', lessons=0)
    for person in people:
        factories.completion(user=person, module=module)
    hr = factories.hr_user(units=[root])
    return {"root": root, "unit": unit, "people": people, "hr": hr}


@pytest.fixture
def hr_client(client, world):
    client.cookies["django_language"] = "en"
    client.force_login(world["hr"])
    return client


PAGES = [
    "reports_completion_records",
    "reports_hr_dashboard",
    "reports_jp_shortfall",
    "reports_learning_gain",
    "reports_completion_records_csv",
    "reports_completion_records_xlsx",
    "reports_completion_records_ods",
]


def test_odd_filter_parameters_on_every_hr_page_never_give_a_500(hr_client):
    for name in PAGES:
        for value in ODD_VALUES:
            response = hr_client.get(reverse(name), {"tahun": value, "unit": value, "p": value})
            assert response.status_code in {200, 400}, (name, value)
            if response.status_code == 200 and not name.endswith(("csv", "xlsx", "ods")):
                assert_escaped(response, value)


def test_a_unit_filter_with_nul_is_a_400_and_starts_no_export(hr_client):
    for name in PAGES:
        assert hr_client.get(reverse(name), {"unit": "=1+1\x00"}).status_code == 400, name
    assert not ExportJob.objects.exists()


def test_hostile_unit_codes_filter_like_any_other(hr_client, world):
    response = hr_client.get(reverse("reports_completion_records"), {"unit": "@A1"})
    assert response.status_code == 200
    assert len(response.context["page_obj"].object_list) == len(world["people"])
    dashboard = hr_client.get(reverse("reports_hr_dashboard"), {"unit": "=1+1"}).content.decode()
    assert "unit=%40A1" in dashboard


def export_cells(hr_client) -> tuple[list[str], list]:
    csv_response = hr_client.get(reverse("reports_completion_records_csv"))
    assert csv_response.status_code == 200
    text = b"".join(csv_response.streaming_content).decode("utf-8-sig")
    csv_cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    xlsx_response = hr_client.get(reverse("reports_completion_records_xlsx"))
    assert xlsx_response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(xlsx_response.streaming_content))).active
    return csv_cells, [cell for row in sheet.iter_rows() for cell in row]


def ods_cells(hr_client) -> list[str]:
    response = hr_client.get(reverse("reports_completion_records_ods"))
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    assert b"table:formula" not in zipfile.ZipFile(io.BytesIO(content)).read("content.xml")
    return [value for row in ods_values(content) for value in row]


def test_every_text_column_of_every_export_is_neutralised(hr_client, world):
    csv_cells, xlsx_cells = export_cells(hr_client)
    assert not [cell.coordinate for cell in xlsx_cells if cell.data_type == "f"]
    xlsx_values = [cell.value for cell in xlsx_cells if isinstance(cell.value, str)]
    for values in (csv_cells, xlsx_values, ods_cells(hr_client)):
        assert not [value for value in values if value.startswith(TRIGGERS)]
        for expected in ("'@A1", "'" + FORMULAS[-1], '\'=HYPERLINK("http://evil.example","modul")'):
            assert expected in values
        assert XSS[0] in values and UNICODE[0] in values and "'\tTab" in values


@override_settings(MELAYANI_EXPORT_MAX_ROWS=1)
def test_a_background_export_with_hostile_filters_keeps_them_as_text(
    hr_client, world, run_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = hr_client.get(reverse("reports_completion_records_csv"), {"unit": "@A1", "tahun": "²"})
    assert response.status_code == 302
    job = ExportJob.objects.get()
    assert job.filters == {"unit_code": "@A1", "year": None}
    run_tasks()
    job.refresh_from_db()
    assert job.status == ExportJob.Status.DONE
    page = hr_client.get(reverse("reports_export_jobs"))
    assert page.status_code == 200
    download = hr_client.get(reverse("reports_export_download", args=[job.pk]))
    text = b"".join(download.streaming_content).decode("utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert "'@A1" in cells and not [cell for cell in cells if cell.startswith(TRIGGERS)]


def test_the_ledger_address_with_an_odd_nip_is_a_404(hr_client):
    for value in ["²" * 18, "19850312201001200\x00", "' OR 1=1 --", "<script>", "9" * 40, "%00"]:
        response = hr_client.get("/admin/rekap/jp/" + quote(value, safe="") + "/")
        assert response.status_code == 404, value


def ledger_post(client, person, **fields):
    data = {
        "title": "Diklat",
        "organiser": "LAN",
        "started_on": "2026-03-01",
        "ended_on": "2026-03-05",
        "jp": "8",
        "certificate_number": "LAN/1",
        **fields,
    }
    return client.post(reverse("reports_jp_ledger", args=[person.nip]), data)


def test_external_training_with_hostile_text_is_stored_verbatim_and_shown_escaped(hr_client, world):
    person = world["people"][0]
    for payload in [*XSS, *SQLISH, *UNICODE, *FORMULAS]:
        response = ledger_post(hr_client, person, title=payload, organiser=payload, certificate_number=payload[:100])
        assert response.status_code == 302, payload
    titles = list(ExternalTraining.objects.order_by("pk").values_list("title", flat=True))
    assert titles == [payload.strip() for payload in [*XSS, *SQLISH, *UNICODE, *FORMULAS]]
    page = hr_client.get(reverse("reports_jp_ledger", args=[person.nip]), {"tahun": "2026"})
    assert page.status_code == 200
    for payload in [*XSS, *UNICODE]:
        assert_escaped(page, payload)
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in page.content


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"title": "Diklat\x00"}, "title"),
        ({"organiser": "\x00"}, "organiser"),
        ({"title": "x" * 256}, "title"),
        ({"certificate_number": "x" * 101}, "certificate_number"),
        ({"jp": "²"}, "jp"),
        ({"jp": "8; DROP TABLE records_externaltraining"}, "jp"),
        ({"jp": "99999999999999999999"}, "jp"),
        ({"started_on": "2026-02-30"}, "started_on"),
        ({"started_on": "<script>"}, "started_on"),
        ({"ended_on": "0000-00-00"}, "ended_on"),
    ],
)
def test_external_training_with_bad_fields_is_refused_with_a_message(hr_client, world, fields, field):
    response = ledger_post(hr_client, world["people"][0], **fields)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert_escaped(response, "<script>")
    assert not ExternalTraining.objects.exists()


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("sertifikat.pdf", b"<html><script>alert(1)</script></html>"),
        ("sertifikat.png", SVG),
        ("sertifikat.svg", SVG),
        ("sertifikat.jpg", b"%PDF-1.4\n"),
        ("sertifikat.html", b"%PDF-1.4\n<script>alert(1)</script>"),
        ("sertifikat.pdf.exe", b"%PDF-1.4\n"),
        ("sertifikat.pdf", b""),
        ("<script>alert(1)</script>.pdf", b"MZ\x90\x00"),
    ],
)
def test_a_scan_that_is_not_what_it_says_is_refused(hr_client, world, name, content):
    response = ledger_post(hr_client, world["people"][0], certificate_file=SimpleUploadedFile(name, content))
    assert response.status_code == 200
    assert "certificate_file" in response.context["form"].errors
    assert b"<script>alert(1)</script>" not in response.content
    assert not ExternalTraining.objects.exists()


def test_a_scan_with_a_hostile_file_name_is_stored_under_a_safe_name(hr_client, world):
    person = world["people"][0]
    scan = SimpleUploadedFile('../../"><img src=x onerror=alert(1)>.pdf', b"%PDF-1.4\n")
    assert ledger_post(hr_client, person, certificate_file=scan).status_code == 302
    stored = ExternalTraining.objects.get().certificate_file.name
    assert ".." not in stored and "<" not in stored and '"' not in stored
    page = hr_client.get(reverse("reports_jp_ledger", args=[person.nip]), {"tahun": "2026"})
    assert_escaped(page, XSS[1])


# --- the read API -------------------------------------------------------------------------------------------


@pytest.fixture
def api(world):
    cache.clear()
    integration = Integration(name=XSS[0])
    token = integration.set_new_token()
    integration.save()
    integration.units.set([world["root"]])
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    yield client
    cache.clear()


API_ROUTES = ["/api/v1/people/", "/api/v1/completions/", "/api/v1/ledger/", "/api/v1/certificates/"]


def test_odd_api_query_parameters_are_a_400_or_a_404_never_a_500(api):
    for route in API_ROUTES:
        for value in ODD_VALUES:
            for parameter in ("unit", "year", "page", "page_size"):
                cache.clear()  # the per-integration throttle is not what this test is about
                response = api.get(route, {parameter: value})
                assert response.status_code in {200, 400, 404}, (route, parameter, value, response.status_code)
                assert response["Content-Type"].startswith("application/json")


def test_api_rows_carry_hostile_text_as_json_strings(api, world):
    response = api.get("/api/v1/people/")
    assert response.status_code == 200
    names = {row["name"] for row in response.json()["results"]}
    assert XSS[0] in names and UNICODE[3] in names
    assert api.get("/api/v1/people/", {"unit": "@A1"}).json()["count"] == len(world["people"])


@pytest.mark.parametrize("header", ["Bearer \x00", "Bearer <script>", "Bearer " + "x" * 5000, "Bearer ²", "Basic Og=="])
def test_a_hostile_api_token_is_a_401(world, header):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header)
    assert client.get("/api/v1/people/").status_code in {401, 403}
