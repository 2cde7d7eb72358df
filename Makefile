# Gongjiang: `make demo` runs the main job, `make test` the whole suite.
# Both build .venv from requirements-dev.txt (runtime requirements.txt plus test and lint tools)
# first, so a fresh clone needs only Python 3.11+ and make. Production installs requirements.txt.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
WORKERS ?= 3000
STAMP := $(VENV)/.installed
FONT := /usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf

.PHONY: venv demo serve test test-embedded lint architecture format worker bench clean migrations-check messages messages-check

$(STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(STAMP)

venv: $(STAMP) $(FONT)

## Certificates embed a CJK TrueType font from Debian's fonts-droid-fallback. Installed here
## when the machine lets us (root with apt); otherwise only certificate PDFs need it.
$(FONT):
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  (apt-get install -y -qq fonts-droid-fallback >/dev/null 2>&1 || \
	   (apt-get update -qq && apt-get install -y -qq fonts-droid-fallback >/dev/null)) || \
	  echo "warning: could not install fonts-droid-fallback (certificate PDFs need it)"; \
	else echo "warning: install fonts-droid-fallback for certificate PDFs (GJ_CJK_FONT=path overrides)"; fi

## The main job: environment, migrations, demo contest series, rankings, then serve the site.
demo: venv
	$(PY) manage.py migrate --noinput
	@if command -v msgfmt >/dev/null; then $(PY) manage.py compilemessages --ignore=.venv -v0; fi
	$(PY) manage.py load_demo --workers $(WORKERS)
	@echo ""
	@echo "  Gongjiang is at http://127.0.0.1:$(PORT)/  (API docs: http://127.0.0.1:$(PORT)/api/docs/)"
	@echo "  Officer login: admin / gongjiang-demo   (see README for the other demo accounts)"
	@echo ""
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

serve: venv
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

## The whole test suite, on whatever DATABASE_URL / REDIS_URL say (nothing: SQLite, eager),
## one process per core (pytest-xdist; each has its own test database and cache key prefix).
## `make test PYTEST_ARGS=` runs it in one process.
PYTEST_ARGS ?= -n auto --dist loadfile
test: venv
	@if command -v msgfmt >/dev/null; then $(PY) manage.py compilemessages --ignore=.venv -v0; fi
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest $(PYTEST_ARGS)

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

## Architecture checks: layers point down (import-linter, contracts in pyproject.toml) and no
## Python module in the apps grows past 600 lines.
architecture: venv
	$(VENV)/bin/lint-imports --no-cache
	$(PY) scripts/check_module_size.py

format: venv
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

## A real Celery worker (needs REDIS_URL, and DATABASE_URL for PostgreSQL).
worker: venv
	$(VENV)/bin/celery -A config worker --loglevel=INFO --concurrency=2 -Q $${CELERY_QUEUE:-gongjiang}

## Benchmarks print `bench: NAME VALUE UNIT` lines. They run on PostgreSQL and Redis: by default
## a `gj_bench` database on this machine (created and migrated here) and Redis db 0.
BENCH_DB ?= postgres://postgres@127.0.0.1:5432/gj_bench
bench: venv
	@{ command -v wrk >/dev/null && [ -x /usr/sbin/nginx ]; } || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
	  (apt-get install -y -qq wrk nginx-light >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq wrk nginx-light >/dev/null)); } || \
	  echo "warning: wrk or nginx not installed: the load benchmarks fall back to a Python client (slower; see bench/loadgen.py)"
	@export DATABASE_URL=$${DATABASE_URL:-$(BENCH_DB)} REDIS_URL=$${REDIS_URL:-redis://127.0.0.1:6379/0}; \
	db=$${DATABASE_URL##*/}; \
	psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$$db'" | grep -q 1 \
	  || createdb -h 127.0.0.1 -U postgres "$$db"; \
	$(PY) manage.py migrate -v0 && \
	for f in bench/bench_*.py; do echo "== $$f"; $(PY) $$f || exit 1; done

## Translations: English msgids in the code; Chinese in one catalogue per app,
## <app>/locale/zh_Hans/LC_MESSAGES/django.po, and the project catalogue locale/ for templates/
## and config/ (LOCALE_PATHS). `make messages` brings every catalogue up to date with the code
## and compiles it: a string moved to another app keeps its Chinese; a new msgid gets an empty
## msgstr (listed): write its Chinese in the .po and run it again. The compiled .mo files are
## committed, so a machine without gettext still speaks Chinese. See scripts/messages.py.
messages: venv
	$(PY) scripts/messages.py

## CI: exits non-zero when `make messages` would change a catalogue (POT-Creation-Date aside),
## `msgfmt -c` finds an error, a Chinese entry is empty or fuzzy, one msgid has two Chinese
## or a .mo is stale; then the i18n tests (the API's language, no English on Chinese pages).
messages-check: venv
	$(PY) scripts/messages.py --check
	$(PY) -m pytest -q -p no:cacheprovider tests/core/test_i18n.py

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
