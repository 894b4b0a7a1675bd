"""PII absence (section 3): no clear identifier in the pseudonymised, reporting or export data.

Every text column (``VARCHAR`` and ``VARCHAR[]`` of the pseudonymised and reporting tables;
string columns of every export Parquet file) is scanned, each distinct value once, by two rules:

- **pattern**: the PII detector of :mod:`klantmonitor.pii` (the scrubber's own implementation).
  A name is recognised by its context in a sentence, so the ``name`` category applies to
  free-text columns (:data:`FREE_TEXT_COLUMNS`); elsewhere names fall to the known-value rule.
- **known value**: :mod:`klantmonitor.governance.known_values` (names, e-mails, phones held in
  the raw zone).

Values that are one hexadecimal token (pseudonyms, keyed hashes, vendor ids; with a letter, as
digits alone may be a card number) are opaque keys, not text, and are not read. The pattern
rule reads a column's values in one call of the compiled detector; the known-value rule
searches them as a batch (:mod:`klantmonitor.governance.batch_search`). A :class:`Leak` names
the place, column and rule with a count, never the value.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import re
from collections import Counter
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
_HEX_LETTER = re.compile(r"[a-fA-F]")
# the same in DuckDB (RE2: ASCII white space, which Python's strip() also removes)
_OPAQUE_SQL = "not (regexp_full_match(v, ?) and regexp_matches(v, ?))"
_OPAQUE_PARAMS = [rf"\s*{_OPAQUE.pattern}\s*", _HEX_LETTER.pattern]


def is_opaque(text: str) -> bool:
    """``text`` is one hexadecimal token (a pseudonym, a keyed hash, a vendor id), not text: 16
    characters or more, a letter among them (digits alone may be a card or phone number)."""
    token = text.strip()
    return bool(_OPAQUE.fullmatch(token) and _HEX_LETTER.search(token))


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
    keys = [is_opaque(text) for text in texts]
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
        # verdicts by text, of free-text columns (True) and of other columns (False)
        self._seen: dict[bool, dict[str, tuple[str, ...]]] = {False: {}, True: {}}
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
        self._seen[free_text].update(zip(texts, judged, strict=True))

    def forget(self) -> None:
        """Drop the remembered verdicts (between days of a long scan)."""
        for seen in self._seen.values():
            seen.clear()

    def leaks(self, location: str, column: str, texts: Iterable[str | None]) -> list[Leak]:
        free_text = column in FREE_TEXT_COLUMNS
        seen = self._seen[free_text]
        texts = [text for text in texts if text]
        self._judge(list({t for t in texts if t not in seen}), free_text)
        counts = Counter(rule for verdict in map(seen.__getitem__, texts) for rule in verdict)
        return [Leak(location, column, rule, n) for rule, n in sorted(counts.items())]


def _distinct(
    con: duckdb.DuckDBPyConnection, column: str, is_list: bool, source: RowSource
) -> list:
    """The distinct values of ``column`` in ``source``, without opaque keys (hexadecimal
    tokens: pseudonyms, keyed hashes; most of the values of an id column)."""
    expr = f'unnest("{column}")' if is_list else f'"{column}"'
    rows, params = source
    query = f"select distinct v from (select {expr} as v from {rows}) where {_OPAQUE_SQL}"
    return [v for (v,) in con.execute(query, [*params, *_OPAQUE_PARAMS]).fetchall()]


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
