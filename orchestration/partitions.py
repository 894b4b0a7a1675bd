"""The daily partitioning shared by every asset: one partition per day covered, Amsterdam time."""

from __future__ import annotations

import datetime as dt
import warnings

import dagster as dg

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
