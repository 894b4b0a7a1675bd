"""The Definitions the UI (``dagster dev``) and the ``klantmonitor`` CLI both load."""

import dagster as dg

from assets.exports import client_exports
from assets.ingestion import ingestion_assets, landing_specs
from assets.retention import retention_purge
from assets.subject_requests import subject_requests
from assets.warehouse import WAREHOUSE_ASSETS, dbt_resource
from checks.governance import GOVERNANCE_CHECKS
from checks.subject_requests import answered_within_25_days
from orchestration.jobs import governance_job, nightly_job, subject_request_job
from orchestration.resources import settings_from_env
from orchestration.schedules import governance_schedule, nightly_schedule
from orchestration.sensors import erase_launchpad_runs, landing_sensor

defs = dg.Definitions(
    assets=[
        *landing_specs,
        *ingestion_assets,
        retention_purge,
        *WAREHOUSE_ASSETS,
        client_exports,
        subject_requests,
    ],
    asset_checks=[*GOVERNANCE_CHECKS, answered_within_25_days],
    jobs=[nightly_job, subject_request_job, governance_job],
    schedules=[nightly_schedule, governance_schedule],
    sensors=[landing_sensor, erase_launchpad_runs],
    resources={"settings": settings_from_env(), "dbt": dbt_resource()},
)
