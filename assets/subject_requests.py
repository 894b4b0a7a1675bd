"""Data-subject requests: one asset, the request log, fed by three doors.

Landing files (``subject_requests/<date>/requests.csv``, through the raw zone and its
quarantine), the launchpad (job ``subject_request``, run config with the file's fields) and
``klantmonitor request`` (the same job in-process). Each run handles every request not yet
completed (:mod:`klantmonitor.subjects.process`), after the nightly build, in the warehouse pool.
What a request changes elsewhere is recorded by the run, with the reason and the request ids
only: the warehouse tables, the rebuilt dbt models and the client exports as materialisations,
the landing and raw-zone files an erasure rewrote as observations of their days.
"""

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from typing import Any

import dagster as dg
from dagster_dbt import DbtCliResource
from pydantic import Field

from assets.exports import client_exports
from assets.ingestion import landing_key, raw_key
from assets.warehouse import (
    WAREHOUSE_POOL,
    WarehouseTranslator,
    dbt_project,
    warehouse_environment,
    window_environment,
)
from checks.subject_requests import SUBJECT_REQUESTS_KEY
from klantmonitor.exports import export_clients
from klantmonitor.paths import DataPaths
from klantmonitor.sources.contract import SOURCES
from klantmonitor.subjects.intake import file_requests
from klantmonitor.subjects.process import Changes, Rebuild, process
from klantmonitor.subjects.requests import DOORS, TYPES, Rejection, SubjectRequest, validate
from orchestration.resources import KlantmonitorSettings

DOOR_TAG = "klantmonitor/door"  # set by `klantmonitor request`; the launchpad otherwise
#: The launchpad fields that hold the subject's clear data (see ``erase_launchpad_runs``).
CLEAR_FIELDS = ("email", "phone", "details")
#: The reasons of the materialisations and observations a request's run records for other
#: assets.
ERASED_REASON = "subject request: records erased from the files"
DELETED_REASON = "subject request: rows deleted"
REBUILD_REASON = "subject request rebuild"
#: The asset key of a zone's files of a source.
ZONE_KEYS = {"landing": landing_key, "raw": raw_key}


class SubjectRequestConfig(dg.Config):
    """A request registered from the launchpad. Leave every field empty to handle only the
    requests delivered as landing files."""

    type: str | None = Field(default=None, description=f"One of: {', '.join(TYPES)}.")
    email: str | None = Field(default=None, description="The subject's e-mail address.")
    phone: str | None = Field(default=None, description="The subject's phone number.")
    details: str | None = Field(
        default=None,
        description='JSON object. Rectification: the corrected fields, e.g. {"last_name": '
        '"de Vries-Bakker"}. Restriction or objection: {"lift": true} lifts an earlier one.',
    )
    request_id: str | None = Field(default=None, description="Default: a new id.")
    received_at: str | None = Field(default=None, description="ISO 8601. Default: now.")

    @classmethod
    def holds_clear_data(cls, run_config: Mapping) -> bool:
        """Whether a run's config fills one of :data:`CLEAR_FIELDS` of this asset."""
        op = (run_config.get("ops") or {}).get(SUBJECT_REQUESTS_KEY.to_python_identifier()) or {}
        config = op.get("config") or {}
        return any(config.get(field) for field in CLEAR_FIELDS)

    def request(self, door: str, now: dt.datetime) -> SubjectRequest | Rejection | None:
        """The request these fields make, checked; None when they are all empty."""
        fields = self.model_dump()
        if all(value is None for value in fields.values()):
            return None
        return validate(**fields, door=door, now=now)


def _about(reason: str, request_ids: Sequence[str]) -> dict[str, str]:
    """The metadata of what a request's run records: the reason and the request ids, nothing
    else (no value of a subject)."""
    return {"reason": reason, "request_ids": ", ".join(request_ids)}


def recorded(key: dg.AssetKey, reason: str, request_ids: Sequence[str]) -> dg.AssetMaterialization:
    """A materialisation of ``key`` by this run (dagster-dbt's own metadata is not carried
    over)."""
    return dg.AssetMaterialization(asset_key=key, metadata=_about(reason, request_ids))


def rewritten(
    key: dg.AssetKey, day: str, reason: str, request_ids: Sequence[str]
) -> dg.AssetObservation:
    """An observation of the partition ``day`` of a landing or raw-zone asset whose files this
    run rewrote: an observation, not a materialisation, so that the partition still counts as
    ingested when it was (``landing_sensor`` compares its files with its last ingestion)."""
    return dg.AssetObservation(asset_key=key, partition=day, metadata=_about(reason, request_ids))


