# namndplan: the two set-up commands are `make plan` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: plan test check lint pdf templates bench mutate golden examples layout locale bytecode wheel clean help

help:
	@echo "make plan   - installerar och bygger alla arbetsböcker i indata/ till output/"
	@echo "make test   - kör testerna"
	@echo "make check  - ruff, formatkontroll och testerna"
	@echo "make pdf    - som make plan, och PDF bredvid varje plan (kräver LibreOffice)"
	@echo "make templates - tomma indata-arbetsböcker i input_templates/"
	@echo "make bench  - prestandamätning till bench/results.md"
	@echo "make mutate - mutationstestning av kärnmodulerna till mutation/results.md (drygt en timme på två kärnor; MODULE=sense för en modul)"
	@echo "make wheel  - installationsfil (.whl) i dist/, t.ex. för Windows-datorer"

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

# Bytecode for pipeline/ as a normal (non-editable) installation has it: every command
# starts faster, also where PYTHONDONTWRITEBYTECODE is set. Only changed files are compiled.
bytecode: $(STAMP)
	@$(BIN)/python -m compileall -q pipeline

plan: bytecode
	$(BIN)/namndplan plan indata -o output

test: bytecode
	$(BIN)/pytest -q

# The plans as PDF too (needs LibreOffice).
pdf: bytecode
	$(BIN)/namndplan plan indata -o output --pdf

# Blank input workbooks for the example's year and the next, and a blank Delårsrapport.
templates: $(STAMP)
	$(BIN)/namndplan template --year 2024 -o input_templates/namndplan-2024.xlsx --skriv-over
	$(BIN)/namndplan template --year 2025 -o input_templates/namndplan-2025.xlsx --skriv-over
	$(BIN)/namndplan template --year 2024 --rapport Delårsrapport -o input_templates/delarsrapport-2024.xlsx --skriv-over

# Speed: medians of whole-process runs, written to bench/results.md.
bench: bytecode
	$(BIN)/python bench/bench.py
	$(BIN)/python bench/load.py

# Mutation testing of the core modules (mutmut), in a temporary copy of the tree: never in
# the working tree, not in CI (too slow). Scores and survivors to mutation/results.md;
# one module only (its rows and section of results.md replaced): make mutate MODULE=xlsx
mutate: $(STAMP)
	$(BIN)/python mutation/run.py $(if $(MODULE),--module $(MODULE))

lint: $(STAMP)
	$(BIN)/ruff check pipeline tests tools
	$(BIN)/ruff format --check pipeline tests

check: lint test

# Rewrite the golden texts in tests/golden/ (the example plans' document model and Word
# part, the shipped workbooks) after an intended change; prints the diff of each file it
# rewrites. Review it, and `git diff tests/golden`, before committing.
golden: $(STAMP)
	$(BIN)/pytest -q -k golden tests/test_end_to_end.py tests/test_workbook_template.py --update-golden

# Rebuild the shipped example workbooks and the Word layout from their scripts.
examples: $(STAMP)
	$(BIN)/python tools/make_examples.py
	$(BIN)/python tools/make_followup_example.py
	$(BIN)/python tools/make_sjobacka.py

layout: $(STAMP)
	$(BIN)/python tools/make_layout.py

# Swedish number symbols and month names from babel (CLDR) into pipeline/common/locale_sv.py.
locale: $(STAMP)
	$(BIN)/python tools/make_locale.py

# The installable package (pure Python: the same file installs on Windows), with the
# default kommun from templates/ inside; `pip install -c constraints.txt dist/namndplan-*.whl`.
wheel: $(STAMP)
	$(BIN)/pip wheel --quiet --no-deps -w dist .

clean:
	rm -rf output/*.docx output/*.pdf .pytest_cache
