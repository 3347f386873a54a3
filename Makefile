# peakreport — every step a newcomer or CI needs. `make help` lists them.
# Each target creates what it needs: the virtual environment (.venv), the packages,
# and a Chromium for the PDF (Debian's, through apt-get, when root and none is found).

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-dev

.DEFAULT_GOAL := help
.PHONY: help report test test-install lint bench browser clean authoring
# nbstripout as a git filter: cell ids kept (stable diffs); the Python version that
# JupyterLab records and Papermill's run data removed; tests/test_notebooks.py reads this
NBSTRIPOUT_FLAGS := --keep-id --extra-keys "metadata.language_info metadata.papermill cell.metadata.papermill"

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

browser: ## make sure a Chromium is there to print PDFs
	@bash scripts/ensure-chromium.sh

report: $(STAMP) browser ## build the sample forum's report into exports/
	$(VENV)/bin/peakreport demo --out exports

test: $(STAMP) browser ## run the linter and the test suite
	$(VENV)/bin/ruff check src tests benchmarks data scripts
	$(PY) -m pytest

test-install: $(STAMP) browser ## a pip user's install: the wheel and its dependencies from the index, then demo
	$(PY) -m pytest -m index tests/test_packaging.py

lint: $(STAMP) ## ruff
	$(VENV)/bin/ruff check src tests benchmarks data scripts

bench: $(STAMP) browser ## run the benchmarks (figures go in docs/performance.md)
	$(PY) benchmarks/bench_metrics.py
	$(PY) benchmarks/bench_report.py
	$(PY) benchmarks/bench_batch.py

authoring: $(STAMP) ## JupyterLab for report authors, and outputs stripped from notebooks on commit
	$(PY) -m pip install --quiet -e '.[dev,authoring]'
	git config filter.nbstripout.clean '"$(abspath $(PY))" -m nbstripout $(NBSTRIPOUT_FLAGS)'
	git config filter.nbstripout.smudge cat
	git config filter.nbstripout.required true
	git config diff.ipynb.textconv '"$(abspath $(PY))" -m nbstripout -t $(NBSTRIPOUT_FLAGS)'
	@echo "then: $(VENV)/bin/jupyter lab   (notebooks/ holds the bundled notebooks)"

clean: ## remove the virtual environment and generated exports
	rm -rf $(VENV) exports/*/ benchmarks/_data .peakreport-staging
