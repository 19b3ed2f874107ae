# einhorn — every target sets up .venv itself when it is missing or out of date.
# Quick start: `make run` (demo database inside this checkout) and `make test`.

# The first Python 3.11+ on the PATH; override with `make PYTHON=python3.12 ...`.
PYTHON ?= $(shell for p in python3 python3.13 python3.12 python3.11; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
	2>/dev/null && { echo $$p; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.installed-run
DEV_STAMP := $(VENV)/.installed-dev
# make run never touches your real data: the demo database lives in this checkout.
DEMO_DB := sqlite:///$(CURDIR)/.demo/einhorn.sqlite3
CATALOG := src/einhorn/i18n/locales
# The end-to-end tests drive Debian's chromium through Playwright (never a downloaded browser).
CHROMIUM := /usr/bin/chromium

.PHONY: run test lint browser fmt bench i18n clean

$(VENV)/bin/python:
	@test -n "$(PYTHON)" || { echo "einhorn needs Python 3.11 or newer on the PATH"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUN_STAMP): pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(DEV_STAMP): pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@ $(RUN_STAMP)

# The demo: 300 synthetic people, a career goal and four weeks of lunches, then the web app
# on http://127.0.0.1:8000 (PORT=8001 make run for another port; Ctrl+C stops it).
PORT ?= 8000
DEMO := EINHORN_DATABASE_URL=$(DEMO_DB) $(BIN)/einhorn
run: $(RUN_STAMP)
	@$(DEMO) demo --if-empty
	@$(DEMO) goal show >/dev/null 2>&1 || $(DEMO) goal set --kind career --role "Projektleiterin" \
		--sector Software --city Köln --target-sector Software --target-sector Maschinenbau \
		--target-role "Head of" --meetings 3 --minutes 300 >/dev/null
	@$(DEMO) plan lunches --weeks 4 >/dev/null
	@echo "The demo database is $(DEMO_DB) (never your real data)."
	@echo "In a terminal: EINHORN_DATABASE_URL=$(DEMO_DB) $(BIN)/einhorn dashboard"
	@$(DEMO) serve --port $(PORT)

test: lint browser
	$(BIN)/pytest

# Makes the browser for the end-to-end tests available: installs Debian's chromium when we are
# root with apt-get, otherwise says in one line that those tests will be skipped. Never fails.
browser:
	@if [ -x $(CHROMIUM) ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing chromium for the browser tests (apt-get) ..."; \
		{ DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
		  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >/dev/null 2>&1; \
		[ -x $(CHROMIUM) ] || echo "Could not install chromium: the browser tests will be skipped."; \
	else \
		echo "No $(CHROMIUM) and no way to install it (needs root and apt-get): the browser tests will be skipped."; \
	fi

lint: $(DEV_STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports

fmt: $(DEV_STAMP)
	$(BIN)/ruff check --fix src tests benchmarks
	$(BIN)/ruff format src tests benchmarks

bench: $(DEV_STAMP)
	cd benchmarks && ../$(BIN)/python bench_due.py
	cd benchmarks && ../$(BIN)/python bench_startup.py
	cd benchmarks && ../$(BIN)/python bench_demo.py
	cd benchmarks && ../$(BIN)/python bench_import.py
	cd benchmarks && ../$(BIN)/python bench_strategy.py
	cd benchmarks && ../$(BIN)/python bench_structure.py
	cd benchmarks && ../$(BIN)/python bench_intro.py
	cd benchmarks && ../$(BIN)/python bench_plan.py
	cd benchmarks && ../$(BIN)/python bench_team.py
	cd benchmarks && ../$(BIN)/python bench_map.py
	cd benchmarks && ../$(BIN)/python bench_web.py

# Re-extract the message ids, merge them into the German catalog, compile it.
i18n: $(DEV_STAMP)
	$(BIN)/pybabel extract --no-location --sort-output --project einhorn --version 0.1 \
		-o $(CATALOG)/einhorn.pot src/einhorn
	$(BIN)/pybabel update --no-fuzzy-matching --ignore-obsolete --width 100 -D einhorn \
		-i $(CATALOG)/einhorn.pot -d $(CATALOG) -l de
	$(BIN)/pybabel compile --statistics -D einhorn -d $(CATALOG) -l de

clean:
	rm -rf $(VENV) .demo .pytest_cache .mypy_cache .ruff_cache
