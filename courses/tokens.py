"""Signed attendance codes: the session code on the trainer's screen and each participant's personal code."""

import datetime
import time

from django.core import signing

from .models import WorkshopRegistration, WorkshopSession

SESSION_SALT = "courses.workshop.session-attendance"
PARTICIPANT_SALT = "courses.workshop.participant"


class IssueTimeSigner(signing.TimestampSigner):
    """A TimestampSigner that can sign "as of" a given time and tells the issue time back."""

    def __init__(self, *, salt: str, at: datetime.datetime | None = None):
        super().__init__(salt=salt)
        self._at = at

    def timestamp(self):
        return signing.b62_encode(int(self._at.timestamp() if self._at else time.time()))

    def unsign_issued(self, value: str) -> tuple[str, datetime.datetime]:
        result = signing.Signer.unsign(self, value)
        payload, stamp = result.rsplit(self.sep, 1)
        return payload, datetime.datetime.fromtimestamp(signing.b62_decode(stamp), tz=datetime.UTC)


def session_token_make(*, session: WorkshopSession, now: datetime.datetime | None = None) -> str:
    """The code the trainer's screen shows: it names the session and carries its own issue time."""
    return IssueTimeSigner(salt=SESSION_SALT, at=now).sign(f"s{session.pk}")


def participant_token_make(*, registration: WorkshopRegistration) -> str:
    """A participant's personal code: the person and the workshop, signed; the trainer scans it."""
    return signing.Signer(salt=PARTICIPANT_SALT).sign(f"w{registration.workshop_id}u{registration.user_id}")
