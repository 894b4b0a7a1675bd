"""Data-subject rights end to end on generated data: real Dagster runs, dbt and DuckDB files.

One warehouse is built once (a day of generated exports); every test works on its own copy.
One batch of requests through the landing-file door covers access, portability, rectification,
restriction, objection, a subject known only by phone, someone never seen, and invalid
requests; erasure (with a backfill of the old export afterwards), the erasure of a restricted
subject, the launchpad and CLI doors and the 25-day check have their own tests.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import dagster as dg
import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from assets.ingestion import ingestion_assets
from assets.subject_requests import (
    DELETED_REASON,
    ERASED_REASON,
    REBUILD_REASON,
    subject_requests,
)
from assets.warehouse import dbt_resource, reporting_keys, warehouse_keys
from checks.subject_requests import answered_within_25_days, overdue_requests
from klantmonitor.paths import DataPaths
from klantmonitor.pseudonym import pseudonym
from klantmonitor.sources.contract import SOURCES
from klantmonitor.subjects import log
from klantmonitor.subjects.erasure import verify
from klantmonitor.subjects.matching import Subject
from klantmonitor.subjects.tombstones import load_tombstones
from orchestration.sensors import erase_launchpad_runs
from tests.conftest import DEMO_START, TEST_KEY
from tests.dagster_helpers import settings_for
from tests.warehouse_helpers import run_pipeline

DAY = DEMO_START.isoformat()
KEY = TEST_KEY.encode()
CLI = str(Path(sys.executable).parent / "klantmonitor")
NEVER_SEEN = {"email": "nooit.gezien@voorbeeld.nl", "phone": "+31 6 1357 9086"}
RAW_REQUESTS = next(a for a in ingestion_assets if a.key.path == ["raw", "subject_requests"])


# --- helpers -----------------------------------------------------------------------------------


def copy_of(built: DataPaths, tmp_path: Path) -> DataPaths:
    """A private copy of the built data directory (tests mutate it)."""
    paths = DataPaths(tmp_path / "data")
    shutil.copytree(built.root, paths.root)
    return paths


def handle(paths: DataPaths, instance: dg.DagsterInstance, **config: str):
    """One run of the request asset (and its check), as the launchpad starts it."""
    return dg.materialize(
        [subject_requests, answered_within_25_days],
        instance=instance,
        resources={"settings": settings_for(paths), "dbt": dbt_resource()},
        run_config={"ops": {"audit__subject_requests": {"config": config}}},
        raise_on_error=False,
    )


def write_requests(paths: DataPaths, rows: list[dict[str, str]]) -> None:
    """The privacy officer's export of requests for DAY (replacing the generated one)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, ["request_id", "type", "email", "phone", "received_at", "details"])
    writer.writeheader()
    writer.writerows(rows)
    (paths.landing_day("subject_requests", DEMO_START) / "requests.csv").write_text(out.getvalue())


def request_log(paths: DataPaths) -> dict[str, dict]:
    with duckdb.connect(str(paths.warehouse), read_only=True) as con:
        rows = con.sql(f"select * from {log.TABLE}").to_arrow_table().to_pylist()
    return {r["request_id"]: r for r in rows}


