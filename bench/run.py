"""Benchmarks for `make bench`: medians and ratios against a reference measured in the same run.

The machine is shared and noisy, so each number is the median of several repeats, and each is paired with a
reference that does the same kind of work without Melayani's code (a plain WeasyPrint page, a plain csv.writer).
"""

import csv
import datetime
import io
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORK = Path(tempfile.mkdtemp(prefix="melayani-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{WORK / 'bench.sqlite3'}")
os.environ["PRIVATE_ROOT"] = str(WORK / "private")
os.environ["MEDIA_ROOT"] = str(WORK / "media")
os.environ["LOG_LEVEL"] = "WARNING"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

LEARNERS = int(os.environ.get("BENCH_LEARNERS", "5000"))
REPEATS = int(os.environ.get("BENCH_REPEATS", "5"))


def median_seconds(function, repeats=REPEATS) -> float:
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    call_command("migrate", verbosity=0)
    call_command("seed_demo", learners=LEARNERS, stdout=io.StringIO())

    from weasyprint import HTML

    from certificates.models import Certificate
    from certificates.rendering import certificate_pdf
    from records.models import Completion
    from reports.exports import csv_lines
    from reports.selectors import completions_for_export

    certificate = Certificate.objects.first()
    rows = Completion.objects.count()

    cert = median_seconds(lambda: certificate_pdf(certificate))
    plain = median_seconds(lambda: HTML(string="<h1>Sertifikat</h1><p>Referensi</p>").write_pdf())

    def export():
        for _line in csv_lines(completions_for_export()):
            pass

    def reference_csv():
        writer = csv.writer(io.StringIO())
        for values in Completion.objects.values_list("user__nip", "user__full_name", "module__title", "jp").iterator(
            chunk_size=2000
        ):
            writer.writerow(values)

    exported = median_seconds(export, repeats=3)
    reference = median_seconds(reference_csv, repeats=3)

    print(
        f"Date: {datetime.date.today().isoformat()}  Machine: {platform.node()} ({platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}), SQLite, {rows} completions"
    )
    print()
    print("| benchmark | median | reference (same run) | ratio |")
    print("| --- | --- | --- | --- |")
    print(
        f"| render one certificate PDF (WeasyPrint + QR) | {cert * 1000:.0f} ms | plain one-line WeasyPrint page "
        f"{plain * 1000:.0f} ms | {cert / plain:.1f}x |"
    )
    print(
        f"| CSV export of {rows} completions (HR schema, neutralised) | {exported:.2f} s "
        f"({rows / exported:,.0f} rows/s) | csv.writer over 4 joined columns {reference:.2f} s | "
        f"{exported / reference:.1f}x |"
    )


if __name__ == "__main__":
    main()
