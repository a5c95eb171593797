"""Learners on Melayani: sign in, browse the catalogue, open a module and its lessons, answer a quiz, download a
certificate. Run by bench/load/run_load.py (`make load`), which seeds the database and writes the plan this file
reads from MELAYANI_LOAD_PLAN (learners' NIPs and certificates, modules with their lessons and quizzes).

The client is locust's FastHttpUser (geventhttpclient) unless MELAYANI_LOAD_CLIENT=requests picks HttpUser: the
load generator shares the server's cores, and FastHttpUser spends less of them per request (BENCHMARKS.md). Both
follow redirects within one timed request (a POST and the page it redirects to are one "quiz start" or "quiz
answer") and report the final URL as response.url, so the scenario is the same with either.
"""

import itertools
import json
import os
import random
import re

from locust import FastHttpUser, HttpUser, between, events, task

PLAN = json.loads(open(os.environ["MELAYANI_LOAD_PLAN"], encoding="utf-8").read())  # noqa: SIM115
# Every response time, one "name<TAB>milliseconds" line each, so run_load.py can compute exact percentiles over
# any subset of requests (locust's CSV has them per request name and for all requests only).
_TIMES = (
    open(os.environ["MELAYANI_LOAD_TIMES"], "a", encoding="utf-8") if os.environ.get("MELAYANI_LOAD_TIMES") else None
)  # noqa: SIM115


@events.request.add_listener
def _record_time(name, response_time, **_kwargs):
    if _TIMES is not None:
        _TIMES.write(f"{name}\t{response_time:.1f}\n")


@events.quitting.add_listener
def _close_times(**_kwargs):
    if _TIMES is not None:
        _TIMES.close()


_NEXT_LEARNER = itertools.count()
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_CHOICE = re.compile(r'name="(q\d+)" value="(\d+)"')
_ESSAY = re.compile(r'<textarea id="q\d+" name="(q\d+)"')


def csrf_of(html: str) -> str:
    match = _CSRF.search(html)
    return match.group(1) if match else ""


_CLIENT = os.environ.get("MELAYANI_LOAD_CLIENT", "fast")


def has_session(client) -> bool:
    """Whether the sign-in set a session cookie (FastHttpUser keeps a CookieJar, HttpUser a requests jar)."""
    jar = client.cookiejar if _CLIENT == "fast" else client.cookies
    return any(cookie.name == "sessionid" for cookie in jar)


class Learner(FastHttpUser if _CLIENT == "fast" else HttpUser):
    """One ASN learning on a phone: a page every 1-3 seconds."""

    wait_time = between(1, 3)

    def on_start(self):
        learner = PLAN["learners"][next(_NEXT_LEARNER) % len(PLAN["learners"])]
        self.certificate_id = learner["certificate_id"]
        page = self.client.get("/masuk/", name="/masuk/ (sign-in form)")
        with self.client.post(
            "/masuk/",
            {"username": learner["nip"], "password": PLAN["password"], "csrfmiddlewaretoken": csrf_of(page.text)},
            headers={"Referer": self.host + "/masuk/"},
            name="/masuk/ (sign in)",
            catch_response=True,
        ) as response:
            if not has_session(self.client):
                response.failure(f"sign-in did not start a session ({response.status_code})")

    @task(3)
    def browse_catalogue(self):
        self.client.get("/", name="catalogue")

    @task(3)
    def open_module_and_lessons(self):
        module = random.choice(PLAN["modules"])  # noqa: S311 (load pattern, not security)
        self.client.get(module["url"], name="module")
        for lesson in module["lessons"][:2]:
            self.client.get(lesson, name="lesson")

    @task(1)
    def answer_quiz(self):
        module = random.choice(PLAN["modules"])  # noqa: S311
        overview = self.client.get(module["quiz_url"], name="quiz overview")
        started = self.client.post(
            module["quiz_start"],
            {"csrfmiddlewaretoken": csrf_of(overview.text)},
            headers={"Referer": self.host + module["quiz_url"]},
            name="quiz start",
        )
        page = started
        for _step in range(50):  # one question per page or all on one; bounded either way
            if "/percobaan/" not in page.url or page.url.rstrip("/").endswith("hasil"):
                break
            answers = {}
            for name, value in _CHOICE.findall(page.text):
                answers.setdefault(name, value)
            for name in _ESSAY.findall(page.text):
                answers[name] = "Saya mendengarkan warga dan menjelaskan langkahnya dengan ramah."
            position = re.search(r'name="position" value="(\d+)"', page.text)
            # The button the page offers: "finish" on the last page, "next" before it (finishing early is a 400).
            action = "finish" if 'name="action" value="finish"' in page.text else "next"
            data = {"csrfmiddlewaretoken": csrf_of(page.text), "action": action, **answers}
            if position:
                data["position"] = position.group(1)
            page = self.client.post(page.url, data, headers={"Referer": page.url}, name="quiz answer")

    @task(1)
    def download_certificate(self):
        if self.certificate_id is None:
            return
        with self.client.get(
            f"/sertifikat/{self.certificate_id}/unduh/", name="certificate download", catch_response=True
        ) as response:
            if response.status_code == 200 and response.content.startswith(b"%PDF"):
                response.success()
            else:
                response.failure(f"expected a PDF, got {response.status_code}")
