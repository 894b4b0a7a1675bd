"""The retention policy table: ``dbt_project/seeds/retention_policy.csv``, read once for all.

The same file is a dbt seed (``reference.retention_policy`` in the warehouse, for auditors); the
purge, the retention checks and the subject-request bundles read it here. Windows can be
overridden per dataset (the settings resource's ``retention_days``), e.g. for a simulation.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

POLICY_CSV = Path(__file__).resolve().parents[2] / "dbt_project" / "seeds" / "retention_policy.csv"


@dataclass(frozen=True)
class Policy:
    """One row of the policy table."""

    dataset: str
    window_days: int | None  # None: unlimited
    anchor: str
    condition: str
    holds: str
    statement: str

    def cutoff(self, today: dt.date) -> dt.date | None:
        """Data whose anchor date is before this day has expired on ``today``; None: never.

        A window of N days keeps data anchored on day A up to and including day A + N.
        """
        if self.window_days is None:
            return None
        return today - dt.timedelta(days=self.window_days)


class UnknownDatasetError(KeyError):
    """An override names a dataset that is not in the policy table."""


def load_policies(
    overrides: Mapping[str, int] | None = None, path: Path = POLICY_CSV
) -> dict[str, Policy]:
    """The policy table by dataset, with ``overrides`` (dataset -> days) applied."""
    with path.open(newline="", encoding="utf-8") as fh:
        policies = {
            row["dataset"]: Policy(
                dataset=row["dataset"],
                window_days=int(row["window_days"]) if row["window_days"] else None,
                anchor=row["anchor"],
                condition=row["condition"],
                holds=row["holds"],
                statement=row["statement"],
            )
            for row in csv.DictReader(fh)
        }
    for dataset, days in (overrides or {}).items():
        if dataset not in policies:
            raise UnknownDatasetError(f"retention override for unknown dataset {dataset!r}")
        if days < 0:
            raise ValueError(f"retention window of {dataset} is negative")
        policies[dataset] = replace(policies[dataset], window_days=days)
    return policies
