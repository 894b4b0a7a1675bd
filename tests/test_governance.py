"""Governance end to end: the retention purge and the governance checks, on real runs.

Each check goes red on a planted fault and names where (table, column or file, and the rule),
never the value; the purge turns the retention checks green again; a blocking PII check stops
the exports; a three-year simulation of nightly runs with short windows leaves nothing past any
window.
"""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import dagster as dg
import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from assets.retention import retention_purge
from klantmonitor.generate import generate
from klantmonitor.governance import pii_absence
from klantmonitor.governance.duck import governance_connection
from klantmonitor.governance.known_values import KnownValues
from klantmonitor.governance.quality import validate_staging
from klantmonitor.paths import DataPaths
from klantmonitor.retention.policy import load_policies
from klantmonitor.sources.contract import SOURCES
from klantmonitor.subjects import log, registry
from klantmonitor.subjects.bundle import bundle_folder
from tests.conftest import DEMO_START
from tests.dagster_helpers import copy_landing
from tests.governance_helpers import (
    check_results,
    failed,
    run_job,
    run_log_text,
    settings_for,
    started_steps,
    step_succeeded,
)

DAY = DEMO_START
LOADED = DAY + dt.timedelta(days=1)  # the clean nightly runs the morning after
LATER = DAY + dt.timedelta(days=16)  # landing files (14 days after load) have expired
NON_EEA = "s3://klantmonitor-backup?region=us-east-1"
LEAKED_EMAIL = "p.jansen-leak@example.nl"
GOVERNANCE_CHECKS = {"retention", "pii_absence", "client_isolation", "eea_storage", "data_quality"}
GOVERNANCE_STEPS = [
    "governance__retention_purge",
    "retention_ingested",
    "retention_warehouse",
    "retention_exports",
    "pii_absence_pseudonymised",
    "pii_absence_reporting",
    "exports__client_reports_pii_absence",
    "exports__client_reports_client_isolation",
    "eea_storage_checks",
    "data_quality_checks",
]


def _copy(src: DataPaths, tmp: Path) -> DataPaths:
    shutil.copytree(src.root, tmp / "data")
    return DataPaths(tmp / "data")


def _crm_full_name(paths: DataPaths) -> str:
    """A contact's full name from the raw CRM snapshot (a clear value the platform holds)."""
    crm = pq.read_table(paths.raw_file("crm", DAY)).to_pylist()
    person = next(r for r in crm if r["first_name"] and r["last_name"] and not r["is_client"])
    return f"{person['first_name']} {person['last_name']}"


def _plant_expired_row(con: duckdb.DuckDBPyConnection) -> None:
    """A pseudonymised row 800 days old (the window is 730)."""
    con.execute(
        "insert into pseudonymised.pse_feedback select * replace "
        "(answer_id || '-old' as answer_id, (feedback_date - interval 800 day)::date "
        "as feedback_date) from pseudonymised.pse_feedback order by answer_id limit 1"
    )


