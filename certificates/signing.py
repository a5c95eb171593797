"""PAdES signatures behind a small interface, so a government signing service (BSrE) can replace pyHanko later."""

from dataclasses import dataclass
from functools import cache
from io import BytesIO
from typing import Protocol

from django.conf import settings


class Signer(Protocol):
    """Turns a rendered PDF into a signed one; `signs` is False for the no-op."""

    signs: bool

    def sign(self, pdf: bytes) -> bytes: ...


class NoSigner:
    """Used when no key is configured: the PDF is stored as rendered and the verification page says 'not signed'."""

    signs = False

    def sign(self, pdf: bytes) -> bytes:
        return pdf


class PyHankoSigner:
    """A PAdES baseline signature (ETSI.CAdES.detached) with a key and certificate from a PKCS#12 file."""

    signs = True

    def __init__(self, pkcs12_path: str, passphrase: str):
        from pyhanko.sign import signers

        self._signer = signers.SimpleSigner.load_pkcs12(pkcs12_path, passphrase=passphrase.encode() or None)
        if self._signer is None:
            raise ValueError(f"could not load the signing key from {pkcs12_path}: wrong path or passphrase")

    @property
    def certificate(self):
        return self._signer.signing_cert

    def sign(self, pdf: bytes) -> bytes:
        from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
        from pyhanko.sign import fields, signers

        writer = IncrementalPdfFileWriter(BytesIO(pdf))
        metadata = signers.PdfSignatureMetadata(
            field_name="MelayaniSignature",
            subfilter=fields.SigSeedSubFilter.PADES,
            md_algorithm="sha256",
            reason="Sertifikat Melayani",
        )
        return signers.sign_pdf(writer, metadata, signer=self._signer).getvalue()


@cache
def configured_signer() -> Signer:
    """One signer per process, from MELAYANI_SIGNING_PKCS12 and MELAYANI_SIGNING_PASSPHRASE."""
    path = settings.MELAYANI_SIGNING_PKCS12
    return PyHankoSigner(path, settings.MELAYANI_SIGNING_PASSPHRASE) if path else NoSigner()


@dataclass
class SignatureCheck:
    signed: bool
    intact: bool = False
    covers_whole_file: bool = False
    signer: str = ""

    @property
    def ok(self) -> bool:
        return self.signed and self.intact and self.covers_whole_file


def signature_check(pdf: bytes) -> SignatureCheck:
    """Is the file's signature cryptographically intact and does it cover every byte (nothing appended)?"""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    try:
        signatures = PdfFileReader(BytesIO(pdf), strict=False).embedded_signatures
    except Exception:  # noqa: BLE001  (an unreadable file is simply not a signed certificate)
        return SignatureCheck(signed=False)
    if not signatures:
        return SignatureCheck(signed=False)
    from pyhanko_certvalidator import ValidationContext

    signer = configured_signer()
    roots = [signer.certificate] if isinstance(signer, PyHankoSigner) else []
    try:
        status = validate_pdf_signature(signatures[0], ValidationContext(trust_roots=roots))
    except Exception:  # noqa: BLE001  (a mangled signature is reported as broken, not as a server error)
        return SignatureCheck(signed=True)
    return SignatureCheck(
        signed=True,
        intact=bool(status.intact and status.valid),
        covers_whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
        signer=status.signing_cert.subject.human_friendly if status.signing_cert else "",
    )
