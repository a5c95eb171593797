"""Certificate benchmark: the full issue path against a bare WeasyPrint render of the same HTML (same run), a bulk
issue by two `db_worker` processes, and the download of a stored certificate.

Bounded: BENCH_CERTS (default 1000) certificates in bulk, BENCH_REPEATS (default 15) single issues, BENCH_CEILING
(default 30) renders per process for the two-process ceiling. The database is BENCH_DATABASE_URL (PostgreSQL
recommended: two workers on SQLite serialise on its file lock), else a throw-away SQLite file. Signing is on (a
throw-away PKCS#12), as in production. Workers run with DEBUG off, as deployed.
"""

import datetime
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORK = Path(tempfile.mkdtemp(prefix="melayani-bench-cert-"))
DB_URL = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{WORK / 'bench.sqlite3'}"
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
os.environ["DATABASE_URL"] = DB_URL
os.environ["PRIVATE_ROOT"] = str(WORK / "private")
os.environ["MEDIA_ROOT"] = str(WORK / "media")
os.environ["LOG_LEVEL"] = "WARNING"
CERTS = int(os.environ.get("BENCH_CERTS", "1000"))
REPEATS = int(os.environ.get("BENCH_REPEATS", "15"))
CEILING = int(os.environ.get("BENCH_CEILING", "30"))
WORKER_TIMEOUT = int(os.environ.get("BENCH_WORKER_TIMEOUT", "900"))
os.environ["DEBUG"] = "0"  # the bench process and its workers, as deployed (no query log kept in memory)


from tests.certificates.helpers import self_signed_pkcs12  # noqa: E402  (the tests' throw-away signing key)

self_signed_pkcs12(WORK / "bench.p12", b"bench")
os.environ["MELAYANI_SIGNING_PKCS12"] = str(WORK / "bench.p12")
os.environ["MELAYANI_SIGNING_PASSPHRASE"] = "bench"  # noqa: S105  (a throw-away key made above)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def setup_data(count: int):
    from django.db import connection
    from django.utils import timezone
    from wagtail.models import Page

    from courses.models import ModulePage
    from people.models import Unit, User
    from records.models import Completion

    if connection.vendor == "postgresql":
        if "bench" not in connection.settings_dict["NAME"]:
            raise SystemExit("BENCH_DATABASE_URL must name a database containing 'bench': it is wiped on every run")
        with connection.cursor() as cursor:  # a fresh schema on every run
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    call_command("migrate", verbosity=0)
    unit = Unit.add_root(code="SDA", name="Direktorat Jenderal Sumber Daya Air")
    root = Page.get_first_root_node()
    module = root.add_child(
        instance=ModulePage(title="Berorientasi Pelayanan", slug="bench-modul", summary="Bench.", jp=4)
    )
    users = User.objects.bulk_create(
        User(username=f"bench{i}", nip=f"1985031220100{i:05d}", full_name=f"Peserta {i}, S.T.",
             unit=unit)
        for i in range(count)
    )  # fmt: skip
    now = timezone.now()
    Completion.objects.bulk_create(
        Completion(user=user, module=module, unit=unit, jp=4, completed_at=now, score=90) for user in users
    )
    return list(Completion.objects.order_by("pk").values_list("pk", flat=True)), users


def bare_html(html: str) -> str:
    """The same document with the shared stylesheet inlined and fonts read from disk: what naive code renders."""
    from django.template.loader import render_to_string

    from certificates.engine import FONT_FACES

    fonts = (ROOT / "site" / "static").as_uri() + "/"
    faces = []
    for family, file, weight, style in FONT_FACES:
        faces.append(
            f'@font-face {{ font-family: "{family}"; src: url("{fonts}fonts/liberation/{file}"); '
            f"font-weight: {weight}; font-style: {style}; }}"
        )
    style = "<style>" + "\n".join(faces) + render_to_string("certificates/certificate.css") + "</style>"
    return html.replace("</head>", style + "</head>", 1)


