# caresystem: `make run` serves the Kent and Medway example; `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# Test processes: one per core; the browser and JVM tests share one of them (tests/conftest.py).
TEST_WORKERS ?= auto

.PHONY: run test setup assets system-deps postgres test-unit test-integration test-spec test-browser test-docs bench clean

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -c constraints.txt -e '.[test]'
	touch $(STAMP)

CSS := node_modules/.caresystem/caresystem.css

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(CSS): node_modules/.installed $(wildcard src/caresystem/web/scss/*.scss)
	npx sass --pkg-importer=node --no-source-map --style=compressed src/caresystem/web/scss/caresystem.scss $@

setup: $(STAMP) $(CSS)

assets: $(CSS)

run: setup
	$(BIN)/caresystem db upgrade
	$(BIN)/caresystem load-example
	$(BIN)/caresystem users ensure-demo-admin
	$(BIN)/caresystem population example
	$(BIN)/caresystem serve --host $(HOST) --port $(PORT)

system-deps:
	scripts/install-system-deps.sh

postgres:
	scripts/ensure-postgres.sh

test: setup system-deps postgres
	$(BIN)/pytest -p no:cacheprovider -n $(TEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

test-unit: setup
	$(BIN)/pytest tests/unit tests/docs

test-integration: setup postgres
	$(BIN)/pytest tests/integration

test-spec: setup system-deps
	$(BIN)/pytest tests/spec

test-browser: setup system-deps
	$(BIN)/pytest tests/browser

bench: setup
	$(BIN)/python benchmarks/web.py
	$(BIN)/python benchmarks/population.py
	$(BIN)/python benchmarks/meetings.py
	$(BIN)/python benchmarks/highlight.py
	$(BIN)/python benchmarks/imports.py
	$(BIN)/python benchmarks/load.py

clean:
	rm -rf $(VENV) node_modules var .pytest_cache
