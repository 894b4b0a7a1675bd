"""Settings as Dagster resources: the data directory, the secret key, storage locations,
retention overrides and the simulated date."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from zoneinfo import ZoneInfo

import dagster as dg
from pydantic import Field, PrivateAttr

from klantmonitor.governance.eea import refuse_outside_eea
from klantmonitor.paths import DataPaths
from klantmonitor.secret import SECRET_KEY_ENV, validate_secret_key

DATA_DIR_ENV = "KLANTMONITOR_DATA_DIR"
DEFAULT_DATA_DIR = "data"
STORAGE_LOCATIONS_ENV = "KLANTMONITOR_STORAGE_LOCATIONS"
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


class KlantmonitorSettings(dg.ConfigurableResource):
    """Where the zones live and the key for keyed pseudonyms.

    ``data_dir`` holds landing, raw, quarantine, ``warehouse.duckdb`` and ``exports/``; a
    relative path is taken from the current working directory.
    """

    data_dir: str = DEFAULT_DATA_DIR
    secret_key: str
    storage_locations: list[str] = Field(
        default_factory=list,
        description="Every other place platform data is kept (backups, export delivery), as "
        "URLs with their region, e.g. `s3://bucket?region=eu-central-1`; the EEA guard refuses "
        "a location outside the EEA or without a known region. Default: none.",
    )
    retention_days: dict[str, int] = Field(
        default_factory=dict,
        description="Retention windows in days that override `dbt_project/seeds/"
        "retention_policy.csv`, by dataset (e.g. short windows for a simulation). Default: none.",
    )
    simulated_today: str = Field(
        default="",
        description="The platform's 'today' (YYYY-MM-DD) for simulations and tests: retention "
        "cut-offs, future-timestamp checks and load stamps use it. Default: empty, the real date "
        "in Europe/Amsterdam.",
    )

    _paths: DataPaths | None = PrivateAttr(default=None)

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        validate_secret_key(self.secret_key)
        self._paths = DataPaths(Path(self.data_dir).resolve())

    @property
    def paths(self) -> DataPaths:
        return self._paths or DataPaths(Path(self.data_dir).resolve())

    @property
    def key_bytes(self) -> bytes:
        return validate_secret_key(self.secret_key).encode()

    def now(self) -> dt.datetime:
        """The current moment (UTC); under ``simulated_today``, 02:00 Amsterdam time that day."""
        if not self.simulated_today:
            return dt.datetime.now(dt.UTC)
        day = dt.date.fromisoformat(self.simulated_today)
        return dt.datetime.combine(day, dt.time(2), AMSTERDAM).astimezone(dt.UTC)

    def today(self) -> dt.date:
        """The current date in Europe/Amsterdam (the date retention windows count from)."""
        return self.now().astimezone(AMSTERDAM).date()


def settings_from_env() -> KlantmonitorSettings:
    """Settings bound to the environment; fails at start-up when the secret key is missing or a
    storage location (``KLANTMONITOR_STORAGE_LOCATIONS``, comma-separated) is outside the EEA."""
    validate_secret_key(os.environ.get(SECRET_KEY_ENV))
    data_dir = dg.EnvVar(DATA_DIR_ENV) if os.environ.get(DATA_DIR_ENV) else DEFAULT_DATA_DIR
    listed = os.environ.get(STORAGE_LOCATIONS_ENV, "").replace(" ", ",")
    locations = [location for location in listed.split(",") if location]
    refuse_outside_eea(locations)
    return KlantmonitorSettings(
        data_dir=data_dir, secret_key=dg.EnvVar(SECRET_KEY_ENV), storage_locations=locations
    )
