"""Retention checks: per asset that holds data, nothing is older than its dataset's window.

One op evaluates every place at once (the same rules the purge deletes with) and reports a
``retention`` check on each asset: landing files, raw zone (with its quarantine), staging,
pseudonymised, the per-response and per-case reporting tables, the exports, and the request
log with the subject-request bundles and rectifications. In the nightly job the checks wait for
the purge; the governance schedule runs them on their own every morning.
"""

import dagster as dg

from assets.retention import PURGE_KEY
from assets.warehouse import WAREHOUSE_POOL
from klantmonitor.governance.duck import governance_connection
from klantmonitor.retention.expiry import Expired, find_expired
from klantmonitor.retention.policy import load_policies
from klantmonitor.retention.rules import TABLE_OWNERS, TABLE_RULES
from klantmonitor.sources.contract import SOURCES
from orchestration.resources import KlantmonitorSettings

CHECK_NAME = "retention"
_LISTED = 20

# Grouped by what produces them, so that one failed producer does not skip the other checks.
RETAINED_ASSETS: dict[str, list[dg.AssetKey]] = {
    "ingested": [
        *(dg.AssetKey(["landing", s]) for s in SOURCES),
        *(dg.AssetKey(["raw", s]) for s in SOURCES),
    ],
    "warehouse": [
        dg.AssetKey(list(t)) for t in TABLE_RULES if t[0] != "audit" and t not in TABLE_OWNERS
    ],
    "exports": [dg.AssetKey(["exports", "client_reports"])],
    "request_log": [dg.AssetKey(list(t)) for t in TABLE_RULES if t[0] == "audit"],
}


def _result(key: dg.AssetKey, entries: list[Expired]) -> dg.AssetCheckResult:
    found = [e for e in entries if e.found]
    where = [w for e in found for w in e.where]
    return dg.AssetCheckResult(
        asset_key=key,
        check_name=CHECK_NAME,
        passed=not found,
        description="; ".join(e.describe() for e in found) or None,
        metadata={
            "datasets": ", ".join(sorted({e.dataset for e in entries})) or "none",
            "cutoffs": ", ".join(sorted({f"{e.dataset} < {e.cutoff}" for e in entries})) or "none",
            "rows_past_window": sum(e.rows for e in found),
            "files_past_window": sum(e.files for e in found),
            "where": ", ".join(where[:_LISTED]) + (" ..." if len(where) > _LISTED else ""),
        },
    )


def _retention_checks(group: str, keys: list[dg.AssetKey]) -> dg.AssetChecksDefinition:
    @dg.multi_asset_check(
        name=f"retention_{group}",
        specs=[
            dg.AssetCheckSpec(
                CHECK_NAME,
                asset=key,
                additional_deps=[PURGE_KEY],
                description="Nothing here is older than its retention window "
                "(`dbt_project/seeds/retention_policy.csv`).",
            )
            for key in keys
        ],
        can_subset=True,
        pool=WAREHOUSE_POOL,
    )
    def _check(context: dg.AssetCheckExecutionContext, settings: KlantmonitorSettings):
        paths = settings.paths
        policies = load_policies(settings.retention_days)
        with governance_connection(paths) as con:
            plan = find_expired(con, paths, policies, settings.today())
        for check_key in sorted(context.selected_asset_check_keys, key=str):
            path = tuple(check_key.asset_key.path)
            yield _result(check_key.asset_key, [e for e in plan.expired if e.asset == path])

    return _check


retention_checks = [_retention_checks(group, keys) for group, keys in RETAINED_ASSETS.items()]
