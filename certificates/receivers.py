"""A recorded completion queues its certificate; the task applies the template's rule and does the work."""

from django.dispatch import receiver

from records.signals import completion_recorded

from .tasks import certificate_issue_task


@receiver(completion_recorded, dispatch_uid="certificates.completion_recorded")
def _on_completion_recorded(sender, *, completion, **kwargs):
    certificate_issue_task.enqueue(completion.pk)
