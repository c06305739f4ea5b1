# Two commands do everything on a fresh machine with Python 3.11, pip and make:
#   make report   bootstrap, generate the default synthetic data if absent, run, print the report's path
#   make test     bootstrap and run the test suite (make test-fast: the fast suite alone)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DATA ?= data/synthetic
OUT ?= reports/latest
PERSONS ?= 200000
START ?= 2008-W01
END ?= 2022-W52

.PHONY: report test test-fast bench bench-reruns venv clean dagster backfill browser

venv: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade "pip==25.3"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[dev]"
	touch $(STAMP)

# regenerated when the generator or its model changes (a new extract such as loentimer), or the reference
# data it draws from (the published profiles and splits, the municipalities, the code list)
$(DATA)/synthetic.json: $(wildcard pipeline/synth/*.py) assets/reference/synthetic_model.json \
		assets/reference/published_numbers.csv assets/reference/kommuner.csv assets/reference/dream_codes.csv \
		assets/reference/categories.csv | $(STAMP)
	$(BIN)/almp generate --out $(DATA) --persons $(PERSONS) --start $(START) --end $(END)

report: $(STAMP) $(DATA)/synthetic.json
	$(BIN)/almp run --data $(DATA) --out $(OUT)

# Debian's chromium, for the site's browser tests and report/report.pdf: installed with apt-get where this
# user can (root); elsewhere the browser tests are skipped and say why
browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	  { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
	    { apt-get install -y -q chromium >/dev/null 2>&1 || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q chromium >/dev/null 2>&1; }; } && \
	    echo "make: installed Debian's chromium for the browser tests"; } || \
	  echo "make: no Chromium, and apt-get cannot install it here: the browser tests will be skipped"

# the suite in JOBS worker processes, a test file to a worker (JOBS=0: in this process)
JOBS ?= 2
test: $(STAMP) browser
	$(BIN)/python -m pytest -n $(JOBS) --dist loadfile

# the hand-computed SQL and unit tests (models run on given rows, no pipeline run): under two minutes
test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not e2e"

bench: $(STAMP)
	$(BIN)/python -m pipeline.bench

# runs over time through almp run: full, unchanged, a revised extract, one more quarter (100,000 and 1,000,000 persons)
bench-reruns: $(STAMP)
	$(BIN)/python -m pipeline.bench --reruns

# the webserver and the daemon (schedule, sensor, run queue); history persists in .dagster/
dagster: $(STAMP) $(DATA)/synthetic.json
	DAGSTER_HOME=$(abspath .dagster) ALMP_DATA=$(abspath $(DATA)) ALMP_OUT=$(abspath reports/dagster) \
		ALMP_MODELS=$(ALMP_MODELS) $(BIN)/dagster dev -m pipeline.definitions

# recompute quarters FRA ... TIL of the report tables by period (docs/OPERATIONS.md, "Period partitions")
PARTITIONED = $(shell $(BIN)/python -c "from pipeline.defs import all_assets; print(','.join(k.to_user_string() for a in all_assets()[0] if a.partitions_def for k in a.keys))" 2>/dev/null)
SELECT ?= $(PARTITIONED)
backfill: $(STAMP)
	@test -n "$(FRA)" -a -n "$(TIL)" || { echo "usage: make backfill FRA=2012Q2 TIL=2012Q3 [SELECT=figur_3_1,...]"; exit 2; }
	DAGSTER_HOME=$(abspath .dagster) ALMP_DATA=$(abspath $(DATA)) ALMP_OUT=$(abspath reports/dagster) \
		$(BIN)/dagster asset materialize -m pipeline.definitions --select "$(SELECT)" --partition-range $(FRA)...$(TIL)

clean:
	rm -rf $(VENV) reports/latest reports/dagster
