"""Exports for report consumers: per client, Parquet per reporting table and a ``.duckdb``."""

import dagster as dg

from assets.warehouse import WAREHOUSE_POOL, reporting_keys
from klantmonitor.exports import export_clients
from orchestration.partitions import daily_partitions, single_run_backfill
from orchestration.resources import KlantmonitorSettings


@dg.asset(
    key=["exports", "client_reports"],
    deps=reporting_keys(),
    group_name="exports",
    description="Per client `exports/<client>/<table>/` Parquet (Hive-partitioned by month where "
    "a table has a feedback date) and `<client>.duckdb` with a view per table. Only that "
    "client's rows; each folder is built aside and swapped in whole.",
    partitions_def=daily_partitions,
    backfill_policy=single_run_backfill,
    pool=WAREHOUSE_POOL,
    kinds={"parquet", "duckdb"},
)
def client_exports(context: dg.AssetExecutionContext, settings: KlantmonitorSettings):
    paths = settings.paths
    written = export_clients(paths.warehouse, paths.exports)
    context.log.info(f"exported {len(written)} client folder(s)")
    return dg.MaterializeResult(
        metadata={
            "clients": len(written),
            "tables": len(written[0].tables) if written else 0,
            "rows": sum(sum(c.tables.values()) for c in written),
            "path": dg.MetadataValue.path(str(paths.exports)),
        }
    )
