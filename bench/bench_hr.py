"""HR benchmark on PostgreSQL: exports of 100,000 and 1,000,000 completions and the dashboard of a 100,000-person unit.

Run: `.venv/bin/python bench/bench_hr.py` (make bench runs it). It needs PostgreSQL on 127.0.0.1 (trust auth, as in
CI) and uses its own database, `melayani_i6_bench` by default (BENCH_DATABASE_URL overrides), which it drops and
fills with generate_series: 200,000 people in 6 units, 5 modules, 1,000,000 completions each with a certificate.

Measured, each export in a fresh subprocess (so peak RSS is the export's own, imports included):
- CSV export (the HR schema, neutralised, verification URLs; on PostgreSQL converted in SQL and written by COPY)
  vs PostgreSQL's `COPY (SELECT of the raw columns) TO STDOUT CSV` run in the same way: median of BENCH_REPEATS
  runs, ratio;
- XLSX export (reports.xlsx, rows converted by PostgreSQL and read from its COPY): one run per size;
- ODS export (reports.ods, the same rows): one run per size, like the XLSX;
- peak memory of each, at 100,000 rows (one unit) and 1,000,000 rows (everything);
- HR dashboard (`reports.selectors.dashboard`, reading the yearly summaries) for a unit of 100,000 people and
  500,000 completions: median of 7. The summaries are rebuilt after the bulk load (`rebuild_jp_summaries`).
Bounded: BENCH_ROWS=100000 shrinks everything tenfold for a quick look. BENCH_BUILD_ONLY=1 builds the data and
stops; BENCH_REUSE=1 then measures on it (migrations applied, summaries rebuilt if empty; not timed).
"""

import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/melayani_i6_bench")
TOTAL_ROWS = int(os.environ.get("BENCH_ROWS", "1000000"))
REPEATS = int(os.environ.get("BENCH_REPEATS", "3"))
# Bounds: BENCH_REUSE=1 keeps an already built database; XLSX and ODS are measured only up to BENCH_XLSX_MAX_ROWS
# rows.
REUSE = os.environ.get("BENCH_REUSE") == "1"
XLSX_MAX_ROWS = int(os.environ.get("BENCH_XLSX_MAX_ROWS", "1000000"))
TIMEOUT = int(os.environ.get("BENCH_TIMEOUT", "900"))  # seconds per measured export; over it is reported, not hidden
PEOPLE = TOTAL_ROWS // 5
MODULES = 5
# One big unit (half the people) for the dashboard, five small ones (a tenth each) for the 100k export.
UNITS = [("BIG", PEOPLE // 2)] + [(f"S{i}", PEOPLE // 10) for i in range(1, 6)]


def _django():
    os.environ["DATABASE_URL"] = DATABASE_URL
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()


def _peak_mb() -> float:
    """This process's own high-water RSS (VmHWM).

    ru_maxrss is not used: Linux carries the parent's high-water mark into a child across exec, so every export
    child reported the benchmark parent's peak (the in-process data build), whatever the export itself used.
    """
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(kind: str, unit: str | None, output: str) -> None:
    """One measured export in this process; prints JSON with seconds, rows and peak RSS."""
    _django()
    from django.db import connection

    from reports.exports import export_queryset, write_csv, write_ods, write_xlsx
    from reports.selectors import completions_for_export

    completions = completions_for_export(unit_code=unit)
    start = time.perf_counter()
    if kind == "copy":
        sql, params = export_queryset(completions).query.sql_with_params()
        import psycopg

        raw = connection.cursor().connection  # the psycopg connection Django opened
        query = psycopg.ClientCursor(raw).mogrify(sql, params)
        rows = -1
        with open(output, "wb") as handle, raw.cursor() as cursor:
            with cursor.copy(f"COPY ({query}) TO STDOUT WITH (FORMAT csv, HEADER)") as copy:
                for data in copy:
                    handle.write(data)
                    rows += bytes(data).count(b"\n")
    elif kind == "csv":
        rows = write_csv(completions, output)
    elif kind == "ods":
        rows = write_ods(completions, output)
    else:
        rows = write_xlsx(completions, output)
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "rows": rows, "peak_mb": _peak_mb(), "bytes": os.path.getsize(output)}))


def _note(what: str, result: dict) -> None:
    load = "/".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"{time.strftime('%H:%M:%S')} load {load} {what}: {json.dumps(result)}", file=sys.stderr, flush=True)


