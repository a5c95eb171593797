# Melayani: `make run` starts the demo, `make test` runs the suite. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: bench load e2e run test lint format os-deps venv migrate seed worker messages check-deploy clean deploy-check audit fault

os-deps:
	@bash site/deploy/os-deps.sh

$(BIN)/.installed: requirements.txt constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Melayani needs Python 3.11 or newer")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { echo "Creating a virtualenv failed: install python3-venv (apt-get install python3-venv)"; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt -c constraints.txt
	@touch $@

venv: $(BIN)/.installed

migrate: venv
	$(BIN)/python manage.py migrate --noinput

seed: migrate
	$(BIN)/python manage.py seed_demo

# Development server plus a task worker; Ctrl-C stops both.
run: os-deps venv
	@mkdir -p var
	@$(BIN)/python manage.py migrate --noinput -v 0
	@echo "== Demo sign-ins (role login password) =="
	@$(BIN)/python manage.py seed_demo | tee var/demo-logins.txt
	@echo "== Melayani: http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/); task worker log: var/worker.log =="
	@$(BIN)/python manage.py db_worker --no-startup-delay > var/worker.log 2>&1 & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(BIN)/python manage.py runserver $(HOST):$(PORT)

worker: venv
	$(BIN)/python manage.py db_worker

# DEPLOY.md on this machine: 2 gunicorn + 2 RQ workers + PostgreSQL + Redis + S3 (moto), learner journey in Chromium.
deploy-check: venv
	@MELAYANI_E2E=1 bash site/deploy/os-deps.sh
	bash site/deploy/smoke.sh

test: os-deps venv
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python -m pytest -m "not e2e" $(PYTEST_ARGS)

# Browser journeys in headless Chromium (Debian's package; Playwright never downloads a browser).
e2e: venv
	@MELAYANI_E2E=1 bash site/deploy/os-deps.sh
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python -m pytest -m e2e tests/e2e $(PYTEST_ARGS)

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(MAKE) --no-print-directory check-deploy

check-deploy: venv
	DJANGO_SETTINGS_MODULE=config.settings.production \
	SECRET_KEY=check-deploy-only-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJ \
	ALLOWED_HOSTS=melayani.example.go.id \
	$(BIN)/python manage.py check --deploy --fail-level WARNING

format: venv
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: venv
	$(BIN)/python manage.py makemessages -l id -l en --ignore=.venv --ignore=static_collected
	$(BIN)/python manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) static_collected .pytest_cache .ruff_cache

# Each bench/bench_*.py is a standalone benchmark that prints a Markdown table for BENCHMARKS.md.
bench: venv
	@MELAYANI_BENCH=1 bash site/deploy/os-deps.sh
	$(BIN)/python bench/run.py
	@for script in bench/bench_*.py; do [ -e "$$script" ] || continue; echo "== $$script =="; $(BIN)/python "$$script" || exit 1; done

# Security audit (issue 7): bandit over the project's code (findings fixed or skipped per line with a reason,
# "# nosec Bxxx"), then pip-audit over the pinned environment (.ci/pip-audit.sh says when it cannot reach
# a vulnerability database).
audit: venv
	$(BIN)/bandit -q -r people courses quizzes records certificates reports demo config operations
	bash .ci/pip-audit.sh

# Fault tests (issue 7): break a private PostgreSQL, kill a task worker, fill the disk; bounded, loopback only.
fault: os-deps venv
	MELAYANI_FAULT=1 DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python -m pytest -m fault tests/faults -p no:cacheprovider $(PYTEST_ARGS)

# Learners under load (bench/load/): PostgreSQL (LOAD_DATABASE_URL), gunicorn on 127.0.0.1:8820, locust headless,
# 50 then 200 simulated learners for LOAD_SECONDS each (60). One benchmark at a time on a shared machine.
load: venv
	flock /tmp/melayani-bench.lock $(BIN)/python bench/load/run_load.py
