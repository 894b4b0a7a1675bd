"""Data quality of the staged models with Great Expectations: schema, value sets, ranges,
uniqueness, no timestamps in the future.

GX runs on its **pandas** datasource: each staged table is read from DuckDB into a DataFrame
and validated in an ephemeral GX context. The SQL datasource would need a SQLAlchemy dialect for
DuckDB (``duckdb-engine``), which is not a dependency and not known to support DuckDB 2.0; the
staging layer is bounded by its retention windows. A partitioned run validates the days it wrote
(the suite's columns only); the governance job validates whole tables. Either is read in chunks
of whole days of at most :data:`CHUNK_ROWS` rows, so a 90-day backfill holds one chunk in memory,
not 90 days; uniqueness is validated over all the rows at once, on the key columns only.

Vocabularies and ranges come from where they are declared: the source contract, the dbt seeds
(``channel_map``, ``score_scales``). Results are summarised per expectation with counts only
(``partial_unexpected_count`` 0: GX collects no failing values).
"""

from __future__ import annotations

import csv
import datetime as dt
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from klantmonitor.governance.duck import (
    PARTITION_COLUMN,
    WAREHOUSE_ALIAS,
    RowSource,
    day_chunks,
    table_columns,
    window_filter,
)
from klantmonitor.sources.contract import GOVMETRIC_CHANNELS, SOURCES

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")  # no usage statistics leave the host

SEEDS = Path(__file__).resolve().parents[2] / "dbt_project" / "seeds"
_RESULT_FORMAT = {"result_format": "BASIC", "partial_unexpected_count": 0}


def _seed_values(seed: str, column: str) -> tuple[str, ...]:
    with (SEEDS / f"{seed}.csv").open(newline="", encoding="utf-8") as fh:
        return tuple(sorted({row[column] for row in csv.DictReader(fh)}))


def _values(source: str, name: str) -> tuple[str, ...]:
    values = SOURCES[source].field(name).values
    if values is None:
        raise ValueError(f"{source}.{name} has no closed vocabulary")
    return values


def _range(source: str, name: str) -> tuple[float | None, float | None]:
    f = SOURCES[source].field(name)
    return f.minimum, f.maximum


@dataclass(frozen=True)
class Suite:
    """The expectations of one staged table."""

    table: str
    key: tuple[str, ...]  # unique together
    value_sets: Mapping[str, Sequence[str]] = field(default_factory=dict)
    ranges: Mapping[str, tuple[float | None, float | None]] = field(default_factory=dict)
    not_null: tuple[str, ...] = ()
    timestamps: tuple[str, ...] = ()  # never after now
    dates: tuple[str, ...] = ("partition_date",)  # never after today

    @property
    def columns(self) -> list[str]:
        """The columns the suite relies on: the schema expectation."""
        named = [*self.key, *self.value_sets, *self.ranges, *self.not_null]
        return list(dict.fromkeys([*named, *self.timestamps, *self.dates, "source_file"]))


