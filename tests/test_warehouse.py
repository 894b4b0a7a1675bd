"""The warehouse end to end on generated data: report figures, pseudonyms, leaks, exports."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import dagster as dg
import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest
from dagster_dbt import DbtCliResource

from assets.warehouse import dbt_resource
from klantmonitor.paths import DataPaths
from klantmonitor.pseudonym import ip_hash, pseudonym
from tests.conftest import DEMO_START, TEST_KEY
from tests.dagster_helpers import copy_landing
from tests.warehouse_helpers import run_pipeline, text_columns, warehouse

DAYS = [DEMO_START.isoformat(), (DEMO_START + dt.timedelta(days=1)).isoformat()]
KEY = TEST_KEY.encode()
SEED_DIR = Path(__file__).resolve().parents[1] / "dbt_project" / "seeds"


@pytest.fixture(scope="module")
def built(
    generated_landing: DataPaths, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[DataPaths]:
    """Two nightly runs over generated exports; the warehouse and exports they leave."""
    paths = DataPaths(tmp_path_factory.mktemp("warehouse") / "data")
    copy_landing(generated_landing, paths)
    with dg.instance_for_test() as instance:
        for day in DAYS:
            assert run_pipeline(paths, instance, day).success
    yield paths


def test_the_dbt_resource_knows_its_version_without_starting_dbt() -> None:
    """dagster-dbt asks for the version before every dbt call: ours reads the installed package
    (the override still replaces dagster-dbt's, and gives what the executable reports)."""
    resource = dbt_resource()
    assert "_cli_version" in vars(DbtCliResource)
    reported = subprocess.run(
        [resource.dbt_executable, "--version"], capture_output=True, text=True, check=True
    ).stdout
    assert f"installed: {resource._cli_version}\n" in reported


def _raw(paths: DataPaths, source: str) -> pd.DataFrame:
    files = sorted(paths.raw.glob(f"{source}/date=*/data.parquet"))
    return pd.concat([pq.read_table(f).to_pandas() for f in files if f.parent.name[5:] in DAYS])


def _amsterdam_date(ts: pd.Series) -> pd.Series:
    return ts.dt.tz_convert("Europe/Amsterdam").dt.date


def independent_answers(paths: DataPaths) -> pd.DataFrame:
    """The canonical answers rebuilt with pandas straight from the raw zone (not from dbt)."""
    channels = pd.read_csv(SEED_DIR / "channel_map.csv")
    channel = {(r.source, r.vendor_channel): r.channel for r in channels.itertuples()}
    frames = []

    g = _raw(paths, "govmetric")
    frames.append(pd.DataFrame({
        "source": "govmetric", "response": g.FeedbackID, "client_code": g.ClientCode,
        "channel": [channel["govmetric", c] for c in g.Channel], "service": g.Service,
        "feedback_date": _amsterdam_date(g.SubmittedAt),
        "norm": g.Rating.map({"Good": 1.0, "Average": 0.5, "Poor": 0.0}),
    }))  # fmt: skip
    s = _raw(paths, "smile")
    frames.append(pd.DataFrame({
        "source": "smile", "response": s.session_id, "client_code": s.client,
        "channel": [channel["smile", c] for c in s.channel], "service": "Onbekend",
        "feedback_date": _amsterdam_date(s.ts), "norm": (s.answer - 1) / 4,
    }))  # fmt: skip
    ivr = _raw(paths, "ivr")
    for question, scale in (("V1_Score", (1, 5)), ("V2_Score", (1, 5)), ("V3_NPS", (0, 10))):
        keep = ivr[question].notna() | ((question == "V1_Score") & ivr.Opmerking.notna())
        part = ivr[keep]
        frames.append(pd.DataFrame({
            "source": "ivr", "response": part.GesprekID, "client_code": part.Klant,
            "channel": "telefoon", "service": part.Wachtrij,
            "feedback_date": _amsterdam_date(part.CalledAt),
            "norm": (part[question] - scale[0]) / (scale[1] - scale[0]),
        }))  # fmt: skip
    m = _raw(paths, "messagebird")
    m = m[m.direction == "mo"]
    frames.append(pd.DataFrame({
        "source": "messagebird", "response": m.id, "client_code": m.client,
        "channel": [channel["messagebird", t] for t in m.type], "service": "Onbekend",
        "feedback_date": _amsterdam_date(m.createdDatetime), "norm": float("nan"),
    }))  # fmt: skip
    z = _raw(paths, "zivver")
    frames.append(pd.DataFrame({
        "source": "zivver", "response": z.delivery_id + "#" + z.row_number.astype(str),
        "client_code": z.client, "channel": [channel["zivver", k] for k in z.Kanaal],
        "service": z.Onderwerp, "feedback_date": z.Datum, "norm": (z.Waardering - 1) / 9,
    }))  # fmt: skip
    answers = pd.concat(frames, ignore_index=True)
    answers["feedback_date"] = pd.to_datetime(answers.feedback_date).dt.date
    return answers


def test_report_figures_match_an_independent_pandas_computation(built: DataPaths) -> None:
    answers = independent_answers(built)
    keys = ["client_code", "channel", "service", "feedback_date"]
    answers["positive"] = answers.norm >= 0.75
    expected = answers.groupby(keys).agg(
        expected_responses=("response", "nunique"),
        scored=("norm", "count"),
        positive=("positive", "sum"),
        mean=("norm", "mean"),
        has_sms_survey=("source", lambda s: (s == "messagebird").any()),
    )
    with warehouse(built) as con:
        report = con.execute("select * from reporting.rpt_satisfaction_daily").df()
    report["feedback_date"] = pd.to_datetime(report.feedback_date).dt.date
    report = report.set_index(keys)
    assert sorted(report.index) == sorted(expected.index)
    both = expected.join(report)
    assert (both.expected_responses == both.responses).all()
    # MessageBird scores are written by people in the reply text; compare the rest exactly
    scored = both[~both.has_sms_survey & (both.scored > 0)]
    assert len(scored) > 20
    csat = (100 * scored.positive / scored.scored).round(2)
    assert (csat - scored.csat_pct).abs().max() < 0.006
    # per-answer scores are stored to 4 decimals, then averaged and rounded again
    assert (scored["mean"] - scored.mean_normalised_score).abs().max() < 0.00015


def test_contact_pseudonyms_are_the_keyed_hmac_of_the_normalised_value(built: DataPaths) -> None:
    with warehouse(built) as con:
        rows = con.execute(
            "select g.contact_email, g.contact_phone, p.email_pseudonym, p.phone_pseudonym, "
            "p.subject_key from staging.stg_govmetric g join pseudonymised.pse_feedback p "
            "on p.source = 'govmetric' and p.answer_id = g.feedback_id "
            "where g.contact_email is not null or g.contact_phone is not null"
        ).fetchall()
    assert len(rows) > 10
    for email, phone, email_p, phone_p, subject in rows:
        assert email_p == pseudonym(KEY, "email", email)
        assert phone_p == pseudonym(KEY, "phone", phone)
        assert subject == (email_p or phone_p)
        assert email_p is None or re.fullmatch(r"[0-9a-f]{64}", email_p)


def test_ip_hashes_are_keyed_per_day_and_stay_out_of_reporting(built: DataPaths) -> None:
    with warehouse(built) as con:
        rows = con.execute(
            "select g.ip_address, p.feedback_date, p.ip_hash from staging.stg_govmetric g "
            "join pseudonymised.pse_feedback p on p.source = 'govmetric' "
            "and p.answer_id = g.feedback_id where g.ip_address is not null"
        ).fetchall()
        reporting_columns = {c for _, c in text_columns(con, ("reporting",))}
    assert rows
    for ip, day, hashed in rows:
        assert hashed == ip_hash(KEY, ip, day)
    ip, day, _ = rows[0]
    assert ip_hash(KEY, ip, day) != ip_hash(KEY, ip, day + dt.timedelta(days=1))
    assert not reporting_columns & {"ip_hash", "ip_address", "user_agent", "subject_key"}


def _downstream_texts(paths: DataPaths) -> pd.DataFrame:
    """Every text value in the pseudonymised and reporting layers and in every export file."""
    texts = []
    with warehouse(paths) as con:
        for table, column in text_columns(con, ("pseudonymised", "reporting")):
            query = f'select distinct cast("{column}" as varchar) from {table}'
            values = con.execute(f'{query} where "{column}" is not null').fetchall()
            texts += [(f"{table}.{column}", v[0]) for v in values]
    for file in paths.exports.rglob("*.parquet"):
        table = pq.read_table(file)
        for name in table.column_names:
            if str(table.schema.field(name).type) == "string":
                texts += [(str(file), v) for v in table[name].unique().to_pylist() if v]
    return pd.DataFrame(texts, columns=["place", "text"])


def _found(values: pd.DataFrame, texts: pd.DataFrame) -> list[tuple[str, str]]:
    """(category, place) for every PII value standing as a whole word in a text."""
    con = duckdb.connect()
    con.register("texts", texts)
    con.register("pii", values[["category", "value"]])
    candidates = con.execute(
        "select distinct p.category, p.value, t.place, t.text from pii p join texts t "
        "on contains(lower(t.text), lower(p.value))"
    ).fetchall()
    return [
        (category, place)  # never the value itself in an assertion message
        for category, value, place, text in candidates
        if re.search(rf"(?<!\w){re.escape(value)}(?!\w)", text, re.IGNORECASE)
    ]


def test_no_injected_pii_value_reaches_pseudonymised_reporting_or_exports(
    built: DataPaths, generated_landing: DataPaths
) -> None:
    ledgers = sorted(generated_landing.demo_ledger.glob("*.parquet"))
    ledger = pd.concat(pq.read_table(f).to_pandas() for f in ledgers)
    values = ledger[ledger.value.str.len() >= 4].drop_duplicates("value")
    texts = _downstream_texts(built)
    assert len(texts) > 1000 and len(values) > 1000
    assert _found(values, texts) == []
    # the same search finds the injected values where they are allowed: staging
    with warehouse(built) as con:
        staged = con.execute(
            "select 'staging.stg_feedback.comment', comment from staging.stg_feedback "
            "where comment is not null"
        ).df()
    staged.columns = ["place", "text"]
    assert len(_found(values, staged)) > 20


def test_each_client_export_holds_only_that_clients_rows(built: DataPaths) -> None:
    folders = sorted(p for p in built.exports.iterdir() if p.is_dir())
    assert len(folders) >= 3
    assert not [p for p in built.exports.iterdir() if p.name.startswith(".")]
    for folder in folders:
        files = list(folder.rglob("*.parquet"))
        assert files
        for file in files:
            codes = set(pq.read_table(file, columns=["client_code"])["client_code"].to_pylist())
            assert codes <= {folder.name}, file
        db = duckdb.connect(str(folder / f"{folder.name}.duckdb"), read_only=True)
        db.execute(f"set file_search_path = '{folder}'")
        views = [
            r[0]
            for r in db.execute(
                "select view_name from duckdb_views() where not internal"
            ).fetchall()
        ]
        assert "rpt_satisfaction_daily" in views
        for view in views:
            codes = db.execute(f"select distinct client_code from {view}").fetchall()
            assert {c for (c,) in codes} <= {folder.name}
        db.close()


def test_rerunning_a_day_replaces_exactly_that_day(
    built: DataPaths, tmp_path_factory: pytest.TempPathFactory
) -> None:
    def counts() -> list[tuple]:
        with warehouse(built) as con:
            return con.execute(
                "select partition_date, count(*) from pseudonymised.pse_feedback "
                "group by 1 order by 1"
            ).fetchall()

    before = counts()
    assert [d.isoformat() for d, _ in before] == DAYS
    with dg.instance_for_test() as instance:
        assert run_pipeline(built, instance, DAYS[0]).success
    assert counts() == before
