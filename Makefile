# afdaek: everything starts from a bare python3.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test test-slow test-all bench lint install browse pdf-tools ocr-tools clean

$(BIN)/python:
	$(PY) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q --upgrade pip >/dev/null 2>&1 || true
	$(BIN)/pip install -q -e '.[test,browse]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/afdaek demo --out demo-out

# The everyday suite; the slow robustness tests (kill -9, full disk, big files, hostile loops) are
# marked `slow`, run by `make test-slow` and always by CI.
# Tests run on up to four cores (pytest-xdist); `-n 0` in PYTEST_ARGS runs them in one process.
XDIST := -n auto --maxprocesses 4

test: $(STAMP)
	$(BIN)/python -m pytest -m "not slow" $(XDIST) $(PYTEST_ARGS)

test-slow: $(STAMP)
	$(BIN)/python -m pytest -m slow $(XDIST) $(PYTEST_ARGS)

test-all: $(STAMP)
	$(BIN)/python -m pytest $(XDIST) $(PYTEST_ARGS)

bench: $(STAMP)
	$(BIN)/python bench/run.py

# Optional: browse the store read-only in the browser (Datasette on 127.0.0.1).
browse: $(STAMP)
	$(BIN)/pip install -q -e '.[browse]'
	$(BIN)/afdaek browse --open

# ruff (lint and format) and mypy over the packages, cli.py and cli_render.py (settings in pyproject.toml);
# the same checks run before each commit with `pre-commit install` (.pre-commit-config.yaml).
lint: $(STAMP)
	$(BIN)/pip install -q -e '.[dev]'
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# Optional: LibreOffice (Writer, Impress) and poppler to render the reports and slides to PDF/PNG.
# Carlito and Caladea have the widths of Calibri and Cambria (the reports' fonts), so a PDF
# breaks lines and table headers where Word does; without them LibreOffice uses wider fonts.
pdf-tools:
	apt-get update && apt-get install -y --no-install-recommends libreoffice-writer libreoffice-impress poppler-utils fonts-crosextra-carlito fonts-crosextra-caladea

# Optional: Tesseract with its Danish model, to read scanned letters (PDFs of page images, PNG,
# JPEG, TIFF). Without it afdaek says which files need OCR.
ocr-tools:
	apt-get update && apt-get install -y --no-install-recommends tesseract-ocr tesseract-ocr-dan

clean:
	rm -rf $(VENV) demo-out *.egg-info