def query(paths: DataPaths, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(paths.warehouse), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def raw_rows(paths: DataPaths, source: str, subject: Subject) -> int:
    return sum(
        int(subject.mask(pq.read_table(f)).sum())
        for f in paths.raw.glob(f"{source}/date=*/data.parquet")
    )


def materialized(
    instance: dg.DagsterInstance,
    run_id: str,
    kind: dg.DagsterEventType = dg.DagsterEventType.ASSET_MATERIALIZATION,
) -> dict[str, list[dict]]:
    """The materialisations (or observations) a run recorded: their metadata and partition per
    asset key."""
    found: dict[str, list[dict]] = {}
    for entry in instance.all_logs(run_id, of_type=kind):
        event = entry.asset_materialization or entry.asset_observation
        assert event is not None
        metadata = {name: value.value for name, value in event.metadata.items()}
        metadata["partition"] = event.partition
        found.setdefault(event.asset_key.to_user_string(), []).append(metadata)
    return found


def email_pseudonym(email: str) -> str:
    return pseudonym(KEY, "email", email)  # type: ignore[return-value]


# --- the built warehouse and the people in it --------------------------------------------------


@pytest.fixture(scope="module")
def built(
    generated_landing: DataPaths, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[DataPaths]:
    """A nightly run over one day of generated exports (its generated requests left out)."""
    paths = DataPaths(tmp_path_factory.mktemp("subjects_built") / "data")
    for folder in generated_landing.landing.glob(f"*/{DAY}"):
        shutil.copytree(folder, paths.landing / folder.relative_to(generated_landing.landing))
    write_requests(paths, [])
    with dg.instance_for_test() as instance:
        assert run_pipeline(paths, instance, DAY).success
    yield paths


@pytest.fixture(scope="module")
def people(built: DataPaths) -> dict[str, dict[str, str]]:
    """Subjects that exist in the generated data, each picked for what a test needs."""
    crm = query(
        built,
        "select distinct c.email, c.phone from staging.stg_crm c "
        "join staging.stg_messagebird m on lower(m.respondent) = c.email "
        "where c.phone is not null order by 1 limit 2",
    )
    feedback = query(
        built,
        "select contact_email from staging.stg_govmetric where contact_email like '%@%' and "
        "lower(contact_email) not in (select email from staging.stg_crm where email is not null)"
        " order by 1 limit 1",
    )
    plain_crm = query(
        built,
        "select email from staging.stg_crm where email is not null and last_name is not null "
        "and email not in (select lower(respondent) from staging.stg_messagebird) order by 1 "
        "limit 1",
    )
    callers = query(
        built,
        "select caller_phone from staging.stg_ivr where caller_phone is not null and "
        "caller_phone not in (select phone from staging.stg_crm where phone is not null) "
        "order by 1 limit 2",
    )
    assert len(crm) == 2 and feedback and plain_crm and len(callers) == 2
    return {
        "known": {"email": crm[0][0], "phone": crm[0][1]},  # CRM + SMS survey
        "objecting": {"email": crm[1][0]},  # CRM + SMS survey
        "rectified": {"email": plain_crm[0][0]},  # CRM only
        "restricted": {"email": feedback[0][0]},  # feedback contact
        "by_phone": {"phone": callers[0][0]},  # IVR caller, known by phone only
        "restricted_then_erased": {"phone": callers[1][0]},
    }


# --- one batch through the landing-file door ---------------------------------------------------


@pytest.fixture(scope="module")
def answered(
    built: DataPaths, people: dict, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[DataPaths]:
    """The requests of DAY delivered as a landing file, ingested and handled in one run."""
    paths = copy_of(built, tmp_path_factory.mktemp("answered"))
    at = f"{DAY}T09:00:00Z"
    rows = [
        {"request_id": "R-ACCESS", "type": "access", **people["known"]},
        {"request_id": "R-PORT", "type": "portability", **people["known"]},
        {"request_id": "R-PHONE", "type": "access", **people["by_phone"]},
        {"request_id": "R-NEVER", "type": "access", **NEVER_SEEN},
        {
            "request_id": "R-RECT",
            "type": "rectification",
            **people["rectified"],
            "details": json.dumps({"last_name": "de Vries-Bakker"}),
        },
        {"request_id": "R-RESTRICT", "type": "restriction", **people["restricted"]},
        {"request_id": "R-OBJECT", "type": "objection", **people["objecting"]},
        {"request_id": "R-NO-ID", "type": "access"},
        {"request_id": "R-TYPE", "type": "forget-me", **NEVER_SEEN},
        {"request_id": "R-JSON", "type": "rectification", **NEVER_SEEN, "details": "{last_name"},
    ]
    write_requests(paths, [{"received_at": at, **r} for r in rows])
    with dg.instance_for_test() as instance:
        ingest = dg.materialize(
            [RAW_REQUESTS],
            partition_key=DAY,
            instance=instance,
            resources={"settings": settings_for(paths)},
        )
        assert ingest.success
        result = handle(paths, instance)
    assert result.success
    (check,) = result.get_asset_check_evaluations()
    assert check.passed
    yield paths


def test_every_request_of_the_file_is_logged_without_clear_identifiers(
    answered: DataPaths, people: dict
) -> None:
    entries = request_log(answered)
    assert set(entries) >= {"R-ACCESS", "R-RECT", "R-NO-ID", "R-TYPE", "R-JSON"}
    assert all(e["door"] == "file" and e["completed_at"] for e in entries.values())
    assert entries["R-ACCESS"]["email_pseudonym"] == email_pseudonym(people["known"]["email"])
    # invalid requests are recorded as rejected, the reason names the rule, not the value
    assert entries["R-NO-ID"]["outcome"] == "rejected"
    assert "no identifier" in entries["R-NO-ID"]["note"]
    assert entries["R-TYPE"]["outcome"] == "rejected" and "type" in entries["R-TYPE"]["note"]
    assert entries["R-JSON"]["outcome"] == "rejected" and "details" in entries["R-JSON"]["note"]
    text = json.dumps(list(entries.values()), default=str).lower()
    for person in [*people.values(), NEVER_SEEN]:
        for value in person.values():
            assert value.lower() not in text
    assert "last_name" not in entries["R-JSON"]["note"]


def test_access_bundle_covers_every_layer_with_a_dutch_summary(
    answered: DataPaths, people: dict
) -> None:
    folder = answered.exports / "subject_requests" / "R-ACCESS"
    bundle = json.loads((folder / "bundle.json").read_text())
    layers = {d["layer"] for d in bundle["datasets"]}
    assert {"landing", "raw", "staging", "pseudonymised", "audit"} <= layers
    staged = next(d for d in bundle["datasets"] if d["dataset"] == "stg_crm")
    assert staged["rows"][0]["email"] == people["known"]["email"]  # clear where staging has it
    pse = next(d for d in bundle["datasets"] if d["layer"] == "pseudonymised")
    assert all(people["known"]["email"] not in json.dumps(r) for r in pse["rows"])
    assert pse["retention"] and staged["legal_basis"]
    for d in bundle["datasets"]:
        assert (folder / f"{d['layer']}.{d['dataset']}.csv").is_file()
    summary = (folder / "samenvatting.txt").read_text()
    assert "Doel:" in summary and "Grondslag:" in summary and "Bewaartermijn: 2 jaar" in summary
    assert bundle["samenvatting"] == summary


def test_portability_gives_what_was_given_by_consent_or_contract_as_delivered(
    answered: DataPaths,
) -> None:
    bundle = json.loads((answered.exports / "subject_requests/R-PORT/bundle.json").read_text())
    datasets = {(d["layer"], d["dataset"]) for d in bundle["datasets"]}
    assert ("raw", "crm") in datasets
    assert {layer for layer, _ in datasets} == {"raw"}  # as delivered
    assert ("raw", "messagebird") not in datasets  # feedback: processed for the client
    assert (answered.exports / "subject_requests/R-PORT/raw.crm.csv").is_file()


def test_a_subject_known_only_by_phone_is_found(answered: DataPaths, people: dict) -> None:
    entry = request_log(answered)["R-PHONE"]
    assert entry["outcome"] == "completed" and entry["email_pseudonym"] is None
    bundle = json.loads((answered.exports / "subject_requests/R-PHONE/bundle.json").read_text())
    raw_ivr = next(d for d in bundle["datasets"] if d["layer"] == "raw" and d["dataset"] == "ivr")
    assert raw_ivr["rows"]


def test_someone_never_seen_is_answered_and_nothing_is_invented(answered: DataPaths) -> None:
    entry = request_log(answered)["R-NEVER"]
    assert entry["outcome"] == "not_found"
    bundle = json.loads((answered.exports / "subject_requests/R-NEVER/bundle.json").read_text())
    # only the request itself is held (the file it came in, and the log)
    assert {d["dataset"] for d in bundle["datasets"]} <= {
        "subject_requests",
        "stg_subject_requests",
    }
    assert "geen persoonsgegevens" in bundle["samenvatting"]
    subject = Subject.of(KEY, NEVER_SEEN["email"], NEVER_SEEN["phone"])
    assert not query(answered, "select * from subjects.flags where pseudonym in (?, ?)",
                     list(subject.pseudonyms))  # fmt: skip


def test_rectification_shows_in_staging_from_the_next_run(
    answered: DataPaths, people: dict
) -> None:
    email = people["rectified"]["email"]
    assert query(answered, "select distinct last_name from staging.stg_crm where email = ?",
                 [email]) == [("de Vries-Bakker",)]  # fmt: skip
    raw = pq.read_table(answered.raw_file("crm", DEMO_START)).to_pylist()
    assert {r["last_name"] for r in raw if r["email"] and r["email"].lower() == email} != {
        "de Vries-Bakker"
    }  # the delivered value is kept; staging shows the correction
    assert request_log(answered)["R-RECT"]["action"] == "rectified: last_name"


def test_objection_excludes_crm_processing_but_not_feedback(
    answered: DataPaths, people: dict
) -> None:
    email = people["objecting"]["email"]
    assert not query(answered, "select 1 from staging.stg_crm where email = ?", [email])
    assert query(answered, "select 1 from staging.stg_messagebird where lower(respondent) = ?",
                 [email])  # fmt: skip
    assert raw_rows(answered, "crm", Subject.of(KEY, email, None))  # kept in the raw zone


def test_restriction_excludes_after_raw_and_a_lift_brings_the_subject_back(
    answered: DataPaths, people: dict
) -> None:
    email = people["restricted"]["email"]
    subject = Subject.of(KEY, email, None)
    held = "select count(*) from pseudonymised.pse_feedback where email_pseudonym = ?"
    staged = "select count(*) from staging.stg_govmetric where lower(contact_email) = ?"
    assert query(answered, held, [subject.email_pseudonym]) == [(0,)]
    assert query(answered, staged, [email]) == [(0,)]
    assert raw_rows(answered, "govmetric", subject)  # kept
    with dg.instance_for_test() as instance:
        lifted = handle(
            answered, instance, type="restriction", email=email, details='{"lift": true}'
        )
    assert lifted.success
    assert query(answered, held, [subject.email_pseudonym])[0][0] > 0
    assert query(answered, staged, [email])[0][0] > 0


def test_a_failing_data_test_stops_a_rebuild_before_the_exports_and_the_request_stays_open(
    built: DataPaths, people: dict, tmp_path: Path
) -> None:
    paths = copy_of(built, tmp_path)
    for path in sorted(paths.raw.glob("govmetric/date=*/data.parquet")):
        table = pq.read_table(path)  # a duplicated answer: stg_govmetric's unique test fails
        pq.write_table(pa.concat_tables([table, table.slice(0, 1)]), path)
    exports = {p: p.stat().st_mtime_ns for p in paths.exports.rglob("*.parquet")}
    with dg.instance_for_test() as instance:
        result = handle(
            paths,
            instance,
            type="rectification",
            **people["restricted"],
            details='{"last_name": "Correctie"}',
            request_id="R-GATED",
        )
        recorded = materialized(instance, result.run_id)
    assert not result.success
    assert {p: p.stat().st_mtime_ns for p in paths.exports.rglob("*.parquet")} == exports
    assert request_log(paths)["R-GATED"]["completed_at"] is None  # open: the 25-day check sees it
    # what dbt built before the test failed is recorded; what it skipped and the exports are not
    assert "staging/stg_govmetric" in recorded  # built, then its test failed
    assert "staging/stg_feedback" not in recorded and "pseudonymised/pse_feedback" not in recorded
    assert "exports/client_reports" not in recorded


# --- erasure -----------------------------------------------------------------------------------


def test_erasure_removes_the_subject_everywhere_and_a_backfill_does_not_bring_it_back(
    built: DataPaths, people: dict, generated_landing: DataPaths, tmp_path: Path
) -> None:
    paths = copy_of(built, tmp_path)
    person = people["known"]
    subject = Subject.of(KEY, person["email"], person["phone"])
    assert verify(paths, subject)  # held in several places before
    sql = "select first_name, last_name from staging.stg_crm where email = ?"
    names = {n for row in query(paths, sql, [person["email"]]) for n in row if n}
    raw_days = {  # the raw-zone partitions holding the subject: (asset, day)
        (f"raw/{f.parent.parent.name}", f.parent.name.removeprefix("date="))
        for f in paths.raw.glob("*/date=*/data.parquet")
        if subject.mask(pq.read_table(f)).any()
    }
    with dg.instance_for_test() as instance:
        assert handle(paths, instance, type="access", **person).success
        erased = handle(paths, instance, type="erasure", **person)
        assert erased.success
        entry = next(e for e in request_log(paths).values() if e["request_type"] == "erasure")
        assert entry["outcome"] == "completed" and entry["verification"] == "passed"
        # Dagster shows which assets the erasure changed, when, and for which request
        recorded = materialized(instance, erased.run_id)
        changed = set(recorded) - {"audit/subject_requests"}
        # rows deleted in place (the subject had an SMS invitation, no feedback), dbt's rebuild
        deleted = {"staging/stg_crm", "pseudonymised/pse_survey_invitations"}
        rebuilt = {k.to_user_string() for k in reporting_keys()} | {"exports/client_reports"}
        assert deleted | rebuilt <= changed
        assert changed <= {k.to_user_string() for k in warehouse_keys()} | rebuilt  # dbt's keys
        # the files rewritten, landing and raw zone, are observed by day (no materialisation:
        # the days still count as ingested)
        observed = materialized(instance, erased.run_id, dg.DagsterEventType.ASSET_OBSERVATION)
        raw_files = {k for k, _ in raw_days}
        assert raw_files and raw_files | {"landing/crm"} <= set(observed)
        assert set(observed) <= {f"{zone}/{s}" for zone in ("landing", "raw") for s in SOURCES}
        assert {(k, m["partition"]) for k in raw_files for m in observed[k]} == raw_days
        assert all(m["reason"] == ERASED_REASON for ms in observed.values() for m in ms)
        assert all(m["reason"] == DELETED_REASON for k in deleted for m in recorded[k])
        assert all(any(m["reason"] == REBUILD_REASON for m in recorded[k]) for k in rebuilt)
        metadata = [m for k in changed for m in recorded[k]]
        metadata += [m for ms in observed.values() for m in ms]
        assert {m["request_ids"] for m in metadata} == {entry["request_id"]}
        text = json.dumps([recorded, observed], default=str).lower().replace(" ", "")
        clear = [person["email"], person["phone"], person["phone"][-9:], *names]
        assert names and not [v for v in clear if v.lower().replace(" ", "") in text]
        assert "erased:landing.crm" in json.loads(entry["found"])
        assert verify(paths, subject) == []
        assert set(subject.pseudonyms) <= load_tombstones(paths)
        # the launchpad runs go (their config holds the subject); what they recorded stays
        with dg.build_sensor_context(instance=instance) as context:
            erase_launchpad_runs.evaluate_tick(context)
        assert not instance.all_logs(erased.run_id)
        for key in raw_files:
            kept = instance.fetch_observations(dg.AssetKey.from_user_string(key), limit=10)
            assert kept.records and not any(r.run_id for r in kept.records)
        # the vendor re-delivers the old exports and the day is backfilled
        for source in ("crm", "messagebird"):
            folder = paths.landing_day(source, DEMO_START)
            shutil.rmtree(folder)
            shutil.copytree(generated_landing.landing_day(source, DEMO_START), folder)
        assert run_pipeline(paths, instance, DAY).success
    places = verify(paths, subject)
    assert places and all(p.startswith("landing.") for p in places)  # only the re-delivery
    assert raw_rows(paths, "crm", subject) == 0 and raw_rows(paths, "messagebird", subject) == 0
    assert not query(paths, "select 1 from staging.stg_crm where email = ?", [person["email"]])


def test_erasure_of_a_restricted_subject_known_by_phone(
    built: DataPaths, people: dict, tmp_path: Path
) -> None:
    paths = copy_of(built, tmp_path)
    person = people["restricted_then_erased"]
    subject = Subject.of(KEY, None, person["phone"])
    with dg.instance_for_test() as instance:
        assert handle(paths, instance, type="restriction", **person).success
        assert query(paths, "select count(*) from subjects.flags") == [(1,)]
        assert raw_rows(paths, "ivr", subject)  # restricted: kept in the raw zone only
        assert handle(paths, instance, type="erasure", **person).success
    assert verify(paths, subject) == []
    assert query(paths, "select count(*) from subjects.flags") == [(0,)]
    entries = [e for e in request_log(paths).values() if e["door"] == "launchpad"]
    outcomes = sorted((e["request_type"], e["outcome"], e["verification"]) for e in entries)
    assert outcomes == [("erasure", "completed", "passed"), ("restriction", "completed", None)]


# --- the other doors and the 25-day check ------------------------------------------------------


def test_launchpad_and_cli_requests_land_in_the_same_log(built: DataPaths, tmp_path: Path) -> None:
    paths = copy_of(built, tmp_path)
    with dg.instance_for_test() as instance:
        rejected = handle(paths, instance, type="rectification", **NEVER_SEEN, details="[1]")
    assert rejected.success
    (tmp_path / ".env").write_text(f"KLANTMONITOR_SECRET_KEY={TEST_KEY}\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KLANTMONITOR_", "DAGSTER"))}
    env["KLANTMONITOR_DATA_DIR"] = str(paths.root)
    env["DAGSTER_HOME"] = str(tmp_path / "dagster_home")
    (tmp_path / "dagster_home").mkdir()
    bad = subprocess.run(
        [CLI, "request", "forget-me", "--email", NEVER_SEEN["email"]],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert bad.returncode == 2
    assert "rejected: type: not one of access" in bad.stderr
    assert NEVER_SEEN["email"] not in bad.stdout + bad.stderr
    entries = request_log(paths)
    doors = {e["door"]: e for e in entries.values() if e["door"] != "file"}
    assert doors["launchpad"]["outcome"] == "rejected"
    assert doors["launchpad"]["note"] == "details: not a JSON object"
    assert doors["cli"]["outcome"] == "rejected"
    assert doors["cli"]["email_pseudonym"] == email_pseudonym(NEVER_SEEN["email"])
    # the run itself is gone with its ephemeral instance; the asset's history keeps it runless
    with dg.DagsterInstance.from_config(env["DAGSTER_HOME"]) as home:
        assert home.get_runs() == []
        (kept,) = home.fetch_materializations(subject_requests.key, limit=5).records
        assert not kept.run_id
        assert "outcome/rejected" in str(kept.asset_materialization)
        assert NEVER_SEEN["email"] not in str(kept.asset_materialization)


def test_a_finished_launchpad_request_leaves_no_clear_data_in_run_storage(
    built: DataPaths, tmp_path: Path
) -> None:
    paths = copy_of(built, tmp_path)
    with dg.instance_for_test() as instance:
        entered = handle(paths, instance, type="access", **NEVER_SEEN)
        files_only = handle(paths, instance)  # no fields: the landing files' requests only

        def stored() -> str:
            runs = instance.get_runs()
            events = [e for r in runs for e in instance.all_logs(r.run_id)]
            return json.dumps([r.run_config for r in runs]) + "".join(map(str, events))

        assert NEVER_SEEN["email"] in stored()  # what Dagster keeps of a launchpad run
        with dg.build_sensor_context(instance=instance) as context:
            erase_launchpad_runs.evaluate_tick(context)
            assert [r.run_id for r in instance.get_runs()] == [files_only.run_id]
            erase_launchpad_runs.evaluate_tick(context)  # from its cursor: nothing more to do
        assert [r.run_id for r in instance.get_runs()] == [files_only.run_id]
        assert not instance.all_logs(entered.run_id)
        assert NEVER_SEEN["email"] not in stored()
        assert NEVER_SEEN["phone"].replace(" ", "") not in stored().replace(" ", "")
        # the request asset's history keeps the deleted run's materialisation, without the run
        history = instance.fetch_materializations(subject_requests.key, limit=10).records
        assert sorted(r.run_id for r in history) == ["", files_only.run_id]
        kept = str(next(r for r in history if not r.run_id).asset_materialization)
        assert "handled" in kept and NEVER_SEEN["email"] not in kept
    (entry,) = [e for e in request_log(paths).values() if e["door"] == "launchpad"]
    assert entry["outcome"] == "not_found"  # the request log keeps the outcome


def test_a_request_open_for_more_than_25_days_fails_the_check(data_dir: DataPaths) -> None:
    now = dt.datetime(2026, 11, 30, tzinfo=dt.UTC)
    data_dir.root.mkdir(parents=True)
    with duckdb.connect(str(data_dir.warehouse)) as con:
        log.ensure_log(con)
        for request_id, age in (("R-NEW", 3), ("R-OLD", 26)):
            received = now - dt.timedelta(days=age)
            subject = Subject.of(KEY, "iemand@voorbeeld.nl", None)
            log.record_received(con, log.Entry(request_id, "access", "cli", received, subject))
    result = overdue_requests(settings_for(data_dir), now)
    assert not result.passed and result.severity == dg.AssetCheckSeverity.ERROR
    assert result.metadata["request_ids"].value == "R-OLD"
    with duckdb.connect(str(data_dir.warehouse)) as con:
        log.record_result(con, "R-OLD", log.Result(log.COMPLETED), now)
    assert overdue_requests(settings_for(data_dir), now).passed
