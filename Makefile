# The README's commands. `make run` and `make test` do all the set-up they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
STAMP := $(VENV)/.installed
# uv installs exactly what uv.lock says (versions and hashes); it lives in its own small venv.
UV_VERSION := 0.13.8
TOOLS := .tools
UV := $(TOOLS)/bin/uv
export UV_PROJECT_ENVIRONMENT := $(VENV)
export UV_PYTHON_DOWNLOADS := never
VENDOR := src/coproduce/static/vendor
PORT ?= 8000
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/coproduce_test
DEMO_EXPERTS ?= 500

.PHONY: upgrade run test static-checks test-in-process test-sqlite test-browser test-postgres test-production test-container browser-deps pdf-deps bench lint typecheck import-contracts format assets install demo clean

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet uv==$(UV_VERSION)

# --frozen: install from the lock as it is; never re-resolve on the way.
$(STAMP): pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --quiet --python $(PYTHON)
	touch $(STAMP)

# Refreshes the lock to the newest releases pyproject.toml allows: a deliberate step, then
# `make test` and a commit of uv.lock.
upgrade: $(UV)
	$(UV) lock --upgrade --python $(PYTHON)
	$(UV) sync --frozen --quiet --python $(PYTHON)
	touch $(STAMP)
	@echo "uv.lock refreshed: run make test, read the changes (git diff uv.lock), then commit."

install: $(STAMP) assets

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch node_modules/.installed

# Copies the compiled NHS.UK frontend (no Sass build) into static files.
assets: node_modules/.installed
	rm -rf $(VENDOR) && mkdir -p $(VENDOR)/nhsuk
	cp node_modules/nhsuk-frontend/dist/nhsuk/nhsuk-frontend.min.js* $(VENDOR)/nhsuk/
	sed 's#url(/assets/#url(assets/#g' node_modules/nhsuk-frontend/dist/nhsuk/nhsuk-frontend.min.css \
		| sed 's#/\*\# sourceMappingURL=[^*]*\*/##' > $(VENDOR)/nhsuk/nhsuk-frontend.min.css
	cp -r node_modules/nhsuk-frontend/dist/nhsuk/assets $(VENDOR)/nhsuk/assets

run: install pdf-deps
	mkdir -p var
	DEBUG=true $(MANAGE) migrate --noinput
	DEBUG=true $(MANAGE) demo_data --experts $(DEMO_EXPERTS) --if-empty
	DEBUG=true PORT=$(PORT) DEMO_RELAX_MFA=$${DEMO_RELAX_MFA:-true} $(MANAGE) worker & \
	  trap 'kill $$! 2>/dev/null' EXIT; \
	  DEBUG=true PORT=$(PORT) DEMO_RELAX_MFA=$${DEMO_RELAX_MFA:-true} $(MANAGE) runserver 127.0.0.1:$(PORT)

# Debian's Chromium for the browser tests; Playwright's own browser download cannot work here.
browser-deps:
	@if [ ! -x /usr/bin/chromium ] && [ "$$(id -u)" = "0" ]; then \
	  echo "Installing Chromium from Debian's packages for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	fi
	@if [ ! -x /usr/bin/chromium ]; then \
	  echo "NOTE: /usr/bin/chromium is missing and this user cannot install it: browser tests will be skipped."; \
	fi

# WeasyPrint (statements as PDF) draws text with Pango.
pdf-deps:
	@if ! /sbin/ldconfig -p | grep -q libpangoft2-1.0 && [ "$$(id -u)" = "0" ]; then \
	  echo "Installing Pango from Debian's packages for PDFs"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 >/dev/null; \
	fi

# The static checks, mypy and the import contracts are independent and each uses one core: they
# run two at a time (-j2), each one's output kept together.
test: install browser-deps pdf-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	mkdir -p var
	DEBUG=true $(MANAGE) makemigrations --check --dry-run
	$(MAKE) -j2 --output-sync=target static-checks typecheck import-contracts
	$(MAKE) test-sqlite
	$(MAKE) test-postgres
	$(MAKE) test-production
	$(MAKE) test-in-process
	$(MAKE) test-container

