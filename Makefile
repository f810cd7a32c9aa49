# Thin wrapper: every target calls the `memo` CLI or pytest; no logic lives here.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
CASE   ?= KFKS-2024-00430

.DEFAULT_GOAL := help

$(BIN)/memo: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

.PHONY: help install memo pdf archive check test bench
help: ## Visa målen
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

install: $(BIN)/memo ## Skapa .venv och installera memo

memo: $(BIN)/memo ## Bygg build/<Dnr>.docx (make memo CASE=<Dnr>; utan CASE: KFKS-2024-00430)
	$(BIN)/memo build $(CASE)

pdf: $(BIN)/memo ## Bygg build/<Dnr>.docx och .pdf (PDF/A-2)
	$(BIN)/memo build --pdf $(CASE)

archive: $(BIN)/memo ## Arkivera ärendet som ny version i archive/ (make archive CASE=<Dnr>)
	$(BIN)/memo archive $(CASE)

check: $(BIN)/memo ## Kontrollera alla ärenden och mallar utan att bygga
	$(BIN)/memo check

test: $(BIN)/memo ## Kör alla tester
	$(BIN)/python -m pytest

bench: $(BIN)/memo ## Mät byggtiden
	$(BIN)/python benchmarks/bench_build.py
