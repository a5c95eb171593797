"""200 learners answer a 20-question quiz at the same time against gunicorn on 127.0.0.1.

Each learner opens the attempt page once, then POSTs its 20 answers one after the other (the next page is
not fetched: the client knows the question ids). Reported: p50/p95 of one answer submit (a one-per-page POST:
lock the attempt, check the position, save the answer, move on; the last one also grades) and of a bare Django
view POSTed through the same middleware by the same clients (after every 4th answer) on the same server in
the same run, and their ratio. Any unexpected status or exception is an error; the run fails unless there
are none and every attempt ends graded with 20 answers.

Environment: BENCH_DATABASE_URL (default: a throw-away SQLite file; a PostgreSQL URL is recommended and is
emptied and migrated), BENCH_QUIZ_LEARNERS (200), BENCH_QUIZ_QUESTIONS (20), BENCH_QUIZ_PORT (8431),
BENCH_QUIZ_WORKERS (2 gunicorn gthread workers, one per core), BENCH_QUIZ_THREADS (4 threads each, so a
request waiting on PostgreSQL does not idle a core), BENCH_QUIZ_DEADLINE (900 s: the whole load phase is bounded;
learners still running then are errors), BENCH_QUIZ_TIMEOUT (180 s per request), BENCH_QUIZ_KEEPALIVE (60 s;
0 closes every connection after its response, so each request is accepted by whichever worker is free).

Server: gthread workers keep HTTP connections alive (sync workers close each one, so every request also paid a
TCP connect and a new accept in the worker). Client: one thread per learner blocked on its socket; the client's
own CPU time is printed next to the wall time, to show it is not what limits the rate.
"""

import datetime
import http.client
import os
import platform
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORK = Path(tempfile.mkdtemp(prefix="melayani-bench-quiz-"))
LEARNERS = int(os.environ.get("BENCH_QUIZ_LEARNERS", "200"))
QUESTIONS = int(os.environ.get("BENCH_QUIZ_QUESTIONS", "20"))
PORT = int(os.environ.get("BENCH_QUIZ_PORT", "8431"))
WORKERS = int(os.environ.get("BENCH_QUIZ_WORKERS", "2"))
THREADS = int(os.environ.get("BENCH_QUIZ_THREADS", "4"))
TIMEOUT = int(os.environ.get("BENCH_QUIZ_TIMEOUT", "180"))
KEEPALIVE = int(os.environ.get("BENCH_QUIZ_KEEPALIVE", "60"))  # 0: a new connection per request
BARE_EVERY = int(os.environ.get("BENCH_QUIZ_BARE_EVERY", "4"))  # one bare POST after every 4th answer
DEADLINE_SECONDS = int(os.environ.get("BENCH_QUIZ_DEADLINE", "900"))
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{WORK / 'bench.sqlite3'}"
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.quiz_settings"
os.environ["LOG_LEVEL"] = "WARNING"
os.environ["PRIVATE_ROOT"] = str(WORK / "private")
os.environ["MEDIA_ROOT"] = str(WORK / "media")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402


def prepare() -> tuple[int, list[tuple[int, int]], list[str]]:
    """A fresh database with one quiz of QUESTIONS questions and LEARNERS signed-in learners (sessions)."""
    if connection.vendor == "postgresql" and _has_tables():
        call_command("flush", "--noinput", verbosity=0)
    call_command("migrate", verbosity=0)
    from people.models import User
    from quizzes.models import Quiz
    from quizzes.services import question_create

    quiz = Quiz.objects.create(title="Kuis bench", display=Quiz.Display.ONE, is_published=True)
    keys = []
    for number in range(QUESTIONS):
        question = question_create(
            quiz=quiz, text=f"Soal {number + 1}?", choices=[("Salah", False), ("Benar", True), ("Keliru", False)]
        )
        keys.append((question.pk, question.choices.get(is_correct=True).pk))
    sessions = []
    users = User.objects.bulk_create(
        User(username=f"bench{index:04d}", full_name=f"Peserta {index}") for index in range(LEARNERS)
    )
    for user in User.objects.filter(username__in=[user.username for user in users]):
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        sessions.append(store.session_key)
    return quiz.pk, keys, sessions


def _has_tables() -> bool:
    return "django_migrations" in connection.introspection.table_names()


class Client:
    def __init__(self, session_key: str):
        self.csrf = secrets.token_hex(16)  # 32 characters, as Django's CSRF cookie
        self.cookie = f"{settings.SESSION_COOKIE_NAME}={session_key}; {settings.CSRF_COOKIE_NAME}={self.csrf}"
        self.http = http.client.HTTPConnection("127.0.0.1", PORT, timeout=TIMEOUT)

    def request(self, method: str, path: str, body: str = "") -> tuple[int, dict, float]:
        headers = {"Cookie": self.cookie, "X-CSRFToken": self.csrf, "Host": "127.0.0.1"}
        if method == "POST":
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        start = time.perf_counter()
        try:
            self.http.request(method, path, body=body, headers=headers)
            response = self.http.getresponse()
            response.read()
        except (http.client.HTTPException, OSError):
            self.http.close()
            self.http = http.client.HTTPConnection("127.0.0.1", PORT, timeout=TIMEOUT)
            raise
        return response.status, dict(response.getheaders()), time.perf_counter() - start


