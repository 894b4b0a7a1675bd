"""Data quality of the staged models: Great Expectations suites as asset checks.

One op validates every staged table (``klantmonitor.governance.quality``: GX on its pandas
datasource over DuckDB) and reports a ``data_quality`` check per staging asset with the number
of expectations run and failed, and each failure as column, rule and row count; never a value.
"""

import dagster as dg

from assets.warehouse import WAREHOUSE_POOL, warehouse_keys
from klantmonitor.governance.duck import governance_connection, warehouse_tables
from klantmonitor.governance.quality import SUITES, TableQuality, validate_staging
from orchestration.partitions import run_window
from orchestration.resources import KlantmonitorSettings

CHECK_NAME = "data_quality"
STAGED: list[dg.AssetKey] = [
    k for k in warehouse_keys() if k.path[0] == "staging" and k.path[1] in {s.table for s in SUITES}
]


def _result(key: dg.AssetKey, quality: TableQuality | None) -> dg.AssetCheckResult:
    if quality is None:
        return dg.AssetCheckResult(
            asset_key=key,
            check_name=CHECK_NAME,
            passed=False,
            description=f"staging.{key.path[-1]}: table missing",
        )
    failed = [o.describe() for o in quality.failed]
    return dg.AssetCheckResult(
        asset_key=key,
        check_name=CHECK_NAME,
        passed=not failed,
        description=f"staging.{quality.table}: " + "; ".join(failed) if failed else None,
        metadata={
            "rows": quality.rows,
            "expectations": len(quality.outcomes),
            "failed": len(failed),
            "failures": "\n".join(failed) or "none",
        },
    )


@dg.multi_asset_check(
    name="data_quality_checks",
    specs=[
        dg.AssetCheckSpec(
            CHECK_NAME,
            asset=key,
            description="Great Expectations suite: schema, value sets, ranges, uniqueness, "
            "no timestamps in the future.",
        )
        for key in STAGED
    ],
    can_subset=True,
    pool=WAREHOUSE_POOL,
)
def data_quality_checks(context: dg.AssetCheckExecutionContext, settings: KlantmonitorSettings):
    selected = sorted(context.selected_asset_check_keys, key=str)
    with governance_connection(settings.paths) as con:
        existing = {t for s, t in warehouse_tables(con) if s == "staging"}
        tables = [k.asset_key.path[-1] for k in selected if k.asset_key.path[-1] in existing]
        results = {
            q.table: q
            for q in validate_staging(
                con, tables, settings.now(), settings.today(), run_window(context.run.tags)
            )
        }
    for check_key in selected:
        yield _result(check_key.asset_key, results.get(check_key.asset_key.path[-1]))
