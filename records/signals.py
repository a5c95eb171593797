"""Events later apps react to without records importing them."""

from django.dispatch import Signal

# Sent after the transaction that wrote the completion commits; kwargs: completion.
completion_recorded = Signal()

# Sent after the transaction that stored a learner's external-training submission commits; kwargs: training.
external_training_submitted = Signal()

# Sent after the transaction in which HR decided on a learner's waiting submission commits; kwargs: training,
# decision ("approved" or "rejected"). Not sent when HR withdraws an entry that already counted.
external_training_decided = Signal()
