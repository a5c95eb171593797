"""Pages per second for the catalogue, a module, a lesson and a quiz page against a bare view, on gunicorn.

Builds a database (PostgreSQL via BENCH_DATABASE_URL, else a throw-away SQLite file), seeds the demo, starts
gunicorn on 127.0.0.1 with production settings (DEBUG off, persistent connections; bench.pages_settings adds
a bare view at /bench/bare/ that goes through the same middleware), and drives each page for a fixed time with
wrk (Debian package; a bounded Python client if wrk is missing). Anonymous pages come from the page cache;
signed-in ones are rendered every time. Prints a Markdown table with requests/s, the ratio to the bare view
and the queries each page costs (counted in-process with the same settings and data), and the CPU time the app
workers and their PostgreSQL backends spent per request, with its ratio to the bare view's: on a shared machine
requests per second also measure the neighbours, CPU per request much less.

Knobs: BENCH_DATABASE_URL, BENCH_PAGES_PORT (8810), BENCH_PAGES_WORKERS (2), BENCH_PAGES_SECONDS (10 per page),
BENCH_PAGES_CONNECTIONS (4), BENCH_REDIS_URL (a shared Redis cache, when the redis package is installed, with
sessions and the user row in it as REDIS_URL gives in production), BENCH_PAGES_ONLY (e.g. "lesson,quiz page": only
the pages whose label starts with one of these, and the bare view).
"""

