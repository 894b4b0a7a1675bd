"""Schedules: the nightly run of yesterday's partition at 02:00 Amsterdam time."""

from __future__ import annotations

import dagster as dg

from orchestration.jobs import nightly_job

nightly_schedule = dg.build_schedule_from_partitioned_job(
    nightly_job,
    name="nightly_schedule",
    description="Runs yesterday's partition end to end at 02:00 Europe/Amsterdam.",
    hour_of_day=2,
    minute_of_hour=0,
)
