"""Issuing is idempotent and numbers follow the configured pattern, gapless per (Jakarta) year."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from certificates.models import Certificate, CertificateSettings
from certificates.numbering import validate_number_format
from certificates.services import certificate_issue
from tests import factories

from .helpers import jakarta

pytestmark = pytest.mark.django_db


def test_issuing_twice_for_one_completion_returns_the_same_certificate_with_one_number(learner):
    completion = factories.completion(user=learner, completed_at=jakarta(2026))

    first = certificate_issue(completion=completion)
    second = certificate_issue(completion=completion)

    assert second.pk == first.pk
    assert second.number == first.number == "00001/BERAKHLAK/2026"
    assert second.sha256 == first.sha256
    assert Certificate.objects.count() == 1
    # The second call did not draw a number: the next completion of the year still gets 2.
    assert certificate_issue(completion=factories.completion(completed_at=jakarta(2026))).sequence == 2


def test_issuing_freezes_the_holder_module_and_signatory_details(learner):
    completion = factories.completion(user=learner, completed_at=jakarta(2026, 3, 9), jp=6)

    certificate = certificate_issue(completion=completion)

    assert certificate.holder_name == "Siti Rahmawati, S.Sos."
    assert certificate.holder_nip == learner.nip
    assert certificate.module_title == completion.module.title
    assert certificate.jp == 6
    assert certificate.completed_on == datetime.date(2026, 3, 9)
    config = CertificateSettings.load()
    assert (certificate.issuer, certificate.signatory_name) == (config.issuer, config.signatory_name)
    assert certificate.status == Certificate.Status.VALID and certificate.is_valid


def test_numbers_are_sequential_within_a_year_and_each_year_starts_at_one():
    first_2026 = certificate_issue(completion=factories.completion(completed_at=jakarta(2026, 2, 1)))
    second_2026 = certificate_issue(completion=factories.completion(completed_at=jakarta(2026, 3, 1)))
    first_2025 = certificate_issue(completion=factories.completion(completed_at=jakarta(2025, 11, 1)))

    assert (first_2026.year, first_2026.sequence, first_2026.number) == (2026, 1, "00001/BERAKHLAK/2026")
    assert (second_2026.year, second_2026.sequence, second_2026.number) == (2026, 2, "00002/BERAKHLAK/2026")
    assert (first_2025.year, first_2025.sequence, first_2025.number) == (2025, 1, "00001/BERAKHLAK/2025")


def test_the_year_is_the_completion_date_in_jakarta_not_utc():
    new_year_in_jakarta = datetime.datetime(2025, 12, 31, 18, 0, tzinfo=datetime.UTC)  # 01:00 on 1 January WIB

    certificate = certificate_issue(completion=factories.completion(completed_at=new_year_in_jakarta))

    assert certificate.year == 2026
    assert certificate.completed_on == datetime.date(2026, 1, 1)
    assert certificate.number == "00001/BERAKHLAK/2026"


def test_numbers_follow_the_pattern_in_certificate_settings(unit):
    config = CertificateSettings.load()
    config.number_format = "SERT-{unit}-{year}-{seq:03d}"
    config.save()
    learner = factories.UserFactory(unit=unit)

    certificate = certificate_issue(completion=factories.completion(user=learner, completed_at=jakarta(2026)))

    assert certificate.number == "SERT-SDA-2026-001"


def test_a_completion_without_unit_gets_a_dash_for_the_unit_field():
    config = CertificateSettings.load()
    config.number_format = "{unit}/{seq}/{year}"
    config.save()
    learner = factories.UserFactory(unit=None)

    certificate = certificate_issue(completion=factories.completion(user=learner, completed_at=jakarta(2026)))

    assert certificate.number == "-/1/2026"


def test_the_default_number_pattern_is_five_digit_sequence_berakhlak_year():
    assert CertificateSettings.load().number_format == "{seq:05d}/BERAKHLAK/{year}"


@pytest.mark.parametrize(
    "pattern",
    ["{seq:05d}/BERAKHLAK/{year}", "{year}-{seq}", "{unit}/{seq:04d}/{year}", "SERT.{year}.{seq:06d}"],
)
def test_valid_number_patterns_are_accepted(pattern):
    validate_number_format(pattern)  # does not raise


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("BERAKHLAK/{year}", "must contain {seq}"),
        ("{seq:05d}/BERAKHLAK", "must contain {year}"),
        ("{seq}/{tahun}", "Unknown fields in the number pattern: tahun."),
        ("{seq}/{year}/{nip}/{unit}", "Unknown fields in the number pattern: nip."),
        ("{0}/{seq}/{year}", "Unknown fields in the number pattern: 0."),
        ("{seq", "The number pattern is not valid"),
        ("{seq}}/{year}", "The number pattern is not valid"),
        ("{seq:05q}/{year}", "The number pattern is not valid"),
    ],
    ids=["no-seq", "no-year", "unknown", "unknown-among-known", "positional", "unclosed", "stray-brace", "bad-spec"],
)
def test_bad_number_patterns_are_refused_with_a_message_naming_the_problem(pattern, message):
    with translation.override("en"), pytest.raises(ValidationError) as raised:
        validate_number_format(pattern)

    with translation.override("en"):
        assert message in " ".join(raised.value.messages)


def test_certificate_settings_refuse_a_pattern_without_seq_on_full_clean():
    config = CertificateSettings.load()
    config.number_format = "BERAKHLAK/{year}"

    with pytest.raises(ValidationError) as raised:
        config.full_clean()

    assert "number_format" in raised.value.message_dict
