"""The ``klantmonitor`` command: a thin layer over the same Definitions the Dagster UI loads."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from dotenv import load_dotenv

from klantmonitor.paths import DataPaths
from klantmonitor.secret import SecretKeyError
from klantmonitor.subjects.requests import TYPES, new_request_id


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD: {text!r}") from None


def _data_paths() -> DataPaths:
    from orchestration.resources import DATA_DIR_ENV, DEFAULT_DATA_DIR

    return DataPaths(Path(os.environ.get(DATA_DIR_ENV, DEFAULT_DATA_DIR)).resolve())


def cmd_generate(args: argparse.Namespace) -> int:
    """Write demo exports of all ten sources into the landing zone."""
    from klantmonitor.generate import generate

    paths = _data_paths()
    summary = generate(
        paths.landing,
        paths.demo_ledger,
        start=args.start,
        days=args.days,
        rows_per_day=args.rows_per_day,
        seed=args.seed,
    )
    print(f"generated {summary.days} day(s) from {args.start} into {paths.landing}")
    for source, count in sorted(summary.rows.items()):
        print(f"  {source:<17} {count:>10,} rows")
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    """Materialise one day of the nightly pipeline in-process."""
    import dagster as dg
    from dagster._core.storage.tags import (
        ASSET_PARTITION_RANGE_END_TAG,
        ASSET_PARTITION_RANGE_START_TAG,
    )

    from orchestration.definitions import defs
    from orchestration.partitions import daily_partitions

    first, last = args.date.isoformat(), (args.to or args.date).isoformat()
    for key in (first, last):
        if not daily_partitions.has_partition_key(key):
            print(
                f"error: {key} is not a complete day partition (first day "
                f"{daily_partitions.start.date()}, last day is yesterday)",
                file=sys.stderr,
            )
            return 2
    if last < first:
        print("error: --to is before --date", file=sys.stderr)
        return 2
    instance = dg.DagsterInstance.get() if os.environ.get("DAGSTER_HOME") else None
    job = defs.resolve_job_def("nightly")
    run_config: dict[str, Any] = dict(_LOGGING)
    if args.purge_dry_run:
        run_config["ops"] = {"governance__retention_purge": {"config": {"dry_run": True}}}
    if first == last:
        result = job.execute_in_process(
            partition_key=first, instance=instance, raise_on_error=False, run_config=run_config
        )
    else:  # one run over the whole range (the assets' single-run backfill policy)
        result = job.execute_in_process(
            instance=instance,
            raise_on_error=False,
            run_config=run_config,
            tags={
                ASSET_PARTITION_RANGE_START_TAG: first,
                ASSET_PARTITION_RANGE_END_TAG: last,
            },
        )
    key = first if first == last else f"{first}..{last}"
    _print_summary(result)
    failed_checks = {
        (e.severity.value.lower(), f"{e.asset_key.to_user_string()}:{e.check_name}")
        for e in result.get_asset_check_evaluations()
        if not e.passed
    }
    for severity, check in sorted(failed_checks):
        print(f"  check failed ({severity}): {check}")
    if not result.success:
        for event in result.all_events:
            if event.is_step_failure:
                error = event.step_failure_data.error
                cause = (error.cause or error) if error else None
                reason = cause.message.strip().splitlines()[0] if cause else "unknown error"
                print(f"error: step {event.step_key} failed: {reason}", file=sys.stderr)
        print(f"error: run {result.run_id} failed", file=sys.stderr)
        return 1
    print(f"run {result.run_id} succeeded for {key}")
    return 0


# Progress at INFO on the console (Dagster's default is DEBUG); everything is in the run's log.
_LOGGING = {"loggers": {"console": {"config": {"log_level": "INFO"}}}}
_SHOWN = ("dagster/row_count", "quarantined", "days_without_export", "clients", "rows")


def _print_summary(result: Any) -> None:
    """One line per asset that reports counts; the dbt models as one total.

    A range run materialises every partition; its metadata are the run's totals, shown once.
    """
    seen: set[str] = set()
    dbt_models = 0
    for event in result.all_events:
        if not event.is_step_materialization:
            continue
        mat = event.step_materialization_data.materialization
        key = mat.asset_key.to_user_string()
        if key in seen:
            continue
        seen.add(key)
        shown = {k.split("/")[-1]: v.value for k, v in mat.metadata.items() if k in _SHOWN}
        if shown:
            print(f"  {key:<22} " + "  ".join(f"{k}={v:,}" for k, v in shown.items()))
        else:
            dbt_models += 1
    if dbt_models:
        print(f"  {'warehouse (dbt)':<22} {dbt_models} models and seeds built")


def cmd_request(args: argparse.Namespace) -> int:
    """Register a data-subject request and handle it in-process (job ``subject_request``).

    The run uses an ephemeral Dagster instance, so the clear e-mail address and phone number
    in its run config are never stored; the request log keeps the outcome (pseudonyms only).
    Its asset materialisations and observations (no clear data in their metadata) are reported
    to the instance of ``DAGSTER_HOME``, if set, without the run.
    """
    import datetime as dt

    import dagster as dg
    import duckdb

    from assets.subject_requests import DOOR_TAG
    from klantmonitor.subjects.bundle import bundle_folder
    from klantmonitor.subjects.log import outcome_of
    from orchestration.definitions import defs

    request_id = new_request_id(dt.datetime.now(dt.UTC))
    fields = {"type": args.type, "email": args.email, "phone": args.phone}
    fields |= {"details": args.details, "request_id": request_id}
    config = {k: v for k, v in fields.items() if v is not None}
    result = defs.resolve_job_def("subject_request").execute_in_process(
        run_config={"ops": {"audit__subject_requests": {"config": config}}, **_LOGGING},
        tags={DOOR_TAG: "cli"},
        raise_on_error=False,
    )
    if os.environ.get("DAGSTER_HOME"):  # the assets' history: what the request changed
        home = dg.DagsterInstance.get()
        for event in result.get_asset_materialization_events():
            home.report_runless_asset_event(event.step_materialization_data.materialization)
        for event in result.get_asset_observation_events():
            home.report_runless_asset_event(event.asset_observation_data.asset_observation)
    paths = _data_paths()
    outcome, note = None, None
    if paths.warehouse.exists():
        con = duckdb.connect(str(paths.warehouse), read_only=True)
        try:
            outcome, note = outcome_of(con, request_id)
        finally:
            con.close()
    if outcome == "rejected":
        print(f"error: request {request_id} rejected: {note}", file=sys.stderr)
        return 2
    if outcome is None or not result.success:
        print(
            f"error: request {request_id} is not completed (see the request log)", file=sys.stderr
        )
        return 1
    print(f"request {request_id}: {outcome}")
    if bundle_folder(paths, request_id).is_dir():
        print(f"  bundle: {bundle_folder(paths, request_id)}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="klantmonitor", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    gen = sub.add_parser("generate", help="write realistic demo exports into the landing zone")
    gen.add_argument("--start", type=_date, required=True, help="first day (YYYY-MM-DD)")
    gen.add_argument("--days", type=int, required=True, help="number of days")
    gen.add_argument("--rows-per-day", type=int, default=2000, help="feedback answers per day")
    gen.add_argument("--seed", type=int, default=42, help="random seed (deterministic output)")
    gen.set_defaults(func=cmd_generate)

    run = sub.add_parser("run", help="run the nightly pipeline for one day, in-process")
    run.add_argument("--date", type=_date, required=True, help="the day covered (YYYY-MM-DD)")
    run.add_argument("--to", type=_date, help="last day of a range run as one backfill run")
    run.add_argument(
        "--purge-dry-run",
        action="store_true",
        help="list what is past its retention window instead of deleting it (e.g. to reprocess "
        "days older than a window in a test or benchmark environment)",
    )
    run.set_defaults(func=cmd_run)

    req = sub.add_parser("request", help="register and handle a data-subject request")
    req.add_argument("type", help=f"one of: {', '.join(TYPES)}")
    req.add_argument("--email", help="the subject's e-mail address")
    req.add_argument("--phone", help="the subject's phone number")
    req.add_argument(
        "--details",
        help='JSON object: rectification {"last_name": "..."}; restriction/objection '
        '{"lift": true} lifts an earlier one',
    )
    req.set_defaults(func=cmd_request)

    from klantmonitor.bench import command as bench

    bench_parser = sub.add_parser(
        "bench", help="time the nightly run on a big day and on backfills, against the floor"
    )
    bench.add_arguments(bench_parser)
    bench_parser.set_defaults(func=bench.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    load_dotenv(".env", override=False)
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except SecretKeyError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