def measure(kind: str, unit: str | None, folder: str) -> dict:
    output = os.path.join(folder, f"out.{kind}")
    args = [sys.executable, __file__, "--child", kind, unit or "-", output]
    try:
        result = subprocess.run(args, check=True, capture_output=True, text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return {"seconds": float("inf"), "rows": -1, "peak_mb": float("nan"), "timed_out": True}
    return json.loads(result.stdout.strip().splitlines()[-1])


def _recreate_database() -> None:
    import psycopg

    name = DATABASE_URL.rsplit("/", 1)[1]
    admin = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def build() -> float:
    """Schema by migrate; units, modules and an HR officer by the services; the bulk rows by generate_series."""
    start = time.perf_counter()
    if REUSE:
        _django()
        from django.core.management import call_command

        from records.models import JpYear
        from records.services import summaries_rebuild

        call_command("migrate", verbosity=0)
        if not JpYear.objects.exists():
            summaries_rebuild()
        return 0.0
    _recreate_database()
    _django()
    from django.core.management import call_command
    from django.db import connection
    from wagtail.models import Page

    from courses.models import CataloguePage, ModulePage
    from people.models import Role
    from people.services import staff_create, unit_create

    call_command("migrate", verbosity=0)
    root = unit_create(code="KEMEN", name="Kementerian Bench", kind="ministry")
    units = {}
    for code, _people in UNITS:
        units[code] = unit_create(code=code, name=f"Unit {code}", kind="organisation", parent=root)
        for index in range(10):
            unit_create(code=f"{code}-{index}", name=f"Satker {code} {index}", parent=units[code])
    secret = os.urandom(12).hex()
    staff_create(username="hrbig", full_name="HR Big", password=secret, role=Role.HR, scope=[units["BIG"]])
    catalogue = Page.get_first_root_node().add_child(instance=CataloguePage(title="Katalog", slug="katalog-bench"))
    for index in range(MODULES):
        catalogue.add_child(instance=ModulePage(title=f"Modul {index}", slug=f"modul-{index}", summary="-", jp=4))

    with connection.cursor() as cursor:
        offset = 0
        for code, people in UNITS:
            # People spread over the unit's ten satuan kerja.
            cursor.execute(
                """
                INSERT INTO people_user (password, is_superuser, username, first_name, last_name, email, is_staff,
                    is_active, date_joined, nip, full_name, position, unit_id, rank, grade, employment_type)
                SELECT '!', false, 'b' || i, '', '', '', false, true, now(),
                    '19900101' || lpad(i::text, 10, '0'),
                    CASE WHEN i %% 1000 = 0 THEN '=HYPERLINK("x")' ELSE 'Pegawai ' || i || ', S.Sos.' END,
                    'Analis Pelayanan', (SELECT id FROM people_unit WHERE code = %s || '-' || (i %% 10)),
                    'Penata', 'III/c', 'PNS'
                FROM generate_series(%s, %s) AS i
                """,
                [code, offset + 1, offset + people],
            )
            offset += people
        cursor.execute(
            """
            INSERT INTO records_completion (user_id, module_id, unit_id, score, jp, completed_at)
            SELECT u.id, m.page_ptr_id, u.unit_id, 70 + (u.id % 30), 4,
                   timestamptz '2026-01-02 09:00+07' + ((u.id + m.page_ptr_id) % 300) * interval '1 day'
            FROM people_user u CROSS JOIN courses_modulepage m WHERE u.username LIKE 'b%%' AND u.nip IS NOT NULL
            """
        )
        cursor.execute(
            """
            INSERT INTO certificates_certificate (completion_id, number, year, sequence, token, status, holder_name,
                holder_nip, module_title, jp, completed_on, issuer, city, signatory_name, signatory_nip,
                signatory_position, issued_at, pdf, sha256, revoked_reason, kind, series, signatories, signed, version)
            SELECT c.id, lpad(c.id::text, 7, '0') || '/BERAKHLAK/2026', 2026, c.id, md5(c.id::text), 'valid',
                'x', '', 'Modul', 4, (c.completed_at AT TIME ZONE 'Asia/Jakarta')::date, 'K', 'Jakarta', 'S', '',
                'P', now(), '', '', '', 'completion', '', '[]'::jsonb, false, 1
            FROM records_completion c
            """
        )
    # The bulk rows bypassed the services, so the dashboard's yearly summaries are rebuilt from them, as an operator
    # would after a bulk load (`manage.py rebuild_jp_summaries`).
    from records.services import summaries_rebuild

    summaries_rebuild()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return time.perf_counter() - start


def dashboard_median() -> tuple[float, dict]:
    _django()
    from people.models import User
    from reports.selectors import dashboard

    hr = User.objects.get(username="hrbig")
    dashboard(user=hr, year=2026)  # warm the cache, as a second visit would
    samples = []
    numbers = {}
    for _ in range(7):
        start = time.perf_counter()
        numbers = dashboard(user=hr, year=2026)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), numbers


