"""Events later apps react to without courses importing them (imports run one way)."""

from django.dispatch import Signal

# Sent inside the transaction that records the progress; kwargs: user, module.
lesson_completed = Signal()

# Sent to ask which of the given modules a person has completed (completion is decided downstream, in records);
# kwargs: user, module_ids. Each receiver returns a set of module ids; the answers are joined.
completed_modules_requested = Signal()

# Sent inside the transaction that records a participant's attendance at a workshop session; kwargs: user, workshop.
attendance_recorded = Signal()
