"""A learner sends external training with a scan; HR of their unit approves (it counts) or rejects (with a reason)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from wagtail.models import ModelLogEntry

from records.models import ExternalTraining, JpYear
from records.selectors import jp_earned
from records.services import MAX_WAITING_SUBMISSIONS, external_training_approve, external_training_submit
from tests import factories

pytestmark = pytest.mark.django_db
MY_PAGE = "/beranda/pelatihan-luar/"
REVIEW = "/admin/rekap/pelatihan-luar/"


def scan(content=b"%PDF-1.4 bukti", name="sertifikat.pdf"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def form_data(**overrides):
    data = {
        "title": "Diklat Pelayanan Publik",
        "organiser": "BPSDM Provinsi",
        "started_on": "2026-03-01",
        "ended_on": "2026-03-03",
        "jp": "12",
        "certificate_number": "BPSDM/12/2026",
        "certificate_file": scan(),
    }
    data.update(overrides)
    return data


def submitted(person, *, jp=12, title="Diklat luar"):
    return external_training_submit(
        user=person,
        title=title,
        started_on=datetime.date(2026, 3, 1),
        ended_on=datetime.date(2026, 3, 3),
        jp=jp,
        certificate_file=scan(),
    )


def decide_url(training):
    return f"/admin/rekap/jp/{training.user.nip}/eksternal/{training.pk}/putuskan/"


def test_a_learner_sends_training_it_waits_for_review_and_does_not_count_yet(client, tree):
    person = factories.UserFactory(unit=tree[1])
    client.force_login(person)

    response = client.post(MY_PAGE, form_data())

    assert response.status_code == 302
    training = ExternalTraining.objects.get()
    assert (training.user, training.entered_by, training.status) == (person, person, ExternalTraining.Status.PENDING)
    assert training.certificate_file.read() == b"%PDF-1.4 bukti"
    assert jp_earned(user=person, year=2026) == 0
    assert not JpYear.objects.filter(user=person).exists()
    assert ModelLogEntry.objects.filter(action="melayani.external_submit", object_id=str(person.pk)).exists()
    page = client.get(MY_PAGE)
    assert b"Diklat Pelayanan Publik" in page.content
    with translation.override("id"):
        assert str(ExternalTraining.Status.PENDING.label) in page.content.decode()


def test_bad_input_is_refused_field_by_field_and_nothing_is_saved(client, tree):
    client.force_login(factories.UserFactory(unit=tree[1]))

    response = client.post(
        MY_PAGE,
        form_data(started_on="2026-03-05", ended_on="2026-03-01", jp="600", certificate_file=scan(b"MZ\x90 exe")),
    )

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"ended_on", "jp", "certificate_file"}
    assert response.context["form"]["title"].value() == "Diklat Pelayanan Publik"  # what was typed comes back
    assert not ExternalTraining.objects.exists()


def test_a_learner_must_attach_the_evidence(client, tree):
    client.force_login(factories.UserFactory(unit=tree[1]))
    data = form_data()
    del data["certificate_file"]

    response = client.post(MY_PAGE, data)

    assert set(response.context["form"].errors) == {"certificate_file"}
    assert not ExternalTraining.objects.exists()


def test_waiting_entries_are_capped_per_person_with_a_clear_message(client, tree):
    person = factories.UserFactory(unit=tree[1])
    for _ in range(MAX_WAITING_SUBMISSIONS):
        submitted(person)
    client.force_login(person)

    response = client.post(MY_PAGE, form_data())

    assert response.status_code == 200
    [error] = response.context["form"].errors.as_data()["__all__"]
    assert error.code == "too_many_waiting"
    assert str(MAX_WAITING_SUBMISSIONS) in response.content.decode()
    assert ExternalTraining.objects.count() == MAX_WAITING_SUBMISSIONS


def test_a_person_without_a_unit_is_told_why_they_cannot_send(client, db):
    person = factories.UserFactory(unit=None)
    client.force_login(person)

    page = client.get(MY_PAGE)
    client.post(MY_PAGE, form_data())

    assert page.status_code == 200 and not page.context["may_submit"]
    assert not ExternalTraining.objects.exists()


def test_a_learner_sees_only_their_own_entries_and_scans(client, tree):
    person, other = factories.UserFactory(unit=tree[1]), factories.UserFactory(unit=tree[1])
    theirs = submitted(other, title="Diklat orang lain")
    mine = submitted(person, title="Diklat saya")
    client.force_login(person)

    page = client.get(MY_PAGE).content.decode()

    assert "Diklat saya" in page and "Diklat orang lain" not in page
    assert client.get(f"{MY_PAGE}{mine.pk}/pindaian/").status_code == 200
    assert client.get(f"{MY_PAGE}{theirs.pk}/pindaian/").status_code == 404


def test_signed_out_visitors_are_sent_to_sign_in(client, tree):
    response = client.get(MY_PAGE)
    assert response.status_code == 302 and "/masuk/" in response["Location"]


def test_hr_sees_waiting_entries_of_their_units_only(client, tree):
    a, a1, b = tree
    mine = submitted(factories.UserFactory(unit=a1), title="Diklat A1")
    elsewhere = submitted(factories.UserFactory(unit=b), title="Diklat B")
    client.force_login(factories.hr_user(units=[a]))

    page = client.get(REVIEW)

    assert page.status_code == 200
    assert list(page.context["page_obj"]) == [mine]
    assert client.post(decide_url(elsewhere), {"decision": "approve"}).status_code == 404
    elsewhere.refresh_from_db()
    assert elsewhere.status == ExternalTraining.Status.PENDING


def test_approval_counts_the_jp_once_and_is_logged(client, tree):
    person = factories.UserFactory(unit=tree[1])
    training = submitted(person, jp=12)
    hr = factories.hr_user(units=[tree[0]])
    client.force_login(hr)

    client.post(decide_url(training), {"decision": "approve"})
    client.post(decide_url(training), {"decision": "approve"})  # a second click counts nothing twice

    training.refresh_from_db()
    assert training.status == ExternalTraining.Status.APPROVED
    assert jp_earned(user=person, year=2026) == 12
    assert JpYear.objects.get(user=person, year=2026).external_jp == 12
    assert ModelLogEntry.objects.get(action="melayani.external_approve").user == hr
    assert list(client.get(REVIEW).context["page_obj"]) == []


def test_rejection_needs_a_reason_and_the_learner_sees_it(client, tree):
    person = factories.UserFactory(unit=tree[1])
    training = submitted(person)
    client.force_login(factories.hr_user(units=[tree[0]]))

    client.post(decide_url(training), {"decision": "reject", "reason": "  "})
    training.refresh_from_db()
    assert training.status == ExternalTraining.Status.PENDING

    client.post(decide_url(training), {"decision": "reject", "reason": "Sertifikat tidak terbaca"})
    training.refresh_from_db()
    assert training.status == ExternalTraining.Status.REJECTED
    assert training.withdrawn_reason == "Sertifikat tidak terbaca"
    assert jp_earned(user=person, year=2026) == 0
    client.force_login(person)
    assert "Sertifikat tidak terbaca" in client.get(MY_PAGE).content.decode()


def test_nobody_approves_their_own_submission(tree):
    officer = factories.hr_user(units=[tree[0]])
    officer.nip, officer.unit = factories.next_nip(), tree[1]
    officer.save()
    training = submitted(officer)

    with pytest.raises(ValidationError):
        external_training_approve(training=training, by=officer)

    training.refresh_from_db()
    assert training.status == ExternalTraining.Status.PENDING


def test_the_review_queue_is_for_hr_only(client, tree):
    client.force_login(factories.UserFactory(unit=tree[1]))
    assert client.get(REVIEW).status_code in (302, 403)


def test_the_queue_rejects_and_the_ledger_withdraws_with_the_same_reason_form(client, tree):
    person = factories.UserFactory(unit=tree[1])
    waiting = submitted(person, title="Diklat menunggu")
    counted = submitted(person, title="Diklat dihitung")
    hr = factories.hr_user(units=[tree[0]])
    external_training_approve(training=counted, by=hr)
    client.force_login(hr)
    client.cookies["django_language"] = "en"

    queue = client.get(REVIEW)
    ledger = client.get(f"/admin/rekap/jp/{person.nip}/?tahun=2026")

    for response in (queue, ledger):
        assert "reports/includes/reason_form.html" in [template.name for template in response.templates]
    queue_html, ledger_html = queue.content.decode(), ledger.content.decode()
    assert f'action="{decide_url(waiting)}"' in queue_html and 'name="decision" value="reject"' in queue_html
    assert f'<label for="reason-{waiting.pk}">Reason to reject “Diklat menunggu”</label>' in queue_html
    withdraw = f"/admin/rekap/jp/{person.nip}/eksternal/{counted.pk}/tarik/"
    assert f'action="{withdraw}"' in ledger_html and 'name="decision"' not in ledger_html
    assert f'<label for="reason-{counted.pk}">Reason to withdraw “Diklat dihitung”</label>' in ledger_html
