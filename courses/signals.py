"""Events later apps react to without courses importing them (imports run one way)."""

from django.dispatch import Signal

# Sent inside the transaction that records the progress; kwargs: user, module.
lesson_completed = Signal()

# Sent inside the transaction that records a participant's attendance at a workshop session; kwargs: user, workshop.
attendance_recorded = Signal()
