"""Placeholders trainers may use in a certificate template's body text, validated and filled in safely."""

import string

from django.core.exceptions import ValidationError
from django.utils.html import conditional_escape, format_html, linebreaks
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

PLACEHOLDERS = {
    "name": gettext_lazy("the holder's name with titles"),
    "nip": gettext_lazy("the holder's NIP"),
    "course": gettext_lazy("the module or workshop title"),
    "jp": gettext_lazy("learning hours (JP)"),
    "date": gettext_lazy("the completion date"),
    "number": gettext_lazy("the certificate number"),
    "unit": gettext_lazy("the holder's unit"),
    "issuer": gettext_lazy("the issuing agency"),
    "city": gettext_lazy("the city of issue"),
}


def placeholder_help() -> str:
    return ", ".join(f"{{{name}}}" for name in PLACEHOLDERS)


def validate_body(text: str) -> None:
    """A typo such as {nama} must be caught in the editor, not discovered on a printed certificate."""
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        raise ValidationError(
            _("A curly brace is not closed. Write placeholders as {name}; write a literal brace as {{ or }}.")
        ) from None
    unknown = []
    for _literal, field, spec, conversion in parsed:
        if field is None:
            continue
        if field not in PLACEHOLDERS or spec or conversion:
            unknown.append(
                "{" + field + (("!" + conversion) if conversion else "") + ((":" + spec) if spec else "") + "}"
            )
    if unknown:
        raise ValidationError(
            _("Unknown placeholder(s): %(unknown)s. Available: %(available)s."),
            params={"unknown": ", ".join(unknown), "available": placeholder_help()},
        )


def render_body(text: str, values: dict[str, object]) -> SafeString:
    """Escape the trainer's text and every value, then fill in; paragraphs follow blank lines."""
    filled = []
    for literal, field, _spec, _conversion in string.Formatter().parse(text):
        filled.append(conditional_escape(literal))
        if field is not None:
            filled.append(format_html('<span class="ph-{}">{}</span>', field, str(values.get(field, ""))))
    return mark_safe(linebreaks("".join(filled), autoescape=False))  # noqa: S308  # every part escaped above  # nosec B308 B703
