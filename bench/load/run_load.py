"""`make load`: seed PostgreSQL, start gunicorn on loopback, run the locust scenario headless, time-bounded.

Two runs against the same server: LOAD_USERS_P95 learners (50) for the p95 goal (under 150 ms) and
LOAD_USERS_ERRORS learners (200) for the errors goal (zero); each learner waits 1-3 s between pages. Prints a
Markdown table for BENCHMARKS.md and exits non-zero when a run has errors.

gunicorn runs with the deployment's settings (site/deploy/gunicorn.conf.py) on loopback; workers and threads
come from the knobs below. Besides locust's own table, every response time is recorded (locustfile.py) and the
exact p50/p95/p99 are printed for all requests and for all but the sign-in POST.

Knobs: LOAD_DATABASE_URL (postgres://postgres@127.0.0.1:5432/melayani_i7b_load), LOAD_PORT (8820),
LOAD_WORKERS (gunicorn workers, 3), LOAD_THREADS (threads per worker, 1 = sync workers, more = gthread),
LOAD_SECONDS (60 per run), LOAD_SPAWN_RATE (learners arriving per second, 5), LOAD_USERS_P95 (50),
LOAD_USERS_ERRORS (200), BENCH_REDIS_URL (a shared Redis for cache, sessions and user rows, as REDIS_URL gives in
production; unset = each worker's own cache and sessions in the database), LOAD_CLIENT (fast: locust's
FastHttpUser, the default; requests: HttpUser, as before 2026-11-29 09:00 UTC).

The load generator runs on the same cores as the server, so each run also reports the CPU locust used (its process,
from getrusage) and the CPU the gunicorn workers and their PostgreSQL backends used (from /proc) per request.
"""

import csv
import datetime
import json
import os
import platform
import resource
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent.parent))

import bench_pages  # noqa: E402

PORT = int(os.environ.get("LOAD_PORT", "8820"))
WORKERS = int(os.environ.get("LOAD_WORKERS", "3"))
THREADS = int(os.environ.get("LOAD_THREADS", "1"))
SIGN_IN = "/masuk/ (sign in)"  # the request name in locustfile.py
SECONDS = int(os.environ.get("LOAD_SECONDS", "60"))
SPAWN_RATE = os.environ.get("LOAD_SPAWN_RATE", "5")  # 50 learners arrive over 10 s, 200 over 40 s
RUNS = [int(os.environ.get("LOAD_USERS_P95", "50")), int(os.environ.get("LOAD_USERS_ERRORS", "200"))]
DATABASE_URL = os.environ.get("LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/melayani_i7b_load")
CLIENT = os.environ.get("LOAD_CLIENT", "fast")  # fast = FastHttpUser (geventhttpclient), requests = HttpUser


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


