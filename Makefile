# Thin wrapper: every target calls the `memo` CLI or pytest; no logic lives here.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
CASE   ?= KFKS-2024-00430
# CASE reaches the shell as an environment variable, never as shell code: a Dnr with
# spaces ("SN 18/0098") or characters such as ; $ ` stays one argument.
export CASE
LIMIT  ?= 0
export LIMIT

.DEFAULT_GOAL := help

$(BIN)/memo: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	touch $@

.PHONY: help install memo all pdf archive check test bench watch mutate
help: ## Visa målen
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

install: $(BIN)/memo ## Skapa .venv och installera memo

memo: $(BIN)/memo ## Bygg build/<Dnr>.docx (make memo CASE=<Dnr>; utan CASE: KFKS-2024-00430)
	@$(BIN)/memo build "$$CASE"

all: $(BIN)/memo ## Bygg alla ärenden som ändrats sedan förra bygget, parallellt
	@$(BIN)/memo build --all

watch: $(BIN)/memo ## Bygg om ärendet varje gång det sparas (make watch CASE=<Dnr>)
	@$(BIN)/memo watch "$$CASE"

pdf: $(BIN)/memo ## Bygg build/<Dnr>.docx och .pdf (PDF/A-2)
	@$(BIN)/memo build --pdf "$$CASE"

archive: $(BIN)/memo ## Arkivera ärendet som ny version i archive/ (make archive CASE=<Dnr>)
	@$(BIN)/memo archive "$$CASE"

check: $(BIN)/memo ## Kontrollera alla ärenden och mallar utan att bygga
	@$(BIN)/memo check

test: $(BIN)/memo ## Kör alla tester
	$(BIN)/python -m pytest

mutate: $(BIN)/memo ## Mutationskörning över modulerna med garantier (make mutate LIMIT=12 per modul; 0 = alla)
	$(BIN)/python tools/mutate.py --workers 2 --limit "$$LIMIT"

bench: $(BIN)/memo ## Mät byggtiden (stegen, 500 ärenden mot docxtpl, start, make memo, minne, PDF i batch, watch, skalning)
	$(BIN)/python benchmarks/bench_build.py
	$(BIN)/python benchmarks/bench_batch.py
	$(BIN)/python benchmarks/bench_scaling.py
