"""The Definitions as the UI loads them: one graph, the nightly job, its schedule."""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

import dagster as dg

from klantmonitor.generate import generate
from klantmonitor.paths import DataPaths
from klantmonitor.sources.contract import SOURCES
from orchestration.definitions import defs
from orchestration.partitions import daily_partitions
from tests.dagster_helpers import ingest, settings_for


def test_the_definitions_load_and_form_one_graph_from_landing_to_exports() -> None:
    dg.Definitions.validate_loadable(defs)
    graph = defs.resolve_asset_graph()
    exports = dg.AssetKey(["exports", "client_reports"])
    upstream = graph.get(exports).parent_keys
    assert dg.AssetKey(["reporting", "rpt_satisfaction_daily"]) in upstream
    # walk up from the exports: every source's landing files are reached
    seen, todo = set(), [exports]
    while todo:
        key = todo.pop()
        if key not in seen:
            seen.add(key)
            todo.extend(graph.get(key).parent_keys)
    landing = {k.path[1] for k in seen if k.path[0] == "landing"}
    # client reports come from the feedback sources only, never from own processing (P4)
    assert landing == {s.name for s in SOURCES.values() if s.feedback}


def test_dbt_tests_are_asset_checks_of_the_models() -> None:
    graph = defs.resolve_asset_graph()
    checks = {k for k in graph.asset_check_keys if k.asset_key.path[0] == "pseudonymised"}
    assert any("not_null" in k.name for k in checks)
    assert any("matches_regex" in k.name for k in checks)


def test_the_nightly_schedule_runs_yesterdays_partition_at_two_in_amsterdam() -> None:
    schedule = defs.resolve_schedule_def("nightly_schedule")
    assert schedule.cron_schedule == "0 2 * * *"
    assert schedule.execution_timezone == "Europe/Amsterdam"
    when = dt.datetime(2026, 11, 25, 2, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
    with dg.build_schedule_context(scheduled_execution_time=when) as context:
        requests = list(schedule.evaluate_tick(context).run_requests or [])
    assert [r.partition_key for r in requests] == ["2026-11-24"]
    job = defs.resolve_job_def("nightly")
    selected = {k.path[0] for k in job.asset_layer.executable_asset_keys}
    assert {"raw", "staging", "pseudonymised", "reporting", "exports"} <= selected


def test_the_landing_sensor_reruns_a_day_whose_files_changed_after_ingestion(
    data_dir: DataPaths, instance: dg.DagsterInstance
) -> None:
    day = daily_partitions.get_partition_keys()[-3]
    generate(data_dir.landing, data_dir.demo_ledger, dt.date.fromisoformat(day), 1, 200, seed=5)
    sensor = defs.resolve_sensor_def("landing_sensor")

    def requested() -> list[str]:
        with dg.build_sensor_context(
            instance=instance,
            resources={"settings": settings_for(data_dir)},
            definitions=defs,
        ) as context:
            result = sensor.evaluate_tick(context)
        return [r.partition_key for r in result.run_requests or [] if r.partition_key == day]

    assert requested() == [day]  # delivered but never ingested
    assert ingest(data_dir, instance, day).success
    assert requested() == []
    (path,) = (data_dir.landing / "govmetric" / day).glob("*.csv")
    path.touch()  # re-delivered after the ingestion
    later = path.stat().st_mtime + 5
    os.utime(path, (later, later))
    assert requested() == [day]
