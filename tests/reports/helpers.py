"""Shared helpers for the report tests."""

import csv
import io


def streamed_text(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8")


def csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


# The documented schema (README.md, "Export columns"), in the default language.
DOCUMENTED_HEADER = [
    "NIP",
    "Nama",
    "Jabatan",
    "Kode unit",
    "Unit",
    "Modul",
    "JP",
    "Nilai",
    "Nilai pre-test",
    "Nilai post-test",
    "Status",
    "Tanggal selesai",
    "Nomor sertifikat",
    "Tautan verifikasi",
]
