"""Questions with their choices and value scores, kept per process until any of them changes.

Every quiz request (an attempt page, an answer, grading, the result page) needs the questions it shows or grades
with their choices: three queries and their ORM work each time, for data that changes only when a trainer edits
a question. With MELAYANI_QUIZ_CONTENT_CACHE on (a shared cache, so every process sees the same stamp; or one
process, as in tests), each process keeps the questions it has read, read-only, under a stamp in the default
cache; saving or deleting a question, a choice, a value score or an image renews the stamp (now and again on
commit), and every process drops its copies on its next read. Off, every call reads the database as before.
"""

import logging
import secrets

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Prefetch, prefetch_related_objects

from ..models import Choice, Question, QuizQuestion

logger = logging.getLogger(__name__)
STAMP_KEY = "melayani:quizzes:content-stamp"
_CHOICES = Prefetch("choices", queryset=Choice.objects.order_by("sort_order", "pk").prefetch_related("value_scores"))
_KEPT: dict = {"stamp": None, "questions": {}, "members": {}}
_KEPT_MAX = 5000  # questions per process; emptied when full


def _enabled() -> bool:
    return bool(getattr(settings, "MELAYANI_QUIZ_CONTENT_CACHE", False))


def _stamp() -> int:
    stamp = cache.get(STAMP_KEY)
    if stamp is None:
        # A random start: after the cache server loses its data, no process may keep copies under an old stamp.
        candidate = secrets.randbelow(2**62)
        stamp = candidate if cache.add(STAMP_KEY, candidate, timeout=None) else cache.get(STAMP_KEY, candidate)
    return stamp


def _load(ids) -> dict[int, Question]:
    return {question.pk: question for question in Question.objects.filter(pk__in=list(ids)).prefetch_related(_CHOICES)}


def _load_fresh(ids) -> dict[int, Question]:
    """As _load, but value scores are read only when a situational question needs them (grading's read)."""
    questions = list(Question.objects.filter(pk__in=list(ids)))
    situational = any(question.kind == Question.Kind.SITUATIONAL for question in questions)
    choices = Choice.objects.order_by("sort_order", "pk")
    prefetch_related_objects(
        questions, Prefetch("choices", queryset=choices.prefetch_related("value_scores") if situational else choices)
    )
    return {question.pk: question for question in questions}


def _current() -> dict:
    """This process's kept content, emptied when the stamp changed since it was filled."""
    stamp = _stamp()
    if _KEPT["stamp"] != stamp:
        _KEPT["questions"] = {}
        _KEPT["members"] = {}
        _KEPT["stamp"] = stamp
    return _KEPT


def _kept(name: str) -> dict | None:
    """This process's kept copies of one kind, or None: keeping is off, or the cache is down (read the database)."""
    if not _enabled():
        return None
    try:
        return _current()[name]
    except Exception:  # the cache is down: the database still answers
        logger.warning("quiz content stamp unavailable", exc_info=True)
        return None


def quiz_member_ids(*, quiz) -> list[int]:
    """Ids of the questions a quiz uses, in its order (quizzes.selectors.quiz_members), kept like the questions."""
    members = _kept("members")
    if members is None:
        return _member_ids(quiz)
    if quiz.pk not in members:
        if len(members) >= _KEPT_MAX:
            members.clear()
        members[quiz.pk] = _member_ids(quiz)
    return list(members[quiz.pk])


def _member_ids(quiz) -> list[int]:
    return list(
        QuizQuestion.objects.filter(quiz=quiz)
        .order_by("sort_order", "question_id")
        .values_list("question_id", flat=True)
    )


def questions_by_id(ids, *, fresh: bool = False) -> dict[int, Question]:
    """The questions that still exist among ids, with choices (in answer order) and their value scores prefetched.

    The instances may be shared by later requests of this process: read them, never change them. fresh reads the
    database whatever is kept (grading: the key as stored when the attempt is finished, however it was changed).
    """
    ids = list(ids)
    if fresh:
        return _load_fresh(ids)
    kept = _kept("questions")
    if kept is None:
        return _load(ids)
    missing = [pk for pk in ids if pk not in kept]
    if missing:
        if len(kept) + len(missing) > _KEPT_MAX:
            kept = _KEPT["questions"] = {}
            missing = ids
        kept.update(_load(missing))
    return {pk: kept[pk] for pk in ids if pk in kept}


def content_changed() -> None:
    """A question, choice, value score or image changed: every process reads questions again (now and on commit)."""
    _renew()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_renew)


def _renew() -> None:
    _KEPT["questions"] = {}
    _KEPT["members"] = {}
    _KEPT["stamp"] = None
    try:
        try:
            cache.incr(STAMP_KEY)
        except ValueError:
            cache.set(STAMP_KEY, secrets.randbelow(2**62), timeout=None)
    except Exception:  # an edit must not fail because the cache is down; other processes may keep old copies
        logger.exception("quiz content stamp: could not renew it")
