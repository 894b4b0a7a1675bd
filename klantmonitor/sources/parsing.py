"""``parse_day``: every landing file of a source and day -> raw-zone rows and quarantine."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from klantmonitor.sources import reasons, zivver
from klantmonitor.sources.contract import Format, Source
from klantmonitor.sources.delimited import read_csv
from klantmonitor.sources.derive import derived_columns, rule_errors
from klantmonitor.sources.jsonfiles import read_json_list, read_jsonl
from klantmonitor.sources.records import FileRejected, Records, Reject
from klantmonitor.sources.schema import (
    EXTRA,
    QUARANTINE_SCHEMA,
    TZ_FLAG,
    output_fields,
    raw_schema,
)
from klantmonitor.sources.validate import type_column
from klantmonitor.sources.workbook import read_xlsx

READERS: dict[Format, Callable[[Source, bytes], Records]] = {
    Format.CSV: read_csv,
    Format.JSONL: read_jsonl,
    Format.JSON_LIST: read_json_list,
    Format.ZIVVER: read_xlsx,  # the workbook of a delivery verified by ``zivver.open_delivery``
}


@dataclass(frozen=True)
class FileLoad:
    """What one landing file contributed to the day (counts only, never content)."""

    path: str  # relative to the landing root, posix
    sha256: str
    bytes: int
    rows: int  # rows of this file in ``ParsedDay.rows``
    quarantined: int  # quarantine rows about this file (records and file-level findings)
    superseded: int = 0  # valid rows replaced by a later re-delivery of the same key


@dataclass(frozen=True)
class ParsedDay:
    """A source's day: the raw-zone rows, the quarantine, and the files read (in load order)."""

    rows: pa.Table
    quarantine: pa.Table
    files: list[FileLoad]


@dataclass(frozen=True)
class _Lineage:
    load_id: str
    loaded_at: dt.datetime


@dataclass(frozen=True)
class _FileResult:
    path: str
    sha256: str
    bytes: int
    table: pa.Table
    quarantine: list[dict]


def parse_day(
    source: Source,
    landing_root: Path,
    day: dt.date,
    load_id: str,
    loaded_at: dt.datetime,
) -> ParsedDay:
    """Parse every file of ``source`` for ``day`` (oldest first); the latest record per key wins.

    A missing or empty day folder gives empty tables and no files; the caller decides what that
    means. Bad records, and files or deliveries that cannot be used, go to the quarantine.
    """
    lineage = _Lineage(load_id, loaded_at)
    schema = raw_schema(source)
    results = [
        _parse_file(source, path, landing_root, lineage)
        for path in _day_files(landing_root / source.name / day.isoformat(), source.pattern)
    ]
    table = pa.concat_tables([r.table for r in results]) if results else schema.empty_table()
    # one file's keys are unique already; across files the latest delivery wins
    keep = _last_of_each_key(table, source.key) if len(results) > 1 else np.ones(len(table), bool)
    files: list[FileLoad] = []
    offset = 0
    for r in results:
        kept = int(keep[offset : offset + r.table.num_rows].sum())
        offset += r.table.num_rows
        files.append(
            FileLoad(r.path, r.sha256, r.bytes, kept, len(r.quarantine), r.table.num_rows - kept)
        )
    quarantine = [row for r in results for row in r.quarantine]
    for row in quarantine:
        row.update(source=source.name, _load_id=load_id, _loaded_at=lineage.loaded_at)
    return ParsedDay(
        _filtered(table, keep),
        pa.Table.from_pylist(quarantine, schema=QUARANTINE_SCHEMA),
        files,
    )


def _day_files(folder: Path, pattern: str) -> list[Path]:
    """The files matching ``pattern`` in ``folder``, by modification time, then path."""
    if not folder.is_dir():
        return []
    files = [p for p in folder.glob(pattern) if p.is_file()]
    return sorted(files, key=lambda p: (p.stat().st_mtime_ns, p.relative_to(folder).as_posix()))


