"""Shared fixtures: an isolated data directory, a test key, and generated demo exports."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import dagster as dg
import pytest

from klantmonitor.paths import DataPaths

TEST_KEY = "test-key-" + "0123456789abcdef" * 4
# The Definitions refuse to load without a key; the tests use this one, never a default.
os.environ.setdefault("KLANTMONITOR_SECRET_KEY", TEST_KEY)
DEMO_START = dt.date(2026, 10, 20)
DEMO_DAYS = 3


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> DataPaths:
    """A fresh data directory and the environment pointing at it."""
    monkeypatch.setenv("KLANTMONITOR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("KLANTMONITOR_SECRET_KEY", TEST_KEY)
    return DataPaths(tmp_path / "data")


@pytest.fixture(scope="session")
def generated_landing(tmp_path_factory: pytest.TempPathFactory) -> DataPaths:
    """Demo exports for a few days, generated once per test session (read-only for tests)."""
    from klantmonitor.generate import generate

    paths = DataPaths(tmp_path_factory.mktemp("generated") / "data")
    generate(paths.landing, paths.demo_ledger, DEMO_START, DEMO_DAYS, rows_per_day=600, seed=7)
    return paths


@pytest.fixture
def instance() -> Iterator[dg.DagsterInstance]:
    """A throw-away Dagster instance with real run and event storage."""
    with dg.instance_for_test() as inst:
        yield inst
