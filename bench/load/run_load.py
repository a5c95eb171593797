"""`make load`: seed PostgreSQL, start gunicorn on loopback, run the locust scenario headless, time-bounded.

Two runs against the same server: LOAD_USERS_P95 learners (50) for the p95 goal (under 150 ms) and
LOAD_USERS_ERRORS learners (200) for the errors goal (zero); each learner waits 1-3 s between pages. Prints a
Markdown table for BENCHMARKS.md and exits non-zero when a run has errors.

Knobs: LOAD_DATABASE_URL (postgres://postgres@127.0.0.1:5432/melayani_i7b_load), LOAD_PORT (8820),
LOAD_WORKERS (gunicorn sync workers, 3), LOAD_SECONDS (60 per run), LOAD_SPAWN_RATE (10 per second),
LOAD_USERS_P95 (50), LOAD_USERS_ERRORS (200).
"""

import csv
import datetime
import json
import os
import platform
import signal
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent.parent))

import bench_pages  # noqa: E402

PORT = int(os.environ.get("LOAD_PORT", "8820"))
WORKERS = int(os.environ.get("LOAD_WORKERS", "3"))
SECONDS = int(os.environ.get("LOAD_SECONDS", "60"))
SPAWN_RATE = os.environ.get("LOAD_SPAWN_RATE", "10")
RUNS = [int(os.environ.get("LOAD_USERS_P95", "50")), int(os.environ.get("LOAD_USERS_ERRORS", "200"))]
DATABASE_URL = os.environ.get("LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/melayani_i7b_load")


def plan(*, learners: int) -> dict:
    """Learners (NIP, a certificate with its PDF) and the modules they may open (no prerequisite), as JSON."""
    from certificates.models import Certificate
    from certificates.services import certificate_issue, certificate_render_store
    from courses.models import LessonPage, ModulePage
    from courses.selectors import module_prerequisites
    from demo.services import synthetic_nip
    from people.models import User
    from quizzes.models import Quiz
    from records.models import Completion

    modules = []
    for module in ModulePage.objects.live().order_by("path"):
        quiz = Quiz.objects.filter(module=module, is_published=True).first()
        lessons = [page.get_url() for page in LessonPage.objects.child_of(module).live().order_by("path")]
        if quiz is None or not lessons or module_prerequisites(module=module):
            continue
        modules.append(
            {
                "url": module.get_url(),
                "lessons": lessons,
                "quiz_url": f"/kuis/{quiz.slug}/",
                "quiz_start": f"/kuis/{quiz.pk}/mulai/",
            }
        )
    people = []
    for index in range(1, learners + 1):
        user = User.objects.get(nip=synthetic_nip(index))
        completion = Completion.objects.filter(user=user).order_by("pk").first()
        certificate = certificate_issue(completion=completion) if completion else None
        if certificate is not None and not certificate.pdf.storage.exists(certificate.pdf.name):
            # The bench database outlived the private directory of an earlier run: render this bench row again
            # (certificate_render_store never replaces a stored PDF, so the lost file's name is cleared first).
            Certificate.objects.filter(pk=certificate.pk).update(pdf="")
            certificate.pdf = None
            certificate = certificate_render_store(certificate=certificate)
        people.append({"nip": user.nip, "certificate_id": certificate.pk if certificate else None})
    return {"password": bench_pages.PASSWORD, "modules": modules, "learners": people}


def locust(*, users: int, plan_path: Path, prefix: Path) -> dict:
    command = [
        str(Path(sys.executable).parent / "locust"),
        "-f",
        str(HERE / "locustfile.py"),
        "--headless",
        "--host",
        f"http://127.0.0.1:{PORT}",
        "--users",
        str(users),
        "--spawn-rate",
        SPAWN_RATE,
        "--run-time",
        f"{SECONDS}s",
        "--stop-timeout",
        "10",
        "--csv",
        str(prefix),
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]
    env = {**os.environ, "MELAYANI_LOAD_PLAN": str(plan_path)}
    subprocess.run(command, env=env, timeout=SECONDS + 180, check=False, stdout=subprocess.DEVNULL)
    rows = {row["Name"]: row for row in csv.DictReader(open(f"{prefix}_stats.csv", encoding="utf-8"))}  # noqa: SIM115
    return rows


def database_ensure(url: str) -> None:
    """Create the load database on the PostgreSQL server if it is not there yet."""
    from urllib.parse import urlsplit

    import psycopg
    import psycopg.sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(psycopg.sql.SQL("CREATE DATABASE {}").format(psycopg.sql.Identifier(name)))


def main() -> int:
    database_ensure(DATABASE_URL)
    # Certificates' PDFs must outlive one run, like the database that points at them.
    os.environ.setdefault("PRIVATE_ROOT", os.environ.get("LOAD_PRIVATE_ROOT", "/tmp/melayani-load-private"))  # noqa: S108 (bench data only)
    bench_pages.PORT = PORT
    bench_pages.configure(DATABASE_URL)
    import django

    django.setup()
    from django.db import connection

    signal.signal(signal.SIGTERM, lambda *_args: sys.exit(1))
    bench_pages.seed(learners=max(RUNS))
    plan_path = bench_pages.WORK / "plan.json"
    plan_path.write_text(json.dumps(plan(learners=max(RUNS))), encoding="utf-8")
    connection.close()
    server = bench_pages.start_gunicorn(port=PORT, workers=WORKERS)
    results = []
    try:
        for users in RUNS:
            load_before = os.getloadavg()[0]
            rows = locust(users=users, plan_path=plan_path, prefix=bench_pages.WORK / f"users{users}")
            results.append((users, rows, load_before, os.getloadavg()[0]))
    finally:
        bench_pages.stop(server)
    print(
        f"Date: {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC  Machine: {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, PostgreSQL, gunicorn {WORKERS} sync workers "
        f"on 127.0.0.1:{PORT}; locust {SECONDS} s per run, think time 1-3 s, spawn rate {SPAWN_RATE}/s"
    )
    print()
    print("| learners | requests | failures | req/s | p50 | p95 | p99 | max | load average (before → after) |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    failed = False
    for users, rows, before, after in results:
        total = rows["Aggregated"]
        failed = failed or int(total["Failure Count"]) > 0
        print(
            f"| {users} | {total['Request Count']} | {total['Failure Count']} | {float(total['Requests/s']):.1f} | "
            f"{total['50%']} ms | {total['95%']} ms | {total['99%']} ms | {float(total['Max Response Time']):.0f} ms | "
            f"{before:.1f} → {after:.1f} |"
        )
    for users, rows, _before, _after in results:
        print()
        print(f"Per request, {users} learners:")
        print()
        print("| request | count | failures | p50 | p95 |")
        print("| --- | --- | --- | --- | --- |")
        for name, row in rows.items():
            if name != "Aggregated":
                print(
                    f"| {name} | {row['Request Count']} | {row['Failure Count']} | {row['50%']} ms | {row['95%']} ms |"
                )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
