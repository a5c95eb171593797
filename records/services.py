"""Writes completions; the only place that decides a module is complete. Also keeps the yearly summaries.

The summaries (JpYear, CompletionTally) are upserted in the transaction that writes the fact: one
INSERT ... ON CONFLICT DO UPDATE (PostgreSQL and SQLite), so concurrent completions both count without a
read-modify-write in Python. summaries_rebuild recomputes them from the facts after a bulk load.
"""

import logging
from functools import partial

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, F, Sum
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from courses.selectors import module_progress, workshop_attendance_summary
from quizzes.selectors import module_quiz_passed

from .models import Completion, CompletionTally, ExternalTraining, JpYear
from .signals import completion_recorded, external_training_decided, external_training_submitted

logger = logging.getLogger(__name__)


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
            summary_add_completion(completion=completion)
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
            summary_add_completion(completion=completion)
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
    summary_add_external(training=training)
    return training


def _jp_upsert(*, user_id: int, year: int, platform: int, external: int, entries: int) -> None:
    table = connection.ops.quote_name(JpYear._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (user_id, year, platform_jp, external_jp, entries) VALUES (%s, %s, %s, %s, %s) "  # noqa: S608  # nosec B608 -- table name from the model
            f"ON CONFLICT (user_id, year) DO UPDATE SET platform_jp = {table}.platform_jp + excluded.platform_jp, "
            f"external_jp = {table}.external_jp + excluded.external_jp, entries = {table}.entries + excluded.entries",
            [user_id, year, platform, external, entries],
        )


def summary_add_completion(*, completion: Completion) -> None:
    """Count a new completion in its person's year and its unit's course tally (call inside its transaction)."""
    year = timezone.localtime(completion.completed_at).year
    _jp_upsert(user_id=completion.user_id, year=year, platform=completion.jp, external=0, entries=1)
    if completion.unit_id is None:
        return
    table = connection.ops.quote_name(CompletionTally._meta.db_table)
    scored = completion.score is not None
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (unit_id, course_id, year, completions, jp, score_sum, scored) "  # noqa: S608  # nosec B608 -- table name from the model
            "VALUES (%s, %s, %s, 1, %s, %s, %s) ON CONFLICT (unit_id, course_id, year) DO UPDATE SET "
            f"completions = {table}.completions + 1, jp = {table}.jp + excluded.jp, "
            f"score_sum = {table}.score_sum + excluded.score_sum, scored = {table}.scored + excluded.scored",
            [
                completion.unit_id,
                completion.module_id or completion.workshop_id,
                year,
                completion.jp,
                completion.score if scored else 0,
                1 if scored else 0,
            ],
        )


def summary_add_external(*, training: ExternalTraining, sign: int = 1) -> None:
    """Count (sign=1) or uncount (sign=-1) an approved external training in its person's year."""
    if training.status != ExternalTraining.Status.APPROVED:
        return
    if sign < 0:  # the row exists (the entry was counted); an upsert would hit the CHECK with a negative insert
        JpYear.objects.filter(user_id=training.user_id, year=training.ended_on.year).update(
            external_jp=F("external_jp") - training.jp, entries=F("entries") - 1
        )
        return
    _jp_upsert(
        user_id=training.user_id, year=training.ended_on.year, platform=0, external=sign * training.jp, entries=sign
    )


@transaction.atomic
def summaries_rebuild() -> tuple[int, int]:
    """Recompute both summaries from the facts (after a bulk load or to repair); returns their row counts."""
    JpYear.objects.all().delete()
    CompletionTally.objects.all().delete()
    year = ExtractYear("completed_at")  # in the current time zone (Asia/Jakarta), like completed_at__year
    platform = (
        Completion.objects.order_by()
        .annotate(y=year)
        .values("user_id", "y")
        .annotate(jp_sum=Sum("jp"), n=Count("pk"))
        .values_list("user_id", "y", "jp_sum", "n")
    )
    sql, params = platform.query.sql_with_params()
    jp_table = connection.ops.quote_name(JpYear._meta.db_table)
    tally_table = connection.ops.quote_name(CompletionTally._meta.db_table)
    tally = (
        Completion.objects.order_by()
        .filter(unit__isnull=False)
        .annotate(y=year, course=Coalesce("module_id", "workshop_id"))
        .values("unit_id", "course", "y")
        .annotate(
            n=Count("pk"),
            jp_sum=Sum("jp"),
            score_total=Coalesce(Sum("score"), 0, output_field=Completion._meta.get_field("score")),
            scored=Count("score"),
        )
        .values_list("unit_id", "course", "y", "n", "jp_sum", "score_total", "scored")
    )
    tally_sql, tally_params = tally.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {jp_table} (user_id, year, platform_jp, entries, external_jp) "  # noqa: S608  # nosec B608 -- compiled ORM SQL
            f"SELECT p.*, 0 FROM ({sql}) AS p",
            params,
        )
        cursor.execute(
            f"INSERT INTO {tally_table} (unit_id, course_id, year, completions, jp, score_sum, scored) "  # noqa: S608  # nosec B608 -- compiled ORM SQL
            f"SELECT * FROM ({tally_sql}) AS t",
            tally_params,
        )
    external = (
        ExternalTraining.objects.filter(status=ExternalTraining.Status.APPROVED)
        .order_by()
        .annotate(y=ExtractYear("ended_on"))
        .values("user_id", "y")
        .annotate(jp_sum=Sum("jp"), n=Count("pk"))
        .values_list("user_id", "y", "jp_sum", "n")
    )
    for user_id, y, jp_sum, n in external.iterator():
        _jp_upsert(user_id=user_id, year=y, platform=0, external=jp_sum, entries=n)
    return JpYear.objects.count(), CompletionTally.objects.count()


