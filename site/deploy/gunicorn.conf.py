"""gunicorn settings for Melayani; every value can be overridden by the environment (GUNICORN_*)."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: pages are short requests; PDFs and large exports run in task workers, not here.
workers = int(os.environ.get("GUNICORN_WORKERS", str(multiprocessing.cpu_count() * 2 + 1)))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
worker_class = "gthread" if threads > 1 else "sync"
# Below nginx's proxy_read_timeout (60 s), so nginx reports a gunicorn timeout as 504 rather than a reset.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "55"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# Recycle workers now and then so a slow leak never grows without bound; jitter keeps them from restarting together.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "200"))
# Load the app once before forking: faster start, less memory. Connections are opened after the fork by Django.
preload_app = os.environ.get("GUNICORN_PRELOAD", "1") == "1"
# Only nginx (or a load balancer) may set X-Forwarded-For/Proto: list their addresses.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
# Django writes one JSON line per request (operations.middleware); gunicorn's own access log would duplicate it.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
proc_name = os.environ.get("GUNICORN_PROC_NAME", "melayani")
# Heartbeat files in memory, as gunicorn recommends on hosts whose /tmp is on disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108
