"""The printable attendance list is a real PDF with the participants, the sessions and a signature column."""

import shutil
import subprocess

import pytest
from django.utils import translation
from django.utils.translation import gettext

from courses.services import attendance_record_participant_token, participant_token_make
from tests.courses import workshop_factories as wf

pytestmark = pytest.mark.django_db

PDFTOTEXT = shutil.which("pdftotext") or "/usr/bin/pdftotext"


def pdf_text(data: bytes, tmp_path) -> str:
    source = tmp_path / "daftar-hadir.pdf"
    source.write_bytes(data)
    result = subprocess.run([PDFTOTEXT, "-layout", str(source), "-"], capture_output=True, check=True, text=True)  # noqa: S603
    return result.stdout


def test_the_attendance_list_pdf_lists_participants_sessions_and_signatures(client, tmp_path):
    trainer = wf.trainer()
    page = wf.workshop(sessions=5, facilitators=[trainer])
    present = wf.confirmed(workshop_page=page)
    absent = wf.confirmed(workshop_page=page)
    for session in wf.sessions_of(page)[:2]:
        attendance_record_participant_token(
            trainer=trainer, session=session, code=participant_token_make(registration=present)
        )

    client.force_login(trainer)
    response = client.get(f"/lokakarya/{page.pk}/daftar-hadir.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    text = pdf_text(response.content, tmp_path)
    with translation.override("id"):  # rendered in Indonesian, the venue's paperwork language
        title, signature = gettext("Attendance list"), gettext("Signature")
    assert title.upper() in text.upper()
    assert signature in text
    for registration in (present, absent):
        assert registration.user.nip in text
    assert "Sesi 5" in text
    assert text.count("✓") == 2
