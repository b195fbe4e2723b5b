# PolicyKB — see README.md.
#   make run    set everything up (idempotent) and serve on http://$(HOST):$(PORT)
#   make test   install the dev requirements and run the whole test suite
#               (in parallel on every core; TEST_WORKERS=0 runs it in one process)

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
HOST   ?= 127.0.0.1
PORT   ?= 8000
WORKERS ?= 2
TEST_WORKERS ?= auto

.PHONY: run setup test test-postgres bench bench-ingest bench-admin clean

# Reinstall only when a requirements file changes.
$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

setup: $(VENV)/.installed
	$(PY) manage.py migrate --noinput -v 0
	$(PY) manage.py load_gazetteers
	$(PY) manage.py create_roles -v 0
	$(PY) manage.py ingest fixtures/documents
	$(PY) manage.py search_index
	# Changes a stopped process committed but never indexed are still queued: index them now.
	$(PY) manage.py search_index --flush -v 0
	$(PY) manage.py collectstatic --noinput -v 0

run: setup
	@echo "Serving PolicyKB on http://$(HOST):$(PORT)/ (Ctrl-C stops it)"
	HOST=$(HOST) PORT=$(PORT) $(VENV)/bin/gunicorn policykb.wsgi --config python:policykb.serving --bind $(HOST):$(PORT) \
		--workers $(WORKERS) --threads 4 --access-logfile - --error-logfile -

test: $(VENV)/.installed-dev
	$(PY) -m pytest --numprocesses $(TEST_WORKERS) --dist loadgroup

# The tests whose outcome depends on the database engine (transactions,
# constraints, locking, renumbering, the SQL of the entry pages' filters), again
# on the database DATABASE_URL names (.ci/with-postgres provides a throwaway PostgreSQL).
POSTGRES_TESTS = tests/clauses/services tests/clauses/admin tests/clauses/gazetteer/test_loader.py \
	tests/clauses/gazetteer/test_snapshot.py tests/clauses/gazetteer/test_entry_slugs.py \
	tests/clauses/test_seed_documents.py tests/search/test_indexing.py \
	tests/search/test_selectors.py tests/search/entries tests/search/test_matrix.py
test-postgres: $(VENV)/.installed-dev
	test -n "$(DATABASE_URL)" || { echo "DATABASE_URL is not set" >&2; exit 2; }
	$(PY) -m pytest $(POSTGRES_TESTS)

# Search speed at CLAUSES clauses against haystack's stock faceting and SQLite
# FTS5, measured in one run; results in bench/results/ (see README).
CLAUSES ?= 100000
bench: $(VENV)/.installed
	$(PY) -m bench.run --clauses $(CLAUSES)

# Ingestion end to end (manage.py ingest: parse, tag, store, index, related suggestions) of DOCUMENTS
# synthetic document files, then one more document added; results in bench/results/ (see README).
DOCUMENTS ?= 2000
CLAUSES_PER_DOCUMENT ?= 50
bench-ingest: $(VENV)/.installed
	$(PY) -m bench.ingest --documents $(DOCUMENTS) --clauses-per-document $(CLAUSES_PER_DOCUMENT)

# The admin's clause list and its filters with a national gazetteer (about 80,000 departments) and
# CLAUSES clauses, through HTTP; results in bench/results/ (see README).
bench-admin: $(VENV)/.installed
	$(PY) -m bench.admin_lists --clauses $(CLAUSES)

clean:
	rm -rf $(VENV) var .pytest_cache
