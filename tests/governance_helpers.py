"""Running the real Definitions' jobs (nightly, governance) on a test data directory."""

from __future__ import annotations

from typing import Any

import dagster as dg

from assets.warehouse import dbt_resource
from klantmonitor.paths import DataPaths
from orchestration.resources import KlantmonitorSettings
from tests.conftest import TEST_KEY


def settings_for(paths: DataPaths, **settings: Any) -> KlantmonitorSettings:
    """Test settings on ``paths`` (plus e.g. ``simulated_today``, ``retention_days``)."""
    return KlantmonitorSettings(data_dir=str(paths.root), secret_key=TEST_KEY, **settings)


def definitions(paths: DataPaths, **settings: Any) -> dg.Definitions:
    """The project's Definitions with the settings resource pointed at ``paths``."""
    from orchestration.definitions import defs

    return dg.Definitions(
        assets=defs.assets,
        asset_checks=defs.asset_checks,
        jobs=defs.jobs,
        resources={"settings": settings_for(paths, **settings), "dbt": dbt_resource()},
    )


def run_job(
    paths: DataPaths,
    instance: dg.DagsterInstance,
    job: str,
    partition_key: str | None = None,
    run_config: dict[str, Any] | None = None,
    **settings: Any,
) -> dg.ExecuteInProcessResult:
    """Execute ``job`` of the real Definitions in-process (failures are returned, not raised)."""
    return (
        definitions(paths, **settings)
        .resolve_job_def(job)
        .execute_in_process(
            partition_key=partition_key,
            instance=instance,
            run_config=run_config,
            raise_on_error=False,
        )
    )


def check_results(result: dg.ExecuteInProcessResult) -> dict[tuple[str, str], Any]:
    """(asset, check) -> the check's evaluation, for every check the run executed."""
    return {
        (e.asset_key.to_user_string(), e.check_name): e
        for e in result.get_asset_check_evaluations()
    }


def failed(result: dg.ExecuteInProcessResult, check: str) -> dict[str, str]:
    """asset -> description of every failed evaluation of ``check``."""
    return {
        asset: evaluation.description or ""
        for (asset, name), evaluation in check_results(result).items()
        if name == check and not evaluation.passed
    }


def step_succeeded(result: dg.ExecuteInProcessResult, step: str) -> bool:
    return any(e.is_step_success and e.step_key == step for e in result.all_events)


def started_steps(result: dg.ExecuteInProcessResult) -> set[str]:
    """Steps the run started (a step downstream of a failed blocking check never starts)."""
    return {e.step_key for e in result.all_events if e.event_type_value == "STEP_START"}


def run_log_text(instance: dg.DagsterInstance, run_id: str) -> str:
    """Everything the run recorded: log messages, events with their metadata and descriptions."""
    return "\n".join(
        f"{entry.user_message}\n{entry.dagster_event!r}" for entry in instance.all_logs(run_id)
    )
