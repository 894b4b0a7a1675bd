"""The purge: delete what :func:`~klantmonitor.retention.expiry.find_expired` found, everywhere.

Files are rewritten atomically (:mod:`klantmonitor.atomic`): a raw-zone partition keeps its
remaining rows (an empty, typed file when none remain, so the day still reads as loaded and the
warehouse's source glob stays valid); an export file without rows is removed unless it is the
last of its table. Landing day folders and quarantine partitions are deleted whole. Warehouse
deletes and the audit rows are one transaction.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections import defaultdict
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from klantmonitor.atomic import write_parquet_atomically
from klantmonitor.governance.duck import governance_connection
from klantmonitor.paths import DataPaths
from klantmonitor.retention.audit import append_audit
from klantmonitor.retention.expiry import Plan, find_expired
from klantmonitor.retention.policy import Policy


def _without_rows(path: Path, drop: set[int]) -> pa.Table:
    table = pq.ParquetFile(path).read()
    keep = np.ones(table.num_rows, dtype=bool)
    keep[list(drop)] = False
    return table.filter(pa.array(keep))


def _remove(path: Path, stop: Path) -> None:
    """Delete a file or folder, then its parent folders up to ``stop`` while they are empty."""
    if path.is_dir():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)
    parent = path.parent
    while parent != stop and parent.is_dir() and not any(parent.iterdir()):
        parent.rmdir()
        parent = parent.parent


def _export_table(paths: DataPaths, path: Path) -> Path | None:
    """``exports/<client>/<table>`` for an export file, None for any other file."""
    try:
        client, table = path.relative_to(paths.exports).parts[:2]
    except ValueError:
        return None
    return paths.exports / client / table


def _rewrite_files(paths: DataPaths, drop_rows: dict[Path, set[int]]) -> None:
    emptied = {p for p, rows in drop_rows.items() if len(rows) >= pq.read_metadata(p).num_rows}
    kept_one: set[Path] = set()
    by_table: dict[Path, list[Path]] = defaultdict(list)
    for path in drop_rows:
        if (table := _export_table(paths, path)) is not None:
            by_table[table].append(path)
    for table, files in by_table.items():  # an export table keeps at least one (empty) file
        if all(f in emptied for f in table.rglob("*.parquet")):
            kept_one.add(max(files))
    for path, rows in sorted(drop_rows.items()):
        table = _export_table(paths, path)
        if table is not None and path in emptied and path not in kept_one:
            _remove(path, table)
        else:
            write_parquet_atomically(_without_rows(path, rows), path)


def apply_plan(paths: DataPaths, plan: Plan) -> None:
    """Rewrite and delete the files of ``plan`` (the warehouse part is done by :func:`purge`)."""
    _rewrite_files(paths, plan.drop_rows)
    for path in plan.delete_paths:
        _remove(path, paths.root)


def purge(
    paths: DataPaths,
    policies: dict[str, Policy],
    today: dt.date,
    *,
    run_id: str,
    now: dt.datetime,
    dry_run: bool = False,
) -> Plan:
    """Delete everything past its window on ``today`` and log it; with ``dry_run`` only find it."""
    with governance_connection(paths, read_only=dry_run) as con:
        plan = find_expired(con, paths, policies, today)
        if dry_run:
            return plan
        apply_plan(paths, plan)
        con.execute("begin")
        for table, predicate in plan.delete_where:
            con.execute(f"delete from {table} where {predicate}")
        append_audit(con, plan.expired, run_id, now)
        con.execute("commit")
    return plan
