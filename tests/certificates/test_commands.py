"""render_certificate writes the stored PDF of a certificate, found by its number."""

import io

import pytest
from django.core.management import CommandError, call_command

from certificates.services import _certificate_allocate, certificate_issue
from tests import factories

from .helpers import jakarta, stored_bytes

pytestmark = pytest.mark.django_db


def test_render_certificate_writes_exactly_the_stored_pdf(learner, tmp_path):
    certificate = certificate_issue(completion=factories.completion(user=learner, completed_at=jakarta(2026)))
    target = tmp_path / "out.pdf"
    out = io.StringIO()

    call_command("render_certificate", "00001/BERAKHLAK/2026", "--output", str(target), stdout=out)

    assert target.read_bytes() == stored_bytes(certificate)
    assert "00001/BERAKHLAK/2026" in out.getvalue()
    assert certificate.sha256 in out.getvalue()


def test_render_certificate_refuses_an_unknown_number_clearly(tmp_path):
    target = tmp_path / "out.pdf"

    with pytest.raises(CommandError, match=r"No certificate has the number '12345/BERAKHLAK/2026'"):
        call_command("render_certificate", "12345/BERAKHLAK/2026", "--output", str(target))

    assert not target.exists()


def test_render_certificate_refuses_a_certificate_without_a_stored_pdf(learner, tmp_path):
    _certificate_allocate(completion=factories.completion(user=learner, completed_at=jakarta(2026)))
    target = tmp_path / "out.pdf"

    with pytest.raises(CommandError, match="has no stored PDF yet"):
        call_command("render_certificate", "00001/BERAKHLAK/2026", "--output", str(target))

    assert not target.exists()