def learner(session_key, quiz_id, keys, submits, bares, errors, barrier):
    client = Client(session_key)
    try:
        barrier.wait()
        status, headers, _elapsed = client.request("POST", f"/kuis/{quiz_id}/mulai/")
        if status != 302:
            errors.append(f"start: {status}")
            return
        attempt_path = headers["Location"]
        status, _headers, _elapsed = client.request("GET", attempt_path)
        if status != 200:
            errors.append(f"first page: {status}")
            return
        for position, (question_id, choice_id) in enumerate(keys):
            action = "finish" if position == len(keys) - 1 else "next"
            status, _headers, elapsed = client.request(
                "POST", attempt_path, f"position={position}&q{question_id}={choice_id}&action={action}"
            )
            if status != 302:
                errors.append(f"answer {position}: {status}")
                return
            submits.append(elapsed)
            if position % BARE_EVERY:
                continue
            status, _headers, elapsed = client.request("POST", "/bench/bare/", "x=1")
            if status != 200:
                errors.append(f"bare: {status}")
                return
            bares.append(elapsed)
    except Exception as error:  # noqa: BLE001 (every failure is counted, none hidden)
        errors.append(f"{type(error).__name__}: {error}")


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main() -> int:
    # A SIGTERM (timeout, Ctrl-C from make) still runs the finally below, which stops gunicorn.
    signal.signal(signal.SIGTERM, lambda *_args: sys.exit(1))
    quiz_id, keys, sessions = prepare()
    connection.close()
    gunicorn = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            str(WORKERS),
            "--worker-class",
            "gthread",
            "--threads",
            str(THREADS),
            "--keep-alive",
            str(KEEPALIVE),
            "--backlog",
            "1024",
            "--timeout",
            str(TIMEOUT),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        for _ in range(100):
            try:
                http.client.HTTPConnection("127.0.0.1", PORT, timeout=1).request("GET", "/bench/bare/")
                break
            except OSError:
                time.sleep(0.2)
        submits, bares, errors = [], [], []
        barrier = threading.Barrier(LEARNERS)
        threads = [
            threading.Thread(target=learner, args=(key, quiz_id, keys, submits, bares, errors, barrier), daemon=True)
            for key in sessions
        ]
        load_start = os.getloadavg()[0]
        started = time.perf_counter()
        cpu_before = time.process_time()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=max(1, DEADLINE_SECONDS - (time.perf_counter() - started)))
        wall = time.perf_counter() - started
        client_cpu = time.process_time() - cpu_before
        if any(thread.is_alive() for thread in threads):
            errors.append("some learners did not finish within the time bound")
    finally:
        gunicorn.send_signal(signal.SIGTERM)
        try:
            gunicorn.wait(timeout=30)
        except subprocess.TimeoutExpired:
            gunicorn.kill()

    from quizzes.models import Answer, Attempt

    graded = Attempt.objects.filter(quiz_id=quiz_id, status=Attempt.Status.FINISHED, score=100).count()
    answers = Answer.objects.filter(attempt__quiz_id=quiz_id).count()
    if graded != LEARNERS or answers != LEARNERS * QUESTIONS:
        errors.append(
            f"expected {LEARNERS} graded attempts and {LEARNERS * QUESTIONS} answers; got {graded}, {answers}"
        )
    database = "PostgreSQL" if connection.vendor == "postgresql" else "SQLite"
    print(
        f"Date: {datetime.date.today().isoformat()}  Machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {database}, gunicorn {WORKERS} gthread workers × {THREADS} threads "
        f"(keep-alive {KEEPALIVE} s) on 127.0.0.1:{PORT}; load average {load_start:.1f} at the start, "
        f"{os.getloadavg()[0]:.1f} at the end (1-minute)"
    )
    requests = len(submits) + len(bares) + 2 * LEARNERS
    print(
        f"{LEARNERS} learners × {QUESTIONS} questions, one per page; wall time {wall:.1f} s "
        f"({requests / wall:.1f} requests/s); client CPU {client_cpu:.1f} s; errors: {len(errors)}"
    )
    print()
    print("| request | n | p50 | p95 | ratio p50 (p95) to bare view |")
    print("| --- | --- | --- | --- | --- |")
    if submits and bares:
        ratio50 = statistics.median(submits) / statistics.median(bares)
        ratio95 = percentile(submits, 0.95) / percentile(bares, 0.95)
        print(
            f"| answer submit (POST, one per page) | {len(submits)} | {statistics.median(submits) * 1000:.0f} ms | "
            f"{percentile(submits, 0.95) * 1000:.0f} ms | {ratio50:.1f}x ({ratio95:.1f}x) |"
        )
        print(
            f"| bare Django view (POST, same middleware) | {len(bares)} | {statistics.median(bares) * 1000:.0f} ms | "
            f"{percentile(bares, 0.95) * 1000:.0f} ms | 1.0x |"
        )
    for error in errors[:20]:
        print(f"error: {error}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