SUITES: tuple[Suite, ...] = (
    Suite(
        "stg_govmetric",
        key=("feedback_id",),
        value_sets={"vendor_channel": GOVMETRIC_CHANNELS, "rating": _values("govmetric", "Rating")},
        ranges={"score": (1, 3)},
        not_null=("client_code", "submitted_at"),
        timestamps=("submitted_at",),
    ),
    Suite(
        "stg_smile",
        key=("response_id",),
        value_sets={"vendor_channel": _values("smile", "channel")},
        ranges={"score": _range("smile", "answer")},
        not_null=("client_code", "answered_at"),
        timestamps=("answered_at",),
    ),
    Suite(
        "stg_ivr",
        key=("call_id",),
        ranges={
            "v1_score": _range("ivr", "V1_Score"),
            "v2_score": _range("ivr", "V2_Score"),
            "v3_nps": _range("ivr", "V3_NPS"),
            "wait_seconds": _range("ivr", "Wachttijd_sec"),
            "call_seconds": _range("ivr", "Gespreksduur_sec"),
        },
        not_null=("client_code", "called_at"),
        timestamps=("called_at",),
    ),
    Suite(
        "stg_messagebird",
        key=("message_id",),
        value_sets={
            "direction": _values("messagebird", "direction"),
            "message_type": _values("messagebird", "type"),
        },
        ranges={"score": (0, 10)},
        not_null=("client_code", "created_at"),
        timestamps=("created_at",),
    ),
    Suite(
        "stg_zivver",
        key=("letter_id",),
        value_sets={"vendor_channel": _values("zivver", "Kanaal")},
        ranges={"score": _range("zivver", "Waardering")},
        not_null=("client_code", "received_on"),
        dates=("received_on", "partition_date"),
    ),
    Suite(
        "stg_feedback",
        key=("source", "answer_id"),
        value_sets={
            "source": tuple(s.name for s in SOURCES.values() if s.feedback),
            "channel": _seed_values("channel_map", "channel"),
            "scale": _seed_values("score_scales", "scale"),
            "sentiment": ("positive", "neutral", "negative"),
            "nps_bucket": ("promoter", "passive", "detractor"),
        },
        ranges={"normalised_score": (0, 1), "original_score": (0, 10)},
        not_null=("client_code", "channel", "feedback_at", "feedback_date"),
        timestamps=("feedback_at",),
        dates=("feedback_date", "partition_date"),
    ),
    Suite(
        "stg_crm",
        key=("contact_id", "partition_date"),
        not_null=("is_client", "created_at"),
        timestamps=("last_contact_at", "created_at"),
    ),
    Suite(
        "stg_newsletter",
        key=("event_id",),
        value_sets={"event": _values("newsletter", "event")},
        not_null=("email", "occurred_at"),
        timestamps=("occurred_at",),
    ),
    Suite(
        "stg_forms",
        key=("submission_id",),
        value_sets={"form": _values("forms", "form")},
        not_null=("submitted_at",),
        timestamps=("submitted_at",),
    ),
    Suite(
        "stg_applications",
        key=("application_id", "partition_date"),
        value_sets={"status": _values("applications", "status")},
        not_null=("received_at", "extended_retention_consent"),
        timestamps=("received_at", "procedure_closed_at"),
    ),
    Suite(
        "stg_subject_requests",
        key=("request_id",),
        value_sets={"request_type": _values("subject_requests", "type")},
        not_null=("received_at",),
        timestamps=("received_at",),
    ),
)


@dataclass(frozen=True)
class Outcome:
    """One expectation's result: which rule on which column, and how many rows broke it."""

    expectation: str
    column: str | None
    success: bool
    unexpected: int | None

    def describe(self) -> str:
        where = self.column or "table"
        count = f" ({self.unexpected} rows)" if self.unexpected else ""
        return f"{where}: {self.expectation}{count}"


@dataclass(frozen=True)
class TableQuality:
    """A staged table's validation: rows validated and one outcome per expectation."""

    table: str
    rows: int
    outcomes: list[Outcome]

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.success]


def _expectations(suite: Suite, now: dt.datetime, today: dt.date, present: set[str]) -> list:
    import great_expectations.expectations as gxe

    midnight = dt.datetime.combine(today, dt.time())  # dates are compared as naive timestamps
    found = [gxe.ExpectTableColumnsToMatchSet(column_set=suite.columns, exact_match=False)]
    if not set(suite.columns) <= present:
        return found  # the schema expectation fails and names the table; columns are moot
    if len(suite.key) == 1:
        found.append(gxe.ExpectColumnValuesToBeUnique(column=suite.key[0]))
    else:
        found.append(gxe.ExpectCompoundColumnsToBeUnique(column_list=list(suite.key)))
    found += [gxe.ExpectColumnValuesToNotBeNull(column=c) for c in suite.not_null]
    found += [
        gxe.ExpectColumnValuesToBeInSet(column=c, value_set=list(values))
        for c, values in suite.value_sets.items()
    ]
    found += [
        gxe.ExpectColumnValuesToBeBetween(column=c, min_value=low, max_value=high)
        for c, (low, high) in suite.ranges.items()
    ]
    found += [gxe.ExpectColumnValuesToBeBetween(column=c, max_value=now) for c in suite.timestamps]
    found += [gxe.ExpectColumnValuesToBeBetween(column=c, max_value=midnight) for c in suite.dates]
    return found


