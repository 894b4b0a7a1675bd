"""Check on the request log: every data-subject request answered within 25 days.

The privacy statement promises an answer within a month; a request still open after
``MAX_OPEN_DAYS`` days fails the check (by request id and age, never the person).
"""

from __future__ import annotations

import datetime as dt

import dagster as dg
import duckdb

from assets.warehouse import WAREHOUSE_POOL
from klantmonitor.subjects.log import TABLE, overdue
from orchestration.resources import KlantmonitorSettings

MAX_OPEN_DAYS = 25
SUBJECT_REQUESTS_KEY = dg.AssetKey(["audit", "subject_requests"])


def overdue_requests(settings: KlantmonitorSettings, now: dt.datetime) -> dg.AssetCheckResult:
    """The check's result for the log in ``settings``' warehouse at ``now``."""
    late: list[tuple[str, dt.datetime]] = []
    if settings.paths.warehouse.exists():
        con = duckdb.connect(str(settings.paths.warehouse), read_only=True)
        try:
            schema, table = TABLE.split(".")
            exists = con.execute(
                "select count(*) from information_schema.tables "
                "where table_schema = ? and table_name = ?",
                [schema, table],
            ).fetchall()[0][0]
            late = overdue(con, now, MAX_OPEN_DAYS) if exists else []
        finally:
            con.close()
    oldest = max(((now - received).days for _, received in late), default=0)
    return dg.AssetCheckResult(
        passed=not late,
        severity=dg.AssetCheckSeverity.ERROR,
        metadata={
            "overdue": len(late),
            "oldest_open_days": oldest,
            "request_ids": ", ".join(request_id for request_id, _ in late) or "none",
        },
        description=None
        if not late
        else f"{len(late)} request(s) open for more than {MAX_OPEN_DAYS} days.",
    )


@dg.asset_check(
    asset=SUBJECT_REQUESTS_KEY,
    name="answered_within_25_days",
    description=f"No data-subject request has been open for more than {MAX_OPEN_DAYS} days.",
    pool=WAREHOUSE_POOL,
)
def answered_within_25_days(settings: KlantmonitorSettings) -> dg.AssetCheckResult:
    return overdue_requests(settings, dt.datetime.now(dt.UTC))
