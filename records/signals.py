"""Events later apps react to without records importing them."""

from django.dispatch import Signal

# Sent after the transaction that wrote the completion commits; kwargs: completion.
completion_recorded = Signal()
