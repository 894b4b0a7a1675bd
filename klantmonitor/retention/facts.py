"""Facts the conditional windows need, as temporary DuckDB tables, read from the raw zone.

- ``_crm_latest(latest_day)``: the landing day of the newest CRM snapshot with rows;
- ``_client_emails(client_email)``: e-mails of client contacts in that snapshot;
- ``_contact_days(contact_email, contact_day)``: every contact moment per e-mail (form
  submissions, and the CRM's ``last_contact_at``);
- ``_unsubscribes(unsub_email, unsub_at, unsub_day)``: newsletter unsubscribe events;
- ``_application_state(state_id, closed_day, consent)``: each application's latest record.

They are computed once, before anything is deleted, so every layer is judged on the same facts.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from klantmonitor.governance.duck import sql_string
from klantmonitor.paths import DataPaths
from klantmonitor.retention.rules import local_day


def parquet_scan(files: list[Path], *, hive: bool = True, row_numbers: bool = False) -> str:
    """SQL: ``read_parquet`` over ``files`` with file names (and the hive ``date`` column)."""
    listed = ", ".join(sql_string(f) for f in files)
    return (
        f"read_parquet([{listed}], hive_partitioning = {str(hive).lower()}, "
        f"union_by_name = true, filename = true, file_row_number = {str(row_numbers).lower()})"
    )


def partition_day(path: Path) -> dt.date:
    """The landing day of a ``.../date=<YYYY-MM-DD>/data.parquet`` file."""
    return dt.date.fromisoformat(path.parent.name.removeprefix("date="))


def raw_files(paths: DataPaths, source: str) -> list[Path]:
    """The raw zone's partition files of ``source``, oldest first."""
    return sorted(paths.raw.glob(f"{source}/date=*/data.parquet"))


def _latest_crm(paths: DataPaths) -> Path | None:
    with_rows = [f for f in raw_files(paths, "crm") if pq.read_metadata(f).num_rows]
    return with_rows[-1] if with_rows else None


def create_facts(con: duckdb.DuckDBPyConnection, paths: DataPaths) -> None:
    """Create (or replace) the fact tables on ``con``."""
    latest = _latest_crm(paths)
    forms = [f for f in raw_files(paths, "forms") if pq.read_metadata(f).num_rows]
    newsletter = [f for f in raw_files(paths, "newsletter") if pq.read_metadata(f).num_rows]
    crm = parquet_scan([latest]) if latest else None
    last_contact = local_day("coalesce(last_contact_at, created_at)")

    con.execute(
        "create or replace temp table _crm_latest as select "
        + (f"max(date) as latest_day from {crm}" if crm else "null::date as latest_day")
    )
    con.execute(
        "create or replace temp table _client_emails as "
        + (
            f"select distinct lower(trim(email)) as client_email from {crm} "
            "where is_client and email is not null"
            if crm
            else "select null::varchar as client_email where false"
        )
    )
    contacts = ["select null::varchar as contact_email, null::date as contact_day where false"]
    if forms:
        contacts.append(
            f"select lower(trim(email)), {local_day('submitted_at')} from {parquet_scan(forms)} "
            "where email is not null"
        )
    if crm:
        contacts.append(
            f"select lower(trim(email)), {last_contact} from {crm} where email is not null"
        )
    con.execute("create or replace temp table _contact_days as " + " union all ".join(contacts))
    applications = [f for f in raw_files(paths, "applications") if pq.read_metadata(f).num_rows]
    con.execute(
        "create or replace temp table _application_state as "
        + (
            f"select application_id as state_id, {local_day('procedure_closed_at')} "
            f"as closed_day, extended_retention_consent as consent "
            f"from {parquet_scan(applications)} qualify row_number() over "
            "(partition by application_id order by date desc, _line desc) = 1"
            if applications
            else "select null::varchar as state_id, null::date as closed_day, "
            "null::boolean as consent where false"
        )
    )
    con.execute(
        "create or replace temp table _unsubscribes as "
        + (
            f"select lower(trim(email)) as unsub_email, occurred_at as unsub_at, "
            f"{local_day('occurred_at')} as unsub_day from {parquet_scan(newsletter)} "
            "where event = 'unsubscribe'"
            if newsletter
            else "select null::varchar as unsub_email, null::timestamptz as unsub_at, "
            "null::date as unsub_day where false"
        )
    )
