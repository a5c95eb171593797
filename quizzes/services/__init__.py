"""Writes about quizzes. Grading happens in these modules and nowhere else."""

from .attempts import (
    AttemptClosed,
    AttemptLimitReached,
    AttemptTimedOut,
    IncompleteAttempt,
    StaleSubmission,
    attempt_answer,
    attempt_expire_if_due,
    attempt_finish,
    attempt_start,
)
from .authoring import (
    question_create,
    question_create_true_false,
    question_link_home,
    question_quizzes_set,
    question_reuse,
)
from .marking import answer_mark

__all__ = [
    "AttemptClosed",
    "AttemptLimitReached",
    "AttemptTimedOut",
    "IncompleteAttempt",
    "StaleSubmission",
    "answer_mark",
    "attempt_answer",
    "attempt_expire_if_due",
    "attempt_finish",
    "attempt_start",
    "question_create",
    "question_create_true_false",
    "question_link_home",
    "question_quizzes_set",
    "question_reuse",
]
