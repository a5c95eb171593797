"""Certificate numbers: a pattern per deployment, a gapless sequence per year (django-sequences)."""

import string

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

ALLOWED_FIELDS = {"seq", "year", "unit"}


def validate_number_format(pattern: str) -> None:
    """Numbers must stay unique while the sequence restarts yearly: {seq} and {year} required, nothing unknown."""
    try:
        fields = {name for _text, name, _spec, _conv in string.Formatter().parse(pattern) if name is not None}
    except ValueError as error:
        raise ValidationError(_("The number pattern is not valid: %(error)s"), params={"error": error}) from None
    if "seq" not in fields:
        raise ValidationError(_("The number pattern must contain {seq}, e.g. {seq:05d}/BERAKHLAK/{year}."))
    unknown = fields - ALLOWED_FIELDS
    if unknown:
        raise ValidationError(
            _("Unknown fields in the number pattern: %(fields)s. Use {seq}, {year} and {unit}."),
            params={"fields": ", ".join(sorted(name or "{}" for name in unknown))},
        )
    if "year" not in fields:
        raise ValidationError(_("The number pattern must contain {year}: the sequence starts again at 1 every year."))
    try:
        pattern.format(seq=1, year=2026, unit="UNIT")
    except (ValueError, IndexError, KeyError) as error:
        raise ValidationError(_("The number pattern is not valid: %(error)s"), params={"error": error}) from None


def format_number(pattern: str, *, seq: int, year: int, unit: str) -> str:
    return pattern.format(seq=seq, year=year, unit=unit or "-")


def sequence_name(year: int, series: str = "") -> str:
    """One gapless counter per series and year; the global series keeps the foundation's name."""
    return f"certificates.number.{series}.{year}" if series else f"certificates.number.{year}"
