"""Emails about learners' external training: HR's decision to the learner, a new submission to HR of their unit.

Plain text in Indonesian (the site's first language), sent by the tasks in reports/tasks.py after the transaction
that made the change committed (records sends the signals, reports/receivers.py queues the tasks).
"""

from django.conf import settings
from django.core.mail import get_connection, send_mail
from django.core.mail.message import EmailMessage
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _

from records.models import ExternalTraining

from .selectors import external_reviewers

DECISIONS = ("approved", "rejected")


def _one_line(text: str, limit: int = 80) -> str:
    """A title typed by a learner, fit for a subject line: no line breaks (Django refuses them), not too long."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def external_decision_email(*, training: ExternalTraining, decision: str) -> bool:
    """Tell the learner what HR decided on their entry; False when they have no email address."""
    if decision not in DECISIONS:
        raise ValueError(f"unknown decision {decision!r}")
    user = training.user
    if not user.email:
        return False
    with translation.override("id"):
        facts = {
            "name": user.display_name,
            "title": training.title,
            "jp": training.jp,
            "date": formats.date_format(training.ended_on, "j F Y"),
            "year": training.ended_on.year,
            "reason": training.withdrawn_reason,
            "url": settings.MELAYANI_BASE_URL + reverse("reports:my_external_training"),
        }
        if decision == "approved":
            subject = _("Your external training “%(title)s” was approved")
            body = _(
                "Hello %(name)s,\n\nHR of your unit approved your external training “%(title)s” (%(jp)s JP, "
                "ended %(date)s). It now counts towards your JP for %(year)s.\n\n"
                "Your external training and HR's decisions: %(url)s\n"
            )
        else:
            subject = _("Your external training “%(title)s” was not approved")
            body = _(
                "Hello %(name)s,\n\nHR of your unit did not approve your external training “%(title)s” "
                "(%(jp)s JP, ended %(date)s), so it does not count towards your JP.\n\n"
                "HR's reason: %(reason)s\n\n"
                "If you can put right what HR asks for, send the entry again: %(url)s\n"
            )
        subject = subject % {"title": _one_line(training.title)}
        body = body % facts
    send_mail(subject, body, None, [user.email])
    return True


def external_submitted_emails(*, training: ExternalTraining) -> int:
    """One short email to each of the nearest officers who review the entry (external_reviewers); returns the count."""
    person = training.user
    recipients = [officer for officer in external_reviewers(training=training) if officer.email]
    if not recipients:
        return 0
    messages = []
    with translation.override("id"):
        subject = _("External training to review: %(name)s") % {"name": _one_line(person.display_name)}
        for officer in recipients:
            body = _(
                "Hello %(officer)s,\n\n%(name)s (NIP %(nip)s, %(unit)s) sent external training for review: "
                "“%(title)s”, %(jp)s JP.\n\nCheck the scan and decide: %(url)s\n"
            ) % {
                "officer": officer.display_name,
                "name": person.display_name,
                "nip": person.nip,
                "unit": person.unit.name,
                "title": training.title,
                "jp": training.jp,
                "url": settings.MELAYANI_BASE_URL + reverse("reports_external_review"),
            }
            messages.append(EmailMessage(subject, body, None, [officer.email]))
    return get_connection().send_messages(messages) or 0
