"""NIP rules from BKN: 18 digits, a birth date, a TMT month, a gender digit and a sequence."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def normalize_nip(value: str) -> str:
    """People type NIPs with spaces or dots as printed on cards; keep only what they meant."""
    return "".join(ch for ch in str(value) if ch not in " .-\u00a0\t")


def validate_nip(value: str) -> None:
    """Refuse an impossible NIP with one message per way it can be wrong."""
    nip = normalize_nip(value)
    if not nip:
        raise ValidationError(_("Enter a NIP."), code="nip_empty")
    if not nip.isascii() or not nip.isdigit():
        raise ValidationError(_("A NIP contains digits only."), code="nip_not_digits")
    if len(nip) != 18:
        raise ValidationError(
            _("A NIP has 18 digits; this one has %(count)d."),
            code="nip_length",
            params={"count": len(nip)},
        )
    try:
        born = datetime.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        raise ValidationError(
            _("The first 8 digits of a NIP are the birth date (YYYYMMDD); %(value)s is not a date."),
            code="nip_birth_date",
            params={"value": nip[0:8]},
        ) from None
    if born.year < 1900 or born > datetime.date.today():
        raise ValidationError(
            _("The birth date in this NIP (%(value)s) is not plausible."),
            code="nip_birth_date",
            params={"value": nip[0:8]},
        )
    if nip[14] not in "12":
        raise ValidationError(
            _("Digit 15 of a NIP is the gender code and must be 1 or 2, not %(value)s."),
            code="nip_gender",
            params={"value": nip[14]},
        )


def mask_nip(nip: str | None) -> str:
    """Show enough of a NIP to recognise it on a public page, not enough to reuse it."""
    if not nip:
        return ""
    return nip[:4] + "*" * (len(nip) - 7) + nip[-3:]