def relation_keys(
    manifest: Mapping[str, Any], translator: WarehouseTranslator
) -> dict[str, dg.AssetKey]:
    """The asset key of every dbt model and seed (as the dbt assets key it) by its relation,
    ``schema.table``."""
    return {
        f"{node['schema']}.{node['alias']}": translator.get_asset_spec(
            manifest, unique_id, dbt_project
        ).key
        for unique_id, node in manifest["nodes"].items()
        if node["resource_type"] in ("model", "seed")
    }


def rebuild_with(
    context: dg.AssetExecutionContext, dbt: DbtCliResource, paths: DataPaths
) -> Rebuild:
    """Rebuild staging, pseudonymised and reporting for the changed landing days; with no days,
    the reporting tables only; then the client exports. ``dbt build``: the data tests that gate
    the nightly build gate this rebuild too (a failing one stops it before the exports are
    rewritten, and the requests stay open).

    Recorded in the run, for the requests that made the changes: the landing and raw-zone
    partitions whose files an erasure rewrote (observations), the dbt assets whose tables
    rows were deleted from in place, every model dbt built (keys from the manifest and
    translator of the dbt assets; also those built before a failing test stopped the build),
    and ``exports/client_reports`` once rewritten."""
    manifest = json.loads(dbt_project.manifest_path.read_bytes())
    translator = WarehouseTranslator()

    def build(selection: str, request_ids: Sequence[str]) -> None:
        invocation = dbt.cli(
            ["build", "--select", selection, "--exclude-resource-type", "unit_test"],
            manifest=manifest,
            dagster_dbt_translator=translator,
        )
        for event in invocation.stream():  # raises once dbt is done if it failed
            if isinstance(event, dg.AssetMaterialization):  # a model or seed built
                context.log_event(recorded(event.asset_key, REBUILD_REASON, request_ids))

    def rebuild(changes: Changes) -> None:
        ids = changes.request_ids
        for zone, source, day in changes.partitions:
            key = ZONE_KEYS[zone](SOURCES[source])
            context.log_event(rewritten(key, day, ERASED_REASON, ids))
        keys = relation_keys(manifest, translator)
        for key in sorted({keys[t] for t in changes.tables if t in keys}):
            context.log_event(recorded(key, DELETED_REASON, ids))
        if not changes.days:
            build("reporting", ids)
        else:
            with window_environment(min(changes.days), max(changes.days)):
                build("staging pseudonymised reporting", ids)
        export_clients(paths.warehouse, paths.exports)
        context.log_event(recorded(client_exports.key, REBUILD_REASON, ids))

    return rebuild


@dg.asset(
    key=SUBJECT_REQUESTS_KEY,
    deps=[dg.AssetKey(["raw", "subject_requests"]), client_exports.key],
    group_name="subject_requests",
    description="The request log `audit.subject_requests` (request id, type, door, received and "
    "completed, outcome, pseudonyms; no clear identifier). Handles every open request: access "
    "and portability bundles in `exports/subject_requests/<request_id>/`, rectification, "
    "erasure (verified, tombstoned), restriction and objection. The warehouse tables, dbt "
    "models and client exports a request changes get a materialisation from its run (reason "
    "and request ids only).",
    pool=WAREHOUSE_POOL,
    kinds={"python", "duckdb"},
)
def subject_requests(
    context: dg.AssetExecutionContext,
    config: SubjectRequestConfig,
    settings: KlantmonitorSettings,
    dbt: DbtCliResource,
):
    now = dt.datetime.now(dt.UTC)
    door = context.run.tags.get(DOOR_TAG, "launchpad")
    if door not in DOORS:
        raise dg.Failure(f"unknown door tag {door!r}")
    items = file_requests(settings.paths, now)
    registered = config.request(door, now)
    if registered is not None:
        items.append(registered)
        if isinstance(registered, Rejection):
            context.log.warning(f"request {registered.request_id} rejected: {registered.reason}")
    with warehouse_environment(settings):
        rebuild = rebuild_with(context, dbt, settings.paths)
        results = process(items, settings.paths, settings.key_bytes, rebuild, now)
    outcomes: dict[str, int] = {}
    for request_id, result in results.items():
        outcomes[result.outcome] = outcomes.get(result.outcome, 0) + 1
        context.log.info(f"request {request_id}: {result.outcome}")
    return dg.MaterializeResult(
        metadata={
            "handled": len(results),
            **{f"outcome/{name}": count for name, count in sorted(outcomes.items())},
            "request_ids": ", ".join(results) or "none",
        }
    )
