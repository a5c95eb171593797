"""Hostile text and files in a learner's external training submission, and in HR's rejection reason."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from records.models import ExternalTraining
from tests import factories

from .test_hostile_input import FORMULAS, SQLISH, UNICODE, XSS, assert_escaped

pytestmark = pytest.mark.django_db
MY_PAGE = "/beranda/pelatihan-luar/"


@pytest.fixture
def people(db):
    root = factories.UnitFactory(code="R", name="Unit R")
    learner = factories.UserFactory(unit=factories.UnitFactory(code="R1", name="Unit R1", parent=root))
    return learner, factories.hr_user(units=[root])


def submit(client, **fields):
    data = {
        "title": "Diklat",
        "started_on": "2026-03-01",
        "ended_on": "2026-03-02",
        "jp": "4",
        "certificate_file": SimpleUploadedFile("bukti.pdf", b"%PDF-1.4\n"),
        **fields,
    }
    return client.post(MY_PAGE, data)


def test_hostile_text_is_stored_verbatim_and_escaped_for_the_learner_and_for_hr(client, people):
    learner, hr = people
    client.force_login(learner)
    payloads = [*XSS[:3], *SQLISH[:2], *UNICODE[:2], *FORMULAS[:2]]
    for payload in payloads:
        ExternalTraining.objects.filter(user=learner).update(status=ExternalTraining.Status.REJECTED)  # under the cap
        assert submit(client, title=payload, organiser=payload, certificate_number=payload[:100]).status_code == 302

    assert set(ExternalTraining.objects.values_list("title", flat=True)) == {payload.strip() for payload in payloads}
    for payload in XSS[:3]:
        assert_escaped(client.get(MY_PAGE), payload)
    ExternalTraining.objects.update(status=ExternalTraining.Status.PENDING)
    client.force_login(hr)
    review = client.get(reverse("reports_external_review"))
    assert review.status_code == 200 and len(review.context["page_obj"]) == len(payloads)
    for payload in XSS[:3]:
        assert_escaped(review, payload)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("bukti.pdf", b"<html><script>alert(1)</script></html>"),
        ("bukti.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        ("bukti.pdf.exe", b"%PDF-1.4\n"),
        ("bukti.pdf", b""),
    ],
)
def test_a_scan_that_is_not_what_it_says_is_refused(client, people, name, content):
    client.force_login(people[0])
    response = submit(client, certificate_file=SimpleUploadedFile(name, content))
    assert response.status_code == 200
    assert "certificate_file" in response.context["form"].errors
    assert not ExternalTraining.objects.exists()


@pytest.mark.parametrize("reason", [XSS[0], "\x00", "x" * 5000])
def test_a_hostile_rejection_reason_never_breaks_a_page(client, people, reason):
    learner, hr = people
    client.force_login(learner)
    submit(client)
    training = ExternalTraining.objects.get()
    client.force_login(hr)
    url = reverse("reports_external_decide", args=[learner.nip, training.pk])

    assert client.post(url, {"decision": "reject", "reason": reason}).status_code == 302
    client.force_login(learner)
    assert_escaped(client.get(MY_PAGE), reason)
    training.refresh_from_db()
    assert "\x00" not in training.withdrawn_reason and len(training.withdrawn_reason) <= 500


@pytest.mark.parametrize("decision", ["", "APPROVE", "<script>", "approve\x00"])
def test_an_unknown_decision_changes_nothing(client, people, decision):
    learner, hr = people
    client.force_login(learner)
    submit(client)
    training = ExternalTraining.objects.get()
    client.force_login(hr)

    client.post(reverse("reports_external_decide", args=[learner.nip, training.pk]), {"decision": decision})

    training.refresh_from_db()
    assert training.status == ExternalTraining.Status.PENDING


@pytest.mark.parametrize("value", ["²", "\x00", "-1", "x" * 500, "' OR 1=1 --"])
def test_odd_page_numbers_on_the_review_queue_never_give_a_500(client, people, value):
    client.force_login(people[1])
    assert client.get(reverse("reports_external_review"), {"p": value}).status_code == 200


def test_line_breaks_in_a_title_or_name_never_break_an_email_subject(
    people, run_tasks, mailoutbox, django_capture_on_commit_callbacks
):
    from records.services import external_training_approve, external_training_submit

    learner, hr = people
    learner.full_name, learner.email = "Siti\r\nBcc: semua@example.com", "siti@example.go.id"
    learner.save()
    hr.email = "hr@example.go.id"
    hr.save()
    title = "Diklat\nBcc: semua@example.com " + "x" * 300

    with django_capture_on_commit_callbacks(execute=True):
        training = external_training_submit(
            user=learner,
            title=title[:255],
            started_on="2026-03-01",
            ended_on="2026-03-02",
            jp=4,
            certificate_file=SimpleUploadedFile("bukti.pdf", b"%PDF-1.4\n"),
        )
    run_tasks()  # HR's note goes out while the entry still waits
    with django_capture_on_commit_callbacks(execute=True):
        external_training_approve(training=training, by=hr)
    run_tasks()

    assert sorted(email.to[0] for email in mailoutbox) == ["hr@example.go.id", "siti@example.go.id"]
    for email in mailoutbox:
        assert "\n" not in email.subject and "\r" not in email.subject and len(email.subject) < 160
        assert email.message()["Bcc"] is None and email.bcc == []
