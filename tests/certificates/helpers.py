"""Shared helpers for the certificate tests."""

import datetime
import re
import zlib
from zoneinfo import ZoneInfo

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

JAKARTA = ZoneInfo("Asia/Jakarta")


def jakarta(year: int, month: int = 6, day: int = 15, hour: int = 10) -> datetime.datetime:
    """An aware datetime at the given wall-clock time in Asia/Jakarta."""
    return datetime.datetime(year, month, day, hour, tzinfo=JAKARTA)


def stored_bytes(certificate) -> bytes:
    with certificate.pdf.open("rb") as handle:
        return handle.read()


def pdf_media_boxes(data: bytes) -> list[list[float]]:
    """Every /MediaBox in the PDF, looking inside Flate-compressed (object) streams as well as the raw bytes."""
    chunks = [data]
    for match in re.finditer(rb"stream\r?\n", data):
        try:
            chunks.append(zlib.decompressobj().decompress(data[match.end() :]))
        except zlib.error:
            continue
    boxes = []
    for chunk in chunks:
        for found in re.findall(rb"/MediaBox\s*\[([^\]]*)\]", chunk):
            boxes.append([float(number) for number in found.split()])
    return boxes


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
