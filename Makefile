# Two commands do all set-up on a fresh machine (Python 3.11, pip, venv, make, apt):
#   make report   build the default brief into reports/
#   make test     run the whole test suite
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: report test validate setup system-deps bench clean

report: setup
	$(VENV)/bin/brief build

test: setup
	$(PY) -m pytest

validate: setup
	$(VENV)/bin/brief validate

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

clean:
	rm -rf $(VENV) reports/*/ reports/briefing.* reports/results.json reports/.build-key reports/.brief*
