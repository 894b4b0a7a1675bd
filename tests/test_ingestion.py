"""Real Dagster materialisations of the ingestion assets over generated exports."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from pathlib import Path
from zoneinfo import ZoneInfo

import dagster as dg
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest
from dagster._core.storage.tags import (
    ASSET_PARTITION_RANGE_END_TAG,
    ASSET_PARTITION_RANGE_START_TAG,
)

from klantmonitor.generate import generate
from klantmonitor.paths import DataPaths
from klantmonitor.sources import raw_schema
from klantmonitor.sources.contract import LINEAGE_COLUMNS, SOURCES
from tests.conftest import DEMO_START
from tests.dagster_helpers import copy_landing, ingest, read_raw

DAY = (DEMO_START + dt.timedelta(days=1)).isoformat()
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def _materialized(result: dg.ExecuteInProcessResult) -> dict[str, dict]:
    """Metadata of each materialisation in the run, by source name."""
    return {
        ev.step_materialization_data.materialization.asset_key.path[-1]: {
            k: v.value for k, v in ev.step_materialization_data.materialization.metadata.items()
        }
        for ev in result.all_events
        if ev.is_step_materialization
    }


def _checks(result: dg.ExecuteInProcessResult) -> dict[tuple[str, str], bool]:
    return {
        (e.asset_key.path[-1], e.check_name): e.passed for e in result.get_asset_check_evaluations()
    }


def test_every_source_lands_in_the_raw_zone_with_lineage(
    generated_landing: DataPaths, data_dir: DataPaths, instance: dg.DagsterInstance
) -> None:
    copy_landing(generated_landing, data_dir)
    result = ingest(data_dir, instance, DAY)
    assert result.success
    meta = _materialized(result)
    assert set(meta) == set(SOURCES)
    for name, source in SOURCES.items():
        table = read_raw(data_dir, name, DAY)
        assert table.schema == raw_schema(source), name
        assert meta[name]["dagster/row_count"] == table.num_rows
        quarantine = pq.read_table(data_dir.quarantine_file(name, dt.date.fromisoformat(DAY)))
        assert meta[name]["quarantined"] == quarantine.num_rows
        if source.feedback and source.daily:
            assert table.num_rows > 0, name
        for column in LINEAGE_COLUMNS:
            assert table[column].null_count == 0, (name, column)
        # every row points at a real landing file, with that file's sha256
        for rel, digest in set(
            zip(table["_source_file"].to_pylist(), table["_file_sha256"].to_pylist(), strict=True)
        ):
            assert rel.startswith(f"{name}/{DAY}/")
            assert hashlib.sha256((data_dir.landing / rel).read_bytes()).hexdigest() == digest
        assert set(table["_load_id"].to_pylist()) == {result.run_id}
    # metadata carries counts only
    for values in meta.values():
        assert all(isinstance(v, int | float | dict) or v is None for v in values.values())


def _without_load(table: pa.Table) -> pa.Table:
    return table.drop_columns(["_load_id", "_loaded_at"])


def test_rerunning_a_day_is_idempotent(
    generated_landing: DataPaths, data_dir: DataPaths, instance: dg.DagsterInstance
) -> None:
    copy_landing(generated_landing, data_dir)
    ingest(data_dir, instance, DAY)
    first = {s: _without_load(read_raw(data_dir, s, DAY)) for s in SOURCES}
    ingest(data_dir, instance, DAY)
    for s in SOURCES:
        assert _without_load(read_raw(data_dir, s, DAY)).equals(first[s]), s


def _rewrite_govmetric_keeping(path: Path, keep: int) -> None:
    """Re-deliver the govmetric file with only its first ``keep`` records (BOM, CRLF kept)."""
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows[: keep + 1])
    path.write_bytes(b"\xef\xbb\xbf" + out.getvalue().encode())


def test_a_redelivered_file_replaces_the_earlier_one(
    generated_landing: DataPaths, data_dir: DataPaths, instance: dg.DagsterInstance
) -> None:
    copy_landing(generated_landing, data_dir)
    ingest(data_dir, instance, DAY)
    assert read_raw(data_dir, "govmetric", DAY).num_rows > 10
    (path,) = (data_dir.landing / "govmetric" / DAY).glob("*.csv")
    _rewrite_govmetric_keeping(path, 10)
    ingest(data_dir, instance, DAY)
    table = read_raw(data_dir, "govmetric", DAY)
    assert table.num_rows == 10
    assert set(table["_file_sha256"].to_pylist()) == {hashlib.sha256(path.read_bytes()).hexdigest()}


def test_a_day_without_exports_is_an_empty_partition_and_a_failed_delivery_check(
    data_dir: DataPaths, instance: dg.DagsterInstance
) -> None:
    result = ingest(data_dir, instance, "2026-06-01")
    assert result.success
    checks = _checks(result)
    for name, source in SOURCES.items():
        table = read_raw(data_dir, name, "2026-06-01")
        assert table.num_rows == 0 and table.schema == raw_schema(source)
        assert checks[(name, "export_delivered")] is (not source.daily)
    evaluation = next(
        e
        for e in result.get_asset_check_evaluations()
        if e.asset_key.path[-1] == "govmetric" and e.check_name == "export_delivered"
    )
    assert evaluation.severity == dg.AssetCheckSeverity.WARN
    assert evaluation.metadata["days_without_export"].value == "2026-06-01"


def test_a_crash_mid_write_leaves_the_previous_version_readable(
    generated_landing: DataPaths,
    data_dir: DataPaths,
    instance: dg.DagsterInstance,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    copy_landing(generated_landing, data_dir)
    ingest(data_dir, instance, DAY)
    before = read_raw(data_dir, "govmetric", DAY)

    def crash(table: pa.Table, where: Path, **kwargs: object) -> None:
        Path(where).write_bytes(b"PAR1 half a file")
        raise OSError("disk full")

    monkeypatch.setattr(pq, "write_table", crash)
    result = ingest(data_dir, instance, DAY, raise_on_error=False)
    assert not result.success
    monkeypatch.undo()
    assert read_raw(data_dir, "govmetric", DAY).equals(before)
    leftovers = [p for p in data_dir.raw.rglob("*") if p.is_file() and p.name != "data.parquet"]
    assert leftovers == []


def test_a_date_range_runs_as_one_backfill_run(
    generated_landing: DataPaths, data_dir: DataPaths, instance: dg.DagsterInstance
) -> None:
    copy_landing(generated_landing, data_dir)
    last = (DEMO_START + dt.timedelta(days=2)).isoformat()
    result = ingest(
        data_dir,
        instance,
        tags={
            ASSET_PARTITION_RANGE_START_TAG: DEMO_START.isoformat(),
            ASSET_PARTITION_RANGE_END_TAG: last,
        },
    )
    assert result.success
    assert _materialized(result)["govmetric"]["days"] == 3
    for offset in range(3):
        day = (DEMO_START + dt.timedelta(days=offset)).isoformat()
        assert read_raw(data_dir, "govmetric", day).num_rows > 0


@pytest.mark.parametrize("day", [dt.date(2026, 3, 29), dt.date(2026, 10, 25)])
def test_daylight_saving_days_land_in_their_amsterdam_day(
    day: dt.date, data_dir: DataPaths, instance: dg.DagsterInstance
) -> None:
    generate(data_dir.landing, data_dir.demo_ledger, day, 1, rows_per_day=3000, seed=3)
    assert ingest(data_dir, instance, day.isoformat()).success
    start = dt.datetime.combine(day, dt.time(), AMSTERDAM)
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), AMSTERDAM)
    hours = (end.astimezone(dt.UTC) - start.astimezone(dt.UTC)).total_seconds() / 3600
    assert hours == (23 if day.month == 3 else 25)
    for source, column in (("govmetric", "SubmittedAt"), ("ivr", "CalledAt"), ("smile", "ts")):
        table = read_raw(data_dir, source, day.isoformat())
        times = table[column]
        assert pc.min(times).as_py() >= start and pc.max(times).as_py() < end, source
        quarantine = pq.read_table(data_dir.quarantine_file(source, day))
        assert not [r for r in quarantine["reason"].to_pylist() if "not a date" in r], source
