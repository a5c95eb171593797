#!/usr/bin/env bash
# `make deploy-check`: DEPLOY.md on this machine. Brings up, as separate processes, two gunicorn app servers with
# the production settings, two RQ task workers, an S3-compatible store (moto in server mode), on the shared
# PostgreSQL (own database) and Redis (own logical database); runs the learner journey against them in headless
# Chromium; stops everything it started and drops its database. Bounded in time; loopback only.
set -euo pipefail
cd "$(dirname "$0")/../.."

BIN=${BIN:-.venv/bin}
PORT_A=${DEPLOY_PORT_A:-8711}
PORT_B=${DEPLOY_PORT_B:-8712}
S3_PORT=${DEPLOY_S3_PORT:-8713}
PG=${DEPLOY_PG:-postgres://postgres@127.0.0.1:5432}
DB_NAME=${DEPLOY_DB_NAME:-melayani_i7a_deploy}
REDIS=${DEPLOY_REDIS_URL:-redis://127.0.0.1:6379/2}
DEADLINE=${DEPLOY_DEADLINE_SECONDS:-900}
WORK=$(mktemp -d /tmp/melayani-deploy.XXXXXX)
PIDS=()
WATCHDOG=""

STEP="starting"
log() { STEP="$*"; printf '== deploy-check [%3ss] %s\n' "$SECONDS" "$*"; }

cleanup() {
  local status=$? failed_step="$STEP"
  log "stopping what this script started"
  pkill -P "$WATCHDOG" 2>/dev/null || true
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
  done
  if [ "$status" -ne 0 ]; then
    # The journey's own steps and the reason last, so that the end of the output (all a CI summary may show) says
    # what failed.
    for file in "$WORK"/*.log; do
      [ "$file" = "$WORK/journey.log" ] || { echo "---- $file (last 30 lines)"; tail -n 30 "$file"; }
    done
    [ -f "$WORK/journey.log" ] && { echo "---- $WORK/journey.log (last 30 lines)"; tail -n 30 "$WORK/journey.log"; }
    echo "== deploy-check FAILED (exit $status) in the step: $failed_step"
  fi
  "$BIN/python" - "$REDIS" <<'PY' || true
import sys, redis
connection = redis.Redis.from_url(sys.argv[1])
assert connection.connection_pool.connection_kwargs.get("db", 0) != 0
connection.flushdb()
PY
  psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS $DB_NAME WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
# The whole check is bounded: past the deadline the watchdog stops the step in hand and the script (whose EXIT trap
# then stops everything else and fails).
( sleep "$DEADLINE"; echo "== deploy-check: over ${DEADLINE}s, giving up" >&2; kill -TERM $$; pkill -TERM -P $$ ) 2>/dev/null &
WATCHDOG=$!
PIDS+=("$WATCHDOG")

# One deploy-check at a time on a machine: two would share the ports, the database name and the Redis database.
exec 9>/tmp/melayani-deploy-check.lock
flock 9

for port in "$PORT_A" "$PORT_B" "$S3_PORT"; do
  if (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "port $port is in use" >&2; exit 1; fi
done

log "database $DB_NAME on $PG, Redis $REDIS, work dir $WORK"
psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS $DB_NAME WITH (FORCE)" >/dev/null
psql "$PG/postgres" -qc "CREATE DATABASE $DB_NAME" >/dev/null
"$BIN/python" - "$REDIS" <<'PY'
import sys, redis
connection = redis.Redis.from_url(sys.argv[1])
assert connection.connection_pool.connection_kwargs.get("db", 0) != 0, "never flush Redis database 0"
connection.flushdb()
PY

log "S3-compatible store (moto_server) on 127.0.0.1:$S3_PORT"
"$BIN/moto_server" -H 127.0.0.1 -p "$S3_PORT" >"$WORK/s3.log" 2>&1 &
PIDS+=($!)

# The production settings, configured only through the environment, as DEPLOY.md describes.
export DJANGO_SETTINGS_MODULE=config.settings.production
SECRET_KEY=$("$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(50))')
export SECRET_KEY
export ALLOWED_HOSTS=127.0.0.1,localhost
export BASE_URL="http://127.0.0.1:$PORT_A"
export SECURE_SSL_REDIRECT=0   # no TLS on loopback; nginx terminates TLS in a real deployment
export DATABASE_URL="$PG/$DB_NAME" CONN_MAX_AGE=60 CONN_HEALTH_CHECKS=1
export REDIS_URL="$REDIS" TASKS_BACKEND=rq
export S3_ENDPOINT_URL="http://127.0.0.1:$S3_PORT" S3_MEDIA_BUCKET=melayani-media S3_PRIVATE_BUCKET=melayani-private
export AWS_ACCESS_KEY_ID=deploy-check AWS_SECRET_ACCESS_KEY=deploy-check-secret S3_SIGNED_URL_SECONDS=120
export STATIC_ROOT="$WORK/static" MEDIA_ROOT="$WORK/media" PRIVATE_ROOT="$WORK/private"
export LOG_FORMAT=json

for _ in $(seq 1 50); do (echo >"/dev/tcp/127.0.0.1/$S3_PORT") 2>/dev/null && break; sleep 0.2; done
"$BIN/python" - <<'PY'
import os, boto3
s3 = boto3.client("s3", endpoint_url=os.environ["S3_ENDPOINT_URL"], region_name="us-east-1")
for bucket in (os.environ["S3_MEDIA_BUCKET"], os.environ["S3_PRIVATE_BUCKET"]):
    s3.create_bucket(Bucket=bucket)
PY

log "migrate and collectstatic (in parallel), then seed"
"$BIN/python" manage.py collectstatic --noinput -v 0 >"$WORK/collectstatic.log" 2>&1 &
collect=$!
PIDS+=("$collect")
"$BIN/python" manage.py migrate --noinput -v 0
wait "$collect" || { echo "collectstatic failed" >&2; exit 1; }
"$BIN/python" site/deploy/smoke_journey.py seed "$WORK/seed.json" 2>"$WORK/seed.log"

log "two gunicorn app servers on :$PORT_A and :$PORT_B, two RQ workers"
for port in "$PORT_A" "$PORT_B"; do
  GUNICORN_BIND="127.0.0.1:$port" GUNICORN_WORKERS=2 GUNICORN_GRACEFUL_TIMEOUT=5 GUNICORN_PROC_NAME="melayani-$port" \
    "$BIN/gunicorn" config.wsgi:application -c site/deploy/gunicorn.conf.py >"$WORK/app-$port.log" 2>&1 &
  PIDS+=($!)
done
for worker in 1 2; do
  "$BIN/python" manage.py rqworker --job-class django_tasks_rq.Job --name "deploy-check-$worker-$$" default \
    >"$WORK/worker-$worker.log" 2>&1 &
  PIDS+=($!)
done

for port in "$PORT_A" "$PORT_B"; do
  ready=""
  for _ in $(seq 1 120); do
    if ready=$(curl -fsS "http://127.0.0.1:$port/readyz" 2>/dev/null); then break; fi
    ready=""; sleep 0.5
  done
  [ -n "$ready" ] || { echo "app on :$port never became ready" >&2; curl -sS "http://127.0.0.1:$port/readyz" >&2 || true; exit 1; }
  log ":$port /readyz $ready"
  echo "$ready" | "$BIN/python" -c '
import json, sys
checks = json.load(sys.stdin)["checks"]
assert checks["database"]["backend"] == "postgresql", checks
assert checks["cache"]["backend"].endswith("RedisCache"), checks
assert checks["queue"]["backend"] == "rq", checks
assert checks["storage"]["backend"] == "default=s3,private=s3", checks'
done
curl -fsS "http://127.0.0.1:$PORT_A/healthz" >/dev/null
# WhiteNoise serves a hashed, compressed static file from the app server.
# (Saved to a file first: under pipefail, a reader that stops early, such as head or grep -q, can fail the pipeline
# by chance with SIGPIPE in the writer.)
curl -fsS -o "$WORK/home.html" "http://127.0.0.1:$PORT_A/"
css=$(grep -o -m 1 '/static/[^"]*\.css' "$WORK/home.html" | sed -n 1p || true)
[ -n "$css" ] && curl -fsS -o /dev/null -H 'Accept-Encoding: gzip' -D "$WORK/static.headers" "http://127.0.0.1:$PORT_A$css"
grep -qi '^cache-control: .*max-age=315360000' "$WORK/static.headers" || { echo "static $css not served long-cached" >&2; exit 1; }
log "static $css served by WhiteNoise with a far-future cache"

log "learner journey in headless Chromium, alternating between the two app servers"
timeout 300 "$BIN/python" site/deploy/smoke_journey.py journey "$WORK/seed.json" \
  "http://127.0.0.1:$PORT_A" "http://127.0.0.1:$PORT_B" --deadline 240 2>&1 | tee "$WORK/journey.log"
log "checking the logs: a worker ran the certificate task, both app servers logged requests"

# Both workers were up; the one that took the job logged one JSON line for the certificate task.
# One grep over the files, no pipe: `grep | grep -q` under pipefail failed now and then (SIGPIPE in the first grep).
grep -qE '"event": "task".*"task": "certificates\.tasks\.certificate_issue_task"' "$WORK"/worker-*.log \
  || { echo "no worker logged the certificate task" >&2; exit 1; }
for port in "$PORT_A" "$PORT_B"; do
  grep -q '"event": "request"' "$WORK/app-$port.log" || { echo "app :$port wrote no request log" >&2; exit 1; }
done
log "passed: 2 app servers, 2 RQ workers, PostgreSQL $DB_NAME, Redis $REDIS, S3 (moto) - stopping"
