# Pathways: `make run` and `make test` set everything up on a fresh machine.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV   := .venv
PY     := $(VENV)/bin/python
# Installing is skipped while pyproject.toml is unchanged.
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml requirements.lock | sha256sum | cut -c1-16)
KB_DATA := $(wildcard knowledge/data/*.yml)
KB_CODE := $(wildcard knowledge/*.py)

.PHONY: help setup run test check kb web browsers nginx validate clean lock train shell evaluate bench run-prod \
        test-reliability audit

help:
	@echo "make run    set up, build the knowledge base, train if needed and start Pathways"
	@echo "make test   set up and run every test"
	@echo "make check  the unit tests only (no servers, browser or database servers): under 2 minutes"
	@echo "make shell  chat with the running bot in this terminal"
	@echo "make bench  measure speed and memory (docs/performance.md)"

$(PY):
	@py=$$(scripts/find-python) && echo "Creating $(VENV) with $$py" && "$$py" -m venv $(VENV)

# uv (pinned in requirements.lock) installs the locked set, several times faster than pip (docs/performance.md).
# --compile-bytecode as pip does: where PYTHONDONTWRITEBYTECODE is set (as on these machines) nothing else compiles
# the .pyc files, and every process would compile Rasa and TensorFlow again.
$(STAMP): pyproject.toml requirements.lock | $(PY)
	$(PY) -m pip install --quiet --upgrade "pip<25"
	$(PY) -m pip install --quiet -c requirements.lock uv
	$(VENV)/bin/uv pip install --quiet --compile-bytecode --python $(PY) -c requirements.lock -e '.[dev]'
	@rm -f $(VENV)/.installed-* && touch $@

setup: $(STAMP)

# The database and the spaCy gazetteer are generated from knowledge/data; rebuilt only when it changes.
var/.kb-built: $(STAMP) $(KB_DATA) $(KB_CODE)
	@mkdir -p var
	$(PY) -m knowledge build
	@touch $@

kb: var/.kb-built

# The web widget's packages (socket.io-client; axe-core for the browser tests), pinned by bot/web/package-lock.json,
# copied into var/web; installed again only when the lock changes. Nothing comes from a CDN at run time.
WEB_STAMP := var/web/.built-$(shell cat bot/web/package-lock.json | sha256sum | cut -c1-16)
$(WEB_STAMP): bot/web/package-lock.json
	@command -v npm >/dev/null || { echo "The web widget needs Node.js and npm (Debian: apt-get install nodejs npm)" >&2; exit 1; }
	cd bot/web && npm ci --no-audit --no-fund --loglevel=error
	@mkdir -p var/web && rm -f var/web/.built-*
	cp bot/web/node_modules/socket.io-client/dist/socket.io.min.js bot/web/node_modules/axe-core/axe.min.js var/web/
	@touch $@

web: $(WEB_STAMP)

# Debian's Chromium for the browser tests (test tools cannot download browsers here).
browsers:
	@scripts/ensure-chromium

# Debian's nginx for the production profile's tests; where it cannot be installed those tests say so and skip
# (and fail in CI, which requires every service).
nginx:
	@scripts/ensure-nginx || echo "Without nginx the production-profile tests (tests/reliability) will be skipped."

validate: $(STAMP)
	$(PY) -m knowledge validate

run: kb web
	$(PY) -m bot run

# Production profile on this machine: PostgreSQL, Redis, two Rasa processes and the action server behind nginx
# (docs/deployment.md). PostgreSQL and Redis must be running; nginx is installed from Debian's packages if missing.
run-prod: kb
	scripts/ensure-nginx
	$(PY) -m bot run --prod

# Failure tests on real parts (PostgreSQL, Redis, nginx): a Rasa process killed under 50 conversations, the
# tracker store and the knowledge base's database failing. Slow (two Rasa processes start).
test-reliability: kb
	scripts/ensure-nginx
	$(PY) -m pytest tests/reliability -x -q -s

# Known vulnerabilities in requirements.lock (pip-audit in its own venv under var/; needs PyPI's JSON API).
# Exit 3 means nothing could be audited; accepted advisories and why: scripts/audit-accepted, docs/security.md.
audit:
	scripts/audit

shell: $(STAMP)
	$(PY) -m bot shell

# Trains only when config, domain, data or the knowledge base changed (cached by content across checkouts).
train: kb
	$(PY) -m bot train

# Rasa's scripted stories and the held-out NLU set (intent macro-F1 bar 0.90), on the current model; then every
# corpus under tests/eval replayed against the running assistant (`make test` replays the newest two).
evaluate: train web
	$(PY) -m bot evaluate
	$(PY) -m pytest tests/eval/test_corpus.py --every-corpus -q

# Every test: unit, browser (Chromium), live servers, the production profile on PostgreSQL/Redis/nginx, the fuzz
# corpus; then Rasa's scripted stories and the held-out NLU set.
test: kb web browsers nginx
	$(PY) -m knowledge validate
	$(PY) -m bot train
	$(PY) -m pytest
	$(PY) -m bot evaluate

# The unit tests only: no servers, Chromium, PostgreSQL, Redis or nginx (tests/support/kinds.py), and the property
# tests with a quarter of their random cases.
check: kb
	$(PY) -m pytest -m unit --quick -q

# Figures, not tests: Pathways beside a stock `rasa init` bot, NLU, knowledge base, start-up, memory (docs/performance.md).
bench: kb
	$(PY) -m bench $(BENCH_ARGS)

clean:
	rm -rf var .pytest_cache

# Re-resolve the locked dependency set after changing pyproject.toml.
lock: $(STAMP)
	(echo "# Resolved dependency set known to work with Rasa 3.6.21 on Python 3.10 (pip freeze). Regenerate with: make lock"; \
	 $(PY) -m pip freeze --exclude-editable | grep -v '^pathways') > requirements.lock
