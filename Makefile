# klantmonitor: the two commands are `make demo` and `make test`; both bootstrap themselves.
SHELL := /bin/bash
.DEFAULT_GOAL := help

UV_VERSION := 0.13.9
UV := $(CURDIR)/.tools/bin/uv
export UV_PYTHON_DOWNLOADS := never
export UV_PYTHON := python3
export DAGSTER_HOME ?= $(CURDIR)/.dagster_home

DEMO_DAYS ?= 14
DEMO_ROWS ?= 2000
DEMO_SEED ?= 42
DEMO_END := $(shell TZ=Europe/Amsterdam date -d yesterday +%F)
DEMO_START := $(shell TZ=Europe/Amsterdam date -d "$(DEMO_DAYS) days ago" +%F)

# The compiled PII detector (pii_engine/, Rust + PyO3). Its crates come from Debian's packages
# (librust-*-dev, under /usr/share/cargo/registry): crates.io is not reachable here.
# It is built profile-guided (pii_engine/build-module) with llvm-profdata of rustc's LLVM version.
ENGINE := klantmonitor/pii/_engine.so
ENGINE_SOURCES := $(wildcard pii_engine/src/*.rs) pii_engine/Cargo.toml pii_engine/Cargo.lock \
	pii_engine/build-module klantmonitor/pii/training.py
RUST_PACKAGES := librust-pyo3-dev librust-pcre2-dev librust-unicode-normalization-dev \
	librust-memchr-dev
CARGO ?= $(shell command -v cargo || echo $(HOME)/.cargo/bin/cargo)
LLVM_PACKAGE := llvm-$(shell $(dir $(CARGO))rustc -vV 2>/dev/null | sed -n 's/^LLVM version: \([0-9]*\).*/\1/p')
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT := $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get -y --no-install-recommends

.PHONY: help setup demo test lint format dev bench bench-pii

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(UV):  # a pinned uv in its own small venv, so the machine needs only python3
	python3 -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

.venv/.synced: uv.lock pyproject.toml | $(UV)
	$(UV) sync --frozen
	@touch $@

$(ENGINE): $(ENGINE_SOURCES) .venv/.synced
	@dpkg -s $(RUST_PACKAGES) >/dev/null 2>&1 || $(APT) install $(RUST_PACKAGES) \
		|| ($(APT) update && $(APT) install $(RUST_PACKAGES))
	@dpkg -s $(LLVM_PACKAGE) >/dev/null 2>&1 || $(APT) install $(LLVM_PACKAGE) \
		|| ($(APT) update && $(APT) install $(LLVM_PACKAGE)) || true
	CARGO=$(CARGO) pii_engine/build-module $@ $(CURDIR)/.venv/bin/python

setup: .venv/.synced $(ENGINE)  ## create .venv, install from uv.lock, build the PII detector

.env:
	@umask 077 && echo "KLANTMONITOR_SECRET_KEY=$$(python3 -c 'import secrets; print(secrets.token_hex(32))')" > .env
	@echo "wrote a random development secret key to .env (git-ignored)"

$(DAGSTER_HOME)/dagster.yaml: orchestration/dagster.yaml
	@mkdir -p $(DAGSTER_HOME) && cp $< $@

demo: setup .env $(DAGSTER_HOME)/dagster.yaml  ## generate DEMO_DAYS days of demo exports and run the pipeline on them
	$(UV) run --frozen klantmonitor generate --start $(DEMO_START) --days $(DEMO_DAYS) --rows-per-day $(DEMO_ROWS) --seed $(DEMO_SEED)
	$(UV) run --frozen klantmonitor run --date $(DEMO_START) --to $(DEMO_END)

test: setup  ## lint, then the whole test suite (the PII engine's Rust unit tests first)
	$(UV) run --frozen ruff check .
	$(UV) run --frozen ruff format --check .
	cd pii_engine && $(CARGO) fmt --check
	cd pii_engine && PYO3_PYTHON=$(CURDIR)/.venv/bin/python $(CARGO) test --release --locked
	$(UV) run --frozen pytest

lint: setup  ## ruff check and format check, cargo fmt check and clippy
	$(UV) run --frozen ruff check .
	$(UV) run --frozen ruff format --check .
	cd pii_engine && $(CARGO) fmt --check
	cd pii_engine && PYO3_PYTHON=$(CURDIR)/.venv/bin/python $(CARGO) clippy --release --locked \
		--features extension-module -- -D warnings

format: setup  ## apply ruff fixes and formatting, cargo fmt
	$(UV) run --frozen ruff check --fix .
	$(UV) run --frozen ruff format .
	cd pii_engine && $(CARGO) fmt

bench: setup $(DAGSTER_HOME)/dagster.yaml  ## time the nightly run: 1M-row day vs the floor, backfills (docs/benchmarks.md)
	$(UV) run --frozen klantmonitor bench $(BENCH_ARGS)

bench-pii: setup  ## PII scrubber vs deduce: recall, keep rate, comments/s per category
	$(UV) run --frozen python -m klantmonitor.pii.bench $(BENCH_PII_ARGS)

dev: setup .env $(DAGSTER_HOME)/dagster.yaml  ## the Dagster UI on http://127.0.0.1:3000
	$(UV) run --frozen dagster dev -w workspace.yaml -h 127.0.0.1 -p 3000
