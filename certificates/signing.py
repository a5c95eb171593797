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

        loaded = signers.SimpleSigner.load_pkcs12(pkcs12_path, passphrase=passphrase.encode() or None)
        if loaded is None:
            raise ValueError(f"could not load the signing key from {pkcs12_path}: wrong path or passphrase")
        self._signer = _key_once_signer_class()(
            signing_cert=loaded.signing_cert,
            signing_key=loaded.signing_key,
            cert_registry=loaded.cert_registry,
            signature_mechanism=loaded.signature_mechanism,
        )
        self._bytes_reserved: int | None = None

    @property
    def certificate(self):
        return self._signer.signing_cert

    def sign(self, pdf: bytes) -> bytes:
        """Sign; the CMS size is estimated by a dry-run signature once per process, then reserved directly."""
        from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
        from pyhanko.sign import fields, signers

        metadata = signers.PdfSignatureMetadata(
            field_name="MelayaniSignature",
            subfilter=fields.SigSeedSubFilter.PADES,
            md_algorithm="sha256",
            reason="Sertifikat Melayani",
        )
        if self._bytes_reserved is not None:
            try:
                writer = IncrementalPdfFileWriter(BytesIO(pdf))
                return signers.sign_pdf(
                    writer, metadata, signer=self._signer, bytes_reserved=self._bytes_reserved
                ).getvalue()
            except Exception:  # noqa: BLE001  (e.g. a larger chain than reserved: fall back to estimating again)
                self._bytes_reserved = None
        writer = IncrementalPdfFileWriter(BytesIO(pdf))
        signed = signers.sign_pdf(writer, metadata, signer=self._signer).getvalue()
        self._bytes_reserved = _reservation_for(signed)
        return signed


def _reservation_for(signed: bytes) -> int | None:
    """Room for later signatures with the same key: twice the CMS container just produced, at least 8 KiB."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    signatures = PdfFileReader(BytesIO(signed), strict=False).embedded_signatures
    if not signatures:
        return None
    return max(8192, 2 * len(signatures[0].pkcs7_content))


@cache
def _key_once_signer_class():
    """Built on first use: pyHanko (and aiohttp under it) is imported by signing, not by every process at startup."""
    from pyhanko.sign.signers import SimpleSigner

    return type("_KeyOnceSigner", (_KeyOnceSigning, SimpleSigner), {})


class _KeyOnceSigning:
    """pyHanko's SimpleSigner parses the private key from DER on every signature (~100 ms under load for RSA-2048,
    twice per PDF); this one parses it once per process."""

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
        from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
        from pyhanko_certvalidator.util import get_pyca_cryptography_hash

        mechanism = self.get_signature_mechanism_for_digest(digest_algorithm)
        try:
            algorithm = mechanism.signature_algo
        except ValueError:
            algorithm = mechanism["algorithm"].native
        key = self._private_key()
        if algorithm == "rsassa_pkcs1v15" and isinstance(key, RSAPrivateKey):
            return key.sign(data, PKCS1v15(), get_pyca_cryptography_hash(digest_algorithm))
        return super().sign_raw(data, digest_algorithm)  # other algorithms: pyHanko's own code path

    async def async_sign(self, data_digest: bytes, digest_algorithm: str, dry_run=False, use_pades=False, **kwargs):
        """pyHanko builds the CMS with asn1crypto, re-serialising each node dozens of times (~3/4 of a signature's
        CPU). Its first real PAdES container becomes a template: for later documents only the message digest and the
        RSA signature differ, both of fixed length, so they are replaced in the DER bytes. The result is byte for
        byte what pyHanko would build (PKCS#1 v1.5 is deterministic; see the test); anything else (a dry run, a
        timestamp, a signing-time attribute, another algorithm) goes through pyHanko every time."""
        plain = not dry_run and use_pades and kwargs.get("timestamper") is None and not kwargs.get("encap_content_info")
        template = self._cms_templates.get(digest_algorithm) if plain else None
        if template is not None:
            return template.fill(data_digest, lambda data: self.sign_raw(data, digest_algorithm))
        result = await super().async_sign(data_digest, digest_algorithm, dry_run=dry_run, use_pades=use_pades, **kwargs)
        if plain:
            self._cms_templates[digest_algorithm] = _CmsTemplate.from_container(result, data_digest)
        return result

    @property
    def _cms_templates(self) -> dict:
        templates = getattr(self, "_templates", None)
        if templates is None:
            templates = self._templates = {}
        return templates

    def _private_key(self):
        key = getattr(self, "_loaded_key", None)
        if key is None:
            from cryptography.hazmat.primitives import serialization

            key = self._loaded_key = serialization.load_der_private_key(self.signing_key.dump(), password=None)
        return key


_CONSTANT_SIGNED_ATTRIBUTES = {"content_type", "signing_certificate_v2", "cms_algorithm_protection"}


class _CmsTemplate:
    """A PAdES CMS container as DER with the two per-document fields located (see `_KeyOnceSigner.async_sign`)."""

    def __init__(self, container: bytes, signed_attrs: bytes, digest: bytes, signature: bytes):
        self.container, self.signed_attrs, self.digest, self.signature = container, signed_attrs, digest, signature

    @classmethod
    def from_container(cls, content_info, digest: bytes) -> "_CmsTemplate | None":
        """None unless every signed attribute but the message digest is constant and each field occurs once."""
        try:
            signer_info = content_info["content"]["signer_infos"][0]
            attributes = signer_info["signed_attrs"]
            types = {attribute["type"].native for attribute in attributes}
            if "message_digest" not in types or not types - {"message_digest"} <= _CONSTANT_SIGNED_ATTRIBUTES:
                return None
            if signer_info["unsigned_attrs"].native:
                return None
            container = content_info.dump()
            signed_attrs = attributes.dump()
            signature = signer_info["signature"].native
        except (KeyError, TypeError, ValueError):
            return None
        if not (
            signed_attrs.startswith(b"\xa0")
            and signed_attrs.count(digest) == 1
            and container.count(signed_attrs) == 1
            and container.count(signature) == 1
        ):
            return None
        return cls(container, signed_attrs, digest, signature)

    def fill(self, digest: bytes, sign_raw):
        from asn1crypto import cms

        if len(digest) != len(self.digest):
            raise ValueError("digest of another length than the template's")
        signed_attrs = self.signed_attrs.replace(self.digest, digest)
        signature = sign_raw(b"\x31" + signed_attrs[1:])  # signed over the attributes as a SET OF (RFC 5652 5.4)
        if len(signature) != len(self.signature):
            raise ValueError("signature of another length than the template's")
        container = self.container.replace(self.signed_attrs, signed_attrs).replace(self.signature, signature)
        return cms.ContentInfo.load(container)


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
