# gba-atlas: `make map` and `make test` are all a new user needs (see README).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-test
NPM_STAMP := node_modules/.installed-eslint

.PHONY: help map figure check test test-fast lint format bench notebook clean

help:
	@echo "make map    set up .venv and write the map and the area report into output/"
	@echo "make test   set up .venv and run the whole test suite"
	@echo "make test-fast  the tests not marked slow (no browser, subprocesses, notebooks)"
	@echo "make figure write the static figure into output/ (figure.svg, figure.pdf, figure.png)"
	@echo "make check  print the area and claim report"
	@echo "make lint   ruff, mypy --strict and the complexity and docstring limits on geo/, ESLint on the map's script"
	@echo "make bench  the performance benchmark"
	@echo "make notebook  open the notebooks in JupyterLab"

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "gba-atlas needs Python 3.11 or newer; set PYTHON=python3.11 (or newer)"; exit 2; }
	@$(PYTHON) -m venv $(VENV) || \
	  { echo "cannot make a virtual environment: on Debian/Ubuntu, apt-get install python3-venv"; exit 2; }
	@echo "setting up $(VENV): installing gba-atlas and what it needs with pip (once; a minute or two)"
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

map: $(STAMP)
	$(BIN)/python -m geo build --self-contained

figure: $(STAMP)
	$(BIN)/python -m geo figure --out output/figure.svg
	$(BIN)/python -m geo figure --out output/figure.pdf
	$(BIN)/python -m geo figure --out output/figure.png --dpi 150

check: $(STAMP)
	$(BIN)/python -m geo check

# pytest-xdist workers: `make test-fast` two, one per core of a small machine; `make test` three, since
# its browser tests wait on Chromium, whose idle time a third worker fills (4 min 59 s instead of 6 min
# 11 s on two cores). WORKERS=N sets both; WORKERS=0 runs in one process.
# --dist loadfile: a test module runs in one worker, so what its fixtures build once (the wheel and
# its venv, JupyterLab, the dask cluster, a built map, the parsed package) is built once, not twice.
WORKERS ?=
FAST_WORKERS = $(or $(WORKERS),2)
FULL_WORKERS = $(or $(WORKERS),3)
# Compiled bytecode, pytest's rewritten test modules included, is kept in .venv/pycache even where
# PYTHONDONTWRITEBYTECODE is set: without it each worker, and each `python -m geo` a test starts,
# compiles geo/ and the tests again (about 2 s of CPU a worker).
PYTEST := env -u PYTHONDONTWRITEBYTECODE PYTHONPYCACHEPREFIX="$(CURDIR)/$(VENV)/pycache" $(BIN)/python -m pytest

test: $(STAMP)
	$(PYTEST) -n $(FULL_WORKERS) --dist loadfile

test-fast: $(STAMP)
	$(PYTEST) -m "not slow" -n $(FAST_WORKERS) --dist loadfile

# ESLint at the versions package.json pins, installed once (again when package.json changes).
$(NPM_STAMP): package.json
	@command -v npm >/dev/null || \
	  { echo "make lint needs Node.js 20.19 or newer and npm: on Debian/Ubuntu, apt-get install nodejs npm"; exit 2; }
	npm install --no-audit --no-fund --no-package-lock --ignore-scripts --loglevel=error
	@touch $@

lint: $(STAMP) $(NPM_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	@# radon always exits 0: fail on what it prints
	@found="$$($(BIN)/radon cc --min C --show-complexity geo)"; if [ -n "$$found" ]; then echo "$$found"; \
	  echo "make lint: split the functions above into smaller ones (radon rates them C: complexity over 10)"; \
	  exit 1; fi
	$(BIN)/python tools/check_docstrings.py geo
	node_modules/.bin/eslint --max-warnings 0 eslint.config.mjs geo/map/static/js

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	$(BIN)/python benchmarks/run.py

# What git keeps in output/ stays: README.md and its four images (.gitignore names them too).
clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
	find output -mindepth 1 ! -name README.md ! -name preview.png ! -name preview-phone.png \
	  ! -name preview-zh.png ! -name preview-notebook.png ! -name figure.png -delete

notebook: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,notebook]'
	$(BIN)/jupyter lab notebooks/
