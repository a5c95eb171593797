"""PAdES signing with pyHanko: a throw-away PKCS#12 key signs each issued PDF; pyHanko validates; tampering shows."""

import datetime

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.urls import reverse

from certificates import signing
from certificates.services import certificate_issue
from tests import factories

from .helpers import jakarta, stored_bytes

pytestmark = pytest.mark.django_db


def self_signed_pkcs12(path, passphrase: bytes):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Melayani Uji Tanda Tangan")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True)
        .sign(key, hashes.SHA256())
    )
    path.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"melayani", key, cert, None, serialization.BestAvailableEncryption(passphrase)
        )
    )
    return cert


@pytest.fixture
def signing_key(tmp_path, settings):
    cert = self_signed_pkcs12(tmp_path / "kunci.p12", b"rahasia-uji")
    settings.MELAYANI_SIGNING_PKCS12 = str(tmp_path / "kunci.p12")
    settings.MELAYANI_SIGNING_PASSPHRASE = "rahasia-uji"
    signing.configured_signer.cache_clear()
    yield cert
    signing.configured_signer.cache_clear()


@pytest.fixture
def unsigned(settings):
    settings.MELAYANI_SIGNING_PKCS12 = ""
    signing.configured_signer.cache_clear()
    yield
    signing.configured_signer.cache_clear()


def test_an_issued_pdf_carries_a_pades_signature_that_pyhanko_validates(signing_key, learner):
    from io import BytesIO

    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    certificate = certificate_issue(completion=factories.completion(user=learner, completed_at=jakarta(2026)))
    data = stored_bytes(certificate)
    embedded = PdfFileReader(BytesIO(data)).embedded_signatures

    from asn1crypto import x509 as asn1_x509

    root = asn1_x509.Certificate.load(signing_key.public_bytes(serialization.Encoding.DER))
    status = validate_pdf_signature(embedded[0], ValidationContext(trust_roots=[root]))

    assert certificate.signed
    assert len(embedded) == 1
    assert embedded[0].sig_object["/SubFilter"] == "/ETSI.CAdES.detached"  # PAdES
    assert status.intact and status.valid and status.trusted
    assert "Melayani Uji Tanda Tangan" in status.signing_cert.subject.human_friendly


def test_the_verification_page_says_the_stored_signature_is_intact(client, signing_key, learner):
    certificate = certificate_issue(completion=factories.completion(user=learner, completed_at=jakarta(2026)))
    client.cookies["django_language"] = "en"

    page = client.get(reverse("certificates:verify", args=[certificate.token])).content.decode()

    assert (
        "Signed; the stored file&#x27;s signature is intact." in page or "Signed; the stored file's signature" in page
    )


def test_a_tampered_stored_file_is_reported(client, signing_key, learner):
    certificate = certificate_issue(completion=factories.completion(user=learner, completed_at=jakarta(2026)))
    data = bytearray(stored_bytes(certificate))
    index = data.index(b"/MediaBox")  # inside the signed byte range
    data[index + 1 : index + 9] = b"MediaBoy"
    with certificate.pdf.storage.open(certificate.pdf.name, "wb") as handle:
        handle.write(bytes(data))
    client.cookies["django_language"] = "en"

    page = client.get(reverse("certificates:verify", args=[certificate.token])).content.decode()

    assert not signing.signature_check(bytes(data)).ok
    assert "Warning: the stored file" in page


def test_an_appended_update_breaks_whole_file_coverage(signing_key, learner):
    certificate = certificate_issue(completion=factories.completion(user=learner, completed_at=jakarta(2026)))
    data = stored_bytes(certificate) + b"\n1 0 obj\n<< /Evil true >>\nendobj\n"

    assert signing.signature_check(stored_bytes(certificate)).ok
    assert not signing.signature_check(data).ok


def test_without_a_key_pdfs_are_not_signed_and_the_page_says_so(client, unsigned, learner):
    certificate = certificate_issue(completion=factories.completion(user=learner, completed_at=jakarta(2026)))
    client.cookies["django_language"] = "en"

    page = client.get(reverse("certificates:verify", args=[certificate.token])).content.decode()

    assert not certificate.signed
    assert not signing.signature_check(stored_bytes(certificate)).signed
    assert "Not signed: this deployment has no signing key configured." in page


def test_a_wrong_passphrase_fails_loudly(tmp_path):
    self_signed_pkcs12(tmp_path / "k.p12", b"benar")

    with pytest.raises(ValueError):
        signing.PyHankoSigner(str(tmp_path / "k.p12"), "salah")


def test_later_signatures_reuse_the_parsed_key_and_a_reserved_size_and_still_validate(signing_key, learner, unit):
    signer = signing.configured_signer()
    first = certificate_issue(completion=factories.completion(user=learner, completed_at=jakarta(2026)))
    key, reserved = signer._signer._loaded_key, signer._bytes_reserved
    other = factories.UserFactory(unit=unit, full_name="Agus Salim, S.E.")
    second = certificate_issue(completion=factories.completion(user=other, completed_at=jakarta(2026)))

    assert reserved is not None and reserved >= 8192
    assert signer._signer._loaded_key is key  # parsed once per process, not once per signature
    assert signer._bytes_reserved == reserved
    for certificate in (first, second):
        check = signing.signature_check(stored_bytes(certificate))
        assert check.ok, check
