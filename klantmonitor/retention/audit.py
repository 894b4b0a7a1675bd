"""``audit.retention_log`` in the warehouse: one row per dataset and place at every purge.

Rows hold the dataset, where, the window and cutoff, how many rows or files were removed, the
Dagster run id and the time; never any content. Zero counts are logged too, so an auditor sees
that every dataset was evaluated on every purge.
"""

from __future__ import annotations

import datetime as dt

import duckdb

from klantmonitor.governance.duck import WAREHOUSE_ALIAS
from klantmonitor.retention.expiry import Expired

AUDIT_TABLE = f"{WAREHOUSE_ALIAS}.audit.retention_log"

_DDL = f"""
create table if not exists {AUDIT_TABLE} (
    dataset varchar not null,
    layer varchar not null,
    relation varchar not null,
    window_days integer not null,
    cutoff date not null,
    rows_removed bigint not null,
    files_removed bigint not null,
    run_id varchar not null,
    purged_at timestamptz not null
)
"""


def ensure_audit_table(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(f"create schema if not exists {WAREHOUSE_ALIAS}.audit")
    con.execute(_DDL)


def append_audit(
    con: duckdb.DuckDBPyConnection, expired: list[Expired], run_id: str, at: dt.datetime
) -> None:
    """Append one row per entry of ``expired`` (in the caller's transaction)."""
    ensure_audit_table(con)
    con.executemany(
        f"insert into {AUDIT_TABLE} values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            [e.dataset, e.layer, e.relation, e.window_days, e.cutoff, e.rows, e.files, run_id, at]
            for e in expired
        ],
    )