def _plant_known_name(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """A CRM contact's name in a pseudonymised comment (no pattern a dbt test looks for)."""
    con.execute(
        "update pseudonymised.pse_feedback set comment = 'Goed geholpen door ' || $name "
        "where answer_id = (select min(answer_id) from pseudonymised.pse_feedback "
        "where comment is not null and feedback_date = $day)",
        {"name": name, "day": DAY},
    )


OLD_REQUEST = "SR-OLD-ACCESS"


def _plant_old_request_records(paths: DataPaths, today: dt.date) -> None:
    """An access bundle of a request completed 40 days before ``today`` (window 30 days) and a
    rectification made eight years before (window seven years)."""
    completed = dt.datetime.combine(today - dt.timedelta(days=40), dt.time(12), dt.UTC)
    with duckdb.connect(str(paths.warehouse)) as con:
        log.ensure_log(con)
        registry.ensure_registry(con)
        con.execute(
            f"insert into {log.TABLE} (request_id, request_type, door, received_at, "
            "completed_at, outcome) values (?, 'access', 'file', ?, ?, 'completed')",
            [OLD_REQUEST, completed - dt.timedelta(days=3), completed],
        )
        con.execute(
            f"insert into {registry.SCHEMA}.overrides values ('p-old', 'last_name', 'X', ?, ?)",
            [OLD_REQUEST, completed - dt.timedelta(days=8 * 365)],
        )
    folder = bundle_folder(paths, OLD_REQUEST)
    folder.mkdir(parents=True)
    (folder / "samenvatting.txt").write_text("Inzageverzoek (test)\n", encoding="utf-8")


def _old_request_records(paths: DataPaths) -> tuple[bool, int]:
    """Whether the planted bundle is still there, and how many planted overrides are."""
    with duckdb.connect(str(paths.warehouse), read_only=True) as con:
        (overrides,) = con.execute(
            f"select count(*) from {registry.SCHEMA}.overrides where request_id = ?",
            [OLD_REQUEST],
        ).fetchone()
    return bundle_folder(paths, OLD_REQUEST).is_dir(), overrides


@pytest.fixture(scope="module")
def built(
    generated_landing: DataPaths, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[DataPaths, dg.ExecuteInProcessResult]]:
    """One clean nightly run (ingest, warehouse, purge, exports, every check)."""
    paths = DataPaths(tmp_path_factory.mktemp("governance") / "data")
    copy_landing(generated_landing, paths)
    with dg.instance_for_test() as instance:
        result = run_job(paths, instance, "nightly", DAY.isoformat(), simulated_today=str(LOADED))
        yield paths, result


@dataclass(frozen=True)
class Faulted:
    paths: DataPaths
    result: dg.ExecuteInProcessResult
    log: str
    name: str
    export_file: str
    client: str


@pytest.fixture(scope="module")
def faulted(built, tmp_path_factory: pytest.TempPathFactory) -> Faulted:
    """Every fault planted in a copy of the clean run, then the governance job, 16 days on."""
    paths = _copy(built[0], tmp_path_factory.mktemp("faulted"))
    name = _crm_full_name(paths)
    with duckdb.connect(str(paths.warehouse)) as con:
        _plant_expired_row(con)
        con.execute(  # a leaked e-mail address in a pseudonymised comment
            "update pseudonymised.pse_feedback set comment = 'Mail mij: ' || $email "
            "where answer_id = (select max(answer_id) from pseudonymised.pse_feedback "
            "where comment is not null and feedback_date = $day)",
            {"email": LEAKED_EMAIL, "day": DAY},
        )
        con.execute(  # a known contact name in a report
            "update reporting.rpt_comments set comment = 'Gesproken met ' || $name "
            "where comment = (select min(comment) from reporting.rpt_comments)",
            {"name": name},
        )
        con.execute(  # a Great Expectations violation: a normalised score above 1
            "update staging.stg_feedback set normalised_score = 1.7 where answer_id = "
            "(select min(answer_id) from staging.stg_feedback where normalised_score is not null)"
        )
    _plant_old_request_records(paths, LATER)
    clients = sorted(
        p.name
        for p in paths.exports.iterdir()
        if not p.name.startswith(".") and p.name != "subject_requests"
    )
    client, other = clients[:2]
    mine = sorted((paths.exports / client / "rpt_satisfaction_daily").rglob("*.parquet"))[0]
    theirs = sorted((paths.exports / other / "rpt_satisfaction_daily").rglob("*.parquet"))[0]
    stray = pq.read_table(theirs).slice(0, 1)
    pq.write_table(pa.concat_tables([pq.read_table(mine), stray]), mine)
    with dg.instance_for_test() as instance:
        result = run_job(
            paths, instance, "governance", simulated_today=str(LATER), storage_locations=[NON_EEA]
        )
        log = run_log_text(instance, result.run_id)
    return Faulted(paths, result, log, name, str(mine.relative_to(paths.root)), client)


def test_a_clean_nightly_purges_and_passes_every_governance_check(built) -> None:
    paths, result = built
    for step in GOVERNANCE_STEPS:
        assert step_succeeded(result, step), step
    evaluations = {k: e for k, e in check_results(result).items() if k[1] in GOVERNANCE_CHECKS}
    assert {name for _, name in evaluations} == GOVERNANCE_CHECKS
    assert [k for k, e in evaluations.items() if not e.passed] == []
    retention = {asset for asset, name in evaluations if name == "retention"}
    assert {f"landing/{s}" for s in SOURCES} | {f"raw/{s}" for s in SOURCES} <= retention
    assert {"pseudonymised/pse_feedback", "exports/client_reports"} <= retention
    with duckdb.connect(str(paths.warehouse), read_only=True) as con:
        logged = dict(
            con.execute(
                "select dataset, sum(rows_removed + files_removed) from audit.retention_log "
                "where run_id = ? group by dataset",
                [result.run_id],
            ).fetchall()
        )
        columns = {r[0] for r in con.execute("describe audit.retention_log").fetchall()}
        seeded = con.execute("select dataset, window_days from reference.retention_policy")
        policy = dict(seeded.fetchall())
    assert policy == {name: p.window_days for name, p in load_policies().items()}
    assert {"landing_files", "identified_feedback", "crm_contact", "application"} <= set(logged)
    assert logged["crm_contact"] > 0  # the CRM snapshot holds contacts past their window
    assert columns == {
        "dataset", "layer", "relation", "window_days", "cutoff", "rows_removed", "files_removed",
        "run_id", "purged_at",
    }  # fmt: skip


def test_expired_landing_files_and_rows_turn_retention_red_naming_where(faulted) -> None:
    red = failed(faulted.result, "retention")
    for source in ("govmetric", "crm", "zivver"):
        assert f"landing/{source}: " in red[f"landing/{source}"]
        assert "past landing_files (14 days" in red[f"landing/{source}"]
    where = check_results(faulted.result)[("landing/govmetric", "retention")].metadata["where"]
    assert f"landing/govmetric/{DAY}" in where.value
    description = red["pseudonymised/pse_feedback"]
    assert "pseudonymised.pse_feedback: 1 rows past pseudonymised_feedback (730 days" in description
    requests = red["audit/subject_requests"]  # the request asset keeps bundles and corrections
    assert "exports/subject_requests: 1 files past subject_request_bundle (30 days" in requests
    assert "subjects.overrides: 1 rows past subject_override (2555 days" in requests


def test_a_leaked_email_and_a_known_name_turn_pii_absence_red_naming_column_and_rule(
    faulted,
) -> None:
    red = failed(faulted.result, "pii_absence")
    assert set(red) == {"pseudonymised/pse_feedback", "reporting/rpt_comments"}
    assert (
        "pseudonymised.pse_feedback.comment: pattern:email (1 values)"
        in red["pseudonymised/pse_feedback"]
    )
    assert "reporting.rpt_comments.comment: known:name (1 values)" in red["reporting/rpt_comments"]


def test_a_scan_starts_one_worker_pool_and_shuts_it_down_even_when_it_fails(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    started: list[ProcessPoolExecutor] = []
    shut: list[ProcessPoolExecutor] = []

    class Recorded(ProcessPoolExecutor):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            started.append(self)

        def shutdown(self, *args, **kwargs) -> None:
            shut.append(self)
            super().shutdown(*args, **kwargs)

    monkeypatch.setattr(pii_absence, "ProcessPoolExecutor", Recorded)
    known = KnownValues()
    known.add("email", LEAKED_EMAIL)
    known.add("name", "Pieter Jansen")
    days = [
        [f"dag {day} nr {i}" for i in range(8)] + [f"mail {LEAKED_EMAIL}", "bel Pieter Jansen"]
        for day in range(3)
    ]
    with pii_absence.Scanner(known, workers=1) as in_process:
        expected = [in_process.leaks("t", "comment", texts) for texts in days]
    with (
        pytest.raises(RuntimeError, match="scan interrupted"),
        pii_absence.Scanner(known, workers=2, parallel_from=5) as scanner,
    ):
        assert [scanner.leaks("t", "comment", texts) for texts in days] == expected
        assert len(started) == 1  # one pool for every big batch of the scan
        raise RuntimeError("scan interrupted")
    assert shut == started
    assert scanner.leaks("t", "comment", ["klein"]) == []  # small work stays in-process
    assert len(started) == 1


def test_hex_keys_are_not_read_but_digits_alone_are(tmp_path: Path) -> None:
    """Pseudonyms and hashes are opaque keys; a card number is digits only, never one."""
    with governance_connection(DataPaths(tmp_path / "data"), read_only=False) as con:
        con.execute("create schema wh.pseudonymised")
        con.execute(
            "create table wh.pseudonymised.t as select * from (values "
            "('a6ec357b52d05e2e2ef69f03a4a28e0a6c678de7', 'ok'), "
            "('4111111111111111', ' 90157277323222227111883227687123 '), "
            "(' 5500000000000004 ', 'ok')) v(key, other)"
        )
        with pii_absence.Scanner(KnownValues(), workers=1) as scanner:
            leaks = pii_absence.scan_table(con, scanner, "pseudonymised", "t")
    assert [(leak.column, leak.rule, leak.values) for leak in leaks] == [("key", "pattern:card", 2)]
    assert pii_absence.is_opaque(" a6ec357b52d05e2e ")
    assert not pii_absence.is_opaque("4111111111111111")


def test_another_clients_row_in_an_export_breaks_isolation_naming_the_file(faulted) -> None:
    red = failed(faulted.result, "client_isolation")
    assert red == {
        "exports/client_reports": f"{faulted.export_file}: rows of another client than "
        f"{faulted.client} (1 rows)"
    }


def test_a_storage_location_outside_the_eea_is_refused(faulted) -> None:
    red = failed(faulted.result, "eea_storage")
    assert set(red) == {f"raw/{s}" for s in SOURCES}
    assert f"{NON_EEA}: region us-east-1 is outside the EEA" in red["raw/govmetric"]


def test_a_great_expectations_violation_turns_data_quality_red(faulted) -> None:
    red = failed(faulted.result, "data_quality")
    assert red == {
        "staging/stg_feedback": "staging.stg_feedback: normalised_score: "
        "expect_column_values_to_be_between (1 rows)"
    }
    passed = check_results(faulted.result)[("staging/stg_govmetric", "data_quality")]
    assert passed.passed and passed.metadata["expectations"].value >= 8


def test_great_expectations_ranges_hold_for_every_column_type(tmp_path: Path) -> None:
    """Integer (nullable, 32-bit) scores and naive dates are read as GX compares them
    column-wise: a value out of range or after today is counted, a NULL is not."""
    with governance_connection(DataPaths(tmp_path / "data"), read_only=False) as con:
        con.execute(
            "create schema wh.staging; create table wh.staging.stg_zivver (letter_id varchar, "
            "vendor_channel varchar, score integer, client_code varchar, received_on date, "
            "partition_date date, source_file varchar)"
        )
        con.execute(
            "insert into wh.staging.stg_zivver values "
            "('a', 'Post', 7, 'GM0363', date '2026-11-20', date '2026-11-20', 'f'), "
            "('b', 'Post', 11, 'GM0363', date '2026-11-20', date '2026-11-20', 'f'), "
            "('c', 'Post', null, 'GM0363', date '2026-11-27', date '2026-11-20', 'f')"
        )
        now = dt.datetime(2026, 11, 26, 12, tzinfo=dt.UTC)
        (quality,) = validate_staging(con, ["stg_zivver"], now, now.date())
    broken = {(o.expectation, o.column): o.unexpected for o in quality.failed}
    assert broken == {
        ("expect_column_values_to_be_between", "score"): 1,
        ("expect_column_values_to_be_between", "received_on"): 1,
    }


def test_a_long_window_is_validated_a_chunk_at_a_time_with_the_same_outcomes(
    built, tmp_path: Path
) -> None:
    """Days read in chunks give the outcomes of one read; a key repeated on another day is
    still a duplicate."""
    paths = _copy(built[0], tmp_path)
    with duckdb.connect(str(paths.warehouse)) as con:
        con.execute(  # the same answer again, a day earlier, with a score out of range
            "insert into staging.stg_feedback select * replace (partition_date - 1 as "
            "partition_date, 1.7 as normalised_score) from staging.stg_feedback "
            "where answer_id = (select min(answer_id) from staging.stg_feedback)"
        )
    window = (DAY - dt.timedelta(days=1), DAY)
    now = dt.datetime.combine(LOADED, dt.time(), dt.UTC)
    with governance_connection(paths) as con:
        whole, chunked = (
            validate_staging(con, ["stg_feedback"], now, LOADED, window, chunk_rows=rows)
            for rows in (10**9, 1)
        )
    assert whole == chunked
    (quality,) = chunked
    assert {o.describe() for o in quality.failed} == {
        "table: expect_compound_columns_to_be_unique (2 rows)",
        "normalised_score: expect_column_values_to_be_between (1 rows)",
    }


def test_no_check_output_or_log_holds_a_planted_value(faulted) -> None:
    assert LEAKED_EMAIL not in faulted.log
    assert faulted.name not in faulted.log
    assert faulted.name.lower() not in faulted.log.lower()


def test_a_dry_run_lists_what_would_go_and_deletes_nothing(faulted, tmp_path: Path) -> None:
    paths = _copy(faulted.paths, tmp_path)
    before = {p: p.stat().st_mtime_ns for p in paths.root.rglob("*") if p.is_file()}
    with dg.instance_for_test() as instance:
        result = dg.materialize(
            [retention_purge],
            partition_key=str(LATER - dt.timedelta(days=1)),
            instance=instance,
            resources={"settings": settings_for(paths, simulated_today=str(LATER))},
            run_config={"ops": {"governance__retention_purge": {"config": {"dry_run": True}}}},
        )
    purge = result.asset_materializations_for_node("governance__retention_purge")[0].metadata
    listed = purge["expired"].value
    assert "| landing_files | landing/govmetric |" in listed
    assert "| pseudonymised_feedback | pseudonymised.pse_feedback |" in listed
    assert "| subject_request_bundle | exports/subject_requests |" in listed
    assert "| subject_override | subjects.overrides |" in listed
    assert purge["dry_run"].value is True and purge["files"].value >= 10
    assert {p: p.stat().st_mtime_ns for p in paths.root.rglob("*") if p.is_file()} == before


def _plant_in_landing_case_reference(paths: DataPaths, day: str, value: str) -> None:
    """``value`` as the case reference of the first row of a day's GovMetric export (a field
    that is carried into the pseudonymised layer as it is, not scrubbed)."""
    path = next((paths.landing / "govmetric" / day).glob("*.csv"))
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    rows[1][rows[0].index("CaseReference")] = value
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh, lineterminator="\r\n").writerows(rows)


def test_the_purge_turns_retention_green_and_a_pii_leak_stops_the_exports(
    built, tmp_path: Path
) -> None:
    paths = _copy(built[0], tmp_path)
    name = _crm_full_name(paths)
    next_day = str(DAY + dt.timedelta(days=1))
    with duckdb.connect(str(paths.warehouse)) as con:
        _plant_expired_row(con)
    _plant_old_request_records(paths, LATER)
    _plant_in_landing_case_reference(paths, next_day, name)
    exports_before = {p: p.stat().st_mtime_ns for p in paths.exports.rglob("*.parquet")}
    with dg.instance_for_test() as instance:
        result = run_job(paths, instance, "nightly", next_day, simulated_today=str(LATER))
    assert step_succeeded(result, "governance__retention_purge")
    assert step_succeeded(result, "warehouse_models")  # the dbt tests let the name through
    assert not (paths.landing / "govmetric" / str(DAY)).exists()
    assert (paths.landing / "govmetric" / next_day).exists()  # loaded today: kept 14 days
    assert _old_request_records(paths) == (False, 0)
    # the blocking PII check on the pseudonymised layer stopped reporting and the exports
    assert "known:name" in failed(result, "pii_absence")["pseudonymised/pse_feedback"]
    assert not step_succeeded(result, "pii_absence_pseudonymised")  # blocking: the step fails
    assert "reporting_models" not in started_steps(result)
    assert "exports__client_reports" not in started_steps(result)
    assert {p: p.stat().st_mtime_ns for p in paths.exports.rglob("*.parquet")} == exports_before
    # after the purge every retention check is green (the morning governance run checks them all)
    with dg.instance_for_test() as instance:
        morning = run_job(paths, instance, "governance", simulated_today=str(LATER))
    retention = {
        asset: e.passed
        for (asset, name), e in check_results(morning).items()
        if name == "retention"
    }
    assert len(retention) >= 30 and all(retention.values()), retention


def test_the_nightly_scan_covers_its_days_and_the_reporting_scan_guards_the_exports(
    built, tmp_path: Path
) -> None:
    """A leak in an older day of the pseudonymised layer is outside the nightly run's window;
    the reporting scan (whole tables) still stops the exports, the governance run names it."""
    paths = _copy(built[0], tmp_path)
    name = _crm_full_name(paths)
    with duckdb.connect(str(paths.warehouse)) as con:
        _plant_known_name(con, name)
    exports_before = {p: p.stat().st_mtime_ns for p in paths.exports.rglob("*.parquet")}
    next_day = str(DAY + dt.timedelta(days=1))
    with dg.instance_for_test() as instance:
        result = run_job(paths, instance, "nightly", next_day, simulated_today=str(LATER))
    assert step_succeeded(result, "pii_absence_pseudonymised")
    assert "known:name" in failed(result, "pii_absence")["reporting/rpt_comments"]
    assert "exports__client_reports" not in started_steps(result)
    assert {p: p.stat().st_mtime_ns for p in paths.exports.rglob("*.parquet")} == exports_before
    with dg.instance_for_test() as instance:
        morning = run_job(paths, instance, "governance", simulated_today=str(LATER))
    assert "known:name" in failed(morning, "pii_absence")["pseudonymised/pse_feedback"]


# -- three years of nightly runs with short windows ----------------------------------------

SHORT_WINDOWS = {
    "landing_files": 2,
    "identified_feedback": 5,
    "quarantine": 5,
    "pseudonymised_feedback": 120,
    "scrubbed_comments": 120,
    "case_outcomes": 120,
    "crm_contact": 200,
    "crm_contact_client": 500,
    "crm_snapshot": 5,
    "form_submission": 200,
    "newsletter_unsubscribed": 0,
    "application": 7,
    "application_consent": 60,
    "subject_request_intake": 10,
    "subject_request_log": 300,
}
SIMULATED_DAYS = [dt.date(2023, 12, 1), dt.date(2024, 3, 1), dt.date(2026, 11, 20)]


def _oldest(con: duckdb.DuckDBPyConnection, sql: str) -> dt.date | None:
    return con.execute(sql).fetchall()[0][0]


def _assert_nothing_past_a_window(paths: DataPaths, today: dt.date) -> None:
    """Independent of the purge's own code: plain queries on every layer."""

    def cutoff(dataset: str) -> dt.date:
        return today - dt.timedelta(days=SHORT_WINDOWS[dataset])

    def local(column: str) -> str:
        return f"(({column}) at time zone 'Europe/Amsterdam')::date"

    for source in SOURCES:  # landing: each day was loaded the morning after it
        for folder in (paths.landing / source).glob("*"):
            loaded = dt.date.fromisoformat(folder.name) + dt.timedelta(days=1)
            assert loaded >= cutoff("landing_files"), folder
        for path in paths.quarantine.glob(f"{source}/date=*/data.parquet"):
            assert path.parent.name >= f"date={cutoff('quarantine')}", path
    raw = {s: f"read_parquet('{paths.raw}/{s}/*/data.parquet')" for s in SOURCES}
    stamps = {"govmetric": '"SubmittedAt"', "smile": "ts", "ivr": '"CalledAt"'}
    stamps |= {"messagebird": '"createdDatetime"'}
    with duckdb.connect() as con:
        con.execute(f"attach '{paths.warehouse}' as wh (read_only)")
        for source, stamp in stamps.items():
            oldest = _oldest(con, f"select min({local(stamp)}) from {raw[source]}")
            assert oldest is None or oldest >= cutoff("identified_feedback"), source
        for table, column in (("stg_feedback", "feedback_date"), ("stg_ivr", local("called_at"))):
            oldest = _oldest(con, f"select min({column}) from wh.staging.{table}")
            assert oldest is None or oldest >= cutoff("identified_feedback"), table
        for table, column in (
            ("pse_feedback", "feedback_date"),
            ("pse_survey_invitations", "sent_date"),
        ):
            oldest = _oldest(con, f"select min({column}) from wh.pseudonymised.{table}")
            assert oldest is None or oldest >= cutoff("pseudonymised_feedback"), table
        for table, column, dataset in (
            ("rpt_comments", "feedback_date", "scrubbed_comments"),
            ("rpt_case_outcomes", "last_feedback_date", "case_outcomes"),
        ):
            oldest = _oldest(con, f"select min({column}) from wh.reporting.{table}")
            assert oldest is None or oldest >= cutoff(dataset), table
            exported = f"read_parquet('{paths.exports}/*/{table}/**/*.parquet')"
            oldest = _oldest(con, f"select min({column}) from {exported}")
            assert oldest is None or oldest >= cutoff(dataset), table
        for relation in (raw["crm"], "wh.staging.stg_crm"):
            for dataset, client in (("crm_contact", False), ("crm_contact_client", True)):
                oldest = _oldest(
                    con,
                    f"select min({local('coalesce(last_contact_at, created_at)')}) "
                    f"from {relation} where is_client = {client}",
                )
                assert oldest is None or oldest >= cutoff(dataset), (relation, dataset)
        oldest = _oldest(con, f"select min(date) from {raw['crm']}")
        assert oldest >= cutoff("crm_snapshot")
        for relation in (raw["newsletter"], "wh.staging.stg_newsletter"):
            unsubscribed = _oldest(
                con, f"select count(*) from {relation} where event = 'unsubscribe'"
            )
            assert unsubscribed == 0, relation  # removed at the next nightly run
        closed = _oldest(
            con,
            f"select min({local('procedure_closed_at')}) from {raw['applications']} "
            "where not extended_retention_consent",
        )
        assert closed is None or closed >= cutoff("application")


def _aggregates_up_to(paths: DataPaths, day: dt.date) -> dict[str, list[tuple]]:
    """Rows of the reporting aggregates (and one client's export) of periods up to ``day``."""
    exported = (
        f"read_parquet('{paths.exports}/*/rpt_satisfaction_monthly/**/*.parquet', "
        "hive_partitioning = false)"
    )
    relations = {
        "rpt_satisfaction_daily": ("reporting.rpt_satisfaction_daily", "feedback_date"),
        "rpt_satisfaction_weekly": ("reporting.rpt_satisfaction_weekly", "week_start"),
        "rpt_satisfaction_monthly": ("reporting.rpt_satisfaction_monthly", "month_start"),
        "rpt_reason_codes": ("reporting.rpt_reason_codes", "feedback_date"),
        "export rpt_satisfaction_monthly": (exported, "month_start"),
    }
    with duckdb.connect(str(paths.warehouse), read_only=True) as con:
        return {
            name: con.execute(
                f"select * from {relation} where {column} <= ? order by all",
                [day],
            ).fetchall()
            for name, (relation, column) in relations.items()
        }


def test_three_years_of_nightly_runs_leave_nothing_past_any_window(
    tmp_path: Path,
) -> None:
    paths = DataPaths(tmp_path / "data")
    first_days: dict[str, list[tuple]] = {}
    with dg.instance_for_test() as instance:
        for day in SIMULATED_DAYS:
            generate(paths.landing, paths.demo_ledger, day, 1, rows_per_day=40, seed=11)
            today = day + dt.timedelta(days=1)
            result = run_job(
                paths,
                instance,
                "nightly",
                day.isoformat(),
                simulated_today=str(today),
                retention_days=SHORT_WINDOWS,
            )
            for step in GOVERNANCE_STEPS:
                assert step_succeeded(result, step), (day, step)
            retention = [e for (_, name), e in check_results(result).items() if name == "retention"]
            assert len(retention) >= 30 and all(e.passed for e in retention), day
            _assert_nothing_past_a_window(paths, today)
            first_days = first_days or _aggregates_up_to(paths, SIMULATED_DAYS[0])
        # aggregates outlive the pseudonymised rows they were computed from, unchanged (§4)
        assert all(first_days.values()), first_days
        assert _aggregates_up_to(paths, SIMULATED_DAYS[0]) == first_days
        with duckdb.connect(str(paths.warehouse), read_only=True) as con:
            purged = dict(
                con.execute(
                    "select dataset, sum(rows_removed + files_removed) "
                    "from audit.retention_log group by dataset"
                ).fetchall()
            )
            runs = con.execute("select count(distinct run_id) from audit.retention_log").fetchall()
    assert runs == [(len(SIMULATED_DAYS),)]
    for dataset in ("landing_files", "identified_feedback", "pseudonymised_feedback",
                    "crm_contact", "crm_snapshot", "quarantine"):  # fmt: skip
        assert purged[dataset] > 0, dataset


def test_the_definitions_refuse_a_storage_location_outside_the_eea(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from klantmonitor.governance.eea import OutsideEEAError, refusals
    from orchestration.resources import STORAGE_LOCATIONS_ENV, settings_from_env

    inside = ["s3://backup?region=eu-central-1", "https://b.s3.eu-west-1.amazonaws.com/x"]
    inside += ["gs://b?region=europe-west4", "/mnt/backup", "file:///srv/copy"]
    assert refusals(inside) == []
    outside = ["s3://b?region=eu-west-2", "az://c?region=switzerlandnorth", "s3://no-region"]
    assert [r.location for r in refusals(outside)] == outside
    monkeypatch.setenv(STORAGE_LOCATIONS_ENV, f"/mnt/backup,{NON_EEA}")
    with pytest.raises(OutsideEEAError, match="us-east-1 is outside the EEA"):
        settings_from_env()
