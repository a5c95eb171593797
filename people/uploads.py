"""Upload checks for Wagtail documents: the bytes must be what the extension says, within the size limit.

Wagtail checks only the extension of a document. A renamed HTML or SVG file would then be served from our
origin, so the first bytes are sniffed here (filetype, already pulled in by Wagtail's Willow) and text
files are refused if they look like markup.
"""

import zipfile
from pathlib import Path

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

# What filetype must detect for each allowed extension (office files are ZIP containers, checked further).
_EXPECTED = {
    "pdf": {"application/pdf"},
    "docx": {"application/zip", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    "pptx": {"application/zip", "application/vnd.openxmlformats-officedocument.presentationml.presentation"},
    "xlsx": {"application/zip", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    "odt": {"application/zip", "application/vnd.oasis.opendocument.text"},
    "odp": {"application/zip", "application/vnd.oasis.opendocument.presentation"},
    "ods": {"application/zip", "application/vnd.oasis.opendocument.spreadsheet"},
    "mp4": {"video/mp4", "video/quicktime", "video/x-m4v"},
    "webm": {"video/webm", "video/x-matroska"},
}
# The member each office container must hold, so a ZIP of anything renamed .docx is refused.
_OFFICE_MEMBER = {
    "docx": "word/document.xml",
    "pptx": "ppt/presentation.xml",
    "xlsx": "xl/workbook.xml",
    "odt": "content.xml",
    "odp": "content.xml",
    "ods": "content.xml",
}
_MARKUP = (b"<!doctype", b"<html", b"<script", b"<svg", b"<?xml", b"<iframe", b"<body", b"<head", b"<object")


def check_upload(uploaded, *, max_bytes: int) -> None:
    """Raise ValidationError unless the file is within max_bytes and its content matches its extension."""
    if uploaded.size is not None and uploaded.size > max_bytes:
        raise ValidationError(
            _("The file is %(size)s; the largest allowed is %(max)s."),
            code="file_too_large",
            params={"size": filesizeformat(uploaded.size), "max": filesizeformat(max_bytes)},
        )
    extension = Path(uploaded.name or "").suffix.lower().lstrip(".")
    position = uploaded.tell() if hasattr(uploaded, "tell") else 0
    uploaded.seek(0)
    head = uploaded.read(8192)
    try:
        if extension == "txt":
            _check_text(head)
        elif extension in _EXPECTED:
            kind = filetype.guess(head)
            if kind is None or kind.mime not in _EXPECTED[extension]:
                raise _mismatch(extension)
            if extension in _OFFICE_MEMBER:
                uploaded.seek(0)
                _check_office(uploaded, extension)
    finally:
        uploaded.seek(position)


def _mismatch(extension: str) -> ValidationError:
    return ValidationError(
        _("The content of this file is not a .%(extension)s file. Save it again in that format and upload it."),
        code="file_content_mismatch",
        params={"extension": extension},
    )


def _check_text(head: bytes) -> None:
    text = None
    for cut in (0, 1, 2, 3):  # the 8 KB sample may end inside a multi-byte character
        try:
            text = head[: len(head) - cut].decode("utf-8")
            break
        except UnicodeDecodeError:
            continue
    if text is None or "\x00" in text:
        raise _mismatch("txt")
    lowered = text.lstrip().lower().encode()
    if any(marker in lowered for marker in _MARKUP):
        raise ValidationError(
            _("Text files with HTML, SVG or script markup are not accepted."), code="file_markup_refused"
        )


def _check_office(uploaded, extension: str) -> None:
    try:
        with zipfile.ZipFile(uploaded) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        raise _mismatch(extension) from None
    if _OFFICE_MEMBER[extension] not in names:
        raise _mismatch(extension)


class SafeDocumentForm(BaseDocumentForm):
    """Wagtail's document form (single and multiple upload) with the content and size checks."""

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and hasattr(uploaded, "read") and getattr(uploaded, "size", None) is not None:
            # A re-save without a new file gives the stored FieldFile; only new uploads are checked.
            if not getattr(uploaded, "_committed", False):
                check_upload(uploaded, max_bytes=settings.MELAYANI_DOCUMENT_MAX_BYTES)
        return uploaded
