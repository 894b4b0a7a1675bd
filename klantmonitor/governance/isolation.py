"""Client isolation (P6): every export file under ``exports/<client>/`` holds only that client.

A file breaks the rule when a row's ``client_code`` is not the folder's client (or is empty),
when it has no ``client_code`` column to prove it, or when it lies outside a client folder.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pyarrow.parquet as pq

from klantmonitor.governance.duck import sql_string
from klantmonitor.governance.pii_absence import export_files
from klantmonitor.paths import DataPaths

CLIENT_COLUMN = "client_code"


@dataclass(frozen=True)
class Breach:
    """An export file that is not provably one client's (counts only)."""

    file: str  # relative to the data directory
    rule: str
    rows: int

    def describe(self) -> str:
        return f"{self.file}: {self.rule} ({self.rows} rows)"


def isolation_breaches(
    con: duckdb.DuckDBPyConnection, paths: DataPaths
) -> tuple[int, list[Breach]]:
    """(files checked, breaches) over every export file."""
    breaches, checked = [], 0
    for path in export_files(paths):
        checked += 1
        file = str(path.relative_to(paths.root))
        parts = path.relative_to(paths.exports).parts
        if len(parts) < 2:
            rows = pq.read_metadata(path).num_rows
            breaches.append(Breach(file, "outside a client folder", rows))
            continue
        if CLIENT_COLUMN not in pq.read_schema(path).names:
            rows = pq.read_metadata(path).num_rows
            breaches.append(Breach(file, f"no {CLIENT_COLUMN} column", rows))
            continue
        [(others,)] = con.execute(
            f"select count(*) from read_parquet({sql_string(path)}, hive_partitioning = false) "
            f"where {CLIENT_COLUMN} is distinct from ?",
            [parts[0]],
        ).fetchall()
        if others:
            breaches.append(Breach(file, f"rows of another client than {parts[0]}", others))
    return checked, breaches
