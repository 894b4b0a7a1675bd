"""Tombstones of erased subjects, honoured by ingestion.

``subjects/tombstones.parquet`` (under the data directory) holds the pseudonyms of erased
subjects and the request that erased them, nothing else. Ingestion drops every row and
quarantined record whose identifiers (also those written in free text) have a tombstoned
pseudonym, so reprocessing or backfilling an old export never brings an erased subject back.
Data-subject requests themselves are never dropped: they must always reach the request log.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from klantmonitor.atomic import write_parquet_atomically
from klantmonitor.paths import DataPaths
from klantmonitor.sources import ParsedDay
from klantmonitor.sources.contract import SUBJECT_REQUESTS, Source
from klantmonitor.sources.schema import EXTRA
from klantmonitor.subjects.matching import confirm, pseudonyms_in, string_columns

SCHEMA = pa.schema(
    [
        ("pseudonym", pa.string()),
        ("request_id", pa.string()),
        ("erased_at", pa.timestamp("us", tz="UTC")),
    ]
)
# A value can hold an identifier only if it has an @, a long run of digits, or number words.
_MAY_IDENTIFY = r"@|\d(?:\D{0,3}\d){7}|\b(?:nul|zes|plus)\b"


def tombstone_file(paths: DataPaths) -> Path:
    return paths.root / "subjects" / "tombstones.parquet"


def load_tombstones(paths: DataPaths) -> frozenset[str]:
    """Every tombstoned pseudonym (none when no subject was ever erased)."""
    path = tombstone_file(paths)
    if not path.exists():
        return frozenset()
    return frozenset(pq.read_table(path, columns=["pseudonym"])["pseudonym"].to_pylist())


def add_tombstones(paths: DataPaths, pseudonyms: Iterable[str], request_id: str) -> None:
    """Record the pseudonyms of an erased subject (atomically; known ones are kept once)."""
    path = tombstone_file(paths)
    old = pq.read_table(path) if path.exists() else SCHEMA.empty_table()
    new = [p for p in dict.fromkeys(pseudonyms) if p not in set(old["pseudonym"].to_pylist())]
    now = dt.datetime.now(dt.UTC)
    added = pa.table(
        {"pseudonym": new, "request_id": [request_id] * len(new), "erased_at": [now] * len(new)},
        schema=SCHEMA,
    )
    write_parquet_atomically(pa.concat_tables([old, added]), path)


def tombstoned_rows(table: pa.Table, columns: Iterable[str], key: bytes, tombstones) -> np.ndarray:
    """Row mask: rows where one of ``columns`` identifies a tombstoned subject."""
    hits = np.zeros(table.num_rows, dtype=bool)
    if not tombstones or not table.num_rows:
        return hits
    texts = string_columns(table.select([c for c in columns if c in table.column_names]))
    for column in texts.values():
        candidates = pc.match_substring_regex(column, _MAY_IDENTIFY, ignore_case=True)
        hits |= confirm(column, candidates, lambda t: bool(pseudonyms_in(key, t) & tombstones))
    return hits


def drop_tombstoned(
    source: Source, parsed: ParsedDay, key: bytes, tombstones: frozenset[str]
) -> tuple[ParsedDay, int]:
    """``parsed`` without the rows and quarantined records of tombstoned subjects, and how many
    were dropped (a count only: what was dropped is never logged)."""
    if not tombstones or source is SUBJECT_REQUESTS:
        return parsed, 0
    identifying = [f.name for f in source.fields if f.pii] + [EXTRA]
    rows = tombstoned_rows(parsed.rows, identifying, key, tombstones)
    records = tombstoned_rows(parsed.quarantine, ["record"], key, tombstones)
    dropped = int(rows.sum() + records.sum())
    if not dropped:
        return parsed, 0
    kept = dataclasses.replace(
        parsed,
        rows=parsed.rows.filter(pa.array(~rows)),
        quarantine=parsed.quarantine.filter(pa.array(~records)),
    )
    return kept, dropped
