"""The daily partitioning shared by every asset: one partition per day covered, Amsterdam time."""

from __future__ import annotations

import datetime as dt

import dagster as dg

TIMEZONE = "Europe/Amsterdam"
FIRST_DAY = "2025-01-01"

daily_partitions = dg.DailyPartitionsDefinition(start_date=FIRST_DAY, timezone=TIMEZONE)


def partition_days(context: dg.AssetExecutionContext) -> list[dt.date]:
    """The days this run materialises (one, or a range under a single-run backfill)."""
    return [dt.date.fromisoformat(key) for key in context.partition_keys]
