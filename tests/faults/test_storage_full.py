"""Private storage full while certificate PDFs are written: a clear failure, nothing half-written, nothing lost,
and the same certificates complete once space is freed."""

import errno
import logging
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.core.files.storage import storages

from certificates.bulk import bulk_run_execute
from certificates.models import BulkRun, Certificate
from people.models import User
from tests import factories
from tests.certificates.helpers import jakarta

pytestmark = [pytest.mark.fault, pytest.mark.django_db]

COMPLETIONS = 4


@pytest.fixture
def full_disk(monkeypatch):
    """A 2 MB tmpfs as the private storage, filled to the last byte by a filler file."""
    mount_point = Path(tempfile.mkdtemp(prefix="melayani-full-"))
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m,mode=0700", "tmpfs", str(mount_point)], capture_output=True, check=False
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        filler = mount_point / "filler"
        with open(filler, "wb") as handle:
            try:
                while True:
                    handle.write(b"\0" * 65536)
                    handle.flush()
            except OSError as error:
                assert error.errno == errno.ENOSPC
        storage = storages["private"]
        field_storage = Certificate._meta.get_field("pdf").storage
        for target in {id(storage): storage, id(field_storage): field_storage}.values():
            monkeypatch.setattr(target, "base_location", str(mount_point))
            monkeypatch.setattr(target, "location", str(mount_point))
        yield mount_point, filler
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def stored_files(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file() and path.name != "filler"]


def test_bulk_issue_on_a_full_disk_fails_cleanly_and_succeeds_after_space_frees(full_disk, caplog):
    mount_point, filler = full_disk
    module = factories.module(lessons=0)
    for _ in range(COMPLETIONS):
        factories.completion(module=module, completed_at=jakarta(2026))
    admin = User.objects.create_superuser("akar", "akar@example.go.id", factories.PASSWORD)

    run = BulkRun.objects.create(action=BulkRun.Action.ISSUE, page=module, requested_by=admin)
    with caplog.at_level(logging.ERROR, logger="certificates.bulk"):
        run = bulk_run_execute(run_id=run.pk)

    assert run.failed == COMPLETIONS and run.done == 0
    assert any("No space left on device" in record.exc_text for record in caplog.records if record.exc_text)
    # Nothing half-written: no PDF (not even a temporary one) on the full disk; no certificate claims a file.
    assert stored_files(mount_point) == []
    assert Certificate.objects.exclude(pdf="").count() == 0
    # Nothing lost: every completion kept its allocated, gapless number for the retry.
    numbers_before = dict(Certificate.objects.values_list("completion_id", "number"))
    assert len(numbers_before) == COMPLETIONS
    assert sorted(Certificate.objects.values_list("sequence", flat=True)) == list(range(1, COMPLETIONS + 1))

    filler.unlink()
    retry = BulkRun.objects.create(action=BulkRun.Action.ISSUE, page=module, requested_by=admin)
    retry = bulk_run_execute(run_id=retry.pk)

    assert retry.status == BulkRun.Status.DONE and retry.failed == 0 and retry.done == COMPLETIONS
    assert dict(Certificate.objects.values_list("completion_id", "number")) == numbers_before
    for certificate in Certificate.objects.all():
        assert certificate.pdf
        assert (mount_point / certificate.pdf.name).read_bytes()[:5] == b"%PDF-"
