"""Helpers to run the real Definitions' assets against a test data directory."""

from __future__ import annotations

import shutil

import dagster as dg
import pyarrow.parquet as pq

from assets.ingestion import ingestion_assets
from klantmonitor.paths import DataPaths
from orchestration.resources import KlantmonitorSettings
from tests.conftest import TEST_KEY

RAW_ASSETS = ingestion_assets


def settings_for(paths: DataPaths) -> KlantmonitorSettings:
    return KlantmonitorSettings(data_dir=str(paths.root), secret_key=TEST_KEY)


def copy_landing(src: DataPaths, dst: DataPaths) -> None:
    """Give a test its own copy of the generated landing zone (tests may rewrite files)."""
    shutil.copytree(src.landing, dst.landing)


def ingest(
    paths: DataPaths,
    instance: dg.DagsterInstance,
    partition_key: str | None = None,
    tags: dict[str, str] | None = None,
    raise_on_error: bool = True,
) -> dg.ExecuteInProcessResult:
    """Materialise every raw-zone asset for one partition (or a tagged range)."""
    return dg.materialize(
        RAW_ASSETS,
        partition_key=partition_key,
        tags=tags,
        instance=instance,
        resources={"settings": settings_for(paths)},
        raise_on_error=raise_on_error,
    )


def read_raw(paths: DataPaths, source: str, day: str):
    import datetime as dt

    return pq.read_table(paths.raw_file(source, dt.date.fromisoformat(day)))
