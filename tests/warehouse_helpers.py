"""Running the whole nightly pipeline (ingest, dbt, exports) in tests, and reading its output."""

from __future__ import annotations

import dagster as dg
import duckdb

from assets.exports import client_exports
from assets.ingestion import ingestion_assets
from assets.warehouse import WAREHOUSE_ASSETS, dbt_resource
from klantmonitor.paths import DataPaths
from tests.dagster_helpers import settings_for

PIPELINE = [*ingestion_assets, *WAREHOUSE_ASSETS, client_exports]


def run_pipeline(
    paths: DataPaths, instance: dg.DagsterInstance, partition_key: str
) -> dg.ExecuteInProcessResult:
    """Materialise the nightly pipeline for one day, as the nightly job does."""
    return dg.materialize(
        PIPELINE,
        partition_key=partition_key,
        instance=instance,
        resources={"settings": settings_for(paths), "dbt": dbt_resource()},
    )


def warehouse(paths: DataPaths) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(paths.warehouse), read_only=True)


def text_columns(con: duckdb.DuckDBPyConnection, schemas: tuple[str, ...]) -> list[tuple[str, str]]:
    """(table, column) of every text or text-list column in ``schemas``."""
    rows = con.execute(
        "select table_schema || '.' || table_name, column_name from information_schema.columns "
        "where table_schema in (select unnest($schemas)) "
        "and (data_type = 'VARCHAR' or data_type = 'VARCHAR[]')",
        {"schemas": list(schemas)},
    ).fetchall()
    return [(t, c) for t, c in rows]
