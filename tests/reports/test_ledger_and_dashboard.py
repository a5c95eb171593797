"""The JP ledger (platform + external training), people short of the target and the HR dashboard, by scope."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import ModelLogEntry

from records.models import ExternalTraining
from records.selectors import jp_earned, jp_ledger
from records.services import external_training_record
from reports.selectors import dashboard, people_meeting_target, short_of_target
from tests import factories

pytestmark = pytest.mark.django_db
YEAR = 2026


def at(year=YEAR, month=5):
    return datetime.datetime(year, month, 10, 9, tzinfo=ZoneInfo("Asia/Jakarta"))


def external(user, jp, *, status=ExternalTraining.Status.APPROVED, year=YEAR):
    return external_training_record(
        entered_by=None,
        user=user,
        title="Diklat luar",
        started_on=datetime.date(year, 3, 1),
        ended_on=datetime.date(year, 3, 2),
        jp=jp,
        status=status,
    )


def test_the_ledger_adds_completions_and_approved_external_training(tree):
    person = factories.UserFactory(unit=tree[1])
    factories.completion(user=person, jp=12, completed_at=at())
    factories.completion(user=person, jp=30, completed_at=at(YEAR - 1))
    external(person, 6)
    external(person, 9, status=ExternalTraining.Status.REJECTED)

    ledger = jp_ledger(user=person, year=YEAR)

    assert ledger.total == 18 == jp_earned(user=person, year=YEAR)
    assert (ledger.target, ledger.shortfall) == (20, 2)
    assert [(entry.source, entry.jp, entry.counted) for entry in ledger.entries] == [
        ("external", 6, True),
        ("external", 9, False),
        ("platform", 12, True),
    ]


def test_short_of_target_and_meeting_count_both_sources_and_stay_in_scope(tree):
    a, a1, b = tree
    short = factories.UserFactory(unit=a1)
    factories.completion(user=short, jp=10, completed_at=at())
    met_by_mix = factories.UserFactory(unit=a)
    factories.completion(user=met_by_mix, jp=15, completed_at=at())
    external(met_by_mix, 5)
    nothing = factories.UserFactory(unit=a1)
    outsider = factories.UserFactory(unit=b)
    hr = factories.hr_user(units=[a])

    assert list(short_of_target(user=hr, year=YEAR)) == [nothing, short]
    assert people_meeting_target(user=hr, year=YEAR) == 1
    assert outsider not in short_of_target(user=hr, year=YEAR)
    assert list(short_of_target(user=hr, year=YEAR, unit_code="B")) == []


def test_the_dashboard_aggregates_the_subtree_by_child_unit(tree):
    a, a1, b = tree
    module = factories.module(title="Modul X", lessons=0)
    one = factories.UserFactory(unit=a1)
    factories.UserFactory(unit=a1)
    factories.completion(user=one, module=module, jp=20, completed_at=at())
    factories.completion(user=factories.UserFactory(unit=b), completed_at=at())
    hr = factories.hr_user(units=[a])

    numbers = dashboard(user=hr, year=YEAR, unit_code="A")

    assert (numbers["people"], numbers["completions"], numbers["jp"], numbers["meeting"], numbers["short"]) == (
        2,
        1,
        20,
        1,
        1,
    )
    assert [(row["unit"].code, row["people"], row["learners"], row["percent"]) for row in numbers["by_unit"]] == [
        ("A1", 2, 1, 50)
    ]
    assert [(row["title"], row["n"]) for row in numbers["by_module"]] == [("Modul X", 1)]
    assert dashboard(user=hr, year=YEAR, unit_code="B")["people"] == 0


def test_the_dashboard_page_draws_a_chart_with_a_table(client, tree):
    client.force_login(factories.hr_user(units=[tree[0]]))
    factories.completion(user=factories.UserFactory(unit=tree[1]), completed_at=at())
    response = client.get("/admin/rekap/dasbor/", {"tahun": YEAR})
    html = response.content.decode()
    assert response.status_code == 200
    assert "chart.umd.min.js" in html and "<canvas" in html and "<table" in html
    assert "Unit A1" in html


def test_hr_opens_a_ledger_in_scope_only_and_the_view_is_logged(client, tree):
    a, a1, b = tree
    hr = factories.hr_user(units=[a])
    client.force_login(hr)
    mine, other = factories.UserFactory(unit=a1), factories.UserFactory(unit=b)

    assert client.get(f"/admin/rekap/jp/{mine.nip}/").status_code == 200
    assert client.get(f"/admin/rekap/jp/{other.nip}/").status_code == 404
    entry = ModelLogEntry.objects.get(action="melayani.ledger_view")
    assert entry.user == hr and entry.object_id == str(mine.pk)


def test_hr_adds_external_training_with_a_scan_kept_privately(client, tree, settings):
    hr = factories.hr_user(units=[tree[0]])
    client.force_login(hr)
    person = factories.UserFactory(unit=tree[1])
    scan = SimpleUploadedFile("sertifikat.pdf", b"%PDF-1.4 scan", content_type="application/pdf")

    response = client.post(
        f"/admin/rekap/jp/{person.nip}/",
        {
            "title": "Diklat PIM",
            "organiser": "LAN",
            "started_on": "2026-03-01",
            "ended_on": "2026-03-05",
            "jp": "8",
            "certificate_number": "LAN/1",
            "certificate_file": scan,
        },
    )

    assert response.status_code == 302
    training = ExternalTraining.objects.get()
    assert (training.user, training.entered_by, training.jp) == (person, hr, 8)
    assert str(settings.PRIVATE_ROOT) in training.certificate_file.path
    download = client.get(f"/admin/rekap/jp/{person.nip}/eksternal/{training.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 scan"


def test_a_scan_that_is_not_a_pdf_or_image_is_refused(client, tree):
    client.force_login(factories.hr_user(units=[tree[0]]))
    person = factories.UserFactory(unit=tree[1])
    fake = SimpleUploadedFile("sertifikat.pdf", b"MZ\x90 not a pdf", content_type="application/pdf")
    response = client.post(
        f"/admin/rekap/jp/{person.nip}/",
        {"title": "X", "started_on": "2026-03-05", "ended_on": "2026-03-01", "jp": "0", "certificate_file": fake},
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"certificate_file", "ended_on", "jp"}
    assert not ExternalTraining.objects.exists()


def test_hr_of_unit_a_gets_nothing_of_unit_b_through_any_admin_route(client, tree):
    a, a1, b = tree
    client.force_login(factories.hr_user(units=[a]))
    client.cookies["django_language"] = "en"
    outsider = factories.UserFactory(unit=b, full_name="Orang Luar Unit")
    factories.completion(user=outsider, completed_at=at())
    for url in [
        "/admin/rekap/penyelesaian/",
        "/admin/rekap/penyelesaian.csv",
        "/admin/rekap/penyelesaian.xlsx",
        "/admin/rekap/penyelesaian.ods",
        "/admin/rekap/dasbor/",
        "/admin/rekap/jp/",
    ]:
        for params in ({}, {"unit": "B"}, {"tahun": YEAR, "unit": "B"}):
            response = client.get(url, params)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            if url.endswith(".xlsx"):
                import io

                from openpyxl import load_workbook

                body = repr([c.value for r in load_workbook(io.BytesIO(body)).active.iter_rows() for c in r]).encode()
            if url.endswith(".ods"):
                from .helpers import ods_values

                body = repr(ods_values(body)).encode()
            assert outsider.nip.encode() not in body, (url, params)
            assert b"Orang Luar Unit" not in body, (url, params)


def withdraw_url(person, training) -> str:
    return f"/admin/rekap/jp/{person.nip}/eksternal/{training.pk}/tarik/"


def test_hr_withdraws_an_external_entry_made_in_error_it_stops_counting_but_stays_on_record(client, tree):
    from records.models import JpYear

    hr = factories.hr_user(units=[tree[0]])
    client.force_login(hr)
    person = factories.UserFactory(unit=tree[1])
    kept, wrong = external(person, 4), external(person, 16)
    assert jp_earned(user=person, year=YEAR) == 20

    response = client.post(withdraw_url(person, wrong), {"reason": "Salah orang: sertifikat milik pegawai lain"})
    client.post(withdraw_url(person, wrong), {"reason": "klik kedua"})  # a second click uncounts nothing

    assert response.status_code == 302
    wrong.refresh_from_db()
    assert wrong.status == ExternalTraining.Status.REJECTED
    assert wrong.withdrawn_reason == "Salah orang: sertifikat milik pegawai lain"
    assert jp_earned(user=person, year=YEAR) == 4
    assert jp_ledger(user=person, year=YEAR).total == 4
    assert JpYear.objects.get(user=person, year=YEAR).external_jp == 4
    entry = ModelLogEntry.objects.get(action="melayani.external_withdraw")
    assert entry.user == hr and entry.object_id == str(person.pk) and entry.data["jp"] == 16
    assert kept.pk != wrong.pk
    page = client.get(f"/admin/rekap/jp/{person.nip}/?tahun={YEAR}").content.decode()
    assert "Salah orang" in page


def test_withdrawing_needs_a_reason_and_changes_nothing_without_one(client, tree):
    client.force_login(factories.hr_user(units=[tree[0]]))
    person = factories.UserFactory(unit=tree[1])
    training = external(person, 6)

    response = client.post(withdraw_url(person, training), {"reason": "   "}, follow=True)

    training.refresh_from_db()
    assert training.status == ExternalTraining.Status.APPROVED
    assert jp_earned(user=person, year=YEAR) == 6
    assert any(message.level_tag == "error" for message in response.context["messages"])


def test_hr_of_another_unit_cannot_withdraw_and_a_get_changes_nothing(client, tree):
    a, a1, b = tree
    person = factories.UserFactory(unit=b)
    training = external(person, 6)
    client.force_login(factories.hr_user(units=[a]))

    assert client.post(withdraw_url(person, training), {"reason": "x"}).status_code == 404
    client.force_login(factories.hr_user(units=[b]))
    assert client.get(withdraw_url(person, training)).status_code == 405
    training.refresh_from_db()
    assert training.status == ExternalTraining.Status.APPROVED
