"""Flags and overrides in the warehouse (schema ``subjects``), keyed by pseudonym.

``subjects.flags``: an active restriction or objection; the staging models leave the subject's
rows out (restriction: every staging model; objection: CRM and newsletter, the processing on
legitimate interest). ``subjects.overrides``: rectified values that the staging models put in
place of the delivered ones. Both are read by ``dbt_project/macros/subject_rights.sql``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

import duckdb

SCHEMA = "subjects"
DDL = f"""
create schema if not exists {SCHEMA};
create table if not exists {SCHEMA}.flags (
    pseudonym varchar not null, flag varchar not null, request_id varchar not null,
    set_at timestamptz not null
);
create table if not exists {SCHEMA}.overrides (
    pseudonym varchar not null, field varchar not null, value varchar not null,
    request_id varchar not null, set_at timestamptz not null
);
"""


def ensure_registry(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(DDL)


def set_flag(
    con: duckdb.DuckDBPyConnection,
    pseudonyms: Iterable[str],
    flag: str,
    request_id: str,
    now: dt.datetime,
) -> None:
    """Flag the subject (once per pseudonym and flag)."""
    for p in pseudonyms:
        con.execute(
            f"insert into {SCHEMA}.flags select $p, $flag, $request, $now where not exists "
            f"(select 1 from {SCHEMA}.flags where pseudonym = $p and flag = $flag)",
            {"p": p, "flag": flag, "request": request_id, "now": now},
        )


def lift_flag(con: duckdb.DuckDBPyConnection, pseudonyms: Iterable[str], flag: str) -> int:
    """Remove the subject's ``flag``; how many flags were lifted."""
    rows = con.execute(
        f"delete from {SCHEMA}.flags where flag = $flag and pseudonym in (select unnest($p)) "
        "returning 1",
        {"flag": flag, "p": list(pseudonyms)},
    ).fetchall()
    return len(rows)


def add_overrides(
    con: duckdb.DuckDBPyConnection,
    pseudonyms: Iterable[str],
    corrected: Mapping[str, str],
    request_id: str,
    now: dt.datetime,
) -> None:
    """Keep corrected values; the latest correction of a field wins in staging."""
    rows = [
        (p, name, value, request_id, now) for p in pseudonyms for name, value in corrected.items()
    ]
    con.executemany(f"insert into {SCHEMA}.overrides values (?, ?, ?, ?, ?)", rows)
