"""Schedules: the nightly run of yesterday's partition at 02:00, the governance checks at 06:00."""

from __future__ import annotations

import dagster as dg

from orchestration.jobs import governance_job, nightly_job

nightly_schedule = dg.build_schedule_from_partitioned_job(
    nightly_job,
    name="nightly_schedule",
    description="Runs yesterday's partition end to end at 02:00 Europe/Amsterdam.",
    hour_of_day=2,
    minute_of_hour=0,
)

governance_schedule = dg.ScheduleDefinition(
    name="governance_schedule",
    job=governance_job,
    cron_schedule="0 6 * * *",
    execution_timezone="Europe/Amsterdam",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Runs every governance check at 06:00 Europe/Amsterdam, whether or not anything "
    "was materialised: data expires with time alone. On by default.",
)
