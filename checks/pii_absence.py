"""PII-absence checks on the pseudonymised and reporting tables and on the export files.

The warehouse checks are **blocking**: a clear identifier in a pseudonymised table stops the
reporting models and the exports in the same run; one in a reporting table stops the exports.
Each failing check names table or file, column and rule with a count, never the value.

In a partitioned run (the nightly job, a backfill) the warehouse checks scan the rows of the run's
days, which is what the run wrote; the governance job (no partition) scans every row.
"""

import dagster as dg

from assets.exports import client_exports
from assets.warehouse import WAREHOUSE_POOL, warehouse_keys
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
from orchestration.partitions import run_window
from orchestration.resources import KlantmonitorSettings

CHECK_NAME = "pii_absence"
_DESCRIPTION = (
    "No text column holds a clear identifier: neither a PII pattern (klantmonitor.pii, the "
    "scrubber's detector) nor a name, e-mail or phone number held in the raw zone."
)
_LISTED = 30

SCANNED_TABLES: list[dg.AssetKey] = sorted(
    k for k in warehouse_keys() if k.path[0] in SCANNED_SCHEMAS
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


def _warehouse_check(name: str, keys: list[dg.AssetKey]) -> dg.AssetChecksDefinition:
    """One blocking PII-absence check per table of ``keys``, scanned in one pass."""

    @dg.multi_asset_check(
        name=name,
        specs=[
            dg.AssetCheckSpec(CHECK_NAME, asset=key, blocking=True, description=_DESCRIPTION)
            for key in keys
        ],
        can_subset=True,
        pool=WAREHOUSE_POOL,
    )
    def _check(context: dg.AssetCheckExecutionContext, settings: KlantmonitorSettings):
        paths = settings.paths
        with (
            governance_connection(paths) as con,
            Scanner(load_known_values(con, paths)) as scanner,
        ):
            existing = warehouse_tables(con)
            window = run_window(context.run.tags)
            for check_key in sorted(context.selected_asset_check_keys, key=str):
                schema, table = check_key.asset_key.path
                found = (schema, table) in existing
                leaks = scan_table(con, scanner, schema, table, window) if found else []
                yield _result(check_key.asset_key, leaks, int(found))

    return _check


# Blocking on the pseudonymised layer: a leak there stops reporting and the exports.
pii_absence_pseudonymised = _warehouse_check(
    "pii_absence_pseudonymised", [k for k in SCANNED_TABLES if k.path[0] == "pseudonymised"]
)
pii_absence_reporting = _warehouse_check(
    "pii_absence_reporting", [k for k in SCANNED_TABLES if k.path[0] != "pseudonymised"]
)


@dg.asset_check(
    asset=client_exports,
    name=CHECK_NAME,
    description=_DESCRIPTION + " Every Parquet file under `exports/`.",
    pool=WAREHOUSE_POOL,
)
def pii_absence_exports(settings: KlantmonitorSettings) -> dg.AssetCheckResult:
    paths = settings.paths
    with (
        governance_connection(paths) as con,
        Scanner(load_known_values(con, paths)) as scanner,
    ):
        files = list(export_files(paths))
        leaks = [leak for f in files for leak in scan_export_file(con, scanner, paths, f)]
    return _result(client_exports.key, leaks, len(files))
