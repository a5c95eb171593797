"""Emails about certificates: on issue, and a reminder before expiry (unless the person opted out)."""

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from .models import Certificate
from .selectors import wants_expiry_reminders


def certificate_issued_email(*, certificate: Certificate) -> bool:
    """From the issued row in hand (its facts are frozen): no look-up per certificate of a bulk chunk."""
    user = certificate.completion.user
    if not user.email:
        return False
    with translation.override("id"):
        subject = _("Your certificate %(number)s") % {"number": certificate.number}
        body = _(
            "Hello %(name)s,\n\nyour certificate for “%(course)s” has been issued with number %(number)s.\n"
            "Download it from your learning page: %(url)s\nAnyone can verify it at: %(verify)s\n"
        ) % {
            "name": certificate.holder_name,
            "course": certificate.module_title,
            "number": certificate.number,
            "url": settings.MELAYANI_BASE_URL + reverse("certificates:download", args=[certificate.pk]),
            "verify": settings.MELAYANI_BASE_URL + reverse("certificates:verify", args=[certificate.token]),
        }
    send_mail(subject, body, None, [user.email])
    return True


def expiry_reminders_send() -> int:
    """Certificates expiring within the reminder window, each reminded once, only to people who want it."""
    today = timezone.localdate()
    horizon = today + timezone.timedelta(days=settings.MELAYANI_EXPIRY_REMINDER_DAYS)
    due = Certificate.objects.filter(
        status=Certificate.Status.VALID,
        valid_until__isnull=False,
        valid_until__gte=today,
        valid_until__lte=horizon,
        expiry_reminded_at__isnull=True,
    ).select_related("completion__user")
    sent = 0
    for certificate in due.iterator():
        user = certificate.completion.user
        if user.email and wants_expiry_reminders(user):
            with translation.override("id"):
                subject = _("Your certificate %(number)s expires soon") % {"number": certificate.number}
                body = _("Hello %(name)s,\n\nyour certificate for “%(course)s” is valid until %(date)s.\n") % {
                    "name": certificate.holder_name,
                    "course": certificate.module_title,
                    "date": formats.date_format(certificate.valid_until, "j F Y"),
                }
            send_mail(subject, body, None, [user.email])
            sent += 1
        Certificate.objects.filter(pk=certificate.pk).update(expiry_reminded_at=timezone.now())
    return sent
