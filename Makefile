# The two commands: `make demo` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SAMPLE := data/samples/acme-gmbh
LEDGER_SAMPLE := data/samples/nordwerk-gmbh
# Executed notebooks must render figures inline: never let a kernel inherit a headless backend.
unexport MPLBACKEND

.PHONY: help demo test lint unit spark notebooks browser bench catalogues compiled clean

help:  ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test,spark]"
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3" >/dev/null
	touch $(STAMP)

demo: $(STAMP)  ## create .venv, install the kit, run the sample engagements
	$(BIN)/kit run $(SAMPLE) --jobs 2
	$(BIN)/kit run $(LEDGER_SAMPLE) --jobs 2
	@echo "Reports: $(CURDIR)/$(SAMPLE)/output/reports/index.html"
	@echo "Reports: $(CURDIR)/$(LEDGER_SAMPLE)/output/reports/index.html"

lint: $(STAMP)  ## ruff, mypy and the import contracts of the layers
	$(BIN)/ruff check kit tests benchmarks notebooks data/samples/make_acme.py data/samples/make_nordwerk.py
	$(BIN)/ruff format --check kit tests benchmarks notebooks data/samples/make_acme.py data/samples/make_nordwerk.py
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

unit: $(STAMP)  ## unit tests (includes the sample run and the browser test)
	$(BIN)/pytest tests -q -m "not spark"

# The hand-worked KPI examples (receivables, credits, disputes, countback, IBM) on one local Spark
# session, and the Spark-DuckDB parity suite.
SPARK_TESTS := $(addprefix tests/kpis/test_kpis_,receivables.py credits.py disputes.py countback.py ibm.py spark.py named.py)
spark: $(STAMP)  ## hand-worked KPI tests and the parity suite on one local Spark session
	KIT_KPI_ENGINE=spark $(BIN)/pytest $(SPARK_TESTS) -q -p no:randomly

notebooks: $(STAMP)  ## execute every notebook with nbval (lax)
	$(BIN)/pytest --nbval-lax notebooks -q -p no:randomly

test: lint unit spark notebooks  ## lint, type checks, unit, notebook and browser tests

catalogues: $(STAMP)  ## compile the edited .po catalogues to the .mo files the kit reads
	$(BIN)/python -c "from kit.i18n.translations import write_compiled; write_compiled()"
	$(BIN)/pybabel compile -D typer -d kit/locale

compiled: $(STAMP)  ## compile the KPI aggregates (kit/kpis/backends/queries.py) to the DuckDB SQL the kit runs
	$(BIN)/python -c "from kit.kpis.backends.compiled import write_compiled; write_compiled()"

bench: $(STAMP)  ## speed and memory against DuckDB and at scale
	$(BIN)/python benchmarks/ingest_vs_duckdb.py --repeat 3
	$(BIN)/python benchmarks/kpis_vs_duckdb.py --sizes 1000000 --mode cli --repeat 3
	$(BIN)/python benchmarks/duplicates_scale.py --repeat 3

clean:  ## remove the environment and generated output
	rm -rf $(VENV) $(SAMPLE)/output benchmarks/_work
