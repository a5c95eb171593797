"""CPU and queries per request along a learner's quiz path (the requests `make load` sends), in-process.

bench/bench_pages.py measures the quiz overview and an open attempt's page under wrk; the POSTs (start, each
answer or "next", finish) and the pages they redirect to are not GETs it can repeat. Here learners walk the whole
path with Django's test client in this process, with the production settings of bench.pages_settings (Redis
cache and cached_db sessions when BENCH_REDIS_URL is set), and every step's CPU is read: this process's CPU time
plus its PostgreSQL backend's (from /proc, 10 ms ticks, so the means are over many learners). A bare view through
the same middleware and test client is the reference (its cost is the client's and the middleware's, paid by
every step too); the site's base template with an empty content block shows the floor of any signed-in page.

Steps, as `make load`'s locustfile sends them: quiz overview (GET), quiz start (POST, 302), the attempt page it
redirects to (GET), each answer with "next" (POST, 302) and the next page (GET), finish (POST, 302), the result
page (GET), certificate download (GET). The demo's quizzes: one page with every question ("all") and one question
a page ("one"); answers are the first choice of each question, as in the load scenario.

Knobs: BENCH_DATABASE_URL (default: a throw-away SQLite file), BENCH_REDIS_URL, BENCH_QUIZ_PATH_LEARNERS (40: each
takes every demo quiz once), BENCH_QUIZ_PATH_PROFILE (a step label: print cProfile's top functions for it),
BENCH_QUIZ_PATH_SQL (a step label: print the SQL of its second request).
"""

import cProfile
import datetime
import io
import os
import platform
import pstats
import re
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE / "load"))

import bench_pages  # noqa: E402
import run_load  # noqa: E402

LEARNERS = int(os.environ.get("BENCH_QUIZ_PATH_LEARNERS", "40"))
PROFILE = os.environ.get("BENCH_QUIZ_PATH_PROFILE", "")
SQL = os.environ.get("BENCH_QUIZ_PATH_SQL", "")
_CHOICE = re.compile(r'name="(q\d+)" value="(\d+)"')
_ESSAY = re.compile(r'<textarea id="q\d+" name="(q\d+)"')
_POSITION = re.compile(r'name="position" value="(\d+)"')


class Meter:
    """CPU (this process + its PostgreSQL backend) and queries of each measured request, by step label."""

    def __init__(self):
        self.cpu = defaultdict(list)
        self.queries = defaultdict(list)
        self.profiler = cProfile.Profile(time.process_time) if PROFILE else None

    def _backend_cpu(self) -> float:
        from django.db import connection

        if connection.vendor != "postgresql" or connection.connection is None:
            return 0.0
        return bench_pages._cpu_seconds(connection.connection.info.backend_pid)

    def __call__(self, label: str, send, *args, **kwargs):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        backend_before = self._backend_cpu()
        profiling = self.profiler is not None and label == PROFILE
        with CaptureQueriesContext(connection) as captured:
            start = time.process_time()
            if profiling:
                self.profiler.enable()
            response = send(*args, **kwargs)
            if profiling:
                self.profiler.disable()
            used = time.process_time() - start
        backend_after = self._backend_cpu()
        # A connection opened during the request has no "before": its CPU so far is this request's.
        backend = backend_after - backend_before if backend_after >= backend_before else backend_after
        self.cpu[label].append(1000 * (used + backend))
        self.queries[label].append(len(captured.captured_queries))
        if (
            label == SQL
            and len(self.queries[label]) >= 2
            and len(captured.captured_queries) == max(self.queries[label])
        ):
            print(f"-- {label}: {response.status_code}")
            for query in captured.captured_queries:
                print("  ", query["sql"][:300])
        return response


def _answers(html: str) -> dict:
    answers = {}
    for name, value in _CHOICE.findall(html):
        answers.setdefault(name, value)
    for name in _ESSAY.findall(html):
        answers[name] = "Saya mendengarkan warga dan menjelaskan langkahnya dengan ramah."
    return answers


