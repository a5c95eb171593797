"""Events later apps react to without quizzes importing them."""

from django.dispatch import Signal

# Sent inside the grading transaction; kwargs: attempt.
attempt_finished = Signal()
