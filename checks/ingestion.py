"""Checks on each ingestion: was the export delivered, and how much went to quarantine."""

from __future__ import annotations

import dagster as dg

from klantmonitor.sources.contract import Source

MAX_QUARANTINE_SHARE = 0.05


def ingestion_check_specs(source: Source, asset_key: dg.AssetKey) -> list[dg.AssetCheckSpec]:
    """The checks every ingestion asset reports with each materialisation."""
    return [
        dg.AssetCheckSpec(
            "export_delivered",
            asset=asset_key,
            description=f"Every day in the run has at least one {source.title} file.",
        ),
        dg.AssetCheckSpec(
            "quarantine_share",
            asset=asset_key,
            description=f"At most {MAX_QUARANTINE_SHARE:.0%} of the records go to quarantine.",
        ),
    ]


def delivered_check(source: Source, days_without_files: list[str]) -> dg.AssetCheckResult:
    """Fails (warning) when a day had no export; says which days, never any content."""
    return dg.AssetCheckResult(
        check_name="export_delivered",
        passed=not days_without_files,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={"days_without_export": ", ".join(days_without_files) or "none"},
        description=None
        if not days_without_files
        else f"No {source.title} export for {len(days_without_files)} day(s).",
    )


def quarantine_check(rows: int, quarantined: int) -> dg.AssetCheckResult:
    """Fails (warning) when more than MAX_QUARANTINE_SHARE of the records were rejected."""
    total = rows + quarantined
    share = quarantined / total if total else 0.0
    return dg.AssetCheckResult(
        check_name="quarantine_share",
        passed=share <= MAX_QUARANTINE_SHARE,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={
            "quarantined": quarantined,
            "records": total,
            "share": round(share, 4),
        },
    )
