"""The daily partitioning shared by every asset: one partition per day covered, Amsterdam time."""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Mapping

import dagster as dg
from dagster._core.storage.tags import (
    ASSET_PARTITION_RANGE_END_TAG,
    ASSET_PARTITION_RANGE_START_TAG,
    PARTITION_NAME_TAG,
)

TIMEZONE = "Europe/Amsterdam"
FIRST_DAY = "2023-01-01"

daily_partitions = dg.DailyPartitionsDefinition(start_date=FIRST_DAY, timezone=TIMEZONE)

# A backfill of many days runs as one run per range. `backfill_policy` is beta in Dagster 1.13;
# we rely on it on purpose, so its beta notice is not repeated on every load.
single_run_backfill = dg.BackfillPolicy.single_run()
warnings.filterwarnings("ignore", message="Parameter `backfill_policy`", category=dg.BetaWarning)


def partition_days(context: dg.AssetExecutionContext) -> list[dt.date]:
    """The days this run materialises (one, or a range under a single-run backfill)."""
    return [dt.date.fromisoformat(key) for key in context.partition_keys]


#: A run's window of days covered: (first, last), both included.
Window = tuple[dt.date, dt.date]


def run_window(tags: Mapping[str, str]) -> Window | None:
    """The days a run covers, from its tags (one partition, or a single-run range); None for a
    run without partitions (e.g. the governance job, which then looks at everything)."""
    if key := tags.get(PARTITION_NAME_TAG):
        return dt.date.fromisoformat(key), dt.date.fromisoformat(key)
    first, last = tags.get(ASSET_PARTITION_RANGE_START_TAG), tags.get(ASSET_PARTITION_RANGE_END_TAG)
    if first and last:
        return dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    return None
