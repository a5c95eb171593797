"""The whole path of issue #2, through HTTP, in one test: if this fails, the platform does not work."""

import csv
import io

import pytest
from django.urls import reverse

from certificates.models import Certificate
from records.models import Completion
from tests import factories


@pytest.mark.django_db
def test_learner_signs_in_learns_passes_and_hr_downloads_the_record(
    client, learner, module_with_quiz, run_tasks, django_capture_on_commit_callbacks
):
    module, quiz = module_with_quiz
    response = client.post(reverse("people:login"), {"username": learner.nip, "password": factories.PASSWORD})
    assert response.status_code == 302

    assert client.get(module.url).status_code == 200
    for lesson in module.lessons():
        assert client.get(lesson.url).status_code == 200
        client.post(reverse("courses:lesson_complete", args=[lesson.pk]))

    client.post(reverse("quizzes:start", args=[quiz.pk]))
    attempt = quiz.attempts.get(user=learner)
    answers = {f"q{question}": choice for question, choice in factories.correct_answers(quiz).items()}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("quizzes:attempt", args=[attempt.pk]), answers)
    assert response.status_code == 302

    completion = Completion.objects.get(user=learner, module=module)
    assert completion.jp == module.jp
    run_tasks()
    certificate = Certificate.objects.get(completion=completion)
    assert certificate.pdf and certificate.sha256

    download = client.get(reverse("certificates:download", args=[certificate.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")

    verify = client.get(reverse("certificates:verify", args=[certificate.token]))
    assert certificate.holder_name in verify.content.decode()

    hr = factories.hr_user(units=[learner.unit])
    client.force_login(hr)
    exported = client.get(reverse("reports_completion_records_csv"))
    rows = list(csv.reader(io.StringIO(b"".join(exported.streaming_content).decode("utf-8-sig"))))
    assert rows[1][0] == learner.nip
    assert rows[1][rows[0].index("Nomor sertifikat")] == certificate.number
