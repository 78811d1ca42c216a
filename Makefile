# build_decks: `make all` builds every output, `make test` runs the whole suite.
# Both bootstrap .venv first. Targets depend on files, so an unchanged tree rebuilds nothing.

PY      := .venv/bin/python
CLI     := $(PY) -m build_decks
VENV    := .venv/.bootstrapped
TESTENV := .venv/.test-packages
CODE    := $(wildcard build_decks/*.py build_decks/*/*.py build_decks/*/*/*.py)
SOURCES := $(shell find content/sources -type f 2>/dev/null)
DECKS   := $(wildcard content/decks/*.yaml)
CONTENT := content/config.yaml content/topics.yaml $(DECKS)
IMPORT_DEPS := $(SOURCES) content/config.yaml content/topics.yaml $(CODE)
RENDER_DEPS := $(CONTENT) $(CODE) $(wildcard templates/*/* content/templates/*/* content/media/*)

# The outputs are whatever the registry (build_decks/render/__init__.py) lists: Make tracks one
# stamp, touched after a build that published them all.
BUILT   := dist/.built

.PHONY: all content check watch test lint bench corpus clean

all: $(BUILT)

# One process builds everything: the content is loaded and each answer's Markdown converted
# once, and the PDFs lay out on the other core while the deck and the pack are written.
# When a source, the config or the code changed ($? lists what did), it first imports the
# sources into the YAML, in the same process; the import rewrites no file whose content is
# unchanged and keeps hand edits. An edited deck YAML alone skips the import.
$(BUILT): $(IMPORT_DEPS) $(RENDER_DEPS) | $(VENV)
	$(CLI) build$(if $(filter $(IMPORT_DEPS),$?), --import, --no-import)
	@touch $@

$(VENV): requirements.lock pyproject.toml scripts/bootstrap.sh
	@scripts/system-deps.sh
	@scripts/bootstrap.sh
	@touch $@

# The test-only packages (anki, playwright, pypdf, hypothesis, ...): `make test` and `make bench`.
$(TESTENV): requirements-test.lock | $(VENV)
	@scripts/bootstrap.sh test
	@touch $@

content: | $(VENV)
	$(CLI) import

check: | $(VENV)
	$(CLI) check

# Rebuild every output on each save of a source, deck, config, topic or template (Ctrl-C stops).
watch: | $(VENV)
	$(CLI) watch

# The suite on up to four cores (pytest-xdist), a test file per worker at a time, so that a
# module's shared fixtures are built once.
TEST_JOBS := $(shell n=$$(nproc 2>/dev/null || echo 2); [ "$$n" -gt 4 ] && n=4; echo $$n)

test: | $(TESTENV)
	@scripts/system-deps.sh chromium
	$(PY) -m pytest -q -n $(TEST_JOBS) --dist loadfile

bench: | $(TESTENV)
	@scripts/system-deps.sh chromium
	$(PY) bench/run.py

# How well the reader reads real documents: `make corpus CORPUS=DIR` (a folder of
# documents and an answer key, expected.json; read from there, never copied into the project).
corpus: | $(VENV)
	@test -n "$(CORPUS)" || { echo "usage: make corpus CORPUS=DIR" >&2; exit 2; }
	$(PY) bench/corpus.py $(CORPUS)

# The same with every document of DIR imported into one content folder, as one project.
.PHONY: corpus-together
corpus-together: | $(VENV)
	@test -n "$(CORPUS)" || { echo "usage: make corpus-together CORPUS=DIR" >&2; exit 2; }
	$(PY) bench/corpus.py $(CORPUS) --together

lint: | $(TESTENV)
	$(PY) -m ruff check build_decks tests bench

clean:
	rm -rf dist build
