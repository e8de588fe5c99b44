# The two commands of the README, and a few more. Every target sets up what it needs from a clean clone.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
FRONTEND_SOURCES := $(shell find frontend/src frontend/index.html frontend/vite.config.ts frontend/tsconfig.json frontend/public -type f 2>/dev/null)
SYSTEM_PACKAGES := chromium fonts-wqy-microhei

.PHONY: help run test fuzz api-types platform platform-stop platform-status bench-platform test-backend test-frontend test-e2e test-ahead lint messages format bench dev migrate seed frontend system-deps clean

help:
	@echo "make run     set up everything and serve API, app and WebSockets at http://$(HOST):$(PORT) (DEBUG off)"
	@echo "make test    the whole suite: lint, migrations check, vitest, pytest (browser tests included; not the fuzzer)"
	@echo "make fuzz    schemathesis over the whole OpenAPI schema against a live server (CI runs it as its own step)"
	@echo "make lint    ruff (lint + format check), the TypeScript type check, ESLint and Prettier"
	@echo "make bench   performance figures"
	@echo "make dev     development: Django (DEBUG on) on :$(PORT) and Vite's dev server on :5173 with hot reload"
	@echo "make platform  (root) the production stack: PostgreSQL, Redis, uvicorn workers, Celery, nginx on https://127.0.0.1:8443"

# --- set-up -----------------------------------------------------------------------------------------------
$(VENV)/.installed: pyproject.toml requirements.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c requirements.lock -e ".[dev]"
	@touch $@

frontend/node_modules/.installed: frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

frontend/dist/index.html: frontend/node_modules/.installed $(FRONTEND_SOURCES)
	cd frontend && npm run build --silent

frontend: frontend/dist/index.html

migrate: $(VENV)/.installed
	$(PY) manage.py migrate --noinput -v 0

seed: migrate
	$(PY) manage.py seed_demo

# Browser tests need Debian's Chromium and a CJK font; install them when we can (root), else say what is missing.
system-deps:
	@missing=""; for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing$$missing (Debian packages for the browser tests)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "The browser tests need the Debian packages:$$missing. Run: sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi

# --- the two commands -------------------------------------------------------------------------------------
# The product as people use it (config/settings/run.py): DEBUG off, the static files collected, hashed and
# compressed (gzip, brotli for the app) and cached for good where their names carry a hash. Collected again only
# when the app's build or the Python packages change.
RUN_SETTINGS := DJANGO_SETTINGS_MODULE=config.settings.run
var/static/staticfiles.json: frontend/dist/index.html $(VENV)/.installed config/storage.py config/settings/run.py
	$(RUN_SETTINGS) $(PY) manage.py collectstatic --noinput --clear -v 0

run: seed frontend var/static/staticfiles.json
	@echo "Serving http://$(HOST):$(PORT)  (API /api/v1/, docs /api/docs/, admin /admin/, WebSockets /ws/)"
	$(RUN_SETTINGS) $(VENV)/bin/daphne -b $(HOST) -p $(PORT) config.asgi:application

# pytest runs a worker per core (pytest-xdist; PYTEST_WORKERS=0 runs it in this process), each test file whole
# on one worker: a worker has its own test database and demo world, so files share nothing. The browser tests go
# to one worker together (tests/conftest.py), with one server; they mostly wait on Chromium and that server, so
# when they are in the run it has one worker more than the cores (TEST_WORKERS).
PYTEST_WORKERS ?= auto
TEST_WORKERS ?= $(if $(filter auto,$(PYTEST_WORKERS)),$(shell echo $$(( $$(nproc) + 1 ))),$(PYTEST_WORKERS))
PYTEST := $(PY) -m pytest --dist loadfile
# Python's bytecode cache on, whatever the environment says: every test process and server it starts would
# otherwise compile the project's modules again (and pytest rewrite every test module's asserts), about 15 s each.
unexport PYTHONDONTWRITEBYTECODE

# The checks that take one core each (the linters, vitest) run side by side, each one's output kept together.
test: $(VENV)/.installed frontend system-deps
	$(MAKE) --no-print-directory -j2 --output-sync=target lint test-frontend
	$(PY) manage.py makemigrations --check --dry-run -v 1
	$(PYTEST) -n $(TEST_WORKERS) -m "not fuzz"

test-frontend: frontend/node_modules/.installed
	cd frontend && npm test --silent

test-backend: $(VENV)/.installed
	$(PYTEST) -n $(PYTEST_WORKERS) -m "not e2e and not fuzz"

test-e2e: $(VENV)/.installed frontend system-deps
	$(PYTEST) -n $(PYTEST_WORKERS) -m e2e

# Schemathesis over every operation of the schema, as the demo school admin and the demo student, against daphne
# on a throwaway demo-world database: no 5xx, and every answer as the schema documents it. A few minutes; pytest's
# exit 5 (nothing collected) fails here like any failure.
fuzz: $(VENV)/.installed
	$(PY) -m pytest -m fuzz tests/fuzz

