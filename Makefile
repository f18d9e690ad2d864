# The two commands users need: `make run` and `make test` (README).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test test-long lint bench docs install install-dev browser clean \
  calibrate calibrate-herten calibrate-wetter

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q -U pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

install install-dev: $(STAMP)

## Debian's chromium for the browser tests (Playwright cannot download its own browser here).
browser:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -q && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null; }

## The flagship comparison and its policymaker report (README). A stored sweep of the same
## experiment is reused or finished (--resume); one of a changed experiment (exit 2) is replaced
## (--force). Failed runs (exit 1) do not stop the report: it names them. Last line: its path.
RUN_EXPERIMENT := experiments/compare_organisation_models.yaml
RUN_RESULTS := results/experiments/compare_organisation_models

run: $(STAMP)
	@$(BIN)/dewak sweep $(RUN_EXPERIMENT) --out $(RUN_RESULTS) --resume; rc=$$?; \
	if [ $$rc -eq 2 ]; then \
	  echo "make run: the stored sweep is not of this experiment; starting over" >&2; \
	  $(BIN)/dewak sweep $(RUN_EXPERIMENT) --out $(RUN_RESULTS) --force; rc=$$?; \
	fi; \
	[ $$rc -le 1 ] || exit $$rc
	@$(BIN)/dewak report $(RUN_RESULTS)

## The shipped calibrations (docs/calibration.md, "Re-running"): one command per town, with the
## bounds of the recorded run; starts over (--force) and copies the figures and summary.md into
## docs/img/calibration/<town>/ (the Results section quotes them).
CALIBRATE_OPTIONS ?= --workers 2 --generations 8 --max-runs 6000

calibrate: calibrate-herten calibrate-wetter

calibrate-herten calibrate-wetter: $(STAMP)
	$(BIN)/dewak calibrate experiments/calibrate_$(@:calibrate-%=%).yaml $(CALIBRATE_OPTIONS) --force
	mkdir -p docs/img/calibration/$(@:calibrate-%=%)
	cp results/calibration/calibrate_$(@:calibrate-%=%)/figures/*.png \
	  results/calibration/calibrate_$(@:calibrate-%=%)/summary.md docs/img/calibration/$(@:calibrate-%=%)/

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

test: $(STAMP) browser lint
	$(BIN)/python -m pytest -q -n 2

test-long: $(STAMP) browser
	$(BIN)/python -m pytest -q -m long

## The API reference from the docstrings (pdoc, Google style) into docs/api/ (not committed).
## Packages whose __init__ lists only part of their modules are named one by one.
API_MODULES := simulator simulator.scenario simulator.runner simulator.model simulator.records \
  simulator.accounting simulator.agents simulator.organisation simulator.financing simulator.rules \
  simulator.population simulator.processes simulator.experiments simulator.analysis \
  simulator.report simulator.stress simulator.palette simulator.app.params simulator.app.plots
API_OUT ?= docs/api

docs: $(STAMP)
	$(BIN)/pdoc $(API_MODULES) --docformat google --no-show-source -o $(API_OUT)
	@echo "API reference: $(API_OUT)/index.html"

bench: $(STAMP)
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
