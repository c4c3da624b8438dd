# Min Plan portal. `make run` serves the portal with demo data; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
DKFDS := node_modules/dkfds/dist
VENDOR := static/vendor/dkfds
ARABIC_FONT := static/vendor/ibm-plex-sans-arabic
HOST ?= 127.0.0.1
PORT ?= 5000
DEVIDP_PORT ?= 5001
CLIENT_KEY := instance/mitid-client-key.pem

.PHONY: run test bench build install assets translations compile-translations migrate seed clean lint lock audit-deps

# The portal on $(PORT) and the development identity provider (MitID and the staff login) on
# $(DEVIDP_PORT); see scripts/run-dev.
run: build $(CLIENT_KEY) migrate seed
	HOST=$(HOST) PORT=$(PORT) DEVIDP_PORT=$(DEVIDP_PORT) scripts/run-dev

# The portal's key pair for private_key_jwt at the development MitID broker: made once, never committed.
$(CLIENT_KEY):
	mkdir -p instance
	openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out $@ 2>/dev/null
	openssl pkey -in $@ -pubout -out $(@:.pem=.pub.pem)

# `make lint` first, then the whole suite on a SQLite file; then, when TEST_DATABASE_URL is set, every test but the browser
# ones again on PostgreSQL (the browser tests drive the same pages; the database behaviour they rely
# on is covered by the rest, and running them twice would double the suite's time). The benchmark's
# own run uses a SQLite file of its own whatever the test database, so it runs once too. With both
# databases the browser tests run beside the rest: see scripts/test-suite.
test: build lint audit-deps
	scripts/test-suite

# Known vulnerabilities in the locked Python packages (pip-audit) and the npm packages the portal
# ships or runs (npm audit --omit=dev): a finding fails; a registry that cannot be reached warns.
audit-deps: install
	scripts/audit-deps

# The house rules a tool holds: ruff (lint, import order, formatting), mypy on portal/, and the
# import contracts in pyproject.toml (the core imports no feature, features stack one way, no view
# is imported by another feature, inside a feature views -> forms -> services -> queries -> models).
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

# The portal on scale databases (1,000 and 150,000 citizens, SQLite and PostgreSQL) under load from
# wrk, beside a bare Flask app; see README "Performance". BENCH_ARGS=--help lists the options.
bench: build
	@command -v wrk >/dev/null || { echo "Installing wrk"; DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk; }
	$(BIN)/python -m bench.run $(BENCH_ARGS)

build: install assets compile-translations

install: $(VENV)/.installed

# Every package, transitive ones included, from requirements.lock with its hashes: a package that
# changed on the registry is refused. Then the portal itself, without asking for anything more.
$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed"'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

# After changing a dependency in pyproject.toml: write requirements.lock again (pip-tools, hashes of
# every file of every pinned release, build dependencies included).
lock:
	$(BIN)/python -m pip install --quiet 'pip-tools==7.5.2'
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --extra test --strip-extras \
	    --no-emit-index-url --no-emit-find-links --build-deps-for editable --output-file requirements.lock pyproject.toml

assets: $(VENDOR)/.copied

# DKFDS is copied from the npm package, never edited by hand; only woff2/woff fonts are needed.
$(VENDOR)/.copied: package-lock.json Makefile
	npm ci --no-audit --no-fund
	rm -rf $(VENDOR)
	mkdir -p $(VENDOR)/fonts/IBMPlexSans/complete
	cp -R $(DKFDS)/css $(DKFDS)/js $(DKFDS)/img $(VENDOR)/
	cp -R $(DKFDS)/fonts/IBMPlexSans/complete/woff2 $(DKFDS)/fonts/IBMPlexSans/complete/woff $(VENDOR)/fonts/IBMPlexSans/complete/
	cp node_modules/dkfds/LICENSE.md $(VENDOR)/LICENSE.md
	# Right to left (Arabic): DKFDS mirrored by rtlcss from the same file, never edited by hand.
	node_modules/.bin/rtlcss --silent $(DKFDS)/css/dkfds.min.css $(VENDOR)/css/dkfds.rtl.min.css
	sed -i '/sourceMappingURL/d' $(VENDOR)/css/dkfds.rtl.min.css
	# Arabic glyphs: IBM Plex Sans Arabic pairs with DKFDS's IBM Plex Sans (static/css/arabic.css).
	rm -rf $(ARABIC_FONT) && mkdir -p $(ARABIC_FONT)
	cp $(foreach weight,400 500 600 700,node_modules/@fontsource/ibm-plex-sans-arabic/files/ibm-plex-sans-arabic-arabic-$(weight)-normal.woff2) \
	    node_modules/@fontsource/ibm-plex-sans-arabic/LICENSE $(ARABIC_FONT)/
	touch $@

compile-translations: install
	$(BIN)/pybabel compile -d translations --statistics

# Extract every text from code and templates and update the catalogs (then translate en).
translations: install
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -o translations/messages.pot --sort-by-file \
	    --project "Min Plan" --copyright-holder "Min Plan" --no-wrap .
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-wrap --ignore-obsolete --no-fuzzy-matching

migrate: install
	$(FLASK) db upgrade

seed: install
	$(FLASK) demo seed --if-empty

clean:
	rm -rf $(VENV) node_modules $(VENDOR) $(ARABIC_FONT) instance/*.sqlite3* test-results .pytest_cache
	find translations -name '*.mo' -delete