import datetime
import http.client
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORK = Path(tempfile.mkdtemp(prefix="melayani-bench-pages-"))
PORT = int(os.environ.get("BENCH_PAGES_PORT", "8810"))
WORKERS = int(os.environ.get("BENCH_PAGES_WORKERS", "2"))
SECONDS = int(os.environ.get("BENCH_PAGES_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("BENCH_PAGES_CONNECTIONS", "4"))
PASSWORD = "Melayani#2026"  # noqa: S105 (the demo's documented password, loopback only)


def configure(database_url: str | None = None) -> None:
    """Environment for production settings on loopback; must run before django.setup()."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.pages_settings"
    os.environ["DATABASE_URL"] = database_url or os.environ.get(
        "BENCH_DATABASE_URL", f"sqlite:///{WORK / 'bench.sqlite3'}"
    )
    os.environ.setdefault("SECRET_KEY", "bench-only-" + "k" * 60)
    os.environ["ALLOWED_HOSTS"] = "127.0.0.1,localhost"
    os.environ["SECURE_SSL_REDIRECT"] = "0"
    os.environ.setdefault("PRIVATE_ROOT", str(WORK / "private"))
    os.environ.setdefault("MEDIA_ROOT", str(WORK / "media"))
    os.environ.setdefault("LOG_LEVEL", "WARNING")


def seed(*, learners: int = 0) -> dict:
    """Migrate, seed the demo and pick the pages to measure; returns paths and a signed-in session cookie."""
    import io

    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command

    from courses.models import LessonPage
    from courses.selectors import missing_prerequisites
    from demo.services import DEMO_ASN_NIP
    from people.models import User
    from quizzes.models import Quiz
    from quizzes.services import attempt_start

    call_command("migrate", verbosity=0)
    call_command("seed_demo", learners=learners, stdout=io.StringIO())
    asn = User.objects.get(nip=DEMO_ASN_NIP)
    quiz = next(
        quiz
        for quiz in Quiz.objects.filter(is_published=True, module__live=True).select_related("module").order_by("pk")
        if quiz.questions.exists()
        and not missing_prerequisites(user=asn, module=quiz.module)
        and LessonPage.objects.child_of(quiz.module).live().exists()
    )
    module = quiz.module.specific
    lesson = LessonPage.objects.child_of(module).live().order_by("path").first()
    attempt = attempt_start(user=asn, quiz=quiz)
    session = SessionStore()
    session[SESSION_KEY] = str(asn.pk)
    session[BACKEND_SESSION_KEY] = "people.backends.NipOrUsernameBackend"
    session[HASH_SESSION_KEY] = asn.get_session_auth_hash()
    session.create()
    return {
        "catalogue": "/",
        "module": module.get_url(),
        "lesson": lesson.get_url(),
        "quiz": f"/kuis/{quiz.slug}/",
        "attempt": f"/kuis/percobaan/{attempt.pk}/",
        "cookie": f"sessionid={session.session_key}",
    }


def start_gunicorn(*, port: int = PORT, workers: int = WORKERS, extra: list[str] | None = None) -> subprocess.Popen:
    """gunicorn with sync workers on loopback (extra: more arguments); waits until it answers the bare view."""
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--backlog",
            "2048",
            "--timeout",
            "60",
            "--log-level",
            "warning",
            *(extra or []),
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    for _ in range(150):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/bench/bare/")
            if connection.getresponse().status == 200:
                return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("gunicorn did not answer within 30 s")


def stop(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()


def fetch(path: str, cookie: str = "") -> tuple[int, dict]:
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
    response = connection.getresponse()
    response.read()
    return response.status, dict(response.getheaders())


def load(path: str, cookie: str = "") -> tuple[float, int, int]:
    """(requests per second, non-2xx responses, requests) for SECONDS with CONNECTIONS concurrent clients."""
    url = f"http://127.0.0.1:{PORT}{path}"
    if shutil.which("wrk"):
        command = ["wrk", "-t", "1", "-c", str(CONNECTIONS), "-d", f"{SECONDS}s", "--timeout", "10s", url]
        if cookie:
            command[1:1] = ["-H", f"Cookie: {cookie}"]
        output = subprocess.run(command, capture_output=True, text=True, timeout=SECONDS + 60, check=True).stdout
        rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
        bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
        errors = re.search(r"Socket errors:.*timeout (\d+)", output)
        done = int(re.search(r"(\d+) requests in", output).group(1))
        return rate, (int(bad.group(1)) if bad else 0) + (int(errors.group(1)) if errors else 0), done
    return _python_load(path, cookie)


def _python_load(path: str, cookie: str) -> tuple[float, int]:
    counts, failures = [0] * CONNECTIONS, [0] * CONNECTIONS
    deadline = time.perf_counter() + SECONDS

    def client(index: int) -> None:
        while time.perf_counter() < deadline:
            try:
                status, _headers = fetch(path, cookie)
            except OSError:
                status = 0
            counts[index] += 1
            failures[index] += status != 200

    threads = [threading.Thread(target=client, args=(index,)) for index in range(CONNECTIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=SECONDS + 60)
    return sum(counts) / SECONDS, sum(failures), sum(counts)


def _cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def server_cpu(server: subprocess.Popen) -> dict[int, float]:
    """CPU seconds so far of each gunicorn worker and each PostgreSQL backend serving the bench database.

    Per request, this is what a page costs the app and the database whatever else runs on the machine: on a
    shared machine requests per second measure the neighbours as much as the page (Redis and wrk not counted).
    """
    from django.db import connection

    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == server.pid:
                pids.append(int(stat.parent.name))
        except (OSError, ValueError, IndexError):
            continue
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            pids += [row[0] for row in cursor.fetchall()]
    return {pid: _cpu_seconds(pid) for pid in pids}


def cpu_per_request(before: dict[int, float], after: dict[int, float], requests: int) -> float:
    """Milliseconds of app and database CPU per request between two server_cpu() readings."""
    used = sum(seconds - before.get(pid, 0.0) for pid, seconds in after.items())
    return 1000 * used / max(requests, 1)


def queries(path: str, cookie: str = "") -> int:
    """Queries of one warm request, counted in this process with the same settings and database."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    if cookie:
        client.cookies["sessionid"] = cookie.split("=", 1)[1]
    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        status = client.get(path).status_code
    assert status == 200, (path, status)
    return len(captured.captured_queries)


def main() -> int:
    configure()
    import django

    django.setup()
    from django.db import connection

    signal.signal(signal.SIGTERM, lambda *_args: sys.exit(1))
    pages = seed()
    cookie = pages["cookie"]
    targets = [
        ("bare Django view (reference)", "/bench/bare/", ""),
        ("catalogue, anonymous (cached)", pages["catalogue"], ""),
        ("module, anonymous (cached)", pages["module"], ""),
        ("catalogue, signed in", pages["catalogue"], cookie),
        ("module, signed in", pages["module"], cookie),
        ("lesson, signed in", pages["lesson"], cookie),
        ("quiz page (attempt), signed in", pages["attempt"], cookie),
        ("quiz overview, signed in", pages["quiz"], cookie),
    ]
    only = [name.strip() for name in os.environ.get("BENCH_PAGES_ONLY", "").split(",") if name.strip()]
    if only:  # a quicker look at some pages: labels starting with one of these words (the bare view always)
        targets = [target for target in targets if target[1] == "/bench/bare/" or target[0].startswith(tuple(only))]
    counted = {label: (queries(path, cookie) if path != "/bench/bare/" else 0) for label, path, cookie in targets}
    connection.close()
    load_before = os.getloadavg()
    server = start_gunicorn()
    results = []
    try:
        for label, path, cookie in targets:
            status, headers = fetch(path, cookie)
            fetch(path, cookie)  # fill the page cache, and each worker's lookups
            if status != 200:
                raise RuntimeError(f"{path} answered {status}")
            before = server_cpu(server)
            rate, errors, done = load(path, cookie)
            cpu = cpu_per_request(before, server_cpu(server), done)
            status, headers = fetch(path, cookie)
            if status != 200:  # wrk counts redirects as answers: a session lost mid-run would measure the redirect
                raise RuntimeError(f"{path} answered {status} after the run")
            hit = headers.get("X-Melayani-Cache", "—")
            results.append((label, path, rate, errors, hit, cpu))
        before = server_cpu(server)
        bare_again, _errors, done = load("/bench/bare/")
        bare_cpu_again = cpu_per_request(before, server_cpu(server), done)
    finally:
        stop(server)
    load_after = os.getloadavg()
    bare = (results[0][2] + bare_again) / 2
    database = "PostgreSQL" if connection.vendor == "postgresql" else "SQLite"
    tool = "wrk" if shutil.which("wrk") else "Python threads"
    print(
        f"Date: {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC  Machine: {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, {database}, gunicorn {WORKERS} sync workers, "
        f"{tool} {CONNECTIONS} connections × {SECONDS} s per page; load average before {load_before[0]:.1f}, "
        f"after {load_after[0]:.1f}"
    )
    print(f"bare view: {results[0][2]:.0f} req/s first, {bare_again:.0f} req/s last; reference = mean {bare:.0f}")
    print()
    bare_cpu = (results[0][5] + bare_cpu_again) / 2
    print(
        f"bare view CPU (app + PostgreSQL): {results[0][5]:.2f} ms/request first, {bare_cpu_again:.2f} last; "
        f"reference = mean {bare_cpu:.2f}"
    )
    print()
    print("| page | requests/s | ratio to bare | queries | cache | non-2xx | CPU ms/request | CPU ratio to bare |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for label, _path, rate, errors, hit, cpu in results:
        print(
            f"| {label} | {rate:.0f} | {rate / bare:.3f} | {counted[label]} | {hit} | {errors} | {cpu:.2f} | "
            f"{bare_cpu / cpu:.3f} |"
        )
    return 1 if any(errors for *_rest, errors, _hit, _cpu in results) else 0


if __name__ == "__main__":
    sys.exit(main())
