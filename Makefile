# Pacts and Putsches: Mali 2015–2021. See README.md.
#   make book     set up .venv, build the HTML site, the versioned PDF and EPUB, in English and in French,
#                 and the zip of the pages that works offline
#   make epub     the EPUB of each edition (checked with epubcheck by the tests)
#   make po       extract the book's messages and update the French catalogues (locales/fr/)
#   make check    the fast tier for editors: lint, data, unit, reference and catalogue tests; no build, no kernel
#   make check-notebooks   the notebooks under nbval (strict), their solutions and students' edits
#   make test     everything `make book` does, then every test
#   make lint     ruff over the package, scripts, tests and notebooks
#   make bench    measure build and load times, and each page's weight and Lighthouse performance
#                 (make bench-check: only `make check`, timed three times)
#   make date-release DATE=YYYY-MM-DD   date the version in CHANGELOG.md, CITATION.cff, .zenodo.json
#   make release  record HEAD as a release in releases.json (checked, built, committed)
#   make site     the versioned site: every release of releases.json, latest/ and dev/, in _build/site/
#   make zenodo   regenerate .zenodo.json from CITATION.cff
# Parsing this file runs no program (every `make` call would pay for it): it only reads files;
# whatever needs Python or git runs in a recipe (tests/test_structure.py).
SHELL := /bin/bash
# Python may keep compiled modules (__pycache__/, ignored by git): where the environment says not to,
# every pytest process would compile and rewrite the assertions of each test module again (seconds).
export PYTHONDONTWRITEBYTECODE :=
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := book

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
SETUP_STAMP := $(VENV)/.setup-done
# cffconvert 2.0.0 (the CITATION.cff validator) pins jsonschema < 4, which JupyterLab cannot
# share: it gets an environment of its own, .venv-tools/cffconvert (requirements-tools/).
TOOLS_VENV := .venv-tools
TOOLS := $(basename $(notdir $(wildcard requirements-tools/*.txt)))
BUILD := _build
LOGS := $(BUILD)/logs
# The one version: the `version = "X.Y.Z"` line of pyproject.toml, as make reads a file
# (malibook.publishing.version reads and checks the same line; tests/test_structure.py compares the two).
VERSION := $(patsubst "%",%,$(firstword $(patsubst version=%,%,$(filter version=%,\
	$(subst version = ,version=,$(file <pyproject.toml))))))
# The PDFs' names (<slug>-<version>.pdf, <French slug>-fr-<version>.pdf) come from the package, in the
# recipes that print or copy them; a build's PDF is the one of its LaTeX folder that ends in -$(VERSION).pdf.
PDF_NAME = $(shell $(BIN)/python -m malibook.publishing.version pdf-name)
# The French edition (docs/french-edition.md): the same sources with `language: fr`, from a
# configuration derived from _config.yml (malibook.publishing.french_edition), built in _build/fr/ with its own
# doctrees and notebook cache (its figures are in French), then mirrored into _build/html/fr/.
FR_BUILD := $(BUILD)/fr
FR_CONFIG := $(FR_BUILD)/_config.yml
FR_BUILD_HTML := $(FR_BUILD)/_build/html
FR_HTML := $(BUILD)/html/fr
FR_LATEX := $(FR_BUILD)/_build/latex
PDF_NAME_FR = $(shell $(BIN)/python -m malibook.publishing.version pdf-name-fr)
JUPYTER_BOOK_FR = $(BIN)/jupyter-book build . --config $(FR_CONFIG) --toc $(FR_BUILD)/_toc.yml --path-output $(FR_BUILD)
# The offline editions (malibook.publishing.offline): each edition's EPUB, named like its PDF and placed
# beside it, and the zip of the pages (both editions) at the root of _build/html. Names are computed only
# in the recipes that use them (nothing runs while make parses this file).
EPUB_NAME = $(shell $(BIN)/python -m malibook.publishing.offline epub-name en)
EPUB_NAME_FR = $(shell $(BIN)/python -m malibook.publishing.offline epub-name fr)
EPUB = $(BUILD)/epub/$(EPUB_NAME)
EPUB_FR = $(FR_BUILD)/_build/epub/$(EPUB_NAME_FR)
# The files the book is built from: tracked, or new and not ignored (without git: always rebuild); the
# maintainers' pages, docs/ and the READMEs, are not inputs. Git lists them in the recipe of
# $(STAMPS)/inputs, which is touched only when one of them is newer than it or the list changed; an
# edition's HTML or PDF is built again only when that stamp is newer than its own, so `make test`
# after `make book` does not rebuild. An edition whose output is gone is built again.
STAMPS := $(BUILD)/stamps
NOT_BOOK_INPUTS := ^(tests|docs|\.github|\.ci)/|^(README|CONTRIBUTING)\.md$$
BOOK_INPUTS := $(STAMPS)/inputs $(SETUP_STAMP)
# $(call unless-built,FILE PATTERN): FORCE when no file matches it (the output is gone), else nothing.
unless-built = $(if $(wildcard $(1)),,FORCE)
# Warnings are errors; nitpicky cross-references; keep going to report every problem at once.
JB_FLAGS := -W -n --keep-going
# Debian packages, each with the probe that shows it is there (scripts/install-debian-packages.sh):
# a command, a file, or none (then dpkg is asked). Only the missing ones are installed.
# The leanest set that builds the PDF (see docs/pdf.md); texlive-lang-french gives the French
# edition's PDF babel's French (captions, spacing before ; : ! ?) and French hyphenation:
TEX_PACKAGES := texlive-xetex:xelatex latexmk:latexmk poppler-utils:pdffonts \
	fonts-freefont-otf:/usr/share/fonts/opentype/freefont/FreeSerif.otf \
	texlive-latex-extra texlive-fonts-recommended texlive-pictures \
	texlive-lang-french:/usr/share/texlive/texmf-dist/tex/generic/babel-french/french.ldf
# The reader-facing checks: Chromium and its driver from Debian; npm (for axe-core) from Debian only
# when no npm is on PATH, since Debian's npm conflicts with a Node.js from elsewhere (NodeSource).
BROWSER_PACKAGES := chromium:chromium chromium-driver:chromedriver npm:npm
# The EPUB checker and the Java it runs on (Debian's /usr/bin/epubcheck is the jar itself, which runs only
# where binfmt_misc is set up: the tests call java -jar on it).
EPUB_PACKAGES := epubcheck:/usr/share/java/epubcheck.jar default-jre-headless:java
# axe-core, Lighthouse and the map outline's source (world-atlas), from package-lock.json; installed
# again whenever the lock file changes.
NODE_STAMP := node_modules/.installed

.PHONY: book messages setup html html-en html-fr french-config pdf pdf-en pdf-fr epub epub-en epub-fr offline epubcheck po tex browser check check-notebooks lint test bench FORCE sphinx8 \
	notebooks date-release release site zenodo bench-pages bench-edits bench-check clean

book: html pdf epub offline messages
	@echo
	@echo "HTML: $(BUILD)/html/index.html (French: $(FR_HTML)/index.html)"
	@if [ -f $(BUILD)/latex/$(PDF_NAME) ]; then echo "PDF:  $(BUILD)/latex/$(PDF_NAME) (also $(BUILD)/html/$(PDF_NAME))"; \
	echo "      $(FR_LATEX)/$(PDF_NAME_FR) (also $(FR_HTML)/$(PDF_NAME_FR))"; \
	else echo "PDF:  skipped (TeX tools missing; see above)"; fi
	@echo "EPUB: $(BUILD)/html/$(EPUB_NAME), $(FR_HTML)/$(EPUB_NAME_FR)"
	@echo "Offline: $(BUILD)/html/$$($(BIN)/python -m malibook.publishing.offline zip-name)"

setup: $(SETUP_STAMP)

$(SETUP_STAMP): requirements.txt $(wildcard requirements-tools/*.txt) pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	# JupyterLab's jupyter-events asks for jsonschema's "format-nongpl" extra, which brings
	# rfc3987-syntax: it compiles a grammar whenever jsonschema is imported, adding 2.5 s to every
	# nbformat import (each build, notebook kernel and test). Nothing here checks that format, no
	# package requires it by name, and `pip check` stays clean without it.
	$(BIN)/python -m pip uninstall --quiet --yes rfc3987-syntax lark
	for tool in $(TOOLS); do \
		test -x $(TOOLS_VENV)/$$tool/bin/python || $(PYTHON) -m venv $(TOOLS_VENV)/$$tool; \
		$(TOOLS_VENV)/$$tool/bin/python -m pip install --quiet -r requirements-tools/$$tool.txt; \
	done
	touch $@

# Both editions at once, one per core; each edition's output is shown when it is done. The set-up is
# done (or, for scripts/build_site.py, deliberately skipped with -o) by this make: -o is not passed
# down to a sub-make, so it is repeated.
SUB_MAKE = $(MAKE) --no-print-directory -j2 --output-sync=target -o $(SETUP_STAMP)
# Once both editions are in _build/html: the parallel views composed from the two (malibook.publishing.parallel_pages),
# then the search index of the whole site, one per language, in _build/html/_pagefind/
# (malibook.sphinxext.search; well under a second).
PAGEFIND ?= $(BIN)/python -m pagefind
html: $(SETUP_STAMP)
	@$(SUB_MAKE) html-en html-fr
	$(BIN)/python -m malibook.publishing.parallel_pages $(BUILD)/html
	$(PAGEFIND) --site $(BUILD)/html --output-subdir _pagefind --glob "**/{chapters,notebooks}/*.html" --quiet 2>&1 | tee $(LOGS)/pagefind.log

html-en: $(SETUP_STAMP) $(STAMPS)/html-en

$(STAMPS)/inputs: FORCE
	@mkdir -p $(STAMPS)
	@if ! listed=$$(git ls-files -co --exclude-standard 2>/dev/null); then touch $@; exit 0; fi; \
	inputs=$$(grep -Ev '$(NOT_BOOK_INPUTS)' <<< "$$listed" || true); \
	if [ ! -f $@ ] || [ "$$inputs" != "$$(cat $@)" ] || \
		[ -n "$$(xargs -d '\n' -r sh -c 'find "$$@" -maxdepth 0 -newer $@ -print -quit 2>/dev/null' - <<< "$$inputs")" ]; \
	then printf '%s\n' "$$inputs" > $@; fi

$(STAMPS)/html-en: $(BOOK_INPUTS) $(call unless-built,$(BUILD)/html/index.html)
	mkdir -p $(LOGS) $(STAMPS)
	$(BIN)/jupyter-book build . --builder html $(JB_FLAGS) 2>&1 | tee $(LOGS)/html.log
	touch $@

html-fr: french-config $(STAMPS)/html-fr
	$(BIN)/python -m malibook.publishing.french_edition sync $(FR_BUILD_HTML) $(FR_HTML)

$(STAMPS)/html-fr: $(BOOK_INPUTS) $(call unless-built,$(FR_BUILD_HTML)/index.html) | french-config
	mkdir -p $(STAMPS)
	$(JUPYTER_BOOK_FR) --builder html $(JB_FLAGS) 2>&1 | tee $(LOGS)/html-fr.log
	touch $@

# The French configuration, rewritten only when _config.yml changes it.
french-config: $(SETUP_STAMP)
	mkdir -p $(LOGS)
	$(BIN)/python -m malibook.publishing.french_edition config _config.yml $(FR_CONFIG)

# The messages of every page, then the French catalogues brought up to date: a new or changed English
# message appears in locales/fr/LC_MESSAGES/ untranslated (or fuzzy), and tests/test_translations.py
# fails until it is translated.
# The English messages that `make check` compares with the French catalogues (qa/english_messages.py),
# extracted here so that the first `make check` after `make book` reads again only the pages edited since.
messages: $(SETUP_STAMP)
	@$(BIN)/python -m qa.english_messages

po: $(SETUP_STAMP)
	mkdir -p $(LOGS)
	$(BIN)/jupyter-book build . --builder custom --custom-builder gettext --path-output $(BUILD)/gettext-src \
		2>&1 | tee $(LOGS)/gettext.log
	$(BIN)/sphinx-intl update -p $(BUILD)/gettext-src/_build/gettext -l fr -d locales

# Installs the TeX packages when they are missing and we are root; otherwise says how.
tex:
	@scripts/install-debian-packages.sh "PDF" $(TEX_PACKAGES)

pdf: $(SETUP_STAMP)
	@if ! $(MAKE) --no-print-directory tex; then echo "PDF skipped: TeX tools missing (HTML was still built)."; exit 0; fi; \
	$(SUB_MAKE) pdf-en pdf-fr

# $(call latex-pdf,JUPYTER-BOOK COMMAND,LATEX FOLDER,LOG SUFFIX): one edition's PDF, failing on any
# missing glyph; copy-pdf then puts it next to its HTML so that its pages can link to it.
define latex-pdf
mkdir -p $(LOGS) $(STAMPS)
$(1) --builder latex $(JB_FLAGS) 2>&1 | tee $(LOGS)/latex$(3).log
LATEXMKOPTS="-interaction=nonstopmode -halt-on-error" $(MAKE) --no-print-directory -C $(2) all-pdf \
	> $(LOGS)/pdf$(3).log 2>&1 || { tail -40 $(LOGS)/pdf$(3).log; echo "PDF build failed; full log in $(LOGS)/pdf$(3).log"; exit 1; }
if grep -n "Missing character" $(2)/*.log; then echo "Fonts lack glyphs (above)"; exit 1; fi
touch $@
endef
# $(call copy-pdf,LATEX FOLDER,PDF NAME,HTML FOLDERS): the PDF next to its HTML (every time: cheap).
define copy-pdf
@for folder in $(3); do if [ -d $$folder ]; then cp $(1)/$(2) $$folder/$(2); fi; done
@echo "PDF: $(1)/$(2)"
endef

pdf-en: $(SETUP_STAMP) $(STAMPS)/pdf-en
	$(call copy-pdf,$(BUILD)/latex,$(PDF_NAME),$(BUILD)/html)

$(STAMPS)/pdf-en: $(BOOK_INPUTS) $(call unless-built,$(BUILD)/latex/*-$(VERSION).pdf)
	$(call latex-pdf,$(BIN)/jupyter-book build .,$(BUILD)/latex,)

pdf-fr: french-config $(STAMPS)/pdf-fr
	$(call copy-pdf,$(FR_LATEX),$(PDF_NAME_FR),$(FR_BUILD_HTML) $(FR_HTML))

$(STAMPS)/pdf-fr: $(BOOK_INPUTS) $(call unless-built,$(FR_LATEX)/*-$(VERSION).pdf) | french-config
	$(call latex-pdf,$(JUPYTER_BOOK_FR),$(FR_LATEX),-fr)

# The EPUB of each edition (scripts/build_epub.py: Sphinx's epub builder, without the book's theme), from
# the notebook cache of the edition's HTML build; copied, like the PDF, next to the edition's pages.
BUILD_EPUB = $(BIN)/python scripts/build_epub.py .
epub: html
	@$(SUB_MAKE) epub-en epub-fr

# $(call build-epub,BUILD FOLDER,CONFIG,TOC,NAME,LOG SUFFIX)
define build-epub
mkdir -p $(LOGS) $(STAMPS)
$(BUILD_EPUB) --build $(1) --config $(2) --toc $(3) --name $(4) > $(LOGS)/epub$(5).log 2>&1 \
	|| { tail -30 $(LOGS)/epub$(5).log; echo "EPUB build failed; full log in $(LOGS)/epub$(5).log"; exit 1; }
touch $@
endef

epub-en: $(SETUP_STAMP) $(STAMPS)/epub-en
	@for folder in $(BUILD)/html; do cp $(EPUB) $$folder/; done; echo "EPUB: $(EPUB)"

$(STAMPS)/epub-en: $(BOOK_INPUTS) $(call unless-built,$(BUILD)/epub/*-$(VERSION).epub)
	$(call build-epub,$(BUILD),_config.yml,_toc.yml,$(EPUB_NAME),)

epub-fr: french-config $(STAMPS)/epub-fr
	@for folder in $(FR_BUILD_HTML) $(FR_HTML); do cp $(EPUB_FR) $$folder/; done; echo "EPUB: $(EPUB_FR)"

$(STAMPS)/epub-fr: $(BOOK_INPUTS) $(call unless-built,$(FR_BUILD)/_build/epub/*-$(VERSION).epub) | french-config
	$(call build-epub,$(FR_BUILD)/_build,$(FR_CONFIG),$(FR_BUILD)/_toc.yml,$(EPUB_NAME_FR),-fr)

# The zip of _build/html (both editions, with their PDFs and EPUBs) that works opened from disk.
offline: html
	$(BIN)/python -m malibook.publishing.offline zip $(BUILD)/html

# Installs the EPUB checker when it is missing and we are root; otherwise says how.
epubcheck:
	@scripts/install-debian-packages.sh "EPUB check" $(EPUB_PACKAGES)

# Installs Chromium, its driver and npm when they are missing and we are root; then the npm packages
# of the lock file (axe-core, Lighthouse, the map outline's source), again whenever the lock file
# changes. Nothing is fetched at test time.
browser:
	@scripts/install-debian-packages.sh "browser checks" $(BROWSER_PACKAGES)
	@$(MAKE) --no-print-directory $(NODE_STAMP)

$(NODE_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

# The fast tier for editors: lint, the data validator, unit, data, reference, catalogue and extension
# tests; no book build, browser, PDF, fresh environment or notebook kernel. Target: 30 s on 2 cores
# (`make bench-check` times it). The notebooks under nbval, their solutions and students' edits are
# `make check-notebooks` (kernels: about as long again); `make test` runs both.
FAST_TESTS := not build and not browser and not pdf and not epub and not install and not sphinx8 and not notebook
# Test files run on three workers (pytest-xdist), one file per worker at a time: a notebook's cells
# must share a kernel, and a module's fixtures (a built site, a browser) are built once per worker.
# Three on two cores: the tests spend much of their time waiting on browsers, servers and pip, and a
# third worker fills those waits (`TEST_WORKERS=2 make test` to compare). The fast tier
# waits only on its own children (kernels, one Sphinx run), which keep the cores busy: two workers, one
# start-up and one collection less.
PYTEST = $(BIN)/python -m pytest -n $(or $(TEST_WORKERS),$(1)) --dist loadfile --no-loadscope-reorder
# The data validator runs first and stops the tier with its one message: a bad value in a CSV would
# otherwise fail every test that loads the data.
check: $(SETUP_STAMP) lint
	@$(BIN)/python -m malibook validate || { echo "make check: fix the data first (above)"; exit 1; }
	$(call PYTEST,2) -m "$(FAST_TESTS)"

# The notebooks in Jupyter kernels: nbval (strict) on each, then its exercises' solutions and a
# student's edit of one cell (tests/conftest.py), and the edits that must fail with a clear message.
check-notebooks: $(SETUP_STAMP)
	$(call PYTEST,2) -m notebook

lint: $(SETUP_STAMP)
	$(BIN)/ruff check .

# Everything: the book (HTML and PDF), the browser tools, lint, then every test. The tests that build
# releases in clones (marker `release`) come last, on their own: each runs jupyter-book and LaTeX on
# both cores, which three workers sharing them made twice as slow.
test: book browser epubcheck lint
	$(call PYTEST,3) -m "not sphinx8 and not release"
	$(BIN)/python -m pytest -m release

# The road out of Jupyter Book 1 (CONTRIBUTING.md): both editions' HTML on plain Sphinx 8.2,
# sphinx-book-theme 1.4 and myst-nb 1.4, in an environment of their own; opt-in, not part of `make test`
# (`pytest -m sphinx8` runs it and checks the pages).
SPHINX8_VENV := .venv-sphinx8
sphinx8: $(SETUP_STAMP) french-config $(SPHINX8_VENV)/.setup-done
	$(BIN)/python scripts/sphinx8.py $(SPHINX8_VENV)/bin/sphinx-build

$(SPHINX8_VENV)/.setup-done: requirements-sphinx8.txt pyproject.toml
	test -x $(SPHINX8_VENV)/bin/python || $(PYTHON) -m venv $(SPHINX8_VENV)
	$(SPHINX8_VENV)/bin/python -m pip install --quiet -r requirements-sphinx8.txt
	$(SPHINX8_VENV)/bin/python -m pip install --quiet --no-deps -e .
	touch $@

bench: $(SETUP_STAMP) browser
	$(BIN)/python scripts/bench.py

# Only the edit loop: a no-change build and a one-chapter edit, against the template book.
bench-edits: $(SETUP_STAMP)
	$(BIN)/python scripts/bench.py --edits

# Only the fast tier: `make check` timed a few times (median wall and CPU time).
bench-check: $(SETUP_STAMP)
	$(BIN)/python scripts/bench.py --check

# Only the pages' Lighthouse performance scores and weights, on a fresh HTML build.
bench-pages: html browser
	$(BIN)/python scripts/bench.py --pages

# Re-run every notebook in place so that the outputs committed with it are current.
notebooks: $(SETUP_STAMP)
	$(BIN)/python scripts/run_notebooks.py

# Record HEAD as a release (docs/releasing.md): scripts/release.py checks it (clean tree, dated version,
# CITATION.cff and .zenodo.json current, the previous release's pages and anchors kept), builds it from
# a clean worktree (kept for `make site`), records it in releases.json and commits that record.
release: $(SETUP_STAMP) tex
	$(BIN)/python scripts/release.py record

# The versioned site in _build/site/: every release of releases.json (built once, then reused), latest/, dev/.
site: $(SETUP_STAMP) tex
	$(BIN)/python scripts/build_site.py

# The first step of a release (docs/releasing.md): date the version's CHANGELOG entry, give
# CITATION.cff that version and date, regenerate .zenodo.json. Then commit, then `make release`.
date-release: $(SETUP_STAMP)
	@test -n "$(DATE)" || { echo "usage: make date-release DATE=YYYY-MM-DD"; exit 2; }
	$(BIN)/python scripts/release.py date $(DATE)

# .zenodo.json from CITATION.cff (tests/test_metadata.py fails while it is stale).
zenodo: $(SETUP_STAMP)
	$(BIN)/python -m malibook.publishing.zenodo

clean:
	rm -rf $(BUILD)

FORCE:

# `make print-TEX_PACKAGES` prints a variable: the tests and the Pages workflow read the lists here.
print-%:
	@echo $($*)