def main() -> None:
    from weasyprint import HTML

    from certificates.models import Certificate
    from certificates.rendering import certificate_facts, document_html, html_to_pdf
    from certificates.services import certificate_issue
    from records.models import Completion

    single = REPEATS * 2 + 1
    completion_ids, users = setup_data(CERTS + single)
    certificate_issue(completion=Completion.objects.get(pk=completion_ids[0]))  # warm the worker: fonts, CSS, key

    # 1. Full issue path vs a bare WeasyPrint render of the same HTML, interleaved so load hits both alike.
    full, bare, ours = [], [], []
    for pk in completion_ids[1:single]:
        start = time.perf_counter()
        certificate = certificate_issue(completion=Completion.objects.get(pk=pk))
        full.append(time.perf_counter() - start)
        html = document_html(certificate.template or _fallback(), certificate_facts(certificate))
        start = time.perf_counter()
        html_to_pdf(html)
        ours.append(time.perf_counter() - start)
        plain = bare_html(html)
        start = time.perf_counter()
        HTML(string=plain).write_pdf()
        bare.append(time.perf_counter() - start)
    full_ms, bare_ms, ours_ms = (statistics.median(x) for x in (full, bare, ours))

    # 2. Ceiling: how many PDFs two processes can render per second on this machine right now (no database).
    html = document_html(certificate.template or _fallback(), certificate_facts(certificate))
    bare_rate = two_process_rate(_bare_render, bare_html(html))
    ours_rate = two_process_rate(_our_render, html)
    signed_rate = two_process_rate(_our_render_and_sign, html)
    #    ... and the bulk pipeline: a chunk's certificates laid out as one document, split, each signed.
    from certificates.bulk import CHUNK
    from certificates.rendering import certificate_template, document_parts

    issued_so_far = list(Certificate.objects.exclude(pdf="").select_related("completion__unit", "template"))
    parts = [
        document_parts(certificate_template(c), certificate_facts(c))
        for c in issued_so_far * (CHUNK // len(issued_so_far) + 1)
    ][:CHUNK]
    batch_calls = max(2, 2 * CEILING // CHUNK)  # about twice the certificates of the one-at-a-time ceilings
    batch_rate = two_process_rate(_batch_render_split_and_sign, parts, per_call=CHUNK, calls=batch_calls)

    # 3. Bulk: a trainer's bulk run for the module, two long-running db_worker processes (already started and idle,
    #    as deployed; each parses its fonts, stylesheet and key on its first chunk, inside the timed run).
    from certificates.bulk import bulk_run_start
    from certificates.models import BulkRun
    from people.models import User

    trainer = User.objects.create(username="bench-trainer", is_staff=True)
    bulk_ids = completion_ids[single:]
    env = {**os.environ, "CONN_MAX_AGE": "600", "LOG_LEVEL": "INFO"}  # a worker keeps its connection, as deployed
    logs = [WORK / f"worker-{i}.log" for i in range(2)]
    workers = [
        subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--no-reload", "--interval", "0.2", "--worker-id", f"bench-{i}"],
            cwd=ROOT,
            env=env,
            stdout=open(logs[i], "w"),  # noqa: SIM115
            stderr=subprocess.STDOUT,
        )
        for i in range(2)
    ]
    deadline = time.monotonic() + 300
    while not all("Starting worker" in log.read_text() for log in logs) and time.monotonic() < deadline:
        time.sleep(0.2)
    from django.db import transaction

    cpu_before = [process_cpu_seconds(worker.pid) for worker in workers]
    server_before = server_cpu_seconds()
    start = time.perf_counter()
    with transaction.atomic():
        run = bulk_run_start(action=BulkRun.Action.ISSUE, user=trainer, page=module_of(bulk_ids[0]))
    deadline = time.monotonic() + WORKER_TIMEOUT
    while time.monotonic() < deadline:
        run.refresh_from_db()
        if run.status in (BulkRun.Status.DONE, BulkRun.Status.FAILED):
            break
        time.sleep(0.1)
    wall = time.perf_counter() - start
    cpu_after = [process_cpu_seconds(worker.pid) for worker in workers]  # idle again: nothing left to count
    server_after = server_cpu_seconds()
    for worker in workers:
        worker.terminate()
    for worker in workers:
        try:
            worker.wait(timeout=60)
        except subprocess.TimeoutExpired:
            worker.kill()
    worker_cpu = sum(cpu_after) - sum(cpu_before)
    server_cpu = (
        sum(seconds - server_before.get(pid, 0.0) for pid, seconds in server_after.items())
        if server_after is not None and server_before is not None
        else None
    )
    issued = Certificate.objects.filter(completion_id__in=bulk_ids).exclude(pdf="").count()
    from django_tasks_db.models import DBTaskResult

    chunks = DBTaskResult.objects.filter(task_path="certificates.tasks.bulk_issue_chunk_task")
    first_start = min(chunks.values_list("started_at", flat=True), default=None)
    last_finish = max(chunks.values_list("finished_at", flat=True), default=None)
    busy = (last_finish - first_start).total_seconds() if first_start and last_finish else 0.0
    steady = issued / busy if busy else 0.0
    by_worker: dict[str, list[tuple]] = {}  # each worker's chunks in order: the first one pays the warm-up
    for started, finished, worker_ids in chunks.order_by("started_at").values_list(
        "started_at", "finished_at", "worker_ids"
    ):
        by_worker.setdefault(worker_ids[-1] if worker_ids else "?", []).append((finished - started).total_seconds())
    first_chunks = [durations[0] for durations in by_worker.values()]
    later_chunks = [seconds for durations in by_worker.values() for seconds in durations[1:]]
    sequences = list(Certificate.objects.order_by("sequence").values_list("sequence", flat=True))
    gapless = sequences == list(range(1, len(sequences) + 1))

    # 4. Download of a stored certificate vs reading the file from storage.
    certificate = Certificate.objects.filter(completion__user=users[1]).first()
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(users[1])
    url = f"/sertifikat/{certificate.pk}/unduh/"
    downloads, reads = [], []
    for _ in range(50):
        start = time.perf_counter()
        response = client.get(url)
        b"".join(response.streaming_content)
        downloads.append(time.perf_counter() - start)
        start = time.perf_counter()
        with certificate.pdf.open("rb") as handle:
            handle.read()
        reads.append(time.perf_counter() - start)
    assert response.status_code == 200

    vendor = "PostgreSQL" if DB_URL.startswith("postgres") else "SQLite"
    print(f"\n## Certificates — {datetime.date.today()}, {platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, {vendor}, signing on\n")  # fmt: skip
    print("| benchmark | median | reference (same run) | ratio |")
    print("| --- | --- | --- | --- |")
    print(
        f"| full issue path (allocate, render, PAdES sign, store, hash), n={len(full)} | {ms(full_ms)} "
        f"| bare WeasyPrint render of the same HTML {ms(bare_ms)} | {full_ms / bare_ms:.2f}x |"
    )
    print(
        f"| our render alone (cached fonts/CSS, locked fetcher) | {ms(ours_ms)} "
        f"| bare WeasyPrint render {ms(bare_ms)} | {ours_ms / bare_ms:.2f}x |"
    )
    print(
        f"| bulk run: {len(bulk_ids)} certificates, 2 db_worker processes | {wall:.1f} s wall, "
        f"{issued / wall:.1f} certs/s ({issued} issued, run {run.status}, numbers gapless: {gapless}) | goal 35/s; "
        f"ceiling: bare render on 2 processes {bare_rate:.1f}/s | {(issued / wall) / 35:.2f} of goal, "
        f"{(issued / wall) / bare_rate:.2f} of the bare ceiling |"
    )
    print(
        f"| bulk, first chunk task started to last finished ({chunks.count()} chunk tasks) | {busy:.1f} s, "
        f"{steady:.1f} certs/s | goal 35/s | {steady / 35:.2f} |"
    )
    if issued:
        print(
            f"| CPU time of the 2 workers during the bulk run, per certificate (warm-up, tasks, database client "
            f"included; the database server not) | {ms(worker_cpu / issued)} | 35/s on 2 cores allows "
            f"{ms(2 / 35)} all-in | {worker_cpu / issued / (2 / 35):.2f} of the budget |"
        )
    if issued and server_cpu is not None:
        print(
            f"| CPU time of this database's PostgreSQL backends during the bulk run, per certificate "
            f"| {ms(server_cpu / issued)} | workers + backends {ms((worker_cpu + server_cpu) / issued)} against "
            f"{ms(2 / 35)} | {(worker_cpu + server_cpu) / issued / (2 / 35):.2f} of the budget |"
        )
    if later_chunks:
        print(
            f"| one chunk task of {CHUNK} (median of {len(later_chunks)}, each worker's first excluded) "
            f"| {ms(statistics.median(later_chunks))}, {ms(statistics.median(later_chunks) / CHUNK)} per certificate "
            f"| each worker's first chunk (fonts, stylesheet, key, imports) {', '.join(ms(x) for x in first_chunks)} "
            "| — |"
        )
    print(
        f"| 2 processes, render only, no database (n={2 * CEILING}) | bare {bare_rate:.1f}/s; ours {ours_rate:.1f}/s;"
        f" ours + PAdES sign {signed_rate:.1f}/s | — | — |"
    )
    print(
        f"| 2 processes, bulk pipeline without database: {CHUNK} pages as one document, split, each signed "
        f"(n={2 * batch_calls * CHUNK}) | {batch_rate:.1f} certs/s | bulk run {issued / wall:.1f}/s | "
        f"bulk at {(issued / wall) / batch_rate:.2f} of this ceiling |"
    )
    print(
        f"| download of a stored certificate (Django view, signed-in holder) | {ms(statistics.median(downloads))} "
        f"| reading the file from storage {statistics.median(reads) * 1000:.2f} ms | "
        f"{statistics.median(downloads) / max(statistics.median(reads), 1e-6):.0f}x |"
    )
    print(f"\nLoad average at the end: {os.getloadavg()}")
    print(f"Signing key: {settings.MELAYANI_SIGNING_PKCS12 != ''}; work dir {WORK}")


def process_cpu_seconds(pid: int) -> float:
    """User + system CPU time of a running process (Linux /proc), so load on a shared machine does not count."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def server_cpu_seconds() -> dict[int, float] | None:
    """CPU seconds of each PostgreSQL backend connected to the bench database (the workers' persistent connections),
    when the server runs on this machine and /proc shows its processes; else None."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        pids = [row[0] for row in cursor.fetchall()]
    try:
        return {pid: process_cpu_seconds(pid) for pid in pids}
    except OSError:
        return None


def module_of(completion_id: int):
    from records.models import Completion

    return Completion.objects.select_related("module").get(pk=completion_id).module


def _bare_render(html: str) -> None:
    from weasyprint import HTML

    HTML(string=html).write_pdf()


def _our_render(html: str) -> None:
    from certificates.rendering import html_to_pdf

    html_to_pdf(html)


def _our_render_and_sign(html: str) -> None:
    from certificates.rendering import html_to_pdf
    from certificates.signing import configured_signer

    configured_signer().sign(html_to_pdf(html))


def _batch_render_split_and_sign(parts) -> None:
    from certificates.batch import _render_together
    from certificates.services import _sign

    for pdf in _render_together(parts):
        _sign(pdf)


def _render_loop(function, html, count: int, ready, go) -> None:
    function(html)  # warm: fonts, stylesheet and key parsed once in this process, as a worker does
    ready.wait()
    go.wait()
    for _ in range(count):
        function(html)


def two_process_rate(function, html, per_call: int = 1, calls: int = CEILING) -> float:
    """Certificates per second from two forked processes rendering at once (the machine's 2 cores)."""
    import multiprocessing

    from django.db import connections

    connections.close_all()
    context = multiprocessing.get_context("fork")
    ready, go = context.Barrier(3), context.Event()
    processes = [context.Process(target=_render_loop, args=(function, html, calls, ready, go)) for _ in range(2)]
    for process in processes:
        process.start()
    ready.wait()
    start = time.perf_counter()
    go.set()
    for process in processes:
        process.join()
    return 2 * calls * per_call / (time.perf_counter() - start)


def _fallback():
    from certificates.models import CertificateTemplate

    return CertificateTemplate(name="default")


if __name__ == "__main__":
    main()