def walk(client, meter: Meter, quiz, certificate_id: int | None) -> None:
    """One learner takes one quiz the way bench/load/locustfile.py does, every request measured."""
    overview = meter("quiz overview", client.get, f"/kuis/{quiz.slug}/")
    assert overview.status_code == 200, overview.status_code
    started = meter("quiz start (POST)", client.post, f"/kuis/{quiz.pk}/mulai/")
    assert started.status_code == 302, started.status_code
    url = started["Location"]
    page = meter("attempt page (first)", client.get, url)
    for _step in range(50):
        if page.status_code != 200:
            break
        html = page.content.decode()
        finish = 'name="action" value="finish"' in html
        data = {"action": "finish" if finish else "next", **_answers(html)}
        if position := _POSITION.search(html):
            data["position"] = position.group(1)
        posted = meter("finish (POST)" if finish else "answer + next (POST)", client.post, url, data)
        assert posted.status_code == 302, (posted.status_code, posted.content[:300])
        target = posted["Location"]
        if target.rstrip("/").endswith("hasil"):
            result = meter("result page", client.get, target)
            assert result.status_code == 200, result.status_code
            break
        page = meter("attempt page (next)", client.get, target)
    if certificate_id is not None:
        download = meter("certificate download", client.get, f"/sertifikat/{certificate_id}/unduh/")
        body = b"".join(download.streaming_content) if download.streaming else download.content
        assert download.status_code == 200 and body.startswith(b"%PDF"), download.status_code


def main() -> int:
    bench_pages.configure()
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    from demo.services import synthetic_nip
    from quizzes.models import Quiz

    bench_pages.seed(learners=LEARNERS)
    certificates = {row["nip"]: row["certificate_id"] for row in run_load.plan(learners=LEARNERS)["learners"]}
    quizzes = list(
        Quiz.objects.filter(is_published=True, module__live=True, module__prerequisites__isnull=True)
        .exclude(questions__isnull=True)
        .distinct()
        .order_by("pk")
    )
    meter = Meter()
    load_before = os.getloadavg()
    started = time.perf_counter()
    for index in range(1, LEARNERS + 1):
        user = get_user_model().objects.get(nip=synthetic_nip(index))
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(user)
        client.get("/bench/bare/")
        for _repeat in range(3):
            meter("bare view (reference)", client.get, "/bench/bare/")
            meter("base template, empty (floor of a page)", client.get, "/bench/base/")
        for quiz in quizzes:
            walk(client, meter, quiz, certificates[user.nip])
    wall = time.perf_counter() - started
    load_after = os.getloadavg()
    database = "PostgreSQL" if connection.vendor == "postgresql" else "SQLite"
    redis = "Redis cache and cached_db sessions" if os.environ.get("BENCH_REDIS_URL") else "per-process cache"
    print(
        f"Date: {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC  Machine: {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, {database}, {redis}; {LEARNERS} learners x "
        f"{len(quizzes)} quizzes in {wall:.0f} s; load average before {load_before[0]:.1f}, after {load_after[0]:.1f}"
    )
    print()
    print("| step | requests | queries (median; max) | CPU ms/request, median | mean | ratio to bare (median) |")
    print("| --- | --- | --- | --- | --- | --- |")
    bare = statistics.median(meter.cpu["bare view (reference)"])
    for label, values in meter.cpu.items():
        median = statistics.median(values)
        print(
            f"| {label} | {len(values)} | {statistics.median(meter.queries[label]):.0f}; {max(meter.queries[label])} | "
            f"{median:.1f} | "
            f"{statistics.fmean(values):.1f} | {bare / median if median else 0:.3f} |"
        )
    if meter.profiler is not None:
        out = io.StringIO()
        pstats.Stats(meter.profiler, stream=out).sort_stats("cumulative").print_stats(45)
        print(out.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
