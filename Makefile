# The brief, built from data/ by file dependencies: `make report` on a fresh clone sets
# up .venv from the lock file, validates the data, draws the figures, computes the
# numbers and renders both editions. Run `make help` for the targets.
#
# Which files each step reads is not kept by hand: `briefkit deps` writes _build/deps.mk
# from the data package (the data files it declares) and from the imports of the code
# behind each step.

PYTHON      ?= python3
VENV        ?= .venv
PY          := $(VENV)/bin/python
# briefkit runs from this checkout's src/ (not installed into the venv), so a venv shared by
# several checkouts always runs the code of the checkout that calls it.
export PYTHONPATH := $(CURDIR)/src
# One stamp per dependency group: `make report` installs the build group (requirements.lock);
# `make test` adds the test group (requirements-test.lock: the same pins plus pytest, hypothesis,
# Playwright, axe). Both are installed with --require-hashes.
READY       := $(VENV)/.ready
TEST_READY  := $(VENV)/.test-ready
PIP_INSTALL := $(VENV)/bin/pip install --quiet --disable-pip-version-check --require-hashes
# `make quarto` installs PyPI's quarto-cli into .venv; its quarto comes first on make's PATH (only
# it: .venv/bin stays off PATH), so the engine check below, briefkit and the tests find it.
export PATH := $(abspath $(VENV))/quarto-bin:$(PATH)
ENGINE      ?= auto
export BRIEF_ENGINE := $(ENGINE)
# The engine this build uses; the editions are rebuilt when it changes (the colophon names it).
USED_ENGINE := $(if $(filter auto,$(ENGINE)),$(if $(shell PATH='$(PATH)' command -v quarto),quarto,pandoc),$(ENGINE))
# When this build started, for the total time on its last line (inherited by the make that
# Quarto runs before rendering, and by make's restart after it rebuilds _build/deps.mk).
ifndef BRIEF_BUILD_START
export BRIEF_BUILD_START := $(shell date +%s.%N)
endif

