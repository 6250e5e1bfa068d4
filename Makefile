# The brief, built from data/ by file dependencies: `make report` on a fresh clone sets
# up .venv from the lock file, validates the data, draws the figures, computes the
# numbers and renders both editions. Run `make help` for the targets.

PYTHON      ?= python3
VENV        ?= .venv
PY          := $(VENV)/bin/python
READY       := $(VENV)/.ready
ENGINE      ?= auto
export BRIEF_ENGINE := $(ENGINE)

DATA        := data/datapackage.yaml data/schemas/observations.yaml $(wildcard data/*.csv)
CODE        := $(wildcard src/briefkit/*.py)
FIGURE_CODE := src/briefkit/figures.py src/briefkit/style.py src/briefkit/facts.py src/briefkit/datapackage.py
REPORTS     := brief summary
REPORT_DEPS := $(wildcard reports/style/*.css) reports/filters/quarto-compat.lua $(wildcard reports/_*.qmd)

.DEFAULT_GOAL := report
.DELETE_ON_ERROR:
.PHONY: report check test bench setup lock clean help

help: ## List the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | sort

report: $(foreach r,$(REPORTS),_output/$(r).pdf) ## Build _output/brief.{pdf,html} and _output/summary.{pdf,html}

setup: $(READY) ## Create .venv with the locked dependencies

check: _build/check.ok ## Validate data/ against data/datapackage.yaml

test: $(READY) ## Run the test suite
	BRIEF_ENGINE=$(ENGINE) $(PY) -m pytest

bench: $(READY) ## Time each build step from a clean build directory
	$(PY) tools/bench.py

lock: ## Re-resolve dependencies and rewrite requirements.lock
	rm -rf /tmp/briefkit-lock && $(PYTHON) -m venv /tmp/briefkit-lock
	/tmp/briefkit-lock/bin/pip install -q . && /tmp/briefkit-lock/bin/pip freeze --exclude briefkit > requirements.lock.new
	mv requirements.lock.new requirements.lock

clean: ## Remove generated files (keeps .venv and _output)
	rm -rf _build figures/*.svg _variables.yml

$(READY): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed"'
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(VENV)/bin/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	$(PY) -m briefkit doctor
	@touch $@

_build/check.ok: $(DATA) src/briefkit/validation.py | $(READY)
	@mkdir -p _build
	$(PY) -m briefkit check
	@touch $@

# Which data files each figure reads comes from the figure registry itself.
_build/figures.mk: src/briefkit/figures.py src/briefkit/__main__.py data/datapackage.yaml | _build/check.ok
	$(PY) -m briefkit deps > $@

ifeq ($(filter help clean lock,$(MAKECMDGOALS)),)
include _build/figures.mk
endif

figures/%.svg:
	$(PY) -m briefkit figure $*

_build/variables.ok: $(DATA) $(CODE) | _build/check.ok
	$(PY) -m briefkit variables
	@touch $@

_output/%.pdf: reports/%.qmd _build/variables.ok $(FIGURE_FILES) $(REPORT_DEPS) _quarto.yml
	$(PY) -m briefkit render $*
