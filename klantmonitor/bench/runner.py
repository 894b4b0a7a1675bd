"""Measure the nightly run: one big day against the floor, and backfills of growing length.

Every measured program runs as its own process (``klantmonitor run``, the floor), so its wall
time includes start-up and its peak RSS (``wait4``) covers it and the processes it waited for
(dbt). Each run gets a fresh data directory and Dagster instance under the work folder, its
own random secret key (never shown) and a log file instead of console output.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import dagster as dg

from klantmonitor.bench.timings import RunTimings, read_timings
from klantmonitor.generate import FEEDBACK_SHARES, generate
from klantmonitor.paths import DataPaths

DAGSTER_YAML = Path(__file__).resolve().parents[2] / "orchestration" / "dagster.yaml"
CURRENT = "current"


@dataclass(frozen=True)
class Process:
    """A finished program: wall seconds, peak resident memory in bytes, exit code."""

    wall: float
    peak_rss: int
    returncode: int


@dataclass(frozen=True)
class PipelineRun:
    """A measured ``klantmonitor run`` over ``days`` days."""

    days: int
    process: Process
    timings: RunTimings
    start_seconds: float  # process launch to RUN_START: imports, definitions, instance


def run_process(args: list[str], env: dict[str, str], log: Path) -> Process:
    """Run ``args`` to completion, output into ``log``; time it and read its peak RSS."""
    with log.open("wb") as out:
        started = time.perf_counter()
        proc = subprocess.Popen(args, env=env, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Process(wall, usage.ru_maxrss * 1024, proc.returncode)


class Workspace:
    """The bench's folder: shared landing zones per scenario, one fresh run folder per run."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.key = secrets.token_hex(32)

    def landing(self, scenario: str) -> DataPaths:
        return DataPaths(self.root / "landing" / scenario)

    def env(self, data_dir: Path, home: Path) -> dict[str, str]:
        return {
            **os.environ,
            "KLANTMONITOR_DATA_DIR": str(data_dir),
            "KLANTMONITOR_SECRET_KEY": self.key,
            "DAGSTER_HOME": str(home),
        }

    def fresh_run_folder(self, name: str, scenario: str) -> tuple[Path, Path]:
        """(data dir, Dagster home) for a run: empty, with the scenario's landing linked in."""
        folder = self.root / "runs" / name
        shutil.rmtree(folder, ignore_errors=True)
        data, home = folder / "data", folder / "home"
        data.mkdir(parents=True)
        home.mkdir()
        shutil.copy(DAGSTER_YAML, home / "dagster.yaml")
        (data / "landing").symlink_to(self.landing(scenario).landing, target_is_directory=True)
        return data, home


def generate_days(paths: DataPaths, last: dt.date, days: int, rows: int, seed: int) -> float:
    """Write ``days`` days ending ``last`` (unless already there); seconds taken."""
    marker = paths.root / f".generated-{last}-{days}-{rows}-{seed}"
    if marker.exists():
        return 0.0
    shutil.rmtree(paths.root, ignore_errors=True)
    started = time.perf_counter()
    generate(
        paths.landing,
        paths.demo_ledger,
        start=last - dt.timedelta(days=days - 1),
        days=days,
        rows_per_day=rows,
        seed=seed,
    )
    marker.touch()
    return time.perf_counter() - started


def feedback_rows(days: int, rows_per_day: int) -> int:
    """Feedback answers generated (the shares of the five feedback sources)."""
    return round(days * rows_per_day * sum(FEEDBACK_SHARES.values()))


def run_pipeline(
    ws: Workspace, name: str, scenario: str, first: dt.date, last: dt.date
) -> PipelineRun:
    """``klantmonitor run`` over ``first``..``last`` in a fresh folder, measured.

    The purge only lists (``--purge-dry-run``): a backfill reaches back beyond the 30-day
    window of raw feedback, which the purge would otherwise remove before dbt reads it.
    """
    # every run uses the same path, as a production deployment does: dbt's prepared manifest
    # (parsed for one data directory) stays valid; the folder is kept as runs/<name> after
    data, home = ws.fresh_run_folder(CURRENT, scenario)
    args = [sys.executable, "-m", "klantmonitor.cli", "run", "--purge-dry-run"]
    args += ["--date", first.isoformat()]
    if last != first:
        args += ["--to", last.isoformat()]
    launched = time.time()
    process = run_process(args, ws.env(data, home), data.parent / "run.log")
    with dg.DagsterInstance.from_config(str(home)) as instance:
        runs = instance.get_runs(limit=1)
        if not runs:
            raise RuntimeError(f"no run recorded; see {data.parent / 'run.log'}")
        timings = read_timings(instance, runs[0].run_id)
        start_record = next(iter(instance.all_logs(runs[0].run_id)), None)
    start_seconds = (start_record.timestamp - launched) if start_record else 0.0
    kept = ws.root / "runs" / name
    shutil.rmtree(kept, ignore_errors=True)
    data.parent.rename(kept)
    days = (last - first).days + 1
    return PipelineRun(days, process, timings, max(0.0, start_seconds))


def run_floor(ws: Workspace, scenario: str, day: dt.date) -> tuple[Process, float]:
    """The floor script on ``day`` as its own process: (process, seconds inside DuckDB)."""
    data, home = ws.fresh_run_folder("floor", scenario)
    out = data / "floor_out"
    log = data.parent / "floor.log"
    args = [sys.executable, "-m", "klantmonitor.bench.floor", str(data / "landing"), str(day)]
    process = run_process([*args, str(out)], ws.env(data, home), log)
    if process.returncode:
        raise RuntimeError(f"the floor failed; see {log}")
    return process, float(log.read_text(encoding="utf-8").split()[-1])