# Everything but the browser journeys, on SQLite, in two processes. The journeys run once in
# `make test`, against the production server on PostgreSQL (test-production). Each of the
# three big runs ends with its slowest tests (DURATIONS), to show where the suite's time goes.
DURATIONS := --durations=15
test-sqlite:
	$(BIN)/pytest -q -n 2 -m "not browser" $(DURATIONS)

# The browser journeys on SQLite, served by Django's test server in this process: quicker to
# start while working on a page; `make test` does not need it.
test-browser: install browser-deps
	$(BIN)/pytest -q -m browser

# On PostgreSQL the browser journeys are walked against the production server instead
# (test-production), so this runs everything else.
test-postgres:
	@if $(PY) -c "import psycopg,sys; psycopg.connect(sys.argv[1].rsplit('/',1)[0] + '/postgres', connect_timeout=3).close()" "$(TEST_DATABASE_URL)" 2>/dev/null; then \
	  export DATABASE_URL=$(TEST_DATABASE_URL) && $(BIN)/pytest -q -n 2 -m "not browser" $(DURATIONS); \
	else \
	  echo "PostgreSQL is not reachable at $(TEST_DATABASE_URL): start it, or set TEST_DATABASE_URL."; exit 1; \
	fi

# The browser journeys, served as a trust serves them: gunicorn and the task worker with DEBUG
# off, a random SECRET_KEY, collectstatic and the manifest storage, mail sent by SMTP, on
# PostgreSQL (see tests/browser/server.py). In two processes, each with its own database,
# server, mail inbox and Chromium.
test-production:
	@if $(PY) -c "import psycopg,sys; psycopg.connect(sys.argv[1].rsplit('/',1)[0] + '/postgres', connect_timeout=3).close()" "$(TEST_DATABASE_URL)" 2>/dev/null; then \
	  export DATABASE_URL=$(TEST_DATABASE_URL) COPRODUCE_TEST_SERVER=production && $(BIN)/pytest -q -n 2 -m browser $(DURATIONS); \
	else \
	  echo "PostgreSQL is not reachable at $(TEST_DATABASE_URL): start it, or set TEST_DATABASE_URL."; exit 1; \
	fi

# The few browser journeys that move a server's clock or settings from the test (idle sign-out,
# NHS sign-in against a fake provider): the production server runs in its own processes, so
# test-production skips them, saying why; here Django's live server runs them, on SQLite.
test-in-process: install browser-deps
	$(BIN)/pytest -q -m "browser and in_process"

# Builds the container image (Dockerfile) and runs deploy/smoke-test in it against the
# PostgreSQL server of TEST_DATABASE_URL; where no container engine can run here it runs
# deploy/entrypoint from this checkout instead, and its first line says which. Installs podman,
# runc and debootstrap through apt when they are missing and you are root.
test-container: install
	COPRODUCE_SMOKE_TEST=1 SMOKE_POSTGRES=$(patsubst %/,%,$(dir $(TEST_DATABASE_URL))) \
	  $(BIN)/pytest -q -s tests/deploy/test_container.py

# bandit: no finding of medium or high severity in our code, unless a `# nosec` comment beside it
# says why it is safe. The secrets scan: nothing that looks like a secret in a tracked file,
# beyond the findings read and accepted in .secrets.baseline (.ci/check-secrets says how).
static-checks: install
	$(BIN)/bandit -q -r src --severity-level medium
	$(PY) .ci/check-secrets

bench: install
	$(PY) -m coproduce.bench

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MAKE) typecheck
	$(MAKE) import-contracts

# The import contracts ([tool.importlinter] in pyproject.toml): apps depend one way, in the
# order listed there; no app imports another's services; no circles inside an app.
import-contracts: install
	$(BIN)/lint-imports

# mypy with the django-stubs plugin ([tool.mypy] in pyproject.toml): 0 errors. The plugin loads
# settings.py, which asks for a SECRET_KEY unless DEBUG is on; nothing is served, so DEBUG is on.
typecheck: install
	DEBUG=true $(BIN)/mypy src

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) $(TOOLS) node_modules $(VENDOR) staticfiles var
