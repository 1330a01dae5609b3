# The two set-up commands of README.md:
#   make demo   installs newsmon into .venv and runs the main job offline on the bundled demo feeds
#   make test   installs system packages and test dependencies, then runs lint, type checks and the whole suite
# make test-fast is the inner loop: the suite without the tests marked `slow` (those that start processes:
# daemons, parser pools, `newsmon serve`, Chromium, a pip install) and without the quality gates on the
# shared evaluation data (`quality`); no lint or type checks.
# .ci/run runs `make test`.
# Both spread the tests over PYTEST_WORKERS pytest-xdist processes (more than the CI machine's two cores: the
# process tests mostly wait on their daemons, loopback sites and clocks); PYTEST_WORKERS=0 runs them in one.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PYTEST_WORKERS ?= 3
XDIST := -n $(PYTEST_WORKERS) --dist load --maxschedchunk 1
# One BLAS/OpenMP thread per process: the workers and the daemons they start already fill the cores, and idle
# OpenBLAS/libgomp threads spinning beside them cost CPU (the retraining browser test beside two CPU hogs:
# 29.5 s and 17.9 CPU s with one thread, 36.4 s and 23.9 CPU s with two).
TEST_ENV := OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1

.PHONY: demo test test-fast lint typecheck pytest system-deps clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.test-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

demo: $(VENV)/.installed
	$(BIN)/newsmon demo --dir demo-output

system-deps:
	bash scripts/install-system-deps

lint: $(VENV)/.test-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.test-installed
	$(BIN)/mypy

pytest: $(VENV)/.test-installed
	$(TEST_ENV) $(BIN)/pytest $(XDIST)

test: system-deps lint typecheck pytest

test-fast: $(VENV)/.test-installed
	$(TEST_ENV) $(BIN)/pytest $(XDIST) -m "not slow and not quality" -q

clean:
	rm -rf $(VENV) demo-output .pytest_cache .mypy_cache .ruff_cache
