"""The Definitions the UI (``dagster dev``) and the ``klantmonitor`` CLI both load."""

import dagster as dg

from assets.exports import client_exports
from assets.ingestion import ingestion_assets, landing_specs
from assets.warehouse import dbt_resource, warehouse_models
from orchestration.jobs import nightly_job
from orchestration.resources import settings_from_env
from orchestration.schedules import nightly_schedule
from orchestration.sensors import landing_sensor

defs = dg.Definitions(
    assets=[*landing_specs, *ingestion_assets, warehouse_models, client_exports],
    jobs=[nightly_job],
    schedules=[nightly_schedule],
    sensors=[landing_sensor],
    resources={"settings": settings_from_env(), "dbt": dbt_resource()},
)
