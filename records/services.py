"""Writes completions; the only place that decides a module is complete."""

from functools import partial

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone

from courses.selectors import module_progress, workshop_attendance_summary
from quizzes.selectors import module_quiz_passed

from .models import Completion
from .signals import completion_recorded


@transaction.atomic
def completion_record_if_earned(*, user, module) -> Completion | None:
    """Record the completion when every lesson is done and the quiz is passed; never twice.

    The person's row is locked first, so when the last lesson and the passing attempt are saved by two
    concurrent requests, the second evaluation waits and then sees the first one's committed work.
    """
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    existing = Completion.objects.filter(user=user, module=module).first()
    if existing is not None:
        return existing
    if not module_progress(user=user, module=module).all_lessons_done:
        return None
    passed, attempt = module_quiz_passed(user=user, module=module)
    if not passed:
        return None
    try:
        with transaction.atomic():
            completion = Completion.objects.create(
                user=user,
                module=module,
                unit=user.unit,
                score=attempt.score if attempt else None,
                attempt=attempt,
                jp=module.jp,
                completed_at=timezone.now(),
            )
    except IntegrityError:
        # A concurrent request recorded it first: the row is the same fact.
        return Completion.objects.get(user=user, module=module)
    transaction.on_commit(partial(completion_recorded.send, sender=Completion, completion=completion))
    return completion


@transaction.atomic
def completion_record_workshop_if_earned(*, user, workshop) -> Completion | None:
    """Record a workshop completion once the participant meets its attendance rule; never twice.

    JP credited is the JP of the whole agenda (the sum over all its sessions), not of the sessions attended:
    the rule is the gate, as on a paper certificate of attendance, and a completion is written once, when the
    rule is first met, so its JP must not depend on sessions still to come.
    """
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    existing = Completion.objects.filter(user=user, workshop=workshop).first()
    if existing is not None:
        return existing
    if not workshop_attendance_summary(user=user, workshop=workshop).rule_met:
        return None
    try:
        with transaction.atomic():
            completion = Completion.objects.create(
                user=user, workshop=workshop, unit=user.unit, score=None, jp=workshop.jp, completed_at=timezone.now()
            )
    except IntegrityError:
        return Completion.objects.get(user=user, workshop=workshop)
    transaction.on_commit(partial(completion_recorded.send, sender=Completion, completion=completion))
    return completion


@transaction.atomic
def external_training_record(
    *,
    user,
    title: str,
    started_on,
    ended_on,
    jp: int,
    entered_by,
    organiser: str = "",
    certificate_number: str = "",
    certificate_file=None,
    status: str = "approved",
):
    """HR credits training done elsewhere to a person's JP ledger, with the scanned certificate kept privately."""
    from .models import ExternalTraining

    training = ExternalTraining(
        user=user,
        title=title,
        organiser=organiser,
        started_on=started_on,
        ended_on=ended_on,
        jp=jp,
        certificate_number=certificate_number,
        status=status,
        entered_by=entered_by,
    )
    training.full_clean(exclude=["certificate_file"])
    if certificate_file is not None:
        training.certificate_file.save(certificate_file.name, certificate_file, save=False)
    training.save()
    return training
