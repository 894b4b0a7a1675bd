"""Erasure: the subject removed from every layer, then proven absent.

Landing files are rewritten without the subject's records, raw-zone and quarantine files
without its rows (atomically), warehouse rows deleted, earlier bundles removed; the request
log (pseudonym only) and the tombstone (pseudonym only) are the two places kept on purpose.
:func:`verify` searches every layer again for the clear values and the pseudonyms.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from klantmonitor.atomic import write_parquet_atomically
from klantmonitor.paths import DataPaths
from klantmonitor.subjects.landing import landing_files, rewrite_without
from klantmonitor.subjects.lookup import (
    ROWID,
    WAREHOUSE_SCHEMAS,
    Finding,
    partition_day,
    search_landing,
    search_warehouse,
    search_zone,
    zone_files,
)
from klantmonitor.subjects.matching import Subject

KEPT_ON_PURPOSE = ("audit",)  # the request log: pseudonym, dates, outcome
ERASED_SCHEMAS = tuple(s for s in WAREHOUSE_SCHEMAS if s not in KEPT_ON_PURPOSE)

#: A partition of the landing or raw-zone asset of a source: (zone, source, day as ISO date).
Partition = tuple[str, str, str]


@dataclass
class Erased:
    """What an erasure removed: counts per ``layer.dataset``, and the landing and raw-zone
    partitions whose files it rewrote (quarantine files belong to no asset)."""

    removed: Counter[str] = field(default_factory=Counter)
    partitions: set[Partition] = field(default_factory=set)


def delete_rows(con: duckdb.DuckDBPyConnection, findings: list[Finding]) -> Counter[str]:
    """Delete the warehouse rows of ``findings`` (found by :func:`search_warehouse`)."""
    removed: Counter[str] = Counter()
    for f in findings:
        ids = f.rows[ROWID].to_pylist()
        con.execute(
            f'delete from "{f.layer}"."{f.dataset}" where rowid in (select unnest($ids))',
            {"ids": ids},
        )
        removed[f.name] += len(ids)
    return removed


def erase_files(paths: DataPaths, subject: Subject) -> Erased:
    """Rewrite landing, raw-zone and quarantine files without the subject."""
    erased = Erased()
    for source, path in landing_files(paths):
        # (a ZIVVER delivery folder may have been swapped meanwhile)
        if path.exists() and (removed := rewrite_without(source, path, subject)):
            erased.removed[f"landing.{source.name}"] += removed
            folders = path.relative_to(paths.landing).parts[1:-1]  # <source>/<YYYY-MM-DD>/...
            if folders and (day := _day(folders[0])):
                erased.partitions.add(("landing", source.name, day))
    for layer, root in (("raw", paths.raw), ("quarantine", paths.quarantine)):
        for source, path in zone_files(root):
            table = pq.read_table(path)
            mask = subject.mask(table)
            if mask.any():
                write_parquet_atomically(table.filter(pa.array(~mask)), path)
                erased.removed[f"{layer}.{source}"] += int(mask.sum())
                if layer == "raw":
                    erased.partitions.add((layer, source, partition_day(path).isoformat()))
    return erased


def _day(name: str) -> str | None:
    """``name`` if it is a day as the partition keys write it (``YYYY-MM-DD``), else None."""
    try:
        return name if dt.date.fromisoformat(name).isoformat() == name else None
    except ValueError:
        return None


def erase(paths: DataPaths, con: duckdb.DuckDBPyConnection, subject: Subject) -> Erased:
    """Remove the subject from files and warehouse (not yet from reporting and exports: those
    are rebuilt afterwards)."""
    erased = erase_files(paths, subject)
    erased.removed.update(delete_rows(con, search_warehouse(con, subject, ERASED_SCHEMAS)))
    con.execute("checkpoint")
    return erased


def _export_places(exports: Path, subject: Subject) -> list[str]:
    places = []
    for path in sorted(p for p in exports.rglob("*") if p.is_file()):
        if path.suffix == ".parquet":
            held = subject.mask(pq.read_table(path)).any()
        elif path.suffix == ".duckdb":
            con = duckdb.connect(str(path), read_only=True)
            try:
                held = bool(search_warehouse(con, subject, _schemas(con)))
            finally:
                con.close()
        else:
            held = subject.mentions(path.read_bytes().decode("utf-8", errors="replace"))
        if held:
            places.append(f"exports/{path.relative_to(exports).as_posix()}")
    return places


def _schemas(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [
        r[0]
        for r in con.execute(
            "select distinct table_schema from information_schema.tables"
        ).fetchall()
    ]


def verify(paths: DataPaths, subject: Subject) -> list[str]:
    """Every place (``layer.dataset`` or export file) that still holds the subject's clear
    e-mail address or phone number or one of its pseudonyms; empty when erasure is complete."""
    found = search_landing(paths, subject)
    found += search_zone("raw", paths.raw, subject) + search_zone(
        "quarantine", paths.quarantine, subject
    )
    if paths.warehouse.exists():
        con = duckdb.connect(str(paths.warehouse), read_only=True)
        try:
            found += search_warehouse(con, subject, ERASED_SCHEMAS)
        finally:
            con.close()
    places = [f.name for f in found]
    if paths.exports.is_dir():
        places += _export_places(paths.exports, subject)
    return places