@transaction.atomic
def external_training_withdraw(*, training: ExternalTraining, by, reason: str) -> bool:
    """HR takes back an entry made in error, or turns down a learner's submission: it stays on record as rejected,
    with who and why, and stops counting (a waiting submission never counted).

    False when it was withdrawn already (a second click uncounts nothing).
    """
    reason = reason.replace("\x00", "").strip()  # PostgreSQL refuses NUL in text; it carries no meaning here
    if not reason:
        raise ValidationError({"withdrawn_reason": _("Say why the entry is withdrawn.")})
    locked = ExternalTraining.objects.select_for_update().get(pk=training.pk)
    if locked.status == ExternalTraining.Status.REJECTED:
        return False
    was_waiting = locked.status == ExternalTraining.Status.PENDING
    summary_add_external(training=locked, sign=-1)
    locked.status = ExternalTraining.Status.REJECTED
    locked.withdrawn_reason = reason[:500]
    locked.save(update_fields=["status", "withdrawn_reason"])
    log(
        instance=locked.user,
        action="melayani.external_withdraw",
        user=by,
        data={"training": locked.pk, "title": locked.title, "jp": locked.jp, "reason": locked.withdrawn_reason},
    )
    if was_waiting:  # HR turned down a learner's submission: the learner hears why
        _announce_after_commit(external_training_decided, training=locked, decision="rejected")
    training.refresh_from_db()
    return True


MAX_WAITING_SUBMISSIONS = 10


@transaction.atomic
def external_training_submit(
    *,
    user,
    title: str,
    started_on,
    ended_on,
    jp: int,
    certificate_file,
    organiser: str = "",
    certificate_number: str = "",
) -> ExternalTraining:
    """A learner asks HR to credit training done elsewhere: it waits for review and counts only once approved."""
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()  # one submission at a time per person
    waiting = ExternalTraining.objects.filter(user=user, status=ExternalTraining.Status.PENDING).count()
    if waiting >= MAX_WAITING_SUBMISSIONS:
        raise ValidationError(
            _("%(count)s of your entries are already waiting for review. Wait for HR to review them first."),
            params={"count": waiting},
            code="too_many_waiting",
        )
    training = external_training_record(
        user=user,
        title=title,
        organiser=organiser,
        started_on=started_on,
        ended_on=ended_on,
        jp=jp,
        certificate_number=certificate_number,
        certificate_file=certificate_file,
        status=ExternalTraining.Status.PENDING,
        entered_by=user,
    )
    log(
        instance=user,
        action="melayani.external_submit",
        user=user,
        data={"training": training.pk, "title": training.title, "jp": training.jp},
    )
    _announce_after_commit(external_training_submitted, training=training)
    return training


@transaction.atomic
def external_training_approve(*, training: ExternalTraining, by) -> bool:
    """HR has checked the evidence of a learner's submission: from now on it counts in the person's year.

    False when it was decided already (a second click counts nothing twice). Nobody approves their own entry.
    """
    locked = ExternalTraining.objects.select_for_update().get(pk=training.pk)
    if locked.user_id == by.pk:
        raise ValidationError(_("You cannot approve your own entry: another HR officer must review it."), code="own")
    if locked.status != ExternalTraining.Status.PENDING:
        return False
    locked.status = ExternalTraining.Status.APPROVED
    locked.save(update_fields=["status"])
    summary_add_external(training=locked)
    log(
        instance=locked.user,
        action="melayani.external_approve",
        user=by,
        data={"training": locked.pk, "title": locked.title, "jp": locked.jp},
    )
    _announce_after_commit(external_training_decided, training=locked, decision="approved")
    training.refresh_from_db()
    return True


def _announce_after_commit(signal, **kwargs) -> None:
    """Tell downstream apps (emails, in reports) once the submission or decision is committed; a rolled-back one
    says nothing.

    A receiver that fails (a task queue out of reach) is logged: the committed decision stands and the request that
    made it still answers.
    """

    def send():
        for receiver, error in signal.send_robust(sender=ExternalTraining, **kwargs):
            if isinstance(error, Exception):
                logger.error("external training %s: %r failed", kwargs["training"].pk, receiver, exc_info=error)

    transaction.on_commit(send)
