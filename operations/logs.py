"""Structured logs: one JSON object a line, one line per request and one per task, for a log shipper to index."""

import logging
import re
import time
import uuid

from pythonjsonlogger.json import JsonFormatter as _BaseJsonFormatter

request_log = logging.getLogger("melayani.request")
task_log = logging.getLogger("melayani.task")

# An 18-digit NIP in a URL is personal data (UU 27/2022): it never reaches the log.
_NIP = re.compile(r"\d{18}")


class JsonFormatter(_BaseJsonFormatter):
    """python-json-logger with the field names the deploy docs promise: time, level, logger, message."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("fmt", "%(asctime)s %(levelname)s %(name)s %(message)s")
        kwargs.setdefault("rename_fields", {"asctime": "time", "levelname": "level", "name": "logger"})
        kwargs.setdefault("json_ensure_ascii", False)
        super().__init__(*args, **kwargs)


class TextFormatter(logging.Formatter):
    """For people reading a terminal: the message, then the structured fields as key=value."""

    FIELDS = ("event", "method", "path", "status", "ms", "user_id", "task", "task_id", "error", "request_id")

    def format(self, record):
        line = super().format(record)
        extras = [
            f"{name}={getattr(record, name)}" for name in self.FIELDS if getattr(record, name, None) not in (None, "")
        ]
        return " ".join([line, *extras])


def masked_path(path: str) -> str:
    return _NIP.sub("…", path)


def new_request_id() -> str:
    return uuid.uuid4().hex


def request_logged(*, request, response, started: float) -> None:
    user = getattr(request, "_cached_user", None)  # only if the view already loaded it: logging adds no query
    match = getattr(request, "resolver_match", None)
    request_log.info(
        "request",
        extra={
            "event": "request",
            "request_id": getattr(request, "request_id", ""),
            "method": request.method,
            "path": masked_path(request.path),
            "route": match.route if match else "",
            "status": response.status_code,
            "ms": round((time.perf_counter() - started) * 1000, 1),
            "user_id": user.pk if user is not None and user.is_authenticated else None,
        },
    )


_task_started: dict[str, float] = {}


def _on_task_started(sender, task_result, **kwargs):
    _task_started[task_result.id] = time.perf_counter()


def _on_task_finished(sender, task_result, **kwargs):
    started = _task_started.pop(task_result.id, None)
    status = str(getattr(task_result.status, "value", task_result.status))
    errors = getattr(task_result, "errors", None) or []
    task_log.log(
        logging.ERROR if errors else logging.INFO,
        "task",
        extra={
            "event": "task",
            "task_id": str(task_result.id),
            "task": task_result.task.module_path,
            "backend": task_result.backend,
            "queue": task_result.task.queue_name,
            "status": status,
            "ms": round((time.perf_counter() - started) * 1000, 1) if started is not None else None,
            "error": errors[-1].exception_class_path if errors else "",
        },
    )


def connect_task_signals() -> None:
    from django_tasks.signals import task_finished, task_started

    task_started.connect(_on_task_started, dispatch_uid="operations.task_started")
    task_finished.connect(_on_task_finished, dispatch_uid="operations.task_finished")
