"""PII absence (section 3): no clear identifier in the pseudonymised, reporting or export data.

Every text column (``VARCHAR`` and ``VARCHAR[]`` of the pseudonymised and reporting tables;
string columns of every export Parquet file) is scanned, each distinct value once, by two rules:

- **pattern**: the PII detector of :mod:`klantmonitor.pii` (the scrubber's own implementation).
  A name is recognised by its context in a sentence, so the ``name`` category applies to
  free-text columns (:data:`FREE_TEXT_COLUMNS`); elsewhere names fall to the known-value rule.
- **known value**: :mod:`klantmonitor.governance.known_values` (names, e-mails, phones held in
  the raw zone).

Values that are one hexadecimal token (pseudonyms, keyed hashes, vendor ids) are opaque keys,
not text. A :class:`Leak` names the place, column and rule with a count, never the value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from klantmonitor.governance.duck import WAREHOUSE_ALIAS, sql_string
from klantmonitor.governance.known_values import KnownValues
from klantmonitor.paths import DataPaths
from klantmonitor.pii import pii_categories
from klantmonitor.subjects.bundle import BUNDLE_FOLDER

SCANNED_SCHEMAS = ("pseudonymised", "reporting")
FREE_TEXT_COLUMNS = frozenset({"comment"})
CONTEXT_CATEGORIES = frozenset({"name"})  # need free text around them
_OPAQUE = re.compile(r"[0-9a-fA-F]{16,}")


@dataclass(frozen=True)
class Leak:
    """Values of one column that break one rule (a count; never the values)."""

    location: str  # schema.table, or an export file relative to the data directory
    column: str
    rule: str  # pattern:<category> | known:<kind>
    values: int

    def describe(self) -> str:
        return f"{self.location}.{self.column}: {self.rule} ({self.values} values)"


class Scanner:
    """Applies both rules to texts, remembering each distinct text's verdict."""

    def __init__(self, known: KnownValues) -> None:
        self.known = known
        self._seen: dict[tuple[str, bool], tuple[str, ...]] = {}

    def rules_broken(self, text: str, free_text: bool) -> tuple[str, ...]:
        memo = (text, free_text)
        if memo not in self._seen:
            if _OPAQUE.fullmatch(text.strip()):
                broken: tuple[str, ...] = ()
            else:
                patterns = [
                    f"pattern:{c}"
                    for c in pii_categories(text)
                    if free_text or c not in CONTEXT_CATEGORIES
                ]
                broken = (*patterns, *(f"known:{k}" for k in self.known.kinds_in(text)))
            self._seen[memo] = broken
        return self._seen[memo]

    def leaks(self, location: str, column: str, texts: Iterable[str | None]) -> list[Leak]:
        counts: dict[str, int] = {}
        free_text = column in FREE_TEXT_COLUMNS
        for text in texts:
            if text:
                for rule in self.rules_broken(text, free_text):
                    counts[rule] = counts.get(rule, 0) + 1
        return [Leak(location, column, rule, n) for rule, n in sorted(counts.items())]


def _text_columns(
    con: duckdb.DuckDBPyConnection, schema: str, table: str
) -> list[tuple[str, bool]]:
    """(column, is_list) of the text columns of a warehouse table."""
    rows = con.execute(
        "select column_name, data_type from duckdb_columns() where database_name = ? "
        "and schema_name = ? and table_name = ? and data_type in ('VARCHAR', 'VARCHAR[]') "
        "order by column_index",
        [WAREHOUSE_ALIAS, schema, table],
    ).fetchall()
    return [(name, kind.endswith("[]")) for name, kind in rows]


def _distinct(con: duckdb.DuckDBPyConnection, column: str, is_list: bool, source: str) -> list:
    expr = f'unnest("{column}")' if is_list else f'"{column}"'
    return [v for (v,) in con.execute(f"select distinct {expr} from {source}").fetchall()]


def scan_table(
    con: duckdb.DuckDBPyConnection, scanner: Scanner, schema: str, table: str
) -> list[Leak]:
    """Leaks in a warehouse table (attached as ``wh``)."""
    source = f'{WAREHOUSE_ALIAS}.{schema}."{table}"'
    return [
        leak
        for column, is_list in _text_columns(con, schema, table)
        for leak in scanner.leaks(
            f"{schema}.{table}", column, _distinct(con, column, is_list, source)
        )
    ]


def export_files(paths: DataPaths) -> Iterator[Path]:
    """Every Parquet file of the client exports: not the folders being built (hidden) and not
    the data-subject bundles (``exports/subject_requests/``: a subject's own data, by design)."""
    if paths.exports.exists():
        for path in sorted(paths.exports.rglob("*.parquet")):
            parts = path.relative_to(paths.exports).parts
            if not any(p.startswith(".") for p in parts) and parts[0] != BUNDLE_FOLDER:
                yield path


def _string_columns(path: Path) -> list[tuple[str, bool]]:
    columns = []
    for f in pq.read_schema(path):
        if pa.types.is_string(f.type) or pa.types.is_large_string(f.type):
            columns.append((f.name, False))
        elif pa.types.is_list(f.type) and pa.types.is_string(f.type.value_type):
            columns.append((f.name, True))
    return columns


def scan_export_file(
    con: duckdb.DuckDBPyConnection, scanner: Scanner, paths: DataPaths, path: Path
) -> list[Leak]:
    """Leaks in one export file."""
    location = str(path.relative_to(paths.root))
    source = f"read_parquet({sql_string(path)}, hive_partitioning = false)"
    return [
        leak
        for column, is_list in _string_columns(path)
        for leak in scanner.leaks(location, column, _distinct(con, column, is_list, source))
    ]
