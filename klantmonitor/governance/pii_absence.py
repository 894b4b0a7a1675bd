"""PII absence (section 3): no clear identifier in the pseudonymised, reporting or export data.

Every text column (``VARCHAR`` and ``VARCHAR[]`` of the pseudonymised and reporting tables;
string columns of every export Parquet file) is scanned, each distinct value once, by two rules:

- **pattern**: the PII detector of :mod:`klantmonitor.pii` (the scrubber's own implementation).
  A name is recognised by its context in a sentence, so the ``name`` category applies to
  free-text columns (:data:`FREE_TEXT_COLUMNS`); elsewhere names fall to the known-value rule.
- **known value**: :mod:`klantmonitor.governance.known_values` (names, e-mails, phones held in
  the raw zone).

Values that are one hexadecimal token (pseudonyms, keyed hashes, vendor ids) are opaque keys,
not text. The pattern rule reads a column's values in one call of the compiled detector; the
known-value rule searches them as a batch (:mod:`klantmonitor.governance.batch_search`). A
:class:`Leak` names the place, column and rule with a count, never the value.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import re
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from klantmonitor.governance.duck import (
    PARTITION_COLUMN,
    WAREHOUSE_ALIAS,
    RowSource,
    day_chunks,
    sql_string,
    table_columns,
)
from klantmonitor.governance.known_values import KnownValues
from klantmonitor.paths import DataPaths
from klantmonitor.pii import pii_categories_many
from klantmonitor.subjects.bundle import BUNDLE_FOLDER

SCANNED_SCHEMAS = ("pseudonymised", "reporting")
FREE_TEXT_COLUMNS = frozenset({"comment"})
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


def verdicts(texts: list[str], free_text: bool, known: KnownValues) -> list[tuple[str, ...]]:
    """The rules each of ``texts`` breaks: ``pattern:<category>`` and ``known:<kind>``."""
    keys = [bool(_OPAQUE.fullmatch(text.strip())) for text in texts]
    texts = [text for text, key in zip(texts, keys, strict=True) if not key]
    patterns = pii_categories_many(texts, names=free_text)
    kinds = known.kinds_in_many(texts)
    judged = iter(
        (*(f"pattern:{c}" for c in found), *(f"known:{k}" for k in known_kinds))
        for found, known_kinds in zip(patterns, kinds, strict=True)
    )
    return [() if key else next(judged) for key in keys]


_worker_known: KnownValues | None = None


def _init_worker(known: KnownValues) -> None:
    global _worker_known
    _worker_known = known


def _verdicts(texts: list[str], free_text: bool) -> list[tuple[str, ...]]:
    assert _worker_known is not None
    return verdicts(texts, free_text, _worker_known)


class Scanner:
    """Applies both rules to texts, remembering each distinct text's verdict.

    Many new texts at once (a big day's ids and comments) are judged in worker processes, one
    per core; the verdicts are the same. The pool starts the first time it is worth it and
    serves the whole scan: use the scanner as a context manager, which shuts the pool down.
    """

    PARALLEL_FROM = 50_000  # new texts; below this a pool costs more than it saves
    CHUNK = 5_000

    def __init__(
        self,
        known: KnownValues,
        workers: int | None = None,
        *,
        parallel_from: int = PARALLEL_FROM,
    ) -> None:
        self.known = known
        self.workers = workers if workers is not None else (os.cpu_count() or 1)
        self.parallel_from = parallel_from
        self._seen: dict[tuple[str, bool], tuple[str, ...]] = {}
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> Scanner:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Shut the worker pool down, if one was started (cancelling work not yet begun)."""
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(cancel_futures=True)

    def _workers_pool(self) -> ProcessPoolExecutor:
        """The scan's worker pool, started on first use; each worker loads the known values once."""
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_init_worker,
                initargs=(self.known,),
            )
        return self._pool

    def _judge(self, texts: list[str], free_text: bool) -> None:
        if self.workers > 1 and len(texts) >= self.parallel_from:
            chunks = [texts[i : i + self.CHUNK] for i in range(0, len(texts), self.CHUNK)]
            results = self._workers_pool().map(_verdicts, chunks, [free_text] * len(chunks))
            judged = [v for chunk in results for v in chunk]
        else:
            judged = verdicts(texts, free_text, self.known)
        self._seen.update(zip(((t, free_text) for t in texts), judged, strict=True))

    def forget(self) -> None:
        """Drop the remembered verdicts (between days of a long scan)."""
        self._seen.clear()

    def leaks(self, location: str, column: str, texts: Iterable[str | None]) -> list[Leak]:
        free_text = column in FREE_TEXT_COLUMNS
        texts = [text for text in texts if text]
        self._judge(list({t for t in texts if (t, free_text) not in self._seen}), free_text)
        counts: dict[str, int] = {}
        for text in texts:
            for rule in self._seen[(text, free_text)]:
                counts[rule] = counts.get(rule, 0) + 1
        return [Leak(location, column, rule, n) for rule, n in sorted(counts.items())]


def _distinct(
    con: duckdb.DuckDBPyConnection, column: str, is_list: bool, source: RowSource
) -> list:
    expr = f'unnest("{column}")' if is_list else f'"{column}"'
    rows, params = source
    return [v for (v,) in con.execute(f"select distinct {expr} from {rows}", params).fetchall()]


def scan_table(
    con: duckdb.DuckDBPyConnection,
    scanner: Scanner,
    schema: str,
    table: str,
    window: tuple[dt.date, dt.date] | None = None,
) -> list[Leak]:
    """Leaks in a warehouse table (attached as ``wh``); with a ``window``, only its rows of those
    days (``partition_date``) when it has that column: what a run has just written."""
    columns = table_columns(con, schema, table)
    relation = f'{WAREHOUSE_ALIAS}.{schema}."{table}"'
    partitioned = any(name == PARTITION_COLUMN for name, _ in columns)
    sources = day_chunks(con, relation, window) if partitioned else [(relation, [])]
    counts: dict[tuple[str, str], int] = {}
    for source in sources:
        for column, kind in columns:
            if kind not in ("VARCHAR", "VARCHAR[]"):
                continue
            values = _distinct(con, column, kind.endswith("[]"), source)
            for leak in scanner.leaks(f"{schema}.{table}", column, values):
                counts[(column, leak.rule)] = counts.get((column, leak.rule), 0) + leak.values
        scanner.forget()
    return [Leak(f"{schema}.{table}", c, rule, n) for (c, rule), n in sorted(counts.items())]


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
    source: RowSource = (f"read_parquet({sql_string(path)}, hive_partitioning = false)", [])
    return [
        leak
        for column, is_list in _string_columns(path)
        for leak in scanner.leaks(location, column, _distinct(con, column, is_list, source))
    ]
