"""The retention purge as an asset of the nightly job, right after ingestion.

It deletes in every layer what is past its window on the platform's today (not the partition's
day: retention is about now) and appends to ``audit.retention_log``; the retention checks wait
for it. It depends on the ingestion only, so a failing warehouse build or privacy test never
holds retention back; whether it runs before or after the warehouse build and the exports, each
layer ends up within its window (what the purge removes from a table or an export file is gone
from what is rebuilt from it). The partition only fits it into the nightly job.
"""

import dagster as dg
from pydantic import Field

from assets.ingestion import ingestion_assets
from assets.warehouse import WAREHOUSE_POOL
from klantmonitor.retention.expiry import Expired
from klantmonitor.retention.policy import load_policies
from klantmonitor.retention.purge import purge
from orchestration.partitions import daily_partitions, single_run_backfill
from orchestration.resources import KlantmonitorSettings

PURGE_KEY = dg.AssetKey(["governance", "retention_purge"])
_LISTED = 20  # places listed per dataset in the metadata


class PurgeConfig(dg.Config):
    """Run config of the purge (launchpad: ``ops: governance__retention_purge: config``)."""

    dry_run: bool = Field(
        default=False,
        description="List what would be removed; delete nothing and write no audit rows.",
    )


def _table(found: list[Expired]) -> dg.MetadataValue:
    lines = ["| dataset | where | window | cutoff | rows | files |", "|---|---|---|---|---|---|"]
    lines += [
        f"| {e.dataset} | {e.relation} | {e.window_days} d | {e.cutoff} | {e.rows} | {e.files} |"
        for e in found
    ]
    return dg.MetadataValue.md("\n".join(lines) if found else "nothing past its window")


@dg.asset(
    key=PURGE_KEY,
    deps=[a.key for a in ingestion_assets],
    group_name="governance",
    description="Deletes what is past its retention window (`dbt_project/seeds/"
    "retention_policy.csv`) in every layer: landing files, raw zone, quarantine, staging, "
    "pseudonymised and reporting tables, exports; logs each dataset to `audit.retention_log`. "
    "Config `dry_run: true` only lists.",
    partitions_def=daily_partitions,
    backfill_policy=single_run_backfill,
    pool=WAREHOUSE_POOL,
    kinds={"python", "duckdb", "parquet"},
)
def retention_purge(
    context: dg.AssetExecutionContext, config: PurgeConfig, settings: KlantmonitorSettings
) -> dg.MaterializeResult:
    today = settings.today()
    plan = purge(
        settings.paths,
        load_policies(settings.retention_days),
        today,
        run_id=context.run.run_id,
        now=settings.now(),
        dry_run=config.dry_run,
    )
    verb = "would remove" if config.dry_run else "removed"
    for entry in plan.found:
        listed = ", ".join(entry.where[:_LISTED]) + (" ..." if len(entry.where) > _LISTED else "")
        context.log.info(f"{verb}: {entry.describe()} [{listed}]")
    return dg.MaterializeResult(
        metadata={
            "today": today.isoformat(),
            "dry_run": config.dry_run,
            "rows": sum(e.rows for e in plan.found),
            "files": sum(e.files for e in plan.found),
            "datasets_evaluated": len({e.dataset for e in plan.expired}),
            "expired": _table(plan.found),
        }
    )
