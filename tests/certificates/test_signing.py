"""PAdES signing with pyHanko: a throw-away PKCS#12 key signs each issued PDF; pyHanko validates; tampering shows."""

import pytest
from cryptography.hazmat.primitives import serialization
from django.urls import reverse

from certificates import signing
from certificates.services import certificate_issue
from tests import factories

from .helpers import jakarta, self_signed_pkcs12, stored_bytes

pytestmark = pytest.mark.django_db


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


def test_later_signatures_reuse_pyhankos_container_byte_for_byte_with_only_digest_and_signature_changed(signing_key):
    import asyncio
    import hashlib

    from pyhanko.sign.signers import SimpleSigner

    inner = signing.configured_signer()._signer
    first, second = hashlib.sha256(b"pertama").digest(), hashlib.sha256(b"kedua").digest()
    asyncio.run(inner.async_sign(first, "sha256", use_pades=True))  # pyHanko's own: becomes the template
    assert inner._cms_templates["sha256"] is not None

    reused = asyncio.run(inner.async_sign(second, "sha256", use_pades=True)).dump()
    built = asyncio.run(SimpleSigner.async_sign(inner, second, "sha256", use_pades=True)).dump()

    assert reused == built
    assert second in reused and first not in reused


def test_every_pdf_signed_with_the_reused_container_validates(signing_key, learner):
    first = certificate_issue(completion=factories.completion(user=learner, completed_at=jakarta(2026)))
    other = factories.UserFactory(nip="198001012005011002", full_name="Budi Santoso")
    second = certificate_issue(completion=factories.completion(user=other, completed_at=jakarta(2026)))

    assert signing.configured_signer()._signer._cms_templates["sha256"] is not None
    for certificate in (first, second):
        assert signing.signature_check(stored_bytes(certificate)).ok
