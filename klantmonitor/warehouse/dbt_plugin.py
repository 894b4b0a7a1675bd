"""dbt-duckdb plugin: registers klantmonitor's functions on every dbt connection.

Named in ``dbt_project/profiles.yml``; the key and the run's partition window come from the
environment, never from dbt's vars (so neither reaches the manifest, and a new window does not
force dbt to parse the project again).
"""

from __future__ import annotations

from dbt.adapters.duckdb.plugins import BasePlugin
from duckdb import DuckDBPyConnection

from klantmonitor.secret import require_secret_key
from klantmonitor.warehouse.udfs import register, register_hmac_pads, register_run_dates


class Plugin(BasePlugin):
    """Adds the ``km_*`` functions (HMAC keys, IP hashes, scrubbing, user agents)."""

    def configure_connection(self, conn: DuckDBPyConnection) -> None:
        register(conn, require_secret_key().encode())

    def configure_cursor(self, cursor: DuckDBPyConnection) -> None:
        register_hmac_pads(cursor, require_secret_key().encode())
        register_run_dates(cursor)
