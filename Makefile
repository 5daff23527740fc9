# afdaek: everything starts from a bare python3.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test bench lint install browse pdf-tools ocr-tools clean

$(BIN)/python:
	$(PY) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q --upgrade pip >/dev/null 2>&1 || true
	$(BIN)/pip install -q -e '.[test,browse]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/afdaek demo --out demo-out

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/run.py

# Optional: browse the store read-only in the browser (Datasette on 127.0.0.1).
browse: $(STAMP)
	$(BIN)/pip install -q -e '.[browse]'
	$(BIN)/afdaek browse --open

lint: $(STAMP)
	$(BIN)/pip install -q ruff
	$(BIN)/ruff check .

# Optional: LibreOffice (Writer, Impress) and poppler to render the reports and slides to PDF/PNG.
pdf-tools:
	apt-get update && apt-get install -y --no-install-recommends libreoffice-writer libreoffice-impress poppler-utils

# Optional: Tesseract with its Danish model, to read scanned letters (PDFs of page images, PNG,
# JPEG, TIFF). Without it afdaek says which files need OCR.
ocr-tools:
	apt-get update && apt-get install -y --no-install-recommends tesseract-ocr tesseract-ocr-dan

clean:
	rm -rf $(VENV) demo-out *.egg-info
