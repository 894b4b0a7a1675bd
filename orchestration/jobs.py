"""Jobs: the nightly pipeline (one day, or a range as one backfill run), subject requests,
and the governance checks."""

import dagster as dg

from checks.governance import GOVERNANCE_CHECKS
from checks.subject_requests import SUBJECT_REQUESTS_KEY

nightly_job = dg.define_asset_job(
    "nightly",
    selection=(dg.AssetSelection.all() - dg.AssetSelection.key_prefixes("landing"))
    | dg.AssetSelection.checks(*GOVERNANCE_CHECKS),
    description="Ingest every source's export of the day, then build and test the warehouse, "
    "purge what is past its retention window and run the governance checks.",
)

subject_request_job = dg.define_asset_job(
    "subject_request",
    selection=dg.AssetSelection.assets(SUBJECT_REQUESTS_KEY),
    description="Register a data-subject request (launchpad run config, or `klantmonitor "
    "request`) and handle every open request.",
)

governance_job = dg.define_asset_job(
    "governance",
    selection=dg.AssetSelection.checks(*GOVERNANCE_CHECKS),
    description="The governance checks on their own (retention, PII absence, client isolation, "
    "EEA storage, data quality), independent of materialisations.",
)