REPORT_DEPS := $(wildcard reports/style/*.css) $(wildcard reports/filters/*.lua) $(wildcard reports/_*.qmd) _quarto.yml
# REPORTS (the editions `_quarto.yml` renders), DATA_FILES, FIGURE_* and the code each step reads.
ifeq ($(filter help clean lock,$(MAKECMDGOALS)),)
include _build/deps.mk
endif
OUTPUTS     := $(foreach r,$(REPORTS),_output/$(r).pdf _output/$(r).html)
# Each edition is rendered into _build/out/; `publish` copies them all into _output/ at once.
STAGED      := $(foreach r,$(REPORTS),_build/out/$(r).pdf _build/out/$(r).html)

# Independent steps run at once, one per CPU (figures beside variables, the two editions together).
MAKEFLAGS   += -j$(shell nproc 2>/dev/null || echo 2)

.DEFAULT_GOAL := report
.DELETE_ON_ERROR:
# An interrupted render must not cost the last good pair: make never deletes these
# (briefkit replaces both files together, or neither).
.PRECIOUS: _build/out/%.pdf _build/out/%.html
.PHONY: report edition check prepare describe test bench setup lock quarto clean help FORCE

help: ## List the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | sort

report: _build/report.done ## Build _output/brief.{pdf,html} and _output/summary.{pdf,html}

# Publish only when every edition rendered: a failed or interrupted build leaves _output/ as it
# was. A deleted output is published again. The last line gives outputs, pages and total time.
_build/report.done: $(STAGED) $(if $(filter-out $(wildcard $(OUTPUTS)),$(OUTPUTS)),FORCE)
	@$(PY) -m briefkit publish $(REPORTS)
	@touch $@

edition: report ## Record the current build as editions/<edition date>.json (EDITION_FORCE=1 replaces one)
	@EDITION_FORCE=$(EDITION_FORCE) $(PY) -m briefkit edition

setup: $(READY) prepare ## Create .venv from the lock file and the generated inputs `quarto render` includes

check: _build/check.ok ## Validate data/ against data/datapackage.yaml

test: $(TEST_READY) ## Run the test suite (adds the test group to .venv first)
	BRIEF_ENGINE=$(ENGINE) $(PY) -m pytest

bench: $(READY) ## Time each build stage against the WeasyPrint floor
	$(PY) tools/bench.py

# pip-compile keeps the pins already in the lock files when they still fit pyproject.toml;
# UPGRADE=1 takes the newest versions. The test lock is constrained to the build lock's pins.
LOCK_VENV   := /tmp/briefkit-lock
COMPILE     = CUSTOM_COMPILE_COMMAND="make lock" $(LOCK_VENV)/bin/pip-compile --quiet --generate-hashes \
              --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links --no-emit-trusted-host \
              $(if $(UPGRADE),--upgrade)
lock: ## Re-resolve requirements.lock (build) and requirements-test.lock (build + test), with hashes
	rm -rf $(LOCK_VENV) && $(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/pip install --quiet --disable-pip-version-check pip-tools==7.7.0
	$(COMPILE) --output-file requirements.lock pyproject.toml
	$(COMPILE) --extra test --constraint requirements.lock --output-file requirements-test.lock pyproject.toml

# PyPI's quarto-cli downloads the Quarto release when it installs. Its dependencies (Jupyter)
# serve Quarto's Jupyter engine, which the reports do not use, and would move locked packages.
QUARTO_CLI  ?= quarto-cli==1.10.19
quarto: $(READY) ## Install Quarto into .venv from PyPI's quarto-cli (downloads the Quarto release)
	@$(VENV)/bin/pip install --quiet --disable-pip-version-check --no-deps $(QUARTO_CLI) > $(VENV)/quarto-install.log 2>&1 \
	  || { echo "quarto      could not install $(QUARTO_CLI): it downloads Quarto from the quarto-cli release on GitHub, and that download failed (offline?); build one instead with ../shared/tools/build-quarto.sh and put its bin/ on PATH (pip's log: $(VENV)/quarto-install.log)" >&2; exit 1; }
	@mkdir -p $(VENV)/quarto-bin && ln -sf ../bin/quarto $(VENV)/quarto-bin/quarto
	@echo "quarto      installed Quarto $$($(VENV)/quarto-bin/quarto --version) in $(VENV); make report now renders with it"

clean: ## Remove generated files (keeps .venv and _output)
	rm -rf _build figures/*.svg _variables.yml .quarto

$(READY): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed"'
	$(PYTHON) -m venv $(VENV)
	$(PIP_INSTALL) -r requirements.lock
	$(PY) -m briefkit doctor
	@touch $@

$(TEST_READY): requirements-test.lock $(READY)
	$(PIP_INSTALL) -r requirements-test.lock
	@touch $@

_build/deps.mk: data/datapackage.yaml _quarto.yml $(wildcard src/briefkit/*.py) | $(READY)
	@mkdir -p _build
	@$(PY) -m briefkit deps > $@.tmp && mv $@.tmp $@

# A declared data file that is missing: let the validator say so, in its own words.
$(DATA_FILES):
	@$(PY) -m briefkit check

# The reports count too: `check` refuses a timeline without an event whose date they print.
_build/check.ok: $(DATA_FILES) $(CHECK_CODE) $(wildcard reports/*.qmd) | $(READY)
	@$(PY) -m briefkit check
	@touch $@

# All figures are drawn in one process (start-up costs more than drawing). An SVG is
# rewritten only when its bytes change, so unchanged figures do not re-render the editions.
# A deleted SVG forces a redraw (FORCE is never up to date).
_build/figures.ok: $(DATA_FILES) $(FIGURE_CODE) $(if $(filter-out $(wildcard $(FIGURE_FILES)),$(FIGURE_FILES)),FORCE) | _build/check.ok
	@$(PY) -m briefkit figure $(FIGURE_NAMES)
	@touch $@
figures/%.svg: _build/figures.ok ;
FORCE:

# `variables` writes _variables.yml and the partials only when they change, and then
# touches _build/content.stamp; the editions depend on that stamp, not on the step. It also
# compares with the latest recorded edition, and reads which facts page 1 shows.
_build/variables.ok: $(DATA_FILES) $(VARIABLES_CODE) _build/editions $(wildcard editions/*.json) reports/_edition.qmd reports/_bluf.qmd | _build/check.ok
	@$(PY) -m briefkit variables
	@touch $@
_build/content.stamp: _build/variables.ok ;

prepare: _build/check.ok $(FIGURE_FILES) _build/content.stamp ## What `quarto render` runs first (pre-render): validate, draw, compute

describe: ## Quarto's post-render: describe the HTML it wrote (title, meta, <main>), as make report does
	@$(PY) -m briefkit describe

# One target, two files: the HTML and the PDF of an edition are written together.
# Rewritten only when the engine changes, so its date moves only then.
_build/engine: FORCE
	@mkdir -p _build; echo $(USED_ENGINE) | cmp -s - $@ || echo $(USED_ENGINE) > $@

# The recorded editions (the brief says what changed since the latest): their names, rewritten
# only when they differ, so deleting one, or the whole folder, recomputes the comparison.
_build/editions: FORCE
	@mkdir -p _build; ls editions/*.json 2>/dev/null | cmp -s - $@ || ls editions/*.json 2>/dev/null > $@ || true

# The commit the colophon names (and whether the tree had changes): rewritten only when it differs,
# so committing the work rebuilds the editions once and then nothing.
_build/commit: FORCE
	@mkdir -p _build; (git describe --always --abbrev=12 --dirty 2>/dev/null || echo none) | cmp -s - $@ \
	  || (git describe --always --abbrev=12 --dirty 2>/dev/null || echo none) > $@

_build/out/%.pdf _build/out/%.html: reports/%.qmd _build/content.stamp _build/engine _build/commit $(FIGURE_FILES) $(REPORT_DEPS) $(RENDER_CODE)
	@$(PY) -m briefkit render $*
