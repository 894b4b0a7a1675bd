"""Where a pipeline run's time went, read back from its Dagster event log.

Steps (ops) are timed from their start and end events. dbt's own figure per model, seed and test
is the ``Execution Duration`` that dagster-dbt attaches to each materialisation and check; what a
dbt op spends beyond that is dbt's start, parse and compile. Counts only: no value of any row.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import dagster as dg

DBT_DURATION = "Execution Duration"
DBT_STEPS = ("warehouse_models", "reporting_models")
ROW_COUNT = "dagster/row_count"
Event = dg.DagsterEventType


@dataclass
class RunTimings:
    """Seconds per step, dbt seconds per layer, rows per raw source, and the run's span."""

    steps: dict[str, float] = field(default_factory=dict)
    dbt_layers: dict[str, float] = field(default_factory=dict)  # layer -> seconds in dbt
    dbt_tests: dict[str, float] = field(default_factory=dict)  # dbt op -> seconds in tests
    raw_rows: dict[str, int] = field(default_factory=dict)
    run_seconds: float = 0.0  # RUN_START to RUN_SUCCESS/FAILURE
    success: bool = False

    @property
    def dbt_fixed(self) -> float:
        """dbt seconds outside models and tests (start, parse, compile, connection)."""
        inside = sum(self.dbt_layers.values()) + sum(self.dbt_tests.values())
        return max(0.0, sum(self.steps.get(s, 0.0) for s in DBT_STEPS) - inside)


def _dbt_layer(key: dg.AssetKey) -> str:
    return "seeds" if key.path[0] == "reference" else key.path[0]


def read_timings(instance: dg.DagsterInstance, run_id: str) -> RunTimings:
    """The timings of run ``run_id``."""
    timings = RunTimings()
    started: dict[str, float] = {}
    seen: set[dg.AssetKey] = set()
    checks_seen: set[tuple[dg.AssetKey, str]] = set()
    run_start = run_end = 0.0
    for record in instance.all_logs(run_id):
        event = record.dagster_event
        if event is None:
            continue
        kind = event.event_type
        if kind == Event.RUN_START:
            run_start = record.timestamp
        elif kind in (Event.RUN_SUCCESS, Event.RUN_FAILURE):
            run_end, timings.success = record.timestamp, kind == Event.RUN_SUCCESS
        elif kind == Event.STEP_START:
            started[event.step_key] = record.timestamp
        elif kind in (Event.STEP_SUCCESS, Event.STEP_FAILURE) and event.step_key in started:
            timings.steps[event.step_key] = record.timestamp - started[event.step_key]
        elif kind == Event.ASSET_MATERIALIZATION:
            _materialisation(timings, event, seen)
        elif kind == Event.ASSET_CHECK_EVALUATION:
            data = event.event_specific_data
            duration = data.metadata.get(DBT_DURATION)
            if duration is not None and (data.asset_key, data.check_name) not in checks_seen:
                checks_seen.add((data.asset_key, data.check_name))
                step = event.step_key or "dbt"
                timings.dbt_tests[step] = timings.dbt_tests.get(step, 0.0) + duration.value
    timings.run_seconds = max(0.0, run_end - run_start)
    return timings


def _materialisation(timings: RunTimings, event: dg.DagsterEvent, seen: set[dg.AssetKey]) -> None:
    """Count a materialisation once per asset (a range run reports one per day)."""
    materialization = event.event_specific_data.materialization
    key = materialization.asset_key
    if key in seen:
        return
    seen.add(key)
    metadata = materialization.metadata
    if (duration := metadata.get(DBT_DURATION)) is not None:
        layer = _dbt_layer(key)
        timings.dbt_layers[layer] = timings.dbt_layers.get(layer, 0.0) + duration.value
    elif key.path[0] == "raw" and (rows := metadata.get(ROW_COUNT)) is not None:
        timings.raw_rows[key.path[-1]] = int(rows.value)
