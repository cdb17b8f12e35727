# Two commands set up everything on a fresh Debian/Ubuntu machine:
#   make demo   install argmap, Graphviz, fonts and Debian's chromium; check and render the showcase map
#   make test   install the test tools and Debian's chromium too, then lint and run the tests
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SHOWCASE := maps/sco-expansion.yaml

.PHONY: demo test lint fuzz graphviz fonts chromium renders clean

TABLES := sources assumptions indicators
VIEWS := summary group:G2

demo: $(VENV)/.installed graphviz fonts chromium
	$(BIN)/argmap check $(SHOWCASE)
	$(BIN)/argmap render $(SHOWCASE)
	for view in $(VIEWS); do $(BIN)/argmap render $(SHOWCASE) --view $$view || exit 1; done
	$(BIN)/argmap render $(SHOWCASE) -f pdf
	$(BIN)/argmap ach $(SHOWCASE) -f md
	$(BIN)/argmap ach $(SHOWCASE) -f html
	for table in $(TABLES); do $(BIN)/argmap $$table $(SHOWCASE) -f md && $(BIN)/argmap $$table $(SHOWCASE) -f html || exit 1; done
	$(BIN)/argmap brief $(SHOWCASE)
	$(BIN)/argmap ach $(SHOWCASE)

test: $(VENV)/.installed-test graphviz fonts chromium lint
	$(BIN)/python -m pytest -q

lint: $(VENV)/.installed-test
	$(BIN)/ruff check argmap tests benchmarks
	$(BIN)/ruff format --check argmap tests benchmarks

# Coverage-guided fuzzing of the loader and each importer (atheris), ten minutes a target, two at a time;
# FUZZ="--seconds 60 aif" for a shorter or narrower run. Not part of the tests.
FUZZ ?=
fuzz: $(VENV)/.installed-fuzz
	$(BIN)/python benchmarks/fuzz.py $(FUZZ)

# Re-render every committed diagram after changing a map or the renderer.
renders: $(VENV)/.installed graphviz fonts chromium
	for map in maps/*.yaml; do $(BIN)/argmap render "$$map" || exit 1; done
	for view in $(VIEWS); do $(BIN)/argmap render $(SHOWCASE) --view $$view || exit 1; done
	$(BIN)/argmap render $(SHOWCASE) -f pdf
	$(BIN)/argmap ach $(SHOWCASE) -f md
	$(BIN)/argmap ach $(SHOWCASE) -f html
	for table in $(TABLES); do $(BIN)/argmap $$table $(SHOWCASE) -f md && $(BIN)/argmap $$table $(SHOWCASE) -f html || exit 1; done
	$(BIN)/argmap brief $(SHOWCASE)

graphviz:
	@command -v dot >/dev/null 2>&1 || { \
	  echo "Graphviz 'dot' not found: installing the graphviz package"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq graphviz; }
	@command -v dot >/dev/null 2>&1 || { \
	  echo "Graphviz 'dot' is still not on PATH; install Graphviz (https://graphviz.org/download/)"; \
	  exit 3; }

# Fonts for every script a map may be written in: Latin, Cyrillic, Greek,
# Arabic, Hebrew, Devanagari (fonts-noto-core) and Chinese, Japanese, Korean
# (fonts-noto-cjk); without them Graphviz draws empty boxes.
fonts:
	@{ fc-list :lang=zh | grep -q . && fc-list :lang=ar | grep -q . && fc-list :lang=hi | grep -q .; } 2>/dev/null || { \
	  echo "installing Debian's Noto fonts (fonts-noto-core, fonts-noto-cjk) for every script"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq fonts-noto-core fonts-noto-cjk; }

# The browser tests drive Debian's Chromium with Playwright (no browser download).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Debian's chromium not found: installing it for the browser tests"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; }

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || { \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq python3-venv && \
	  $(PYTHON) -m venv $(VENV); }

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

$(VENV)/.installed-fuzz: $(VENV)/.installed
	$(BIN)/python -m pip install -q -e '.[fuzz]'
	touch $@

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
