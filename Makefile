# The BRS Clearing-House Hub. `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.DEFAULT_GOAL := help
.PHONY: help run test lint format check-deploy worker beat lock clean messages compilemessages assets audit

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when a requirements file changed.
$(VENV)/.installed: requirements.txt requirements-dev.txt | $(BIN)/activate
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Bootstrap from its Sass sources (LTR and RTL) and the site's scripts in one
# file, into build/ (not committed; Django's static files include it).
build/.built: node_modules/.installed $(wildcard static/scss/*.scss static/js/*.js)
	npm run --silent build
	touch $@

assets: build/.built ## Rebuild the front end into build/ after changing static/scss/ or static/js/

install: $(VENV)/.installed build/.built

# The translations, compiled from the catalogues (.mo files are not committed).
compilemessages: install
	$(BIN)/python manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0

run: install compilemessages ## Set up the embedded default (SQLite, in-process tasks, console email) and serve on http://127.0.0.1:8000
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py import_reference_data
	$(BIN)/python manage.py seed_demo --if-empty
	$(BIN)/python manage.py update_index
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: install compilemessages ## Run the whole suite (SQLite by default; PostgreSQL and Redis when DATABASE_URL and REDIS_URL are set)
	$(BIN)/python manage.py makemigrations --check --dry-run --settings=config.settings.test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/python supply_chain/check.py
	$(BIN)/pytest

lint: install ## ruff check and format check, the apps' layers (import-linter), known vulnerabilities
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/python supply_chain/check.py

audit: install ## Known vulnerabilities of the pinned packages (OSV); fails where the database cannot be reached
	$(BIN)/python supply_chain/check.py --require-database

format: install ## Format the code with ruff
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check-deploy: install ## Django's deployment checks with production settings
	DJANGO_SETTINGS_MODULE=config.settings.production DJANGO_SECRET_KEY=$$(openssl rand -hex 40) \
	DJANGO_ALLOWED_HOSTS=hub.example.org DATABASE_URL=postgres://check@localhost/check REDIS_URL=redis://localhost:6379/0 \
	$(BIN)/python manage.py check --deploy --fail-level WARNING

worker: install ## A Celery worker (needs CELERY_BROKER_URL or REDIS_URL)
	$(BIN)/celery -A config worker -l info -Q default,email

beat: install ## Celery beat, the scheduler
	$(BIN)/celery -A config beat -l info

messages: install ## Extract translatable strings for the six languages (then translate the new ones: tests/i18n checks)
	$(BIN)/python manage.py makemessages -l ar -l zh_Hans -l fr -l ru -l es --ignore=.venv --ignore=node_modules --ignore=bench --ignore=tests --no-obsolete

lock: ## Re-pin requirements.txt from requirements.in in a clean venv
	rm -rf /tmp/brs-lock && $(PYTHON) -m venv /tmp/brs-lock && /tmp/brs-lock/bin/pip install --quiet -r requirements.in
	( echo "# Pinned from requirements.in (pip freeze in a clean venv, Python 3.11). Do not edit by hand."; /tmp/brs-lock/bin/pip freeze ) > requirements.txt

clean: ## Remove the virtualenv, node_modules, the front-end build and the local database
	rm -rf $(VENV) node_modules build db.sqlite3 staticfiles