#: Rows read into one DataFrame at most (days are read together up to this many, a bigger day
#: on its own): a long backfill is validated a chunk at a time, its memory bounded.
CHUNK_ROWS = 1_000_000
_UNIQUENESS = ("expect_column_values_to_be_unique", "expect_compound_columns_to_be_unique")


def _frame(
    con: duckdb.DuckDBPyConnection,
    columns: Sequence[str],
    source: RowSource,
    dates: Sequence[str],
    numbers: Sequence[str] = (),
) -> pd.DataFrame:
    """The ``columns`` of ``source``'s rows, ``dates`` as nanosecond timestamps and ``numbers``
    as floats: the types GX compares column-wise (other types it compares value by value in
    Python, some seconds per million rows)."""
    rows, params = source
    names = ", ".join(f'"{c}"' for c in columns) or "*"
    frame = con.execute(f"select {names} from {rows}", params).df()
    for column in dates:
        if column in frame:
            frame[column] = pd.to_datetime(frame[column]).astype("datetime64[ns]")
    for column in numbers:
        if column in frame:
            frame[column] = frame[column].to_numpy(dtype="float64", na_value=np.nan)
    return frame


def _merged(parts: list[list[Outcome]]) -> list[Outcome]:
    """One outcome per expectation over chunks of a table: failed if any chunk failed, the
    unexpected rows summed."""
    return [
        Outcome(
            first.expectation,
            first.column,
            all(o.success for o in same),
            None
            if all(o.unexpected is None for o in same)
            else sum(o.unexpected or 0 for o in same),
        )
        for same in zip(*parts, strict=True)
        for first in same[:1]
    ]


def validate_staging(
    con: duckdb.DuckDBPyConnection,
    tables: Sequence[str],
    now: dt.datetime,
    today: dt.date,
    window: tuple[dt.date, dt.date] | None = None,
    chunk_rows: int = CHUNK_ROWS,
) -> list[TableQuality]:
    """Validate the staged ``tables`` (attached warehouse ``wh``) against their suites: no
    timestamp after ``now`` (aware), no date after ``today``; with a ``window``, the rows of
    those days only (what a partitioned run wrote).

    A day-partitioned table is read in chunks of whole days (``chunk_rows``); uniqueness is
    validated over all its rows at once, on the key columns only."""
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    source = context.data_sources.add_pandas("staging")

    def validate(batches, name: str, frame: pd.DataFrame, expectations: list) -> list[Outcome]:
        suite = gx.ExpectationSuite(name=name, expectations=expectations)
        batch = batches.get_batch(batch_parameters={"dataframe": frame})
        return [
            Outcome(
                expectation=r.expectation_config.type,
                column=r.expectation_config.kwargs.get("column"),
                success=bool(r.success),
                unexpected=(r.result or {}).get("unexpected_count"),
            )
            for r in batch.validate(suite, result_format=_RESULT_FORMAT).results
        ]

    results = []
    for suite in (s for s in SUITES if s.table in tables):
        relation = f"{WAREHOUSE_ALIAS}.staging.{suite.table}"
        present = {name for name, _ in table_columns(con, "staging", suite.table)}
        columns = [c for c in suite.columns if c in present]
        where, params = window_filter(window if PARTITION_COLUMN in present else None)
        whole: RowSource = (relation + where, list(params))
        chunks = (
            day_chunks(con, relation, window, chunk_rows) if PARTITION_COLUMN in present else []
        ) or [whole]
        expectations = _expectations(suite, now, today, present)
        unique = [e for e in expectations if e.expectation_type in _UNIQUENESS]
        others = [e for e in expectations if e.expectation_type not in _UNIQUENESS]
        batches = source.add_dataframe_asset(suite.table).add_batch_definition_whole_dataframe(
            "all"
        )
        rows = 0
        parts = []
        for chunk in chunks:
            frame = _frame(con, columns, chunk, suite.dates, list(suite.ranges))
            rows += len(frame)
            parts.append(validate(batches, suite.table, frame, others))
            del frame
        outcomes = _merged(parts)
        if unique:
            keys = _frame(con, suite.key, whole, ())
            outcomes[1:1] = validate(batches, f"{suite.table}_key", keys, unique)
        results.append(TableQuality(suite.table, rows, outcomes))
    return results
