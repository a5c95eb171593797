"""Records announces external-training submissions and decisions (after commit); reports queues the emails."""

from django.dispatch import receiver

from records.signals import external_training_decided, external_training_submitted

from .tasks import external_decision_email_task, external_submitted_email_task


@receiver(external_training_decided, dispatch_uid="reports.external_training_decided")
def _on_external_training_decided(sender, *, training, decision, **kwargs):
    external_decision_email_task.enqueue(training.pk, decision)


@receiver(external_training_submitted, dispatch_uid="reports.external_training_submitted")
def _on_external_training_submitted(sender, *, training, **kwargs):
    external_submitted_email_task.enqueue(training.pk)
