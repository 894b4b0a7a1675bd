"""Client isolation (P6): every export file under ``exports/<client>/`` holds client X only."""

import dagster as dg

from assets.exports import client_exports
from assets.warehouse import WAREHOUSE_POOL
from klantmonitor.governance.duck import governance_connection
from klantmonitor.governance.isolation import isolation_breaches
from orchestration.resources import KlantmonitorSettings

_LISTED = 30


@dg.asset_check(
    asset=client_exports,
    name="client_isolation",
    description="Every export file under `exports/<client>/` holds only that client's rows.",
    pool=WAREHOUSE_POOL,
)
def client_isolation(settings: KlantmonitorSettings) -> dg.AssetCheckResult:
    with governance_connection(settings.paths) as con:
        checked, breaches = isolation_breaches(con, settings.paths)
    listed = [b.describe() for b in breaches]
    return dg.AssetCheckResult(
        passed=not breaches,
        description="; ".join(listed[:_LISTED]) or None,
        metadata={
            "files_checked": checked,
            "breaches": len(breaches),
            "where": "\n".join(listed[:_LISTED]) or "none",
        },
    )
