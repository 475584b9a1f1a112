# One entry point for developers: `make demo`, `make test`, `make lint`, `make bench`, `make load`.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
export IPSTRATEGY_DATA_DIR ?= $(CURDIR)/var

.PHONY: demo test lint bench load score venv test-venv clean messages docs-cli

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

venv: $(BIN)/python
	$(BIN)/pip install --quiet -e .

test-venv: $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test,dev]"

## demo: set up, load the bundled plans into SQLite under ./var and serve on 127.0.0.1:8000
demo: venv
	$(BIN)/ipstrategy init --demo
	$(BIN)/ipstrategy serve --port 8000

## test: set up with test dependencies and run the whole suite
test: test-venv
	$(BIN)/python -m pytest -q

lint: test-venv
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

## bench: every bench/*.py in one table, also written to docs/performance.md (pages need DATABASE_URL; not in CI)
bench: venv
	$(BIN)/pip install --quiet -e ".[bench]"
	$(BIN)/python bench/run.py

## load: locust against `ipstrategy serve` (gunicorn) on a fresh demo database, 127.0.0.1 only: readers,
## reporters saving and submitting, the office reviewing; prints p95, fails on any error (docs/performance.md).
## PostgreSQL when DATABASE_URL names one (a scratch database beside it), else SQLite (use fewer users there)
LOAD_USERS   ?= 50
LOAD_SECONDS ?= 300
load: venv
	$(BIN)/pip install --quiet -e ".[load]"
	$(BIN)/python bench/load.py --users $(LOAD_USERS) --seconds $(LOAD_SECONDS)

## score: the parser against the hand-checked gold (needs ../shared)
score: venv
	$(BIN)/python ../shared/tools/score_parse.py --docs ../shared/seeds --gold ../shared/gold -- $(BIN)/ipstrategy parse {} --format json

## docs-cli: regenerate the CLI reference docs/cli.md from the command tree (after adding a command or option)
docs-cli: venv
	$(BIN)/python -m ipstrategy.cli.reference > docs/cli.md

## messages: refresh the zh-Hans and en catalogues from the portal's code and compile them (needs GNU gettext)
## (new Chinese entries arrive empty: translate them; docs/portal.md)
messages: venv
	cd src/ipstrategy/web && $(CURDIR)/$(BIN)/python -m ipstrategy.web makemessages -l zh_Hans -l en --no-location
	msgen -o src/ipstrategy/web/locale/en/LC_MESSAGES/django.po src/ipstrategy/web/locale/en/LC_MESSAGES/django.po
	cd src/ipstrategy/web && $(CURDIR)/$(BIN)/python -m ipstrategy.web compilemessages -l zh_Hans -l en

clean:
	rm -rf $(VENV) var .pytest_cache test-artifacts
