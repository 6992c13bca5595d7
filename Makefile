# Lotse – the contract with users and CI. See README.md.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8000
export DJANGO_SETTINGS_MODULE := lotse.settings

.PHONY: install demo test test-sqlite test-postgres bench lint messages messages-update serve clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)
	@$(BIN)/lotse --help >/dev/null && echo "Lotse installed in $(VENV)"

messages: install
	$(BIN)/python scripts/compile_messages.py

# Re-extract the gettext strings of all apps into lotse/locale/<lang>/LC_MESSAGES/django.po
# (needs GNU gettext); then translate new entries and run `make messages`. docs/translations.md
# English covers everything; the other portal languages translate the booking portal's strings
# (staff-only strings may stay empty there and fall back to German).
PORTAL_LANGUAGES = en ar uk tr fa ru
messages-update: install
	cd lotse && $(CURDIR)/$(BIN)/python -m django makemessages $(foreach l,$(PORTAL_LANGUAGES),-l $(l)) --no-obsolete -i "migrations/*"

demo: install messages
	bash scripts/demo.sh

test: install messages
	bash scripts/run-tests.sh

bench: install
	bash scripts/run-bench.sh

lint: install
	$(BIN)/ruff check lotse tests bench
	$(BIN)/mypy lotse

clean:
	rm -rf $(VENV) var
