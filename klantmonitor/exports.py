"""Per-client report exports: Parquet per table plus a small ``<client>.duckdb`` of views.

A client's folder is built aside and swapped in whole, so a consumer never sees a half-written
export and a crash leaves the previous one in place.
"""

from __future__ import annotations

import re
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

import duckdb

CLIENT_CODE = re.compile(r"^[A-Za-z0-9_-]{1,32}$")
MONTH_PARTITIONED_BY = "feedback_date"


@dataclass(frozen=True)
class ClientExport:
    """What was written for one client (counts only)."""

    client: str
    tables: dict[str, int]


def _table_columns(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> list[str]:
    rows = con.execute(
        "select column_name from information_schema.columns "
        "where table_schema = ? and table_name = ? order by ordinal_position",
        [schema, table],
    ).fetchall()
    return [r[0] for r in rows]


def reporting_tables(con: duckdb.DuckDBPyConnection, schema: str = "reporting") -> list[str]:
    """The tables of the reporting schema (every one carries ``client_code``)."""
    rows = con.execute(
        "select table_name from information_schema.tables where table_schema = ? order by 1",
        [schema],
    ).fetchall()
    return [r[0] for r in rows]


def clients(
    con: duckdb.DuckDBPyConnection, tables: list[str], schema: str = "reporting"
) -> list[str]:
    """Every client code that appears in any reporting table."""
    if not tables:
        return []
    union = " union ".join(f"select distinct client_code from {schema}.{t}" for t in tables)
    found = [r[0] for r in con.execute(f"{union} order by 1").fetchall() if r[0] is not None]
    bad = [c for c in found if not CLIENT_CODE.match(c)]
    if bad:
        raise ValueError(f"{len(bad)} client code(s) are not usable as folder names")
    return found


def _write_client(
    con: duckdb.DuckDBPyConnection, client: str, tables: list[str], folder: Path, schema: str
) -> ClientExport:
    counts: dict[str, int] = {}
    views: list[str] = []
    params = {"client": client}
    for table in tables:
        target = folder / table
        by_month = MONTH_PARTITIONED_BY in _table_columns(con, schema, table)
        month = f", strftime({MONTH_PARTITIONED_BY}, '%Y-%m') as month" if by_month else ""
        source = f"select *{month} from {schema}.{table} where client_code = $client"
        counts[table] = con.execute(f"select count(*) from ({source})", params).fetchall()[0][0]
        if by_month and counts[table]:
            options = "format parquet, compression zstd, partition_by (month)"
            con.execute(f"copy ({source}) to '{target}' ({options})", params)
            hive = "hive_partitioning = true, hive_types = {'month': varchar}"
            read = f"'{table}/*/*.parquet', {hive}"
        else:  # one file; with no rows an empty, typed file keeps the view valid
            target.mkdir(parents=True)
            options = "format parquet, compression zstd"
            con.execute(f"copy ({source}) to '{target / 'data.parquet'}' ({options})", params)
            read = f"'{table}/*.parquet'"
        views.append(f"create view {table} as select * from read_parquet({read})")
    _write_views(folder, client, views)
    return ClientExport(client, counts)


def _write_views(folder: Path, client: str, views: list[str]) -> None:
    """``<client>.duckdb`` with one view per table, paths relative to the client folder."""
    db = duckdb.connect(str(folder / f"{client}.duckdb"))
    try:
        db.execute(f"set file_search_path = '{folder}'")
        for view in views:
            db.execute(view)
    finally:
        db.close()


def _swap_in(built: Path, final: Path) -> None:
    """Replace ``final`` by ``built``; the old folder is removed only after the new one is in."""
    old = final.with_name(f".old-{final.name}-{uuid.uuid4().hex[:8]}")
    if final.exists():
        final.rename(old)
    built.rename(final)
    shutil.rmtree(old, ignore_errors=True)


def recover(exports_root: Path) -> None:
    """Put back a client folder whose swap was interrupted between its two renames."""
    for old in sorted(exports_root.glob(".old-*")):
        client = old.name.removeprefix(".old-").rsplit("-", 1)[0]
        final = exports_root / client
        if final.exists():
            shutil.rmtree(old, ignore_errors=True)
        else:
            old.rename(final)
    for build in exports_root.glob(".build-*"):
        shutil.rmtree(build, ignore_errors=True)


def export_clients(
    warehouse: Path, exports_root: Path, schema: str = "reporting"
) -> list[ClientExport]:
    """Write every client's export folder under ``exports_root/<client>/``."""
    exports_root.mkdir(parents=True, exist_ok=True)
    recover(exports_root)
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        tables = reporting_tables(con, schema)
        written = []
        for client in clients(con, tables, schema):
            build = exports_root / f".build-{uuid.uuid4().hex[:8]}" / client
            build.mkdir(parents=True)
            written.append(_write_client(con, client, tables, build, schema))
            _swap_in(build, exports_root / client)
            shutil.rmtree(build.parent, ignore_errors=True)
        return written
    finally:
        con.close()
