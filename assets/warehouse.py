"""The dbt warehouse (staging, pseudonymised, reporting) as Dagster assets.

Every dbt model, seed and test is an asset or asset check, downstream of the raw-zone assets.
A run replaces exactly its partition window: the window's first and last day reach dbt through
the environment (``km_window_start()`` / ``km_window_end()``, see the dbt plugin) and the
incremental models delete and re-insert those days.
"""

import datetime as dt
import os
import sys
from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from functools import cached_property
from importlib.metadata import version
from pathlib import Path
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, DbtProject, dbt_assets
from packaging.version import Version

from klantmonitor.retention.policy import load_policies
from klantmonitor.retention.rules import TABLE_RULES
from klantmonitor.secret import SECRET_KEY_ENV
from klantmonitor.warehouse.udfs import FROZEN_BEFORE_ENV, WINDOW_END_ENV, WINDOW_START_ENV
from orchestration.partitions import daily_partitions, partition_days, single_run_backfill
from orchestration.resources import DATA_DIR_ENV, DEFAULT_DATA_DIR, KlantmonitorSettings

WAREHOUSE_POOL = "warehouse"
DBT_PROJECT_DIR = Path(__file__).resolve().parents[1] / "dbt_project"

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR)


class WarehouseTranslator(DagsterDbtTranslator):
    """Models keyed and grouped by layer (``staging/stg_feedback``); sources map to raw assets."""

    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> dg.AssetKey:
        if dbt_resource_props["resource_type"] == "source":
            return dg.AssetKey([dbt_resource_props["source_name"], dbt_resource_props["name"]])
        schema = dbt_resource_props["config"].get("schema") or "warehouse"
        return dg.AssetKey([schema, dbt_resource_props["name"]])

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        return dbt_resource_props["config"].get("schema") or "warehouse"


class EnvironmentDbt(DbtCliResource):
    """The dbt CLI of this environment: its version is that of the installed ``dbt-core``
    package. (dagster-dbt would start ``dbt --version`` to learn it, 2-4 s in every op.)"""

    @cached_property
    def _cli_version(self) -> Version:
        return Version(version("dbt-core"))


def dbt_resource() -> DbtCliResource:
    """The dbt CLI of this environment, on the project in ``dbt_project/``."""
    return EnvironmentDbt(
        project_dir=dbt_project, dbt_executable=str(Path(sys.executable).parent / "dbt")
    )


def prepare_if_stale() -> None:
    """Parse the dbt project when its manifest is missing, older than any project file, or was
    parsed for another data directory (dbt's partial parsing keys on the rendered profile, so
    the manifest is prepared with the absolute path that the runs will use)."""
    manifest = dbt_project.manifest_path
    data_dir = str(Path(os.environ.get(DATA_DIR_ENV, DEFAULT_DATA_DIR)).resolve())
    marker = manifest.parent / "prepared_for_data_dir.txt"
    sources = [
        p
        for p in DBT_PROJECT_DIR.rglob("*")
        if p.suffix in {".sql", ".yml", ".csv", ".md"} and "target" not in p.parts
    ]
    if (
        not manifest.exists()
        or max(p.stat().st_mtime for p in sources) > manifest.stat().st_mtime
        or not marker.exists()
        or marker.read_text(encoding="utf-8") != data_dir
    ):
        with environment({DATA_DIR_ENV: data_dir}):
            dbt_resource().cli(["parse"], target_path=dbt_project.target_path).wait()
        marker.write_text(data_dir, encoding="utf-8")


@contextmanager
def environment(values: Mapping[str, str]) -> Iterator[None]:
    """``values`` set in the process environment for the block (dbt's subprocess inherits it)."""
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


prepare_if_stale()


def warehouse_environment(settings: KlantmonitorSettings) -> AbstractContextManager[None]:
    """Point dbt at this run's data directory and key (read by profiles.yml and the plugin),
    and tell it before which day the purge has removed pseudonymised rows (reporting keeps
    its aggregates of those days)."""
    (rule,) = TABLE_RULES[("pseudonymised", "pse_feedback")]
    cutoff = load_policies(settings.retention_days)[rule.dataset].cutoff(settings.today())
    return environment(
        {
            DATA_DIR_ENV: str(settings.paths.root),
            SECRET_KEY_ENV: settings.secret_key,
            FROZEN_BEFORE_ENV: (cutoff or dt.date.min).isoformat(),
        }
    )


def window_environment(first: dt.date, last: dt.date) -> AbstractContextManager[None]:
    """The partition window ``first``..``last`` for the dbt calls in the block (read by the dbt
    plugin into ``km_window_start()`` / ``km_window_end()``)."""
    return environment({WINDOW_START_ENV: first.isoformat(), WINDOW_END_ENV: last.isoformat()})


def partition_window(context: dg.AssetExecutionContext) -> tuple[dt.date, dt.date]:
    """The run's window: first and last landing day."""
    days = partition_days(context)
    return days[0], days[-1]


def _build(context: dg.AssetExecutionContext, dbt: DbtCliResource, settings: KlantmonitorSettings):
    """``dbt build`` of this op's selection over the run's partition window."""
    settings.paths.root.mkdir(parents=True, exist_ok=True)
    with warehouse_environment(settings), window_environment(*partition_window(context)):
        yield from dbt.cli(["build"], context=context).stream()


def _layer_assets(name: str, select: str, description: str):
    @dbt_assets(
        manifest=dbt_project.manifest_path,
        project=dbt_project,
        name=name,
        select=select,
        dagster_dbt_translator=WarehouseTranslator(),
        partitions_def=daily_partitions,
        backfill_policy=single_run_backfill,
        pool=WAREHOUSE_POOL,
    )
    def _layer(
        context: dg.AssetExecutionContext, dbt: DbtCliResource, settings: KlantmonitorSettings
    ):
        yield from _build(context, dbt, settings)

    _layer.__doc__ = description
    return _layer


# Two ops, so that a blocking check on the pseudonymised layer (PII found) stops reporting.
warehouse_models = _layer_assets(
    "warehouse_models",
    "resource_type:seed path:models/staging path:models/pseudonymised",
    "Build and test the staging and pseudonymised layers for the run's window.",
)
reporting_models = _layer_assets(
    "reporting_models",
    "path:models/reporting",
    "Build and test the reporting layer.",
)
WAREHOUSE_ASSETS = [warehouse_models, reporting_models]


def warehouse_keys() -> list[dg.AssetKey]:
    """Every dbt model and seed asset key."""
    return sorted(k for assets in WAREHOUSE_ASSETS for k in assets.keys)


def reporting_keys() -> list[dg.AssetKey]:
    """The asset keys of the reporting models (what the exports read)."""
    return sorted(reporting_models.keys)
