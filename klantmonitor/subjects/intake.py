"""The file door: requests from the raw zone, and the quarantined ones as rejections.

Every row of ``raw/subject_requests`` is a request (checked by :func:`validate`); every record
the parser quarantined is a rejected request with the parser's reason, so an invalid request is
recorded, never dropped. (An earlier line with a request id repeated later in the same file is
replaced by that later line, not rejected.)
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pyarrow.parquet as pq

from klantmonitor.paths import DataPaths
from klantmonitor.sources.contract import SUBJECT_REQUESTS
from klantmonitor.sources.reasons import duplicate_key
from klantmonitor.subjects.lookup import partition_day
from klantmonitor.subjects.requests import TYPES, Rejection, SubjectRequest, validate

SOURCE = SUBJECT_REQUESTS.name
_DUPLICATE = duplicate_key(SUBJECT_REQUESTS.key)


def _files(root: Path) -> list[Path]:
    return sorted((root / SOURCE).glob("date=*/data.parquet"))


def _header(paths: DataPaths, file: str | None) -> list[str]:
    """The column names of a landing file (its first line), else the contract's order."""
    path = paths.landing / file if file else None
    if path and path.is_file():
        with path.open(encoding=SUBJECT_REQUESTS.encoding, newline="") as fh:
            first = next(csv.reader(fh), None)
        if first:
            return [name.strip() for name in first]
    return list(SUBJECT_REQUESTS.field_names)


def _rejected(paths: DataPaths, row: dict, day: dt.date, now: dt.datetime) -> Rejection:
    """A quarantined record as a rejection (fields read where the record still parses)."""
    fields: dict[str, str] = {}
    if row["record"]:
        values = next(csv.reader(io.StringIO(row["record"])), [])
        fields = dict(zip(_header(paths, row["file"]), values, strict=False))
    checked = validate(
        request_id=fields.get("request_id") or f"{row['file']}:{row['line']}",
        type=fields.get("type"),
        email=fields.get("email"),
        phone=fields.get("phone"),
        received_at=fields.get("received_at"),
        details=None,
        door="file",
        now=now,
    )
    received = checked.received_at
    if received == now:  # no usable time in the record: the day it was delivered for
        received = dt.datetime.combine(day, dt.time(), dt.UTC)
    kind = fields.get("type") if fields.get("type") in TYPES else None
    return Rejection(
        checked.request_id, kind, received, "file", row["reason"], checked.email, checked.phone
    )


def file_requests(paths: DataPaths, now: dt.datetime) -> list[SubjectRequest | Rejection]:
    """Every request in the raw zone and every quarantined one, oldest day first."""
    items: list[SubjectRequest | Rejection] = []
    for path in _files(paths.raw):
        for row in pq.read_table(path).to_pylist():
            items.append(
                validate(
                    request_id=row["request_id"],
                    type=row["type"],
                    email=row["email"],
                    phone=row["phone"],
                    received_at=row["received_at"],
                    details=row["details"],
                    door="file",
                    now=now,
                )
            )
    for path in _files(paths.quarantine):
        for row in pq.read_table(path).to_pylist():
            if row["reason"] != _DUPLICATE:
                items.append(_rejected(paths, row, partition_day(path), now))
    return items
