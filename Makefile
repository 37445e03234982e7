# Two commands do all set-up on a fresh machine (Python 3.11, pip, venv, make, apt):
#   make report   build the default brief into reports/
#   make test     run the whole test suite
#   make lab      open the briefing notebook in JupyterLab (venv's kernel)
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: report test validate setup system-deps bench mutation clean lab

report: setup
	$(VENV)/bin/brief build

test: setup
	$(VENV)/bin/lint-imports
	$(PY) -m pytest

validate: setup
	$(VENV)/bin/brief validate

# JupyterLab on the whole project (root: here), the briefing notebook open, kernels from the venv first.
# --allow-root only when run as root (containers, CI machines); LAB_ARGS passes more, e.g. LAB_ARGS=--no-browser.
lab: setup
	JUPYTER_PREFER_ENV_PATH=1 $(VENV)/bin/jupyter lab --ServerApp.root_dir="$(CURDIR)" \
	  $(if $(filter 0,$(shell id -u)),--allow-root) $(LAB_ARGS) notebooks/briefing.ipynb

setup: system-deps $(STAMP)

# Debian libraries WeasyPrint needs (pango, harfbuzz-subset) and the font the brief names.
system-deps:
	@sh scripts/install-system-deps.sh

$(STAMP): pyproject.toml requirements.lock
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e . 2>/dev/null \
	  || $(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	$(PY) -m compileall -q analysis  # bytecode once, not on every kernel start
	touch $(STAMP)

bench: setup
	$(PY) bench/bench_validate.py
	$(PY) bench/bench_montecarlo.py
	$(PY) bench/bench_build.py
	$(PY) bench/bench_batch.py
	$(PY) bench/bench_robustness.py

# Mutation testing of the analysis core with the fast unit tests (slow: not part of `make test`); prints the score
# of each module and fails below 90 %. Restrict it with MUTANTS, e.g. make mutation MUTANTS='analysis.ledger.validate.* analysis.ledger.selection.*'
MUTANTS ?=
mutation: setup
	rm -rf mutants
	$(VENV)/bin/mutmut run --max-children $$(nproc) $(MUTANTS)
	$(PY) scripts/mutation_scores.py --min 90

clean:
	rm -rf $(VENV) mutants reports/*/ reports/briefing.* reports/results.json reports/.build-key reports/.brief*