def _parse_file(source: Source, path: Path, root: Path, lineage: _Lineage) -> _FileResult:
    """One landing file (for zivver: one delivery, whose rows come from its workbook)."""
    data = path.read_bytes()
    context: dict[str, str] = {}
    records: Records | None = None
    try:
        if source.format is Format.ZIVVER:
            path, data, context = zivver.open_delivery(source, path, data)
        records = READERS[source.format](source, data)
    except FileRejected as rejected:
        quarantine = [_quarantine_row(Reject(None, rejected.reason, None))]
    relative = path.relative_to(root).as_posix()
    digest = hashlib.sha256(data).hexdigest()
    schema = raw_schema(source)
    if records is None:
        table = schema.empty_table()
    else:
        typed, quarantine = _typed_table(source, records, context)
        constants = {
            "_source_file": relative,
            "_file_sha256": digest,
            "_load_id": lineage.load_id,
            "_loaded_at": lineage.loaded_at,
        }
        table = pa.table(
            {
                f.name: typed[f.name]
                if f.name in typed.column_names
                else pa.repeat(pa.scalar(constants[f.name], f.type), typed.num_rows)
                for f in schema
            },
            schema=schema,
        )
    for row in quarantine:
        row["file"] = relative
    return _FileResult(relative, digest, len(data), table, quarantine)


def _typed_table(
    source: Source, records: Records, context: Mapping[str, str]
) -> tuple[pa.Table, list[dict]]:
    """Type and validate the records: the valid rows (no file lineage yet) and the quarantine.

    Of records sharing a key within the file, the last one is kept and the earlier ones are
    quarantined.
    """
    typed = {f.name: type_column(f, records.columns[f.name]) for f in source.fields}
    derived = derived_columns(source, records, context)
    errors: dict[int, list[str]] = {}
    for column in typed.values():
        for i, reason in column.errors.items():
            errors.setdefault(i, []).append(reason)
    vendor_errors = set(errors)  # a derived column's error adds nothing to a bad vendor field
    for column in derived.values():
        for i, reason in column.errors.items():
            if i not in vendor_errors and reason not in errors.get(i, ()):
                errors.setdefault(i, []).append(reason)
    for i, reason in rule_errors(source, typed).items():
        errors.setdefault(i, []).append(reason)

    columns = {**typed, **derived}
    flags = [c.tz_flag for c in columns.values() if c.tz_flag is not None]
    rows = len(records.lines)
    table = pa.table(
        {
            **{f.name: columns[f.name].values for f in output_fields(source)},
            EXTRA: records.extra,
            TZ_FLAG: pc.coalesce(*flags) if flags else pa.nulls(rows, pa.string()),
            "_line": pa.array(records.lines, pa.int64()),
        }
    )
    valid = np.ones(rows, dtype=bool)
    valid[list(errors)] = False
    table = _filtered(table, valid)
    kept = _last_of_each_key(table, source.key)
    for i in np.flatnonzero(valid)[~kept].tolist():
        errors[i] = [reasons.duplicate_key(source.key)]

    quarantine = [_quarantine_row(Reject(None, note, None)) for note in records.notes]
    quarantine += [_quarantine_row(r) for r in records.rejects]
    quarantine += [
        _quarantine_row(Reject(records.lines[i], "; ".join(errors[i]), records.record_text(i)))
        for i in errors
    ]
    quarantine.sort(key=lambda row: -1 if row["line"] is None else row["line"])
    return _filtered(table, kept), quarantine


def _quarantine_row(reject: Reject) -> dict:
    line = None if reject.line is None else int(reject.line)
    return {"line": line, "reason": reject.reason, "record": reject.record}


def _filtered(table: pa.Table, mask: np.ndarray) -> pa.Table:
    return table if mask.all() else table.filter(mask)


def _last_of_each_key(table: pa.Table, key: tuple[str, ...]) -> np.ndarray:
    """A mask keeping, for each key value, only its last row."""
    if len(key) == 1 and len(pc.unique(table[key[0]])) == table.num_rows:
        return np.ones(table.num_rows, dtype=bool)  # the common case: no key repeats
    keep = np.zeros(table.num_rows, dtype=bool)
    if table.num_rows:
        indexed = table.select(list(key)).append_column("_row", pa.array(np.arange(table.num_rows)))
        last = indexed.group_by(list(key), use_threads=False).aggregate([("_row", "max")])
        keep[last["_row_max"].to_numpy()] = True
    return keep
