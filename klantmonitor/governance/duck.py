"""DuckDB connections for governance: an in-memory session with the warehouse attached as ``wh``.

Working in memory keeps temporary tables (facts, scan results) out of ``warehouse.duckdb``; the
warehouse is attached read-only for the checks and read-write only for the purge.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from klantmonitor.paths import DataPaths

WAREHOUSE_ALIAS = "wh"
PARTITION_COLUMN = "partition_date"  # the landing day of a warehouse row


def sql_string(text: str | Path) -> str:
    """A SQL string literal."""
    return "'" + str(text).replace("'", "''") + "'"


@contextmanager
def governance_connection(
    paths: DataPaths, *, read_only: bool = True
) -> Iterator[duckdb.DuckDBPyConnection]:
    """An in-memory DuckDB session; the warehouse (if any, or always when writing) as ``wh``."""
    con = duckdb.connect()
    try:
        con.execute("set TimeZone = 'UTC'")
        if not read_only or paths.warehouse.exists():
            paths.root.mkdir(parents=True, exist_ok=True)
            mode = " (read_only)" if read_only else ""
            con.execute(f"attach {sql_string(paths.warehouse)} as {WAREHOUSE_ALIAS}{mode}")
        yield con
    finally:
        con.close()


def warehouse_tables(con: duckdb.DuckDBPyConnection) -> set[tuple[str, str]]:
    """(schema, table) of every table in the attached warehouse."""
    rows = con.execute(
        "select schema_name, table_name from duckdb_tables() where database_name = ?",
        [WAREHOUSE_ALIAS],
    ).fetchall()
    return {(s, t) for s, t in rows}


def table_columns(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> list[tuple[str, str]]:
    """(column, type) of a table of the attached warehouse, in order; none if it is absent."""
    return con.execute(
        "select column_name, data_type from duckdb_columns() where database_name = ? "
        "and schema_name = ? and table_name = ? order by column_index",
        [WAREHOUSE_ALIAS, schema, table],
    ).fetchall()


def window_filter(window: tuple[dt.date, dt.date] | None) -> tuple[str, list[dt.date]]:
    """A where-clause (with its parameters) keeping the rows of ``window``'s days (first and
    last included, by :data:`PARTITION_COLUMN`); no clause without a window."""
    if not window:
        return "", []
    return f' where "{PARTITION_COLUMN}" between ? and ?', [window[0], window[1]]


#: Rows to read: a from-clause (with any where-clause) and its parameters.
RowSource = tuple[str, list[object]]


def day_chunks(
    con: duckdb.DuckDBPyConnection,
    relation: str,
    window: tuple[dt.date, dt.date] | None,
    max_rows: int = 0,
) -> list[RowSource]:
    """A day-partitioned ``relation`` as row sources of consecutive days (of ``window``, or all
    its days), each of at most ``max_rows`` rows (a bigger day on its own; 0: one day each);
    rows without a day are a source of their own. Reading one source at a time keeps the
    memory of a long backfill bounded."""
    where, params = window_filter(window)
    counts = con.execute(
        f'select "{PARTITION_COLUMN}", count(*) from {relation}{where} group by 1 order by 1',
        params,
    ).fetchall()
    sources: list[RowSource] = []
    days: list[dt.date] = []
    rows = 0
    for day, n in [*counts, (None, 0)]:  # a last null day closes the last chunk
        if days and (day is None or not max_rows or rows + n > max_rows):
            between = f'{relation} where "{PARTITION_COLUMN}" between ? and ?'
            sources.append((between, [days[0], days[-1]]))
            days, rows = [], 0
        if day is not None:
            days.append(day)
            rows += n
        elif n:
            sources.append((f'{relation} where "{PARTITION_COLUMN}" is null', []))
    return sources
