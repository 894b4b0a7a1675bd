"""DuckDB functions for the pseudonymised layer: HMAC keys, IP hashes, scrubbing, user agents.

They are registered on dbt's connection by the dbt plugin; the secret key stays in this
process and never reaches dbt's SQL files, vars, logs or manifest.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from functools import lru_cache, partial

import duckdb
import pyarrow as pa
from duckdb.func import ARROW, SPECIAL
from duckdb.sqltypes import DATE, VARCHAR
from ua_parser import parse as parse_user_agent

from klantmonitor.pii import scrub_many
from klantmonitor.pseudonym import hmac_pads, ip_hash, normalise_phone

UA_FIELDS = ("platform", "os", "os_version", "browser", "browser_version")
UA_TYPE = duckdb.struct_type(dict.fromkeys(UA_FIELDS, VARCHAR))


def _map_unique(values: pa.Array, fn: Callable[[str], str | None]) -> pa.Array:
    """Apply ``fn`` once per distinct non-null value and spread the results back."""
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    encoded = values.dictionary_encode()
    mapped = pa.array(
        [None if v is None else fn(v) for v in encoded.dictionary.to_pylist()], pa.string()
    )
    return mapped.take(encoded.indices)


def _version(major: str | None, minor: str | None) -> str | None:
    if not major:
        return None
    return f"{major}.{minor}" if minor else major


@lru_cache(maxsize=65536)
def user_agent_parts(ua: str) -> tuple[str | None, ...]:
    """platform, OS, OS version, browser, browser version of a user-agent string."""
    result = parse_user_agent(ua)
    os_family = result.os.family if result.os else None
    device = result.device.family if result.device else ""
    if device in ("iPad",) or "Tablet" in (device or ""):
        platform = "tablet"
    elif os_family in ("iOS", "Android") or "Mobile" in ua:
        platform = "mobile"
    elif os_family in (None, "Other"):
        platform = None
    else:
        platform = "desktop"
    agent = result.user_agent
    return (
        platform,
        os_family,
        _version(result.os.major, result.os.minor) if result.os else None,
        agent.family if agent else None,
        _version(agent.major, agent.minor) if agent else None,
    )


#: Distinct values a connection's functions remember (DuckDB calls them per vector of 2,048
#: rows, and a model may use one twice per row): phone numbers, (IP, day) pairs.
MEMO_SIZE = 1 << 18


def register(conn: duckdb.DuckDBPyConnection, key: bytes) -> None:
    """Register the ``km_*`` functions on ``conn`` with ``key`` bound in."""
    e164 = lru_cache(maxsize=MEMO_SIZE)(normalise_phone)
    hashed = lru_cache(maxsize=MEMO_SIZE)(partial(ip_hash, key))

    def km_ip_hash(ips: pa.Array, days: pa.Array) -> pa.Array:
        pairs = zip(ips.to_pylist(), days.to_pylist(), strict=True)
        return pa.array([None if d is None else hashed(ip, d) for ip, d in pairs], pa.string())

    def km_scrub(texts: pa.Array) -> pa.Array:
        return pa.array(scrub_many(texts.to_pylist()), pa.string())

    def km_phone_e164(values: pa.Array) -> pa.Array:
        return _map_unique(values, e164)

    def km_user_agent(values: pa.Array) -> pa.Array:
        parts = [None if v is None else user_agent_parts(v) for v in values.to_pylist()]
        return pa.array(
            [None if p is None else dict(zip(UA_FIELDS, p, strict=True)) for p in parts],
            pa.struct([(f, pa.string()) for f in UA_FIELDS]),
        )

    for name, fn, params, returns in (
        ("km_ip_hash", km_ip_hash, [VARCHAR, DATE], VARCHAR),
        ("km_scrub", km_scrub, [VARCHAR], VARCHAR),
        ("km_phone_e164", km_phone_e164, [VARCHAR], VARCHAR),
        ("km_user_agent", km_user_agent, [VARCHAR], UA_TYPE),
    ):
        conn.create_function(name, fn, params, returns, type=ARROW, null_handling=SPECIAL)
    register_hmac_pads(conn, key)


def register_hmac_pads(conn: duckdb.DuckDBPyConnection, key: bytes) -> None:
    """The padded HMAC keys that dbt's ``pseudonym`` macro uses (SQL HMAC: faster than a UDF).

    Temporary macros: they live only in this connection's session, never in the database file.
    """
    ipad, opad = hmac_pads(key)
    conn.execute(f"create or replace temp macro km_hmac_ipad() as unhex('{ipad.hex()}')")
    conn.execute(f"create or replace temp macro km_hmac_opad() as unhex('{opad.hex()}')")


#: The run's partition window (first and last landing day, ISO dates) for dbt's
#: ``partition_filter``; set by the Dagster asset around each dbt call.
WINDOW_START_ENV = "KLANTMONITOR_WINDOW_START"
WINDOW_END_ENV = "KLANTMONITOR_WINDOW_END"
#: The pseudonymised layer's retention cutoff: reporting keeps its rows of earlier periods as
#: computed (``dbt_project/macros/reporting_history.sql``); set with the data directory.
FROZEN_BEFORE_ENV = "KLANTMONITOR_REPORTING_FROZEN_BEFORE"
_DATE_MACROS = {
    "km_window_start": WINDOW_START_ENV,
    "km_window_end": WINDOW_END_ENV,
    "km_frozen_before": FROZEN_BEFORE_ENV,
}


def register_run_dates(conn: duckdb.DuckDBPyConnection) -> None:
    """``km_window_start()`` / ``km_window_end()`` (the window's days) and ``km_frozen_before()``,
    or an error when a model uses one that is not set (a model must never guess which days it
    replaces or keeps)."""
    for name, env in _DATE_MACROS.items():
        value = os.environ.get(env)
        if value:
            body = f"date '{dt.date.fromisoformat(value).isoformat()}'"
        else:
            body = f"error('{env} is not set: no date for {name}() in this dbt call')::date"
        conn.execute(f"create or replace temp macro {name}() as {body}")
