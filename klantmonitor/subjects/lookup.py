"""Find a subject in every layer: landing files, raw zone, quarantine and the warehouse.

Clear layers are searched for the subject's e-mail address and phone number, pseudonymised ones
for its pseudonyms (:class:`~klantmonitor.subjects.matching.Subject`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from klantmonitor.paths import DataPaths
from klantmonitor.sources.contract import SUBJECT_REQUESTS
from klantmonitor.subjects.landing import count_mentions, landing_files
from klantmonitor.subjects.matching import Subject

ROWID = "_rowid"
WAREHOUSE_SCHEMAS = ("staging", "pseudonymised", "reporting", "reference", "subjects", "audit")
# Where a subject's own requests are kept: finding them there alone means "never seen".
REQUEST_DATASETS = frozenset({SUBJECT_REQUESTS.name, f"stg_{SUBJECT_REQUESTS.name}"})


@dataclass(frozen=True)
class Finding:
    """The rows of one dataset in one layer that are about the subject."""

    layer: str  # landing, raw, quarantine, or a warehouse schema
    dataset: str  # source or table name
    rows: pa.Table  # landing: one row per file
    days: frozenset[dt.date] = frozenset()  # raw zone: the partitions they are in

    @property
    def name(self) -> str:
        return f"{self.layer}.{self.dataset}"


@dataclass(frozen=True)
class Findings:
    """Everything held about a subject."""

    items: tuple[Finding, ...]

    def counts(self) -> dict[str, int]:
        """Rows (files, for landing) per ``layer.dataset``; never a value."""
        return {f.name: f.rows.num_rows for f in self.items}

    @property
    def holds_data(self) -> bool:
        """Anything held besides the subject's own requests."""
        return any(f.dataset not in REQUEST_DATASETS for f in self.items)

    @property
    def raw_days(self) -> set[dt.date]:
        return {day for f in self.items if f.layer == "raw" for day in f.days}


def partition_day(path: Path) -> dt.date:
    """The day of a raw-zone or quarantine file (``.../date=YYYY-MM-DD/data.parquet``)."""
    return dt.date.fromisoformat(path.parent.name.removeprefix("date="))


def zone_files(root: Path) -> Iterator[tuple[str, Path]]:
    """(source, file) of every Parquet file of a zone laid out as ``<source>/date=<day>/``."""
    for path in sorted(root.glob("*/date=*/data.parquet")):
        yield path.parent.parent.name, path


def search_landing(paths: DataPaths, subject: Subject) -> list[Finding]:
    """The landing files that mention the subject, by source (names only)."""
    found: dict[str, list[str]] = {}
    for source, path in landing_files(paths):
        if count_mentions(source, path, subject):
            found.setdefault(source.name, []).append(path.relative_to(paths.landing).as_posix())
    return [Finding("landing", name, pa.table({"file": files})) for name, files in found.items()]


def search_zone(layer: str, root: Path, subject: Subject) -> list[Finding]:
    """The subject's rows in the raw zone or the quarantine, per source."""
    found: dict[str, list[tuple[dt.date, pa.Table]]] = {}
    for source, path in zone_files(root):
        table = pq.read_table(path)
        mask = subject.mask(table)
        if mask.any():
            found.setdefault(source, []).append((partition_day(path), table.filter(mask)))
    return [
        Finding(
            layer,
            source,
            pa.concat_tables([t for _, t in parts], promote_options="default"),
            frozenset(day for day, _ in parts),
        )
        for source, parts in found.items()
    ]


def warehouse_tables(
    con: duckdb.DuckDBPyConnection, schemas: Iterable[str]
) -> list[tuple[str, str]]:
    """(schema, table) of the base tables in ``schemas``."""
    return con.execute(
        "select table_schema, table_name from information_schema.tables "
        "where table_type = 'BASE TABLE' and table_schema in (select unnest($s)) order by 1, 2",
        {"s": list(schemas)},
    ).fetchall()


def search_warehouse(
    con: duckdb.DuckDBPyConnection, subject: Subject, schemas: Iterable[str] = WAREHOUSE_SCHEMAS
) -> list[Finding]:
    """The subject's rows in the warehouse, per table; each row keeps its ``_rowid``."""
    found = []
    for schema, table in warehouse_tables(con, schemas):
        rows = con.sql(f'select rowid as {ROWID}, * from "{schema}"."{table}"').to_arrow_table()
        mask = subject.mask(rows)
        if mask.any():
            found.append(Finding(schema, table, rows.filter(mask)))
    return found


def lookup(paths: DataPaths, con: duckdb.DuckDBPyConnection, subject: Subject) -> Findings:
    """Everything held about ``subject``, in every layer."""
    return Findings(
        tuple(
            search_landing(paths, subject)
            + search_zone("raw", paths.raw, subject)
            + search_zone("quarantine", paths.quarantine, subject)
            + search_warehouse(con, subject)
        )
    )
