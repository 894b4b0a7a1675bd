"""``klantmonitor bench`` end to end at a tiny size: the figures it prints are real and whole.

Speed is not asserted here (figures depend on the machine); what is asserted is what a reader of
``docs/benchmarks.md`` relies on: every stage accounted for, the floor doing the same work on the
same rows, the backfill fit made from real runs.
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from klantmonitor.cli import main
from tests.conftest import TEST_KEY

ROWS = 2_000


@pytest.fixture(scope="module")
def bench(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, int]:
    """One tiny bench: a day of 2,000 answers and backfills of 1 and 2 days."""
    root = tmp_path_factory.mktemp("bench")
    out = root / "benchmarks.md"
    code = main(
        [
            "bench",
            "--rows",
            str(ROWS),
            "--backfill",
            "1,2",
            "--backfill-rows",
            "500",
            "--workdir",
            str(root / "work"),
            "--out",
            str(out),
        ]
    )
    return root / "work", out.read_text(encoding="utf-8"), code


def _cell(report: str, label: str, column: int = 1) -> str:
    line = next(line for line in report.splitlines() if line.startswith(f"| {label} |"))
    return line.strip("|").split("|")[column].strip()


def test_the_bench_succeeds_and_writes_its_report(bench) -> None:
    _, report, code = bench
    assert code == 0
    assert "## One day of 2,000 feedback answers" in report
    assert "## Backfill at 500 feedback answers per day" in report
    assert _cell(report, "run succeeded") == "True"


def _stage_table(report: str) -> dict[str, float]:
    lines = report.split("| stage |")[1].split("\n\n")[0].splitlines()[2:]
    return {
        cells[0].strip(): float(cells[1]) for line in lines if (cells := line.strip("|").split("|"))
    }


def test_every_stage_is_timed_and_they_add_up_to_the_wall_time(bench) -> None:
    _, report, _ = bench
    stages = _stage_table(report)
    for stage in (
        "ingest govmetric",
        "ingest smile",
        "ingest ivr",
        "ingest messagebird",
        "ingest zivver",
        "dbt staging (models)",
        "dbt pseudonymised (models)",
        "dbt reporting (models)",
        "dbt tests",
        "dbt start, parse, compile",
        "exports/client_reports",
        "pii_absence_pseudonymised",
        "data_quality_checks",
    ):
        assert stage in stages, stage
    wall = stages.pop("**total (wall)**")
    assert wall > 0
    # one decimal per row: the parts add up to the whole within rounding
    assert sum(stages.values()) == pytest.approx(wall, abs=0.05 * len(stages))


def test_the_floor_scrubs_and_aggregates_the_same_rows_as_the_pipeline(bench) -> None:
    work, report, _ = bench
    con = duckdb.connect()
    floor = work / "runs" / "floor" / "data" / "floor_out"
    warehouse = next((work / "runs" / "day" / "data").glob("warehouse.duckdb"))
    con.execute(f"attach '{warehouse}' as wh (read_only)")
    pipeline = dict(
        con.execute(
            "select client_code, count(*) from wh.pseudonymised.pse_feedback "
            "where comment is not null group by all"
        ).fetchall()
    )
    floor_comments = dict(
        con.execute(
            f"select client_code, count(*) from read_parquet('{floor}/comments/*/*.parquet', "
            "hive_partitioning = true) group by all"
        ).fetchall()
    )
    # the same rows but those the pipeline quarantined or erased (a subject request of the day)
    assert floor_comments.keys() == pipeline.keys()
    for client, count in pipeline.items():
        assert count <= floor_comments[client] <= count + max(3, count // 50), client
    scrubbed = con.execute(
        f"select count(*) from read_parquet('{floor}/comments/*/*.parquet') "
        "where comment like '%[NAAM]%' or comment like '%[TELEFOON]%'"
    ).fetchall()[0][0]
    assert scrubbed > 0  # the floor runs the scrubber, not a stand-in
    assert float(_cell(report, "pipeline / floor")) > 0


def test_the_backfill_fit_comes_from_the_runs(bench) -> None:
    _, report, _ = bench
    # the figures themselves are noise at this size (may even be negative): only their presence
    assert re.search(r"\*\*-?[\d.]+ s fixed per run \+ -?[\d.]+ s per day\*\*", report)
    assert _cell(report, "1", 0) == "1" and _cell(report, "2", 0) == "2"


def test_the_report_holds_figures_only(bench) -> None:
    _, report, _ = bench
    assert TEST_KEY not in report
    assert not re.search(r"[0-9a-f]{32}", report)  # no key, pseudonym or hash
    assert "@" not in report
