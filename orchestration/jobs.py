"""Jobs: the nightly pipeline for one day (or a range, as one backfill run)."""

from __future__ import annotations

import dagster as dg

from orchestration.partitions import daily_partitions

nightly_job = dg.define_asset_job(
    "nightly",
    selection=dg.AssetSelection.key_prefixes("raw"),
    partitions_def=daily_partitions,
    description="Ingest every source's export of one day into the raw zone.",
)
