"""The request log ``audit.subject_requests``: one row per request, no clear identifiers.

Request id, type, door, received and completed times, outcome, the subject's pseudonyms, what
was done (counts per layer, never values) and, for erasure, the verification. A request is open
while ``completed_at`` is null.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import duckdb

from klantmonitor.subjects.matching import Subject

TABLE = "audit.subject_requests"
DDL = f"""
create schema if not exists audit;
create table if not exists {TABLE} (
    request_id varchar not null,
    request_type varchar,
    door varchar not null,
    received_at timestamptz not null,
    completed_at timestamptz,
    outcome varchar,
    email_pseudonym varchar,
    phone_pseudonym varchar,
    action varchar,
    found varchar,
    verification varchar,
    note varchar
);
"""
COMPLETED, NOT_FOUND, REJECTED = "completed", "not_found", "rejected"


@dataclass(frozen=True)
class Entry:
    """What the log keeps of a request when it is received."""

    request_id: str
    request_type: str | None
    door: str
    received_at: dt.datetime
    subject: Subject


@dataclass(frozen=True)
class Result:
    """How a request ended: outcome, action, counts per layer, verification, note."""

    outcome: str
    action: str | None = None
    found: Mapping[str, int] | None = None
    verification: str | None = None
    note: str | None = None


def ensure_log(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(DDL)


def completed_ids(con: duckdb.DuckDBPyConnection) -> set[str]:
    """The requests that are done (open ones are handled again)."""
    query = f"select request_id from {TABLE} where completed_at is not null"
    return {r[0] for r in con.execute(query).fetchall()}


def record_received(con: duckdb.DuckDBPyConnection, entry: Entry) -> None:
    """Log a request as open (once per request id)."""
    con.execute(
        f"insert into {TABLE} (request_id, request_type, door, received_at, email_pseudonym, "
        "phone_pseudonym) select $id, $type, $door, $received, $email, $phone "
        f"where not exists (select 1 from {TABLE} where request_id = $id)",
        {
            "id": entry.request_id,
            "type": entry.request_type,
            "door": entry.door,
            "received": entry.received_at,
            "email": entry.subject.email_pseudonym,
            "phone": entry.subject.phone_pseudonym,
        },
    )


def record_result(
    con: duckdb.DuckDBPyConnection,
    request_id: str,
    result: Result,
    completed_at: dt.datetime | None,
) -> None:
    """Record how a request ended; it stays open when ``completed_at`` is None."""
    con.execute(
        f"update {TABLE} set completed_at = $now, outcome = $outcome, action = $action, "
        "found = $found, verification = $verification, note = $note where request_id = $id",
        {
            "id": request_id,
            "now": completed_at,
            "outcome": result.outcome,
            "action": result.action,
            "found": json.dumps(dict(result.found), sort_keys=True) if result.found else None,
            "verification": result.verification,
            "note": result.note,
        },
    )


def record_note(con: duckdb.DuckDBPyConnection, request_id: str, note: str) -> None:
    """Note on an open request why it is still open (an error class, never a value)."""
    con.execute(
        f"update {TABLE} set note = $note where request_id = $id", {"id": request_id, "note": note}
    )


def outcome_of(con: duckdb.DuckDBPyConnection, request_id: str) -> tuple[str | None, str | None]:
    """(outcome, note) of a logged request; (None, None) while open or unknown."""
    rows = con.execute(
        f"select outcome, note from {TABLE} where request_id = ?", [request_id]
    ).fetchall()
    return rows[0] if rows else (None, None)


def requests_of(con: duckdb.DuckDBPyConnection, pseudonyms: Iterable[str]) -> list[str]:
    """The ids of every logged request about a subject."""
    rows = con.execute(
        f"select request_id from {TABLE} where email_pseudonym in (select unnest($p)) "
        "or phone_pseudonym in (select unnest($p))",
        {"p": list(pseudonyms)},
    ).fetchall()
    return [r[0] for r in rows]


def overdue(
    con: duckdb.DuckDBPyConnection, now: dt.datetime, days: int
) -> list[tuple[str, dt.datetime]]:
    """Open requests received more than ``days`` days before ``now``: (id, received_at)."""
    return con.execute(
        f"select request_id, received_at from {TABLE} where completed_at is null "
        "and received_at < $cutoff order by received_at",
        {"cutoff": now - dt.timedelta(days=days)},
    ).fetchall()
