"""Data-subject requests: one asset, the request log, fed by three doors.

Landing files (``subject_requests/<date>/requests.csv``, through the raw zone and its
quarantine), the launchpad (job ``subject_request``, run config with the file's fields) and
``klantmonitor request`` (the same job in-process). Each run handles every request not yet
completed (:mod:`klantmonitor.subjects.process`), after the nightly build, in the warehouse pool.
"""

import datetime as dt
from collections.abc import Mapping, Sequence

import dagster as dg
from dagster_dbt import DbtCliResource
from pydantic import Field

from assets.warehouse import WAREHOUSE_POOL, warehouse_environment, window_environment
from checks.subject_requests import SUBJECT_REQUESTS_KEY
from klantmonitor.subjects.intake import file_requests
from klantmonitor.subjects.process import process
from klantmonitor.subjects.requests import DOORS, TYPES, Rejection, SubjectRequest, validate
from orchestration.resources import KlantmonitorSettings

DOOR_TAG = "klantmonitor/door"  # set by `klantmonitor request`; the launchpad otherwise
#: The launchpad fields that hold the subject's clear data (see ``erase_launchpad_runs``).
CLEAR_FIELDS = ("email", "phone", "details")


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


def rebuild_with(dbt: DbtCliResource):
    """Rebuild staging, pseudonymised and reporting for the given landing days; with no days,
    the reporting tables only. ``dbt build``: the data tests that gate the nightly build gate
    this rebuild too (a failing one stops it before the exports are rewritten, and the requests
    stay open)."""

    def build(selection: str) -> None:
        dbt.cli(["build", "--select", selection, "--exclude-resource-type", "unit_test"]).wait()

    def rebuild(days: Sequence[dt.date]) -> None:
        if not days:
            build("reporting")
            return
        with window_environment(min(days), max(days)):
            build("staging pseudonymised reporting")

    return rebuild


@dg.asset(
    key=SUBJECT_REQUESTS_KEY,
    deps=[dg.AssetKey(["raw", "subject_requests"]), dg.AssetKey(["exports", "client_reports"])],
    group_name="subject_requests",
    description="The request log `audit.subject_requests` (request id, type, door, received and "
    "completed, outcome, pseudonyms; no clear identifier). Handles every open request: access "
    "and portability bundles in `exports/subject_requests/<request_id>/`, rectification, "
    "erasure (verified, tombstoned), restriction and objection.",
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
        results = process(items, settings.paths, settings.key_bytes, rebuild_with(dbt), now)
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
