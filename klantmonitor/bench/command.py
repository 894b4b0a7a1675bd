"""``klantmonitor bench`` (``make bench``): the big day against the floor, then the backfills."""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:  # the measuring code loads Dagster and the generator: only when it runs
    from klantmonitor.bench.report import BackfillResult, DayResult
    from klantmonitor.bench.runner import Workspace

DOCS = Path(__file__).resolve().parents[2] / "docs" / "benchmarks.md"


def _yesterday() -> dt.date:
    return dt.datetime.now(ZoneInfo("Europe/Amsterdam")).date() - dt.timedelta(days=1)


def bench_day(ws: Workspace, rows: int, seed: int) -> DayResult:
    """One day of ``rows`` feedback answers: the pipeline, then the floor, on the same files."""
    from klantmonitor.bench.report import DayResult
    from klantmonitor.bench.runner import feedback_rows, generate_days, run_floor, run_pipeline

    day = _yesterday()
    generated = generate_days(ws.landing("day"), day, 1, rows, seed)
    print(f"day {day}: {rows:,} feedback answers generated; running the pipeline", flush=True)
    pipeline = run_pipeline(ws, "day", "day", day, day)
    print(f"  pipeline {pipeline.process.wall:.1f} s; running the floor", flush=True)
    floor, floor_sql = run_floor(ws, "day", day)
    print(f"  floor {floor.wall:.1f} s", flush=True)
    return DayResult(day, rows, feedback_rows(1, rows), generated, pipeline, floor, floor_sql)


def bench_backfill(ws: Workspace, lengths: list[int], rows: int, seed: int) -> BackfillResult:
    """Backfills of ``lengths`` days (each into an empty warehouse) ending yesterday."""
    from klantmonitor.bench.report import BackfillResult
    from klantmonitor.bench.runner import generate_days, run_pipeline

    last = _yesterday()
    landing = ws.landing("backfill")
    generate_days(landing, last, max(lengths), rows, seed)
    # the backfills time the daily data path; data-subject requests (timed in the day run) would
    # search the whole kept landing zone here, which in production holds 14 days, not 90
    shutil.rmtree(landing.landing / "subject_requests", ignore_errors=True)
    runs = []
    for days in sorted(lengths):
        first = last - dt.timedelta(days=days - 1)
        print(f"backfill {days} day(s) at {rows:,} answers/day", flush=True)
        runs.append(run_pipeline(ws, f"backfill-{days}", "backfill", first, last))
        print(f"  {runs[-1].process.wall:.1f} s", flush=True)
    return BackfillResult(rows, runs)


def _lengths(text: str) -> list[int]:
    try:
        lengths = sorted({int(part) for part in text.split(",")})
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of day counts: {text!r}") from None
    if len(lengths) < 2 or lengths[0] < 1:
        raise argparse.ArgumentTypeError("give at least two positive day counts, e.g. 1,10,90")
    return lengths


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--rows", type=int, default=1_000_000, help="answers on the big day")
    parser.add_argument(
        "--backfill", type=_lengths, default=[1, 10, 90], help="backfill lengths in days"
    )
    parser.add_argument("--backfill-rows", type=int, default=100_000, help="answers per day")
    parser.add_argument("--skip-day", action="store_true", help="only the backfills")
    parser.add_argument("--skip-backfill", action="store_true", help="only the big day")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workdir", type=Path, default=Path(".bench"), help="scratch folder")
    parser.add_argument("--out", type=Path, default=DOCS, help="Markdown report to (re)write")


def run(args: argparse.Namespace) -> int:
    """Run what ``args`` asks, print the report and write it to ``args.out``."""
    from klantmonitor.bench.report import render
    from klantmonitor.bench.runner import Workspace

    ws = Workspace(args.workdir)
    day = None if args.skip_day else bench_day(ws, args.rows, args.seed)
    backfill = (
        None
        if args.skip_backfill
        else bench_backfill(ws, args.backfill, args.backfill_rows, args.seed)
    )
    command = (
        f"klantmonitor bench --rows {args.rows} --backfill {','.join(map(str, args.backfill))} "
        f"--backfill-rows {args.backfill_rows}"
    )
    text = render(day, backfill, command)
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"written to {args.out}")
    failed = (day and not day.pipeline.timings.success) or (
        backfill and not all(r.timings.success for r in backfill.runs)
    )
    return 1 if failed else 0
