"""A private PostgreSQL restarted while learners submit quiz answers through gunicorn: the platform recovers
and no attempt is left half-saved. Never touches the shared server: its own cluster on port 8950 under /tmp."""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
import requests
from django.conf import settings

pytestmark = pytest.mark.fault

PG_BIN = Path("/usr/lib/postgresql/15/bin")
PG_PORT = 8950
APP_PORT = 8951
BASE = f"http://127.0.0.1:{APP_PORT}"
RUN_SECONDS = 150

SEED = """
import json
from tests import factories
module = factories.module(lessons=0)
quiz = factories.quiz(module=module, questions=3)
user = factories.UserFactory(full_name="Dewi Lestari")
print(json.dumps({"quiz": quiz.pk, "nip": user.nip, "password": factories.PASSWORD}))
"""

CHECK = """
import json
from django.db.models import Count, Q
from quizzes.models import Attempt
finished = Attempt.objects.filter(status=Attempt.Status.FINISHED)
rows = finished.annotate(
    questions=Count("drawn", distinct=True),
    graded=Count("answers", filter=Q(answers__is_correct__isnull=False), distinct=True),
)
print(json.dumps({
    "finished": finished.count(),
    "in_progress": Attempt.objects.filter(status=Attempt.Status.IN_PROGRESS).count(),
    "finished_without_score": finished.filter(Q(score__isnull=True) | Q(finished_at__isnull=True)).count(),
    "finished_with_ungraded_answers": sum(1 for row in rows if row.graded != row.questions),
    "in_progress_with_score": Attempt.objects.filter(status=Attempt.Status.IN_PROGRESS, score__isnull=False).count(),
}))
"""


def as_postgres(command: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run(["su", "postgres", "-c", command], capture_output=True, timeout=timeout, check=False)


@pytest.fixture
def own_postgres():
    if not (PG_BIN / "initdb").exists() or os.geteuid() != 0:
        pytest.skip("needs root and PostgreSQL 15's binaries to run a private cluster")
    root = Path(tempfile.mkdtemp(prefix="melayani-i7c-pg-"))
    shutil.chown(root, "postgres")
    data = root / "data"
    ctl = f"{PG_BIN}/pg_ctl -D {data} -l {root}/log -w -t 60"
    options = f"-o '-p {PG_PORT} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off'"
    initialised = as_postgres(f"{PG_BIN}/initdb -D {data} -A trust -U postgres --no-sync", timeout=120)
    assert initialised.returncode == 0, initialised.stderr.decode()
    started = as_postgres(f"{ctl} {options} start")
    assert started.returncode == 0, started.stderr.decode() + (root / "log").read_text()
    try:
        created = as_postgres(f"{PG_BIN}/createdb -h 127.0.0.1 -p {PG_PORT} melayani_fault")
        assert created.returncode == 0, created.stderr.decode()
        yield {
            "url": f"postgres://postgres@127.0.0.1:{PG_PORT}/melayani_fault",
            "restart": f"{ctl} {options} restart -m fast",
        }
    finally:
        as_postgres(f"{ctl} stop -m immediate")
        shutil.rmtree(root, ignore_errors=True)


def app_env(database_url: str, media: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DEBUG": "0",
        "SECRET_KEY": "fault-test-only",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url,
        "CONN_MAX_AGE": "60",  # persistent connections: the restart breaks them under the app's feet
        "MEDIA_ROOT": str(media / "media"),
        "PRIVATE_ROOT": str(media / "private"),
        "LOG_LEVEL": "ERROR",
    }


def manage(env, *args, timeout=300) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=settings.BASE_DIR, env=env, capture_output=True, timeout=timeout
    )
    assert done.returncode == 0, done.stderr.decode()[-3000:]
    return done.stdout.decode()


def csrf(session: requests.Session) -> str:
    return session.cookies.get("csrftoken", "")


def answer_one_quiz(session: requests.Session, quiz_id: int) -> bool:
    """Start an attempt, choose an answer for every question, finish. True if the result page came back."""
    started = session.post(f"{BASE}/kuis/{quiz_id}/mulai/", data={"csrfmiddlewaretoken": csrf(session)}, timeout=30)
    if started.status_code != 200 or "/kuis/percobaan/" not in started.url:
        return False
    form = {"csrfmiddlewaretoken": csrf(session), "action": "finish"}
    for question, choice in re.findall(r'name="q(\d+)" value="(\d+)"', started.text):
        form.setdefault(f"q{question}", choice)
    finished = session.post(started.url, data=form, timeout=30)
    return finished.status_code == 200 and finished.url.rstrip("/").endswith("/hasil")


def test_postgres_restart_during_quiz_submissions_recovers_and_leaves_no_half_saved_attempt(own_postgres):
    media = Path(tempfile.mkdtemp(prefix="melayani-i7c-media-"))
    env = app_env(own_postgres["url"], media)
    manage(env, "migrate", "--noinput", "-v", "0")
    seed = json.loads(manage(env, "shell", "-c", SEED).strip().splitlines()[-1])

    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "config.wsgi", "-b", f"127.0.0.1:{APP_PORT}", "-w", "2",
         "--timeout", "30", "--graceful-timeout", "5"],
        cwd=settings.BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        session = requests.Session()
        end = time.monotonic() + 120
        while time.monotonic() < end:
            try:
                if session.get(f"{BASE}/masuk/", timeout=30).status_code == 200:
                    break
            except requests.RequestException:
                time.sleep(0.5)
        signed = session.post(
            f"{BASE}/masuk/",
            data={"csrfmiddlewaretoken": csrf(session), "username": seed["nip"], "password": seed["password"]},
            timeout=30,
        )
        assert signed.status_code == 200 and "/masuk/" not in signed.url

        before, after, failures, restarted_at = 0, 0, 0, None
        deadline = time.monotonic() + RUN_SECONDS
        while time.monotonic() < deadline and after < 5:
            try:
                ok = answer_one_quiz(session, seed["quiz"])
            except requests.RequestException:
                ok = False
            if restarted_at is None:
                assert ok, "submissions fail before any fault"
                before += 1
                if before == 5:
                    restart = subprocess.Popen(["su", "postgres", "-c", own_postgres["restart"]])
                    restarted_at = time.monotonic()
            elif ok:
                after += 1
            else:
                failures += 1
                time.sleep(0.5)
        restart.wait(timeout=60)
        assert restart.returncode == 0
        assert after >= 5, f"not recovered within {RUN_SECONDS} s after the restart ({failures} failures)"
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(media, ignore_errors=True)

    state = json.loads(manage(env, "shell", "-c", CHECK).strip().splitlines()[-1])
    assert state["finished"] >= 10
    assert state["finished_without_score"] == 0
    assert state["finished_with_ungraded_answers"] == 0
    assert state["in_progress_with_score"] == 0