def percentiles(times: list[float]) -> tuple[float, float, float]:
    """(p50, p95, p99) in ms by nearest rank; zeros for no requests."""
    if not times:
        return 0.0, 0.0, 0.0
    ordered = sorted(times)
    return tuple(ordered[min(len(ordered) - 1, max(0, -(-len(ordered) * share // 100) - 1))] for share in (50, 95, 99))


class ServerCpu:
    """CPU seconds of the gunicorn workers and the load database's PostgreSQL backends, sampled every half second.

    Read from /proc (backends by their process title), so a worker recycled by max_requests during a run is still
    counted up to its last sample (at most half a second lost); no query, so the sampling adds no backend work.
    """

    def __init__(self, server: subprocess.Popen, database: str):
        self.server, self.title = server, f" {database} "
        self.seen: dict[int, float] = {}
        self._stop = threading.Event()

    def _pids(self) -> list[int]:
        pids = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == self.server.pid:
                    pids.append(int(stat.parent.name))
                elif (stat.parent / "comm").read_text().startswith("postgres") and self.title in (
                    (stat.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
                ):
                    pids.append(int(stat.parent.name))
            except (OSError, ValueError, IndexError):
                continue
        return pids

    def sample(self) -> None:
        for pid in self._pids():
            self.seen[pid] = max(self.seen.get(pid, 0.0), bench_pages._cpu_seconds(pid))

    def _loop(self) -> None:
        while not self._stop.wait(0.5):
            self.sample()

    def __enter__(self):
        self.sample()
        self.before = dict(self.seen)
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *_exc):
        self._stop.set()
        self._thread.join(timeout=5)
        self.sample()
        self.used = sum(seconds - self.before.get(pid, 0.0) for pid, seconds in self.seen.items())


def children_cpu() -> float:
    """CPU seconds (user + system) of this process's finished children: locust, once its run is over."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def locust(*, users: int, plan_path: Path, prefix: Path) -> tuple[dict, list[tuple[str, float]]]:
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
    times_path = Path(f"{prefix}_times.tsv")
    env = {
        **os.environ,
        "MELAYANI_LOAD_PLAN": str(plan_path),
        "MELAYANI_LOAD_TIMES": str(times_path),
        "MELAYANI_LOAD_CLIENT": CLIENT,
    }
    subprocess.run(command, env=env, timeout=SECONDS + 180, check=False, stdout=subprocess.DEVNULL)
    rows = {row["Name"]: row for row in csv.DictReader(open(f"{prefix}_stats.csv", encoding="utf-8"))}  # noqa: SIM115
    times = []
    for line in times_path.read_text(encoding="utf-8").splitlines() if times_path.exists() else []:
        name, _tab, milliseconds = line.rpartition("\t")
        times.append((name, float(milliseconds)))
    return rows, times


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
    database = connection.settings_dict["NAME"]
    server = bench_pages.start_gunicorn(
        port=PORT,
        workers=WORKERS,
        extra=["--config", str(HERE.parent.parent / "site" / "deploy" / "gunicorn.conf.py"), "--threads", str(THREADS)],
    )
    results, cpu = [], []
    try:
        for index, users in enumerate(RUNS, start=1):
            load_before = os.getloadavg()[0]
            locust_before, wall_before = children_cpu(), time.time()
            with ServerCpu(server, database) as server_cpu:
                prefix = bench_pages.WORK / f"run{index}_users{users}"
                rows, times = locust(users=users, plan_path=plan_path, prefix=prefix)
            cpu.append((server_cpu.used, children_cpu() - locust_before, time.time() - wall_before))
            results.append((users, rows, load_before, os.getloadavg()[0], times))
    finally:
        bench_pages.stop(server)
    print(
        f"Date: {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC  Machine: {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, PostgreSQL, "
        f"{'Redis cache and sessions' if os.environ.get('BENCH_REDIS_URL') else 'per-worker cache'}, gunicorn "
        f"{WORKERS} {'sync workers' if THREADS == 1 else f'gthread workers x {THREADS} threads'} on 127.0.0.1:{PORT} "
        f"(site/deploy/gunicorn.conf.py); locust {SECONDS} s per run "
        f"({'FastHttpUser' if CLIENT == 'fast' else 'HttpUser'}), think time 1-3 s, spawn rate {SPAWN_RATE}/s"
    )
    print()
    print("| learners | requests | failures | req/s | p50 | p95 | p99 | max | load average (before → after) |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    failed = False
    for users, rows, before, after, _times in results:
        total = rows["Aggregated"]
        failed = failed or int(total["Failure Count"]) > 0
        print(
            f"| {users} | {total['Request Count']} | {total['Failure Count']} | {float(total['Requests/s']):.1f} | "
            f"{total['50%']} ms | {total['95%']} ms | {total['99%']} ms | {float(total['Max Response Time']):.0f} ms | "
            f"{before:.1f} → {after:.1f} |"
        )
    print()
    print("Exact percentiles from every response time (the sign-in POST is each learner's first request):")
    print()
    print("| learners | requests | p50 | p95 | p99 | without the sign-in POST: p50 | p95 | p99 |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for users, _rows, _before, _after, times in results:
        every = percentiles([ms for _name, ms in times])
        pages = percentiles([ms for name, ms in times if name != SIGN_IN])
        print(f"| {users} | {len(times)} | " + " | ".join(f"{ms:.0f} ms" for ms in (*every, *pages)) + " |")
    print()
    print("CPU on the shared cores (locust from getrusage; gunicorn workers and PostgreSQL backends from /proc):")
    print()
    print(
        "| learners | requests | locust CPU | locust share of the cores | locust CPU ms/request "
        "| app + PostgreSQL CPU ms/request |"
    )
    print("| --- | --- | --- | --- | --- | --- |")
    for (users, _rows, _before, _after, times), (server_seconds, locust_seconds, wall) in zip(
        results, cpu, strict=True
    ):
        share = 100 * locust_seconds / (wall * (os.cpu_count() or 1))
        print(
            f"| {users} | {len(times)} | {locust_seconds:.1f} s in {wall:.0f} s | {share:.0f} % | "
            f"{1000 * locust_seconds / max(len(times), 1):.2f} | {1000 * server_seconds / max(len(times), 1):.1f} |"
        )
    for users, rows, _before, _after, _times in results:
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
