"""Structured logs: one JSON line per request and per task, without personal data in the path."""

import io
import json
import logging

import pytest

from operations.logs import JsonFormatter
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def json_lines():
    """Capture what the JSON formatter writes for Melayani's request and task loggers."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    loggers = [logging.getLogger("melayani.request"), logging.getLogger("melayani.task")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    for logger, level in zip(loggers, levels, strict=True):
        logger.removeHandler(handler)
        logger.setLevel(level)


def test_each_request_writes_one_json_line_with_status_route_and_duration(client, json_lines):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="abc123")

    lines = json_lines()
    assert len(lines) == 1
    line = lines[0]
    assert line["event"] == "request"
    assert line["logger"] == "melayani.request"
    assert line["level"] == "INFO"
    assert line["method"] == "GET"
    assert line["path"] == "/healthz"
    assert line["route"] == "healthz"
    assert line["status"] == 200
    assert line["ms"] >= 0
    assert line["request_id"] == "abc123"
    assert response["X-Request-ID"] == "abc123"


def test_a_request_id_is_made_when_none_or_a_strange_one_is_sent(client, json_lines):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="<script>")

    assert response["X-Request-ID"] != "<script>"
    assert len(response["X-Request-ID"]) == 32
    assert json_lines()[0]["request_id"] == response["X-Request-ID"]


def test_a_nip_in_the_path_never_reaches_the_log(client, json_lines):
    nip = "199001012020121001"

    client.get(f"/tidak-ada/{nip}/")

    line = json_lines()[0]
    assert nip not in json.dumps(line)
    assert line["status"] == 404


def test_the_signed_in_user_id_is_logged_once_the_view_has_loaded_it(client, json_lines):
    user = factories.UserFactory()
    client.force_login(user)

    client.get("/beranda/")

    assert json_lines()[-1]["user_id"] == user.pk


def test_each_task_writes_one_json_line_with_its_outcome(json_lines, run_tasks):
    from certificates.tasks import certificate_issue_task

    certificate_issue_task.enqueue(987654321)  # no such completion: the task fails
    run_tasks()

    lines = [line for line in json_lines() if line["event"] == "task"]
    assert len(lines) == 1
    assert lines[0]["task"] == "certificates.tasks.certificate_issue_task"
    assert lines[0]["status"] == "FAILED"
    assert lines[0]["level"] == "ERROR"
    assert lines[0]["error"].endswith("DoesNotExist")
    assert lines[0]["ms"] >= 0