def main() -> None:
    built = build()
    if os.environ.get("BENCH_BUILD_ONLY") == "1":
        # Preparation only (no measurement): lets the data be built outside the machine-wide benchmark lock.
        print(f"built in {built:.0f} s")
        return
    from records.models import Completion

    total = Completion.objects.count()
    # The quick, most-watched numbers first, each noted on stderr as it lands (with the load average), so a run
    # cut short by its time bound still leaves what it measured.
    dash, numbers = dashboard_median()
    _note("dashboard", {"ms": round(dash * 1000), "people": numbers["people"], "completions": numbers["completions"]})
    results = {}
    with tempfile.TemporaryDirectory(prefix="melayani-bench-") as folder:
        for label, unit in (("all", None), ("small", "S1")):
            runs: dict[str, list] = {"csv": [], "copy": []}
            for _ in range(REPEATS):  # alternated, so both see the same load
                for kind in ("csv", "copy"):
                    runs[kind].append(measure(kind, unit, folder))
                    _note(f"{label} {kind}", runs[kind][-1])
            for kind in ("csv", "copy"):
                results[(label, kind)] = {
                    "seconds": statistics.median(run["seconds"] for run in runs[kind]),
                    "peak_mb": max(run["peak_mb"] for run in runs[kind]),
                    "rows": runs[kind][0]["rows"],
                }
        for label, unit in (("small", "S1"), ("all", None)):
            if results[(label, "csv")]["rows"] <= XLSX_MAX_ROWS:
                for kind in ("xlsx", "ods"):
                    results[(label, kind)] = measure(kind, unit, folder)
                    _note(f"{label} {kind}", results[(label, kind)])

    print(
        f"Date: {time.strftime('%Y-%m-%d')}  Machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, PostgreSQL; {total} completions, {PEOPLE} people "
        f"(data built in {built:.0f} s)"
    )
    print()
    print("| benchmark | rows | median | reference (same run) | ratio | peak RSS |")
    print("| --- | --- | --- | --- | --- | --- |")
    for label in ("small", "all"):
        csv_, copy = results[(label, "csv")], results[(label, "copy")]
        print(
            f"| CSV export (HR schema) | {csv_['rows']} | {csv_['seconds']:.2f} s | COPY (raw columns) TO STDOUT CSV "
            f"{copy['seconds']:.2f} s | {csv_['seconds'] / copy['seconds']:.2f}x | {csv_['peak_mb']:.0f} MB "
            f"(COPY client {copy['peak_mb']:.0f} MB) |"
        )
        for kind, name in (("xlsx", "XLSX export (reports.xlsx)"), ("ods", "ODS export (reports.ods)")):
            sheet = results.get((label, kind))
            if sheet is not None and sheet.get("timed_out"):
                print(f"| {name} | {csv_['rows']} | over {TIMEOUT} s (stopped) | — | — | — |")
            elif sheet is None:
                print(f"| {name} | {csv_['rows']} | not run (over BENCH_XLSX_MAX_ROWS) | — | — | — |")
            else:
                print(
                    f"| {name} | {sheet['rows']} | {sheet['seconds']:.2f} s (1 run) | CSV {csv_['seconds']:.2f} s "
                    f"| {sheet['seconds'] / csv_['seconds']:.1f}x | {sheet['peak_mb']:.0f} MB |"
                )
    print(
        f"| HR dashboard, unit of {numbers['people']} people, {numbers['completions']} completions "
        f"| — | {dash * 1000:.0f} ms (median of 7) | goal 300 ms | {dash / 0.3:.2f}x of goal | — |"
    )


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        kind, unit, output = sys.argv[2], sys.argv[3], sys.argv[4]
        child(kind, None if unit == "-" else unit, output)
    else:
        main()
