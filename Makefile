# Pacts and Putsches: Mali 2015–2021. See README.md.
#   make book     set up .venv, build the HTML site and the versioned PDF
#   make test     everything `make book` does, then every test
#   make bench    measure build and load times; prints a table for the README
#   make release  check that the version is ready to release, then build both outputs
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := book

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
SETUP_STAMP := $(VENV)/.setup-done
# Metadata validators (frictionless) pin an old jsonschema that JupyterLab cannot share, so they
# live in a second environment of their own.
TOOLS_VENV := .venv-tools
BUILD := _build
LOGS := $(BUILD)/logs
# The one version, from pyproject.toml (read by the package, with any Python 3.11).
VERSION = $(shell $(PYTHON) malibook/release.py version)
PDF_NAME = $(shell $(PYTHON) malibook/release.py pdf-name)
PDF = $(BUILD)/latex/$(PDF_NAME)
# Warnings are errors; nitpicky cross-references; keep going to report every problem at once.
JB_FLAGS := -W -n --keep-going
# The leanest set of Debian packages that builds the PDF (see README, "The PDF").
TEX_PACKAGES := texlive-xetex texlive-latex-extra texlive-fonts-recommended texlive-pictures \
	latexmk fonts-freefont-otf poppler-utils
TEX_TOOLS := xelatex latexmk pdffonts pdftotext

.PHONY: book setup html pdf tex test bench notebooks release clean

book: html pdf
	@echo
	@echo "HTML: $(BUILD)/html/index.html"
	@if [ -f $(PDF) ]; then echo "PDF:  $(PDF) (also $(BUILD)/html/$(PDF_NAME))"; \
	else echo "PDF:  skipped (TeX tools missing; see above)"; fi

setup: $(SETUP_STAMP)

$(SETUP_STAMP): requirements.txt requirements-tools.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	test -x $(TOOLS_VENV)/bin/python || $(PYTHON) -m venv $(TOOLS_VENV)
	$(TOOLS_VENV)/bin/python -m pip install --quiet -r requirements-tools.txt
	touch $@

html: $(SETUP_STAMP)
	mkdir -p $(LOGS)
	$(BIN)/jupyter-book build . --builder html $(JB_FLAGS) 2>&1 | tee $(LOGS)/html.log

# Installs the TeX packages when they are missing and we are root; otherwise says how.
tex:
	@missing=""; for tool in $(TEX_TOOLS); do command -v $$tool >/dev/null || missing="$$missing $$tool"; done; \
	test -f /usr/share/fonts/opentype/freefont/FreeSerif.otf || missing="$$missing FreeSerif"; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
		echo "Installing the TeX packages (missing:$$missing)"; \
		apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $(TEX_PACKAGES); \
	else \
		echo "The PDF needs TeX tools that are missing:$$missing. Install them with:"; \
		echo "  sudo apt-get install --no-install-recommends $(TEX_PACKAGES)"; \
		exit 1; \
	fi

pdf: $(SETUP_STAMP)
	@if ! $(MAKE) --no-print-directory tex; then echo "PDF skipped: TeX tools missing (HTML was still built)."; exit 0; fi; \
	mkdir -p $(LOGS); \
	$(BIN)/jupyter-book build . --builder latex $(JB_FLAGS) 2>&1 | tee $(LOGS)/latex.log; \
	LATEXMKOPTS="-interaction=nonstopmode -halt-on-error" $(MAKE) --no-print-directory -C $(BUILD)/latex all-pdf \
		> $(LOGS)/pdf.log 2>&1 || { tail -40 $(LOGS)/pdf.log; echo "PDF build failed; full log in $(LOGS)/pdf.log"; exit 1; }; \
	if grep -n "Missing character" $(BUILD)/latex/*.log; then echo "Fonts lack glyphs (above)"; exit 1; fi; \
	if [ -d $(BUILD)/html ]; then cp $(PDF) $(BUILD)/html/$(PDF_NAME); fi; \
	echo "PDF: $(PDF)"

test: book
	$(BIN)/python -m pytest

bench: $(SETUP_STAMP)
	$(BIN)/python scripts/bench.py

# Re-run every notebook in place so that the outputs committed with it are current.
notebooks: $(SETUP_STAMP)
	$(BIN)/python scripts/run_notebooks.py

release:
	@test -z "$$(git status --porcelain)" || { echo "release: the working tree is not clean"; git status --short; exit 1; }
	@$(PYTHON) malibook/release.py date | grep -qv Unreleased || { echo "release: CHANGELOG.md's entry for $(VERSION) has no date"; exit 1; }
	$(MAKE) --no-print-directory book
	@echo "Release $(VERSION) built. Tag it with: git tag -a v$(VERSION) -m 'Version $(VERSION)'"

clean:
	rm -rf $(BUILD)
