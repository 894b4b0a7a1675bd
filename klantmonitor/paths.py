"""Where everything lives: one data directory from which every zone derives."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class DataPaths:
    """The zones below ``KLANTMONITOR_DATA_DIR``."""

    root: Path

    @property
    def landing(self) -> Path:
        """Vendor exports as delivered: ``<source>/<YYYY-MM-DD>/<files>``."""
        return self.root / "landing"

    @property
    def raw(self) -> Path:
        """Parsed exports as Parquet: ``<source>/date=<YYYY-MM-DD>/data.parquet``."""
        return self.root / "raw"

    @property
    def quarantine(self) -> Path:
        """Rejected rows and files, with file, line and reason."""
        return self.root / "quarantine"

    @property
    def warehouse(self) -> Path:
        """The platform's DuckDB warehouse (never handed to a client)."""
        return self.root / "warehouse.duckdb"

    @property
    def exports(self) -> Path:
        """Per-client report exports."""
        return self.root / "exports"

    @property
    def demo_ledger(self) -> Path:
        """The demo generator's record of every PII value it injected (demo and tests only)."""
        return self.root / "demo" / "pii_ledger"

    def landing_day(self, source: str, day: dt.date) -> Path:
        return self.landing / source / day.isoformat()

    def raw_file(self, source: str, day: dt.date) -> Path:
        return self.raw / source / f"date={day.isoformat()}" / "data.parquet"

    def quarantine_file(self, source: str, day: dt.date) -> Path:
        return self.quarantine / source / f"date={day.isoformat()}" / "data.parquet"
