"""EEA guard (P5) as a blocking check on every raw-zone asset.

The Definitions already refuse to load with a storage location outside the EEA in the
environment (``settings_from_env``); this check proves the running configuration (including
launchpad overrides) every night and morning, and stops the warehouse build, the purge and
the exports of the run when it fails. It names the location and the reason.
"""

import dagster as dg

from assets.ingestion import ingestion_assets
from klantmonitor.governance.eea import refusals
from orchestration.resources import KlantmonitorSettings

CHECK_NAME = "eea_storage"


@dg.multi_asset_check(
    name="eea_storage_checks",
    specs=[
        dg.AssetCheckSpec(
            CHECK_NAME,
            asset=asset.key,
            blocking=True,
            description="Every configured storage location (data directory, "
            "`storage_locations`) is inside the EEA.",
        )
        for asset in ingestion_assets
    ],
    can_subset=True,
)
def eea_storage_checks(context: dg.AssetCheckExecutionContext, settings: KlantmonitorSettings):
    locations = [str(settings.paths.root), *settings.storage_locations]
    refused = refusals(locations)
    listed = "; ".join(f"{r.location}: {r.reason}" for r in refused)
    for check_key in sorted(context.selected_asset_check_keys, key=str):
        yield dg.AssetCheckResult(
            asset_key=check_key.asset_key,
            check_name=CHECK_NAME,
            passed=not refused,
            description=f"storage outside the EEA: {listed}" if refused else None,
            metadata={"locations": len(locations), "refused": listed or "none"},
        )
