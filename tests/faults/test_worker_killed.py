"""A task worker SIGKILLed in the middle of a bulk issue: after a restart every certificate exists exactly once."""

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from certificates.bulk import bulk_run_start
from certificates.models import BulkRun, Certificate
from certificates.tasks import bulk_run_task
from people.models import User
from records.models import Completion
from tests import factories
from tests.certificates.helpers import jakarta
from tests.conftest import requires_postgres

pytestmark = [
    pytest.mark.fault,
    requires_postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

COMPLETIONS = 60  # more than two chunks of 25: a chunk renders all its pages before storing any
DEADLINE_SECONDS = 240


def worker_env(private_root: Path) -> dict[str, str]:
    db = connection.settings_dict
    url = f"postgres://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DEBUG": "0",
        "SECRET_KEY": "fault-test-only",
        "DATABASE_URL": url,
        "PRIVATE_ROOT": str(private_root),
        "MEDIA_ROOT": str(private_root.parent / "media"),
        "LOG_LEVEL": "WARNING",
    }


def start_worker(env, *, batch: bool) -> subprocess.Popen:
    command = [sys.executable, "manage.py", "db_worker", "--no-startup-delay", "--interval", "0.2"]
    if batch:
        command.append("--batch")
    return subprocess.Popen(command, cwd=settings.BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def wait_for(condition, *, seconds: float, what: str):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def rendered_count() -> int:
    return Certificate.objects.exclude(pdf="").count()


def test_worker_killed_during_bulk_issue_then_restarted_issues_each_certificate_once():
    module = factories.module(lessons=0)
    for _ in range(COMPLETIONS):
        factories.completion(module=module, completed_at=jakarta(2026))
    admin = User.objects.create_superuser("akar", "akar@example.go.id", factories.PASSWORD)
    private_root = Path(tempfile.mkdtemp(prefix="melayani-fault-")) / "private"
    env = worker_env(private_root)

    run = bulk_run_start(action=BulkRun.Action.ISSUE, user=admin, page=module)
    worker = start_worker(env, batch=False)
    try:
        # Kill it once it is clearly in the middle: some certificates done, not all.
        # Numbers are allocated a chunk at a time, so "done" means a stored PDF, not a row.
        wait_for(lambda: rendered_count() >= 3, seconds=DEADLINE_SECONDS, what="the first certificates")
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)
    finally:
        if worker.poll() is None:
            worker.kill()
    rendered_before_restart = rendered_count()
    assert 0 < rendered_before_restart < COMPLETIONS, "the kill did not land in the middle of the run"
    assert BulkRun.objects.get(pk=run.pk).status == BulkRun.Status.RUNNING  # left behind by the dead worker

    # Recovery: the run is queued again (idempotent per completion) and a fresh worker drains the queue.
    bulk_run_task.enqueue(run.pk)
    restarted = start_worker(env, batch=True)
    try:
        _out, err = restarted.communicate(timeout=DEADLINE_SECONDS)
    finally:
        if restarted.poll() is None:
            restarted.kill()
    assert restarted.returncode == 0, err.decode()[-3000:]

    run.refresh_from_db()
    assert run.status == BulkRun.Status.DONE
    assert run.failed == 0
    numbers = list(Certificate.objects.values_list("number", flat=True))
    assert len(numbers) == COMPLETIONS == Completion.objects.count()
    assert len(set(numbers)) == COMPLETIONS, "a number was given twice"
    assert Certificate.objects.values("completion").distinct().count() == COMPLETIONS
    assert sorted(Certificate.objects.values_list("sequence", flat=True)) == list(range(1, COMPLETIONS + 1))
    assert Certificate.objects.filter(pdf="").count() == 0
    for certificate in Certificate.objects.all():
        assert (private_root / certificate.pdf.name).read_bytes()[:5] == b"%PDF-"
