"""Settings as Dagster resources: the data directory and the secret key."""

from __future__ import annotations

import os
from pathlib import Path

import dagster as dg
from pydantic import PrivateAttr

from klantmonitor.paths import DataPaths
from klantmonitor.secret import SECRET_KEY_ENV, validate_secret_key

DATA_DIR_ENV = "KLANTMONITOR_DATA_DIR"
DEFAULT_DATA_DIR = "data"


class KlantmonitorSettings(dg.ConfigurableResource):
    """Where the zones live and the key for keyed pseudonyms.

    ``data_dir`` holds landing, raw, quarantine, ``warehouse.duckdb`` and ``exports/``; a
    relative path is taken from the current working directory.
    """

    data_dir: str = DEFAULT_DATA_DIR
    secret_key: str

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


def settings_from_env() -> KlantmonitorSettings:
    """Settings bound to the environment; fails at start-up when the secret key is missing."""
    validate_secret_key(os.environ.get(SECRET_KEY_ENV))
    data_dir = dg.EnvVar(DATA_DIR_ENV) if os.environ.get(DATA_DIR_ENV) else DEFAULT_DATA_DIR
    return KlantmonitorSettings(data_dir=data_dir, secret_key=dg.EnvVar(SECRET_KEY_ENV))