# The backend suite with the whole process's clock moved DAYS ahead (libfaketime: Python, SQLite and the servers
# the tests start all see the same day). It runs exactly the tests of `make test-backend`; CI runs it with 400, on
# PostgreSQL and Redis (DATABASE_URL, REDIS_URL: their servers keep the real clock, the tests' process moves).
DAYS ?= 400
test-ahead: $(VENV)/.installed
	@ls /usr/lib/*/faketime/libfaketimeMT.so.1 >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq faketime >/dev/null; } || \
	  { echo "needs Debian's faketime: sudo apt-get install -y faketime"; exit 1; }
	@lib=$$(ls /usr/lib/*/faketime/libfaketimeMT.so.1 | head -n 1); \
	ahead=$$(FAKETIME=+$(DAYS)d LD_PRELOAD=$$lib $(PY) -c 'import datetime; print(datetime.date.today())'); \
	echo "Today for these tests: $$ahead ($(DAYS) days ahead of $$(date +%F))"; \
	test "$$ahead" = "$$(date -d '+$(DAYS) days' +%F)" || { echo "the clock did not move"; exit 1; }; \
	FAKETIME=+$(DAYS)d LD_PRELOAD=$$lib $(PYTEST) -n $(PYTEST_WORKERS) -m "not e2e and not fuzz"

# --- the production platform (platform/README.md) ------------------------------------------------------------
$(VENV)/.platform-installed: $(VENV)/.installed
	$(PY) -m pip install --quiet -c requirements.lock -e ".[dev,platform]"
	@touch $@

platform: $(VENV)/.platform-installed frontend
	WORKERS=$(WORKERS) platform/up

platform-stop:
	@platform/down

platform-status:
	@platform/status

# The platform's load test (platform/load/bench.py): make run's server, then the platform with 1, 2 and 4 workers,
# the arrival rate stepped up until a step has an error or p99 > 300 ms. As root, on an otherwise idle machine.
bench-platform: $(VENV)/.platform-installed frontend
	$(PY) platform/load/bench.py

# --- more -------------------------------------------------------------------------------------------------
lint: $(VENV)/.installed frontend/node_modules/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	cd frontend && npm run typecheck --silent
	cd frontend && npm run lint --silent
	@cd frontend && npx openapi-typescript openapi.json $(OPENAPI_TS_FLAGS) 2>/dev/null | diff -q - src/api/schema.d.ts >/dev/null || \
	  { echo "frontend/src/api/schema.d.ts is not what frontend/openapi.json generates: run make api-types"; exit 1; }

# A field with a default is optional to send (a request), not "always there": answers mark what they always carry
# as required themselves (config/schema.py).
OPENAPI_TS_FLAGS := --default-non-nullable=false

# The API contract, committed so the app builds without a running Django: the OpenAPI schema the code produces
# (tests/config/test_api_contract.py fails when it is stale) and the app's types generated from it (make lint
# fails when they are).
api-types: $(VENV)/.installed frontend/node_modules/.installed
	$(PY) manage.py spectacular --format openapi-json --lang en --validate --fail-on-warn --file frontend/openapi.json
	cd frontend && npx openapi-typescript openapi.json $(OPENAPI_TS_FLAGS) --output src/api/schema.d.ts

# The Chinese translations: extract the messages (no source locations, so diffs stay small) and compile them.
messages: $(VENV)/.installed
	$(PY) manage.py makemessages -l zh_Hans --no-obsolete --no-location -i ".venv/*" -i "frontend/*" -i "tests/*" -i "var/*"
	$(PY) manage.py compilemessages -l zh_Hans -i .venv -i frontend

format: $(VENV)/.installed frontend/node_modules/.installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	cd frontend && npm run format --silent

bench: $(VENV)/.installed frontend
	@echo "== the sign-in page: JavaScript it loads"
	cd frontend && node scripts/first-load-size.mjs src/components/AuthLayout.vue src/views/auth/Login.vue
	@echo "== first paint on a phone (slow 4G: 150 ms, 1.6 Mbps; served as make run serves it)"
	$(PY) tests/bench/first_paint.py
	@echo "== demo world and directory API"
	$(PY) tests/bench/run.py
	@echo "== matching engine"
	$(PY) tests/bench/matching.py
	@echo "== live notices"
	$(PY) tests/bench/notices.py
	@echo "== a whole match round (PostgreSQL)"
	$(PY) tests/bench/round.py
	@echo "== the Stay-in-Wuhan report (PostgreSQL, 4,000,000 outcomes, from its aggregates beside the raw query)"
	$(PY) tests/bench/stay_report.py

dev: seed frontend/node_modules/.installed
	@echo "Django on :$(PORT), Vite on :5173 (open http://127.0.0.1:5173)"
	trap 'kill 0' EXIT; $(PY) manage.py runserver $(HOST):$(PORT) & (cd frontend && npm run dev) ; wait

clean:
	rm -rf var/static frontend/dist
