# namndplan: the two set-up commands are `make plan` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: plan test check lint pdf golden examples layout clean help

help:
	@echo "make plan   - installerar och bygger alla arbetsböcker i indata/ till output/"
	@echo "make test   - kör testerna"
	@echo "make check  - ruff, formatkontroll och testerna"

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

plan: $(STAMP)
	$(BIN)/namndplan plan indata -o output

test: $(STAMP)
	$(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff check pipeline tests tools
	$(BIN)/ruff format --check pipeline tests

check: lint test

# Regenerate the golden text dump of the example after a reviewed change.
golden: $(STAMP)
	$(BIN)/pytest -q tests/test_end_to_end.py --update-golden

# Rebuild the shipped example workbooks and the Word layout from their scripts.
examples: $(STAMP)
	$(BIN)/python tools/make_examples.py

layout: $(STAMP)
	$(BIN)/python tools/make_layout.py

clean:
	rm -rf output/*.docx output/*.pdf .pytest_cache
