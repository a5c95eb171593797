"""A recorded completion queues certificate_issue_task; the real database worker issues it, once.

These tests commit (transaction=True) as production does: on-commit callbacks fire for real and the worker
reads committed rows. serialized_rollback restores the rows migrations create (Wagtail's root page, groups)
for the tests that follow.
"""

import pytest
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from certificates.models import Certificate
from certificates.tasks import certificate_issue_task
from records.models import Completion
from records.signals import completion_recorded
from tests import factories

from .helpers import jakarta

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TASK_PATH = "certificates.tasks.certificate_issue_task"


def issue_tasks():
    """Only our task: saving Wagtail pages queues Wagtail's own tasks too."""
    return DBTaskResult.objects.filter(task_path=TASK_PATH)


def test_a_recorded_completion_enqueues_the_issue_task_without_issuing_inline(learner):
    completion = factories.completion(user=learner, completed_at=jakarta(2026))

    completion_recorded.send(sender=Completion, completion=completion)

    queued = issue_tasks().get()
    assert queued.task_path == TASK_PATH
    assert queued.args_kwargs == {"args": [completion.pk], "kwargs": {}}
    assert queued.status == TaskResultStatus.READY
    assert not Certificate.objects.exists()


def test_the_worker_issues_the_queued_certificate_with_its_pdf(learner, run_tasks):
    completion = factories.completion(user=learner, completed_at=jakarta(2026))
    completion_recorded.send(sender=Completion, completion=completion)

    run_tasks()

    certificate = Certificate.objects.get(completion=completion)
    assert certificate.number == "00001/BERAKHLAK/2026"
    assert certificate.pdf and certificate.sha256
    result = issue_tasks().get()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == "00001/BERAKHLAK/2026"


def test_enqueueing_twice_and_running_the_worker_twice_gives_one_certificate(learner, run_tasks):
    completion = factories.completion(user=learner, completed_at=jakarta(2026))
    completion_recorded.send(sender=Completion, completion=completion)
    certificate_issue_task.enqueue(completion.pk)

    run_tasks()
    run_tasks()
    certificate_issue_task.enqueue(completion.pk)
    run_tasks()

    assert Certificate.objects.filter(completion=completion).count() == 1
    certificate = Certificate.objects.get()
    assert certificate.sequence == 1
    assert set(issue_tasks().values_list("status", flat=True)) == {TaskResultStatus.SUCCESSFUL}
    assert set(issue_tasks().values_list("return_value", flat=True)) == {certificate.number}


def test_passing_the_quiz_queues_the_certificate_through_the_records_event(learner, module_with_quiz, run_tasks):
    module, quiz = module_with_quiz
    factories.lessons_complete(user=learner, module_page=module)
    factories.attempt(user=learner, quiz_instance=quiz, answers=factories.correct_answers(quiz), finish=True)

    assert issue_tasks().count() == 1
    run_tasks()

    completion = Completion.objects.get(user=learner, module=module)
    assert Certificate.objects.get(completion=completion).pdf
