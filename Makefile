# Pathways: `make run` and `make test` set everything up on a fresh machine.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV   := .venv
PY     := $(VENV)/bin/python
# Installing is skipped while pyproject.toml is unchanged.
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml requirements.lock | sha256sum | cut -c1-16)
KB_DATA := $(wildcard knowledge/data/*.yml)
KB_CODE := $(wildcard knowledge/*.py)

.PHONY: help setup run test kb validate clean lock train shell evaluate

help:
	@echo "make run    set up, build the knowledge base, train if needed and start Pathways"
	@echo "make test   set up and run every test"
	@echo "make shell  chat with the running bot in this terminal"

$(PY):
	@py=$$(scripts/find-python) && echo "Creating $(VENV) with $$py" && "$$py" -m venv $(VENV)

$(STAMP): pyproject.toml requirements.lock | $(PY)
	$(PY) -m pip install --quiet --upgrade "pip<25"
	$(PY) -m pip install --quiet -c requirements.lock -e '.[dev]'
	@rm -f $(VENV)/.installed-* && touch $@

setup: $(STAMP)

# The database and the spaCy gazetteer are generated from knowledge/data; rebuilt only when it changes.
var/.kb-built: $(STAMP) $(KB_DATA) $(KB_CODE)
	@mkdir -p var
	$(PY) -m knowledge build
	@touch $@

kb: var/.kb-built

validate: $(STAMP)
	$(PY) -m knowledge validate

run: kb
	$(PY) -m bot run

shell: $(STAMP)
	$(PY) -m bot shell

# Trains only when config, domain, data or the knowledge base changed (cached by content across checkouts).
train: kb
	$(PY) -m bot train

test: kb
	$(PY) -m knowledge validate
	$(PY) -m bot train
	$(PY) -m pytest
	$(PY) -m bot evaluate

clean:
	rm -rf var .pytest_cache

# Re-resolve the locked dependency set after changing pyproject.toml.
lock: $(STAMP)
	(echo "# Resolved dependency set known to work with Rasa 3.6.21 on Python 3.10 (pip freeze). Regenerate with: make lock"; \
	 $(PY) -m pip freeze --exclude-editable | grep -v '^pathways') > requirements.lock
