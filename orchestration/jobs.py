"""Jobs: the nightly pipeline for one day (or a range, as one backfill run)."""

import dagster as dg

nightly_job = dg.define_asset_job(
    "nightly",
    selection=dg.AssetSelection.all() - dg.AssetSelection.key_prefixes("landing"),
    description="Ingest every source's export of the day, then build and test the warehouse.",
)
