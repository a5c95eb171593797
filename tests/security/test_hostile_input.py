"""Hostile input on public forms, uploads and imports: never a 500, always escaped, nothing half-saved,
and formulas typed into an import come out of an export as text."""

import csv
import io
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from people.importing import ROSTER_COLUMNS, roster_import
from people.models import User
from records.models import Completion
from reports.exports import write_csv
from tests import factories

pytestmark = pytest.mark.django_db

XSS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(document.cookie)",
    "<svg/onload=alert(1)>",
]
SQLISH = ["' OR '1'='1", "1; DROP TABLE people_user;--", "%' UNION SELECT password FROM people_user --"]
BAD_NIPS = [
    "12345",
    "1985031220100120021",
    "19850312201001200X",
    "000000000000000000",
    "１９８５０３１２２０１００１２００２",
]
UNICODE = [
    "مريم الأحمد",  # right-to-left
    "Ni\u0301ko\u0308la\u0327",  # combining marks
    "Siti 🌺👩🏽‍💻",  # emoji with a zero-width joiner
    "\u202eevil\u202c",  # right-to-left override
    "A" * 200,
]
FORMULAS = ["=cmd|' /C calc'!A0", "+SUM(1+1)", "-2+3", "@SUM(A1)", '=HYPERLINK("http://evil.example","klik")']
EVERYTHING = XSS + SQLISH + BAD_NIPS + UNICODE + FORMULAS


def assert_escaped(response, payload: str):
    assert response.status_code < 500
    if "<" in payload or ">" in payload:
        assert payload.encode() not in response.content


@pytest.mark.parametrize("payload", EVERYTHING)
def test_sign_in_with_hostile_usernames_answers_with_a_form_error(client, payload):
    response = client.post(reverse("people:login"), {"username": payload, "password": payload})
    assert response.status_code == 200
    assert_escaped(response, payload)
    assert b"errorlist" in response.content or b"error" in response.content


@pytest.mark.parametrize("payload", EVERYTHING)
def test_certificate_lookup_by_number_reflects_nothing_unescaped(client, payload):
    response = client.get(reverse("certificates:lookup"), {"nomor": payload})
    assert response.status_code in {200, 404}
    assert_escaped(response, payload)


@pytest.mark.parametrize("payload", ["<script>x</script>", "' OR 1=1 --", "..%2f..%2fetc%2fpasswd", "🌺" * 50])
def test_certificate_verification_token_in_the_path_is_a_404_not_a_500(client, payload):
    response = client.get("/verifikasi/" + quote(payload, safe="") + "/")
    assert response.status_code in {200, 404}
    assert_escaped(response, payload)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("sertifikat.pdf", b"<html><script>alert(1)</script></html>"),
        ("sertifikat.pdf", b""),
        ("sertifikat.pdf", b"%PDF-1.7\n garbage \x00\xff"),
        ("<script>.pdf", b"%PDF-1.4\n"),
        ("sertifikat.exe", b"MZ\x90\x00"),
    ],
)
def test_certificate_verify_by_file_refuses_malformed_files_with_a_message(client, name, content):
    response = client.post(reverse("certificates:verify_file"), {"file": SimpleUploadedFile(name, content)})
    assert response.status_code in {200, 400}
    assert b"<script>" not in response.content


@override_settings(MELAYANI_VERIFY_UPLOAD_MAX_BYTES=1024)
def test_certificate_verify_by_file_refuses_an_oversized_file(client):
    response = client.post(
        reverse("certificates:verify_file"), {"file": SimpleUploadedFile("besar.pdf", b"%PDF-1.4\n" + b"0" * 4096)}
    )
    assert response.status_code in {200, 400}
    assert b"%PDF" not in response.content


def roster(*names_and_nips) -> bytes:
    lines = [",".join(ROSTER_COLUMNS)]
    for name, nip in names_and_nips:
        quoted = '"' + name.replace('"', '""') + '"'
        lines.append(f"{nip},{quoted},x@pu.go.id,Analis,Penata,III/c,PNS,SDA")
    return ("\n".join(lines) + "\n").encode()


@pytest.fixture
def sda(db):
    return factories.UnitFactory(code="SDA", name="Sumber Daya Air")


@pytest.mark.parametrize("bad_nip", BAD_NIPS + SQLISH)
def test_roster_with_one_bad_nip_imports_nothing(sda, bad_nip):
    before = User.objects.count()
    result = roster_import(data=roster(("Siti", "198503122010012002"), ("Budi", bad_nip)), filename="r.csv")
    assert result.errors
    assert User.objects.count() == before


def test_hostile_names_are_stored_verbatim_shown_escaped_and_exported_as_text(client, sda):
    names = XSS[:2] + UNICODE + FORMULAS
    nips = [f"19850312201001{2000 + index:04d}" for index in range(len(names))]
    result = roster_import(data=roster(*zip(names, nips, strict=True)), filename="r.csv")
    assert not result.errors, result.errors
    for name, nip in zip(names, nips, strict=True):
        assert User.objects.get(nip=nip).full_name == name.strip()

    # Stored XSS: the learner's own home page shows the name as text.
    person = User.objects.get(nip=nips[0])
    client.force_login(person)
    home = client.get(reverse("reports:my_learning"))
    assert home.status_code == 200
    assert XSS[0].encode() not in home.content

    # Formula injection: every name that a spreadsheet would run is neutralised in the export.
    module = factories.module(lessons=0)
    for nip in nips:
        factories.completion(user=User.objects.get(nip=nip), module=module)
    buffer = io.BytesIO()
    write_csv(Completion.objects.all(), buffer)
    cells = [cell for row in csv.reader(io.StringIO(buffer.getvalue().decode("utf-8-sig"))) for cell in row]
    for formula in FORMULAS:
        assert formula not in cells
        assert "'" + formula in cells
