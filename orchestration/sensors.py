"""Sensors: a late or re-delivered export re-runs its day; a finished launchpad subject
request leaves no clear data in Dagster's run storage."""

from __future__ import annotations

import datetime as dt

import dagster as dg

from assets.subject_requests import SubjectRequestConfig
from klantmonitor.paths import DataPaths
from klantmonitor.sources.contract import SOURCES, Source
from orchestration.jobs import nightly_job
from orchestration.partitions import daily_partitions
from orchestration.resources import KlantmonitorSettings

LOOKBACK_DAYS = 7


def newest_landing_mtime(paths: DataPaths, source: Source, day: dt.date) -> float | None:
    """Modification time of the newest file of ``source`` for ``day``, if any."""
    folder = paths.landing_day(source.name, day)
    files = [f for f in folder.rglob("*") if f.is_file()] if folder.is_dir() else []
    return max((f.stat().st_mtime for f in files), default=None)


def last_ingested(instance: dg.DagsterInstance, source: Source, key: str) -> float | None:
    """When the raw-zone partition of ``source`` was last materialised, if ever."""
    records = instance.fetch_materializations(
        dg.AssetRecordsFilter(asset_key=dg.AssetKey(["raw", source.name]), asset_partitions=[key]),
        limit=1,
    ).records
    return records[0].timestamp if records else None


def stale_days(instance: dg.DagsterInstance, paths: DataPaths, keys: list[str]) -> dict[str, float]:
    """Days whose landing files are newer than their last ingestion, with the newest mtime.

    The newest day is left to the nightly schedule until it has run once.
    """
    stale: dict[str, float] = {}
    for key in keys:
        day = dt.date.fromisoformat(key)
        for source in SOURCES.values():
            newest = newest_landing_mtime(paths, source, day)
            ingested = last_ingested(instance, source, key)
            if newest is None or (ingested is None and key == keys[-1]):
                continue
            if ingested is None or newest > ingested:
                stale[key] = max(newest, stale.get(key, 0.0))
    return stale


@dg.sensor(
    job=nightly_job,
    minimum_interval_seconds=300,
    description=f"Re-runs a day of the last {LOOKBACK_DAYS} whose landing files are newer than "
    "its last ingestion (a late or re-delivered export). The nightly schedule does the rest.",
)
def landing_sensor(context: dg.SensorEvaluationContext, settings: KlantmonitorSettings):
    keys = daily_partitions.get_partition_keys()[-LOOKBACK_DAYS:]
    return [
        dg.RunRequest(partition_key=key, run_key=f"{key}:{newest:.0f}")
        for key, newest in stale_days(context.instance, settings.paths, keys).items()
    ]


_FINISHED = (
    dg.DagsterRunStatus.SUCCESS,
    dg.DagsterRunStatus.FAILURE,
    dg.DagsterRunStatus.CANCELED,
)


_ASSET_EVENTS = {dg.DagsterEventType.ASSET_MATERIALIZATION, dg.DagsterEventType.ASSET_OBSERVATION}


def _keep_asset_events(instance: dg.DagsterInstance, run_id: str) -> None:
    """Report the asset materialisations and observations of a run about to be deleted again,
    without the run: what the request changed, when and why stays in each asset's history."""
    for entry in instance.all_logs(run_id, of_type=_ASSET_EVENTS):
        if (event := entry.asset_materialization or entry.asset_observation) is not None:
            instance.report_runless_asset_event(event)


@dg.sensor(
    minimum_interval_seconds=30,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Deletes every finished run whose config holds a data-subject request's clear "
    "e-mail, phone or details (the launchpad door), with its event log: Dagster stores run "
    "config for good, the request log keeps the outcome under pseudonyms. The run's asset "
    "materialisations and observations (their metadata holds no clear data) are kept, as "
    "runless events.",
)
def erase_launchpad_runs(context: dg.SensorEvaluationContext):
    since = dt.datetime.fromtimestamp(float(context.cursor), dt.UTC) if context.cursor else None
    records = context.instance.get_run_records(
        filters=dg.RunsFilter(statuses=list(_FINISHED), updated_after=since),
        order_by="update_timestamp",
        ascending=True,
    )
    erased = 0
    for record in records:
        if SubjectRequestConfig.holds_clear_data(record.dagster_run.run_config):
            _keep_asset_events(context.instance, record.dagster_run.run_id)
            context.instance.delete_run(record.dagster_run.run_id)
            erased += 1
    if records:  # runs updated at the cursor's instant are looked at again: deleting is idempotent
        context.update_cursor(str(records[-1].update_timestamp.timestamp() - 1))
    return dg.SkipReason(f"{erased} finished run(s) with clear request data deleted")
