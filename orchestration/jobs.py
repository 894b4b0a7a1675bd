"""Jobs: the nightly pipeline for one day (or a range, as one backfill run)."""

from __future__ import annotations

import dagster as dg

nightly_job = dg.define_asset_job(
    "nightly",
    selection=dg.AssetSelection.key_prefixes("raw"),
    description="Ingest every source's export of one day into the raw zone.",
)
