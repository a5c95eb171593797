"""Certificates a dead worker or a failed render left behind can be found and issued again, once."""

import io

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from certificates.models import Certificate
from certificates.selectors import completions_without_certificate_pdf
from certificates.services import _certificate_allocate, certificate_issue
from tests import factories


@pytest.mark.django_db
def test_completions_without_a_stored_pdf_are_pending(learner):
    issued = factories.completion(user=learner)
    certificate_issue(completion=issued)
    never_issued = factories.completion(user=learner)
    half_issued = factories.completion(user=learner)
    _certificate_allocate(completion=half_issued)  # the worker died before rendering

    assert list(completions_without_certificate_pdf()) == [never_issued, half_issued]


@pytest.mark.django_db
def test_the_command_issues_pending_certificates_now_and_keeps_numbers(learner):
    half_issued = factories.completion(user=learner)
    number = _certificate_allocate(completion=half_issued).number
    factories.completion(user=learner)
    out = io.StringIO()

    call_command("issue_pending_certificates", "--now", stdout=out)

    assert out.getvalue().strip() == "2 certificate(s) issued"
    assert Certificate.objects.get(completion=half_issued).number == number
    assert not completions_without_certificate_pdf().exists()
    assert Certificate.objects.exclude(pdf="").count() == 2


@pytest.mark.django_db
def test_the_command_queues_tasks_by_default(learner, run_tasks):
    factories.completion(user=learner)
    out = io.StringIO()

    call_command("issue_pending_certificates", stdout=out)

    assert out.getvalue().strip() == "1 certificate(s) queued"
    assert DBTaskResult.objects.filter(task_path="certificates.tasks.certificate_issue_task").count() == 1
    run_tasks()
    assert Certificate.objects.exclude(pdf="").count() == 1
