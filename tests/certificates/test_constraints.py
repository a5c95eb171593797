"""The database itself refuses certificates that break the rules, whatever code writes them."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from certificates.models import Certificate
from tests import factories

pytestmark = pytest.mark.django_db


def certificate_row(*, completion=None, **overrides) -> Certificate:
    """A certificate row written directly (no number allocation, no PDF)."""
    completion = completion or factories.completion()
    fields = {
        "completion": completion,
        "number": f"{completion.pk:05d}/TEST/2026",
        "year": 2026,
        "sequence": completion.pk,
        "holder_name": "Nama",
        "module_title": "Modul",
        "jp": 2,
        "completed_on": datetime.date(2026, 1, 2),
        "issuer": "Kementerian",
        "city": "Jakarta",
        "signatory_name": "Penandatangan",
        "signatory_position": "Kepala",
    }
    fields.update(overrides)
    return Certificate.objects.create(**fields)


def refused(**overrides) -> bool:
    try:
        with transaction.atomic():
            certificate_row(**overrides)
    except IntegrityError:
        return True
    return False


def test_a_well_formed_row_is_accepted():
    assert not refused()


def test_a_revoked_certificate_without_revocation_date_is_refused():
    assert refused(status=Certificate.Status.REVOKED, revoked_at=None)


def test_a_valid_certificate_with_a_revocation_date_is_refused():
    assert refused(status=Certificate.Status.VALID, revoked_at=timezone.now())


def test_a_revoked_certificate_with_its_date_is_accepted():
    assert not refused(status=Certificate.Status.REVOKED, revoked_at=timezone.now(), revoked_reason="Salah data")


def test_an_unknown_status_is_refused():
    assert refused(status="expired")


def test_the_same_sequence_twice_in_one_year_is_refused():
    certificate_row(year=2026, sequence=7, number="A/7")

    assert refused(year=2026, sequence=7, number="B/7")
    assert not refused(year=2025, sequence=7, number="C/7")


def test_the_same_number_twice_is_refused():
    certificate_row(number="00001/BERAKHLAK/2026", sequence=1)

    assert refused(number="00001/BERAKHLAK/2026", sequence=2)


def test_a_second_certificate_for_the_same_completion_is_refused():
    completion = factories.completion()
    certificate_row(completion=completion, number="X/1", sequence=1)

    assert refused(completion=completion, number="X/2", sequence=2)


def test_the_same_verification_token_twice_is_refused():
    certificate_row(token="token-yang-sama", number="T/1", sequence=1)

    assert refused(token="token-yang-sama", number="T/2", sequence=2)


def test_a_completion_with_a_certificate_cannot_be_deleted():
    completion = factories.completion()
    certificate_row(completion=completion)

    with pytest.raises(ProtectedError):
        completion.delete()
