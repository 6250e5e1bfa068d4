# Every brief, built from its folders by file dependencies: `make report` on a fresh clone sets
# up .venv from the lock file, then for each brief (reports/<brief>/brief.yml) validates its data,
# draws its figures, computes its facts and renders its reports into _output/<brief>/.
# `make report BRIEF=name` builds one. Run `make help` for the targets.
#
# Which files each step reads is not kept by hand: `briefkit deps` writes _build/deps.mk from
# each brief's data package and spec and from the imports of the code behind each step.

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

# _quarto.yml lists every brief's documents: only a Quarto render reads it, so under pandoc adding or
# removing another brief does not re-render this one.
REPORT_DEPS := $(wildcard reports/style/*) $(wildcard reports/filters/*.lua) $(if $(filter quarto,$(USED_ENGINE)),_quarto.yml)
# BRIEFS, and per brief NAME_REPORTS, NAME_DATA, NAME_SPEC, NAME_FIGURES; the code each step reads.
ifeq ($(filter help clean lock new,$(MAKECMDGOALS)),)
include _build/deps.mk
endif
# `make report BRIEF=name` builds one brief; without BRIEF, every brief.
BRIEF       ?=
SELECTED    := $(or $(BRIEF),$(BRIEFS))
# (checked once _build/deps.mk exists: on a fresh clone make writes it, then restarts and checks)
ifneq ($(filter-out $(BRIEFS),$(BRIEF)),)
ifeq ($(filter help clean lock new,$(MAKECMDGOALS))$(if $(wildcard _build/deps.mk),,fresh),)
$(error no brief named '$(BRIEF)' (no reports/$(BRIEF)/brief.yml); briefs: $(BRIEFS))
endif
endif
# What a brief's build reads, for the commit its colophon names (manifest.input_folders says the same).
# Not _quarto.yml: it lists every brief's documents, and another brief's must not change this one.
brief_inputs = .gitignore Makefile pyproject.toml requirements.lock src reports/style reports/filters \
               data/$(1) reports/$(1) editions/$(1)

# Independent steps run at once, one per CPU (figures beside facts, the reports of a brief, the briefs).
MAKEFLAGS   += -j$(shell nproc 2>/dev/null || echo 2)

.DEFAULT_GOAL := report
.DELETE_ON_ERROR:
# An interrupted render must not cost the last good pair: make never deletes these
# (briefkit replaces both files together, or neither).
.PRECIOUS: _build/%.pdf _build/%.html figures/%.svg
.PHONY: report edition check new prepare describe test bench setup lock quarto clean help FORCE

help: ## List the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | sort

report: $(foreach b,$(SELECTED),_build/$(b)/report.done) ## Build every brief into _output/<brief>/ (BRIEF=name: one)

edition: report ## Record each built brief as editions/<brief>/<edition date>.json (EDITION_FORCE=1 replaces one)
	@$(foreach b,$(SELECTED),EDITION_FORCE=$(EDITION_FORCE) $(PY) -m briefkit edition $(b) &&) true

setup: $(READY) prepare ## Create .venv from the lock file and the generated inputs `quarto render` includes

check: $(foreach b,$(SELECTED),_build/$(b)/check.ok _build/$(b)/variables.ok) ## Validate each brief's data package, spec and documents (every fact they print)

new: $(READY) ## Create a starter brief: make new BRIEF=name
	@test -n "$(BRIEF)" || { echo "usage: make new BRIEF=<name>" >&2; exit 2; }
	@$(PY) -m briefkit new $(BRIEF)

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
	rm -rf _build figures reports/*/_metadata.yml .quarto

$(READY): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed"'
	$(PYTHON) -m venv $(VENV)
	$(PIP_INSTALL) -r requirements.lock
	$(PY) -m briefkit doctor
	@touch $@

$(TEST_READY): requirements-test.lock $(READY)
	$(PIP_INSTALL) -r requirements-test.lock
	@touch $@

# The briefs there are: rewritten only when the list changes, so adding or removing one rewrites deps.mk.
_build/briefs: FORCE
	@mkdir -p _build; ls reports/*/brief.yml 2>/dev/null | cmp -s - $@ || ls reports/*/brief.yml 2>/dev/null > $@ || true

_build/deps.mk: _build/briefs _quarto.yml $(wildcard data/*/datapackage.yaml reports/*/brief.yml) $(wildcard src/briefkit/*.py) | $(READY)
	@mkdir -p _build
	@$(PY) -m briefkit deps > $@.tmp && mv $@.tmp $@

prepare: $(foreach b,$(BRIEFS),_build/$(b)/check.ok _build/$(b)/figures.ok _build/$(b)/content.stamp) ## What `quarto render` runs first (pre-render): validate, draw, compute

describe: ## Quarto's post-render: describe the HTML it wrote (title, meta, <main>), as make report does
	@$(PY) -m briefkit describe

# Rewritten only when the engine changes, so its date moves only then (the colophon names it).
_build/engine: FORCE
	@mkdir -p _build; echo $(USED_ENGINE) | cmp -s - $@ || echo $(USED_ENGINE) > $@

FORCE:

# Each brief's build, from its data package, spec and documents to _output/<brief>/.
define brief_rules
$(1)_OUTPUTS := $$(foreach r,$$($(1)_REPORTS),_output/$(1)/$$(r).pdf _output/$(1)/$$(r).html)
# Each report is rendered into _build/<brief>/out/; `publish` copies them all into _output/<brief>/ at once.
$(1)_STAGED := $$(foreach r,$$($(1)_REPORTS),_build/$(1)/out/$$(r).pdf _build/$(1)/out/$$(r).html)
$(1)_FIGURE_FILES := $$(foreach f,$$($(1)_FIGURES),figures/$(1)/$$(f).svg)

# Publish only when every report rendered: a failed or interrupted build leaves _output/<brief>/ as it
# was. A deleted output is published again. The last line gives outputs, pages and total time.
_build/$(1)/report.done: $$($(1)_STAGED) $$(if $$(filter-out $$(wildcard $$($(1)_OUTPUTS)),$$($(1)_OUTPUTS)),FORCE)
	@$$(PY) -m briefkit publish $(1) $$($(1)_REPORTS)
	@touch $$@

# A declared data file that is missing: let the validator say so, in its own words.
$$($(1)_DATA):
	@$$(PY) -m briefkit check $(1)

# The documents count too: `check` computes every fact they print.
_build/$(1)/check.ok: $$($(1)_DATA) $$($(1)_SPEC) $$(CHECK_CODE) $$(wildcard reports/$(1)/*.qmd) | $$(READY)
	@$$(PY) -m briefkit check $(1)
	@mkdir -p $$(@D) && touch $$@

# All of a brief's figures are drawn in one process (start-up costs more than drawing). An SVG is
# rewritten only when its bytes change, so unchanged figures do not re-render the reports.
# A deleted SVG forces a redraw (FORCE is never up to date).
_build/$(1)/figures.ok: $$($(1)_DATA) $$($(1)_SPEC) $$(FIGURE_CODE) $$(if $$(filter-out $$(wildcard $$($(1)_FIGURE_FILES)),$$($(1)_FIGURE_FILES)),FORCE) | _build/$(1)/check.ok
	@$$(PY) -m briefkit figure $(1)
	@touch $$@
figures/$(1)/%.svg: _build/$(1)/figures.ok ;

# `variables` writes the facts file and the pieces only when they change, and then touches
# content.stamp; the reports depend on that stamp, not on the step. It also compares with the
# latest recorded edition.
_build/$(1)/variables.ok: $$($(1)_DATA) $$($(1)_SPEC) $$(VARIABLES_CODE) _build/$(1)/editions _build/$(1)/commit $$(wildcard editions/$(1)/*.json) $$(wildcard reports/$(1)/*.qmd) | _build/$(1)/check.ok
	@$$(PY) -m briefkit variables $(1)
	@touch $$@
_build/$(1)/content.stamp: _build/$(1)/variables.ok ;

# The recorded editions (the brief says what changed since the latest): their names, rewritten
# only when they differ, so deleting one, or the whole folder, recomputes the comparison.
_build/$(1)/editions: FORCE
	@mkdir -p $$(@D); ls editions/$(1)/*.json 2>/dev/null | cmp -s - $$@ || ls editions/$(1)/*.json 2>/dev/null > $$@ || true

# The last commit that changed what this brief reads, and whether that differs now: rewritten only
# when it changes, so another brief's commit does not rebuild this one.
_build/$(1)/commit: FORCE
	@mkdir -p $$(@D); { git log -1 --format=%h -- $$(call brief_inputs,$(1)) 2>/dev/null; \
	  git status --porcelain -- $$(call brief_inputs,$(1)) 2>/dev/null | head -c1; } | cmp -s - $$@ \
	  || { git log -1 --format=%h -- $$(call brief_inputs,$(1)) 2>/dev/null; \
	       git status --porcelain -- $$(call brief_inputs,$(1)) 2>/dev/null | head -c1; } > $$@

# One target, two files: the HTML and the PDF of a report are written together.
_build/$(1)/out/%.pdf _build/$(1)/out/%.html: reports/$(1)/%.qmd _build/$(1)/content.stamp _build/engine _build/$(1)/commit $$($(1)_FIGURE_FILES) $$(REPORT_DEPS) $$(RENDER_CODE)
	@$$(PY) -m briefkit render $(1) $$*
endef
$(foreach b,$(BRIEFS),$(eval $(call brief_rules,$(b))))
# The SVGs are made by a pattern rule; make must keep them (they are the reports' inputs, not scratch).
.SECONDARY: $(foreach b,$(BRIEFS),$($(b)_FIGURE_FILES))
