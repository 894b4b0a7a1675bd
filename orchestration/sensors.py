"""Sensors: a late or re-delivered export re-runs its day."""

from __future__ import annotations

import datetime as dt

import dagster as dg

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
