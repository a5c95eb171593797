"""Certificate views: public (download, verify, verify a file, email choices) and admin (lifecycle, bulk)."""

from .public import (
    certificate_download,
    certificate_lookup,
    certificate_verify,
    certificate_verify_file,
    email_preferences,
)

__all__ = [
    "certificate_download",
    "certificate_lookup",
    "certificate_verify",
    "certificate_verify_file",
    "email_preferences",
]
