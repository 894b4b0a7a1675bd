"""PII-absence checks on the pseudonymised and reporting tables and on the export files.

The warehouse check is **blocking**: a clear identifier in a pseudonymised or reporting table
stops the exports in the same run. (Within the dbt build the privacy tests on ``pse_*`` already
stop the reporting models.) Each failing check names table or file, column and rule with a
count, never the value.
"""

import dagster as dg

from assets.exports import client_exports
from assets.warehouse import WAREHOUSE_POOL, warehouse_models
from klantmonitor.governance.duck import governance_connection, warehouse_tables
from klantmonitor.governance.known_values import load_known_values
from klantmonitor.governance.pii_absence import (
    SCANNED_SCHEMAS,
    Leak,
    Scanner,
    export_files,
    scan_export_file,
    scan_table,
)
from orchestration.resources import KlantmonitorSettings

CHECK_NAME = "pii_absence"
_DESCRIPTION = (
    "No text column holds a clear identifier: neither a PII pattern (klantmonitor.pii, the "
    "scrubber's detector) nor a name, e-mail or phone number held in the raw zone."
)
_LISTED = 30

SCANNED_TABLES: list[dg.AssetKey] = sorted(
    k for k in warehouse_models.keys if k.path[0] in SCANNED_SCHEMAS
)


def _result(key: dg.AssetKey, leaks: list[Leak], scanned: int) -> dg.AssetCheckResult:
    listed = [leak.describe() for leak in leaks]
    return dg.AssetCheckResult(
        asset_key=key,
        check_name=CHECK_NAME,
        passed=not leaks,
        description="; ".join(listed[:_LISTED]) or None,
        metadata={
            "scanned": scanned,
            "leaks": len(leaks),
            "where": "\n".join(listed[:_LISTED]) or "none",
        },
    )


@dg.multi_asset_check(
    name="pii_absence_warehouse",
    specs=[
        dg.AssetCheckSpec(CHECK_NAME, asset=key, blocking=True, description=_DESCRIPTION)
        for key in SCANNED_TABLES
    ],
    can_subset=True,
    pool=WAREHOUSE_POOL,
)
def pii_absence_warehouse(context: dg.AssetCheckExecutionContext, settings: KlantmonitorSettings):
    paths = settings.paths
    with governance_connection(paths) as con:
        scanner = Scanner(load_known_values(con, paths))
        existing = warehouse_tables(con)
        for check_key in sorted(context.selected_asset_check_keys, key=str):
            schema, table = check_key.asset_key.path
            leaks = scan_table(con, scanner, schema, table) if (schema, table) in existing else []
            yield _result(check_key.asset_key, leaks, int((schema, table) in existing))


@dg.asset_check(
    asset=client_exports,
    name=CHECK_NAME,
    description=_DESCRIPTION + " Every Parquet file under `exports/`.",
    pool=WAREHOUSE_POOL,
)
def pii_absence_exports(settings: KlantmonitorSettings) -> dg.AssetCheckResult:
    paths = settings.paths
    with governance_connection(paths) as con:
        scanner = Scanner(load_known_values(con, paths))
        files = list(export_files(paths))
        leaks = [leak for f in files for leak in scan_export_file(con, scanner, paths, f)]
    return _result(client_exports.key, leaks, len(files))
