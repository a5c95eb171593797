"""A workshop's certificate says the holder attended the konsinyasi, a module's says they completed the module."""

import pytest
from django.utils import timezone

from certificates import rendering
from certificates.models import Certificate
from certificates.services import certificate_issue
from records.models import Completion
from tests import factories
from tests.courses import workshop_factories as wf

from .test_pdf import PDFTOTEXT, pdf_text

pytestmark = pytest.mark.django_db


def _workshop_completion() -> Completion:
    page = wf.workshop(sessions=2, jp_per_session=3, min_percent=50, facilitators=[wf.trainer()])
    user = factories.UserFactory()
    return Completion.objects.create(user=user, workshop=page, unit=user.unit, jp=6, completed_at=timezone.now())


@pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext (poppler-utils) is not installed")
def test_the_built_in_design_words_a_workshop_as_attendance(tmp_path):
    completion = _workshop_completion()
    certificate_issue(completion=completion)

    text = " ".join(pdf_text(rendering.certificate_pdf(Certificate.objects.get()), tmp_path).split())

    assert "telah mengikuti konsinyasi" in text
    assert "menyelesaikan modul" not in text


@pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext (poppler-utils) is not installed")
def test_the_built_in_design_words_a_module_as_completion(tmp_path):
    certificate_issue(completion=factories.completion())

    text = " ".join(pdf_text(rendering.certificate_pdf(Certificate.objects.get()), tmp_path).split())

    assert "telah menyelesaikan modul pembelajaran" in text
