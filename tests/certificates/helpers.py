"""Shared helpers for the certificate tests."""

import datetime
import re
import zlib
from zoneinfo import ZoneInfo

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
