"""The benchmark figures as one Markdown document (printed; kept in ``docs/benchmarks.md``)."""

from __future__ import annotations

import datetime as dt
import os
import platform
from dataclasses import dataclass
from importlib.metadata import version

from klantmonitor.bench.runner import PipelineRun, Process

GIB = 1024**3
TARGET_RATIO = 1.5
TARGET_SECONDS = 180.0
TARGET_RSS = 4 * GIB
LINEAR_TOLERANCE = 0.25  # per-day cost of the longest backfill vs the shortest range's


@dataclass(frozen=True)
class DayResult:
    """The big day: the pipeline, the floor, the input size."""

    day: dt.date
    rows_per_day: int
    feedback_rows: int
    generate_seconds: float
    pipeline: PipelineRun
    floor: Process
    floor_sql_seconds: float


@dataclass(frozen=True)
class BackfillResult:
    """Backfill runs of growing length over the same generated days."""

    rows_per_day: int
    runs: list[PipelineRun]

    def fit(self) -> tuple[float, float]:
        """(fixed seconds per run, seconds per day): least squares over the runs' wall times."""
        xs = [r.days for r in self.runs]
        ys = [r.process.wall for r in self.runs]
        n, mx, my = len(xs), sum(xs) / len(xs), sum(ys) / len(ys)
        sxx = sum((x - mx) ** 2 for x in xs)
        slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx if n > 1 else 0
        return my - slope * mx, slope


def _row(*cells: object) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def _verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def _machine() -> list[str]:
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / GIB
    return [
        f"Machine: {os.cpu_count()} cores, {memory:.0f} GiB, {platform.system()} "
        f"{platform.release()}; Python {platform.python_version()}, DuckDB {version('duckdb')}, "
        f"Dagster {version('dagster')}, dbt-core {version('dbt-core')}.",
    ]


def _stage_rows(run: PipelineRun, rows: int) -> list[str]:
    """One row per stage of a run, in pipeline order, then what lies between them."""
    steps, t = dict(run.timings.steps), run.timings
    lines = [_row("stage", "seconds", "share", "rows/s")]
    lines.append(_row("---", "---:", "---:", "---:"))
    wall = run.process.wall

    def add(name: str, seconds: float, count: int | None = None) -> None:
        rate = f"{count / seconds:,.0f}" if count and seconds > 0 else ""
        lines.append(_row(name, f"{seconds:.1f}", f"{seconds / wall:.0%}", rate))

    add("process start, definitions, instance", run.start_seconds)
    for key in sorted(k for k in steps if k.startswith("raw__")):
        source = key.removeprefix("raw__")
        add(f"ingest {source}", steps.pop(key), t.raw_rows.get(source))
    for layer in ("seeds", "staging", "pseudonymised", "reporting"):
        if layer in t.dbt_layers:
            add(f"dbt {layer} (models)", t.dbt_layers[layer], rows if layer != "seeds" else None)
    add("dbt tests", sum(t.dbt_tests.values()))
    add("dbt start, parse, compile", t.dbt_fixed)
    for key in ("warehouse_models", "reporting_models"):
        steps.pop(key, None)
    for key, seconds in sorted(steps.items(), key=lambda item: -item[1]):
        add(key.replace("__", "/"), seconds)
    accounted = run.start_seconds + sum(run.timings.steps.values())
    add("between steps, shutdown", max(0.0, wall - accounted))
    add("**total (wall)**", wall, rows)
    return lines


WORK_STEPS = ("exports__client_reports", "governance__retention_purge", "audit__subject_requests")


def breakdown(run: PipelineRun) -> dict[str, float]:
    """The run's wall time in parts: the work the floor also does, and what it does not."""
    t = run.timings
    steps = {k: v for k, v in t.steps.items() if k not in ("warehouse_models", "reporting_models")}
    ingest = sum(v for k, v in steps.items() if k.startswith("raw__"))
    other_work = sum(steps.get(k, 0.0) for k in WORK_STEPS)
    checks = sum(steps.values()) - ingest - other_work
    accounted = run.start_seconds + sum(t.steps.values())
    return {
        "ingest (parse to Parquet)": ingest,
        "dbt models": sum(t.dbt_layers.values()),
        "exports, purge, subject requests": other_work,
        "checks outside dbt (PII absence, GX, retention, isolation, EEA)": checks,
        "dbt tests": sum(t.dbt_tests.values()),
        "dbt start, parse, compile (per invocation)": t.dbt_fixed,
        "process start (imports, definitions, instance)": run.start_seconds,
        "between steps, shutdown": max(0.0, run.process.wall - accounted),
    }


def _where_the_time_goes(day: DayResult) -> list[str]:
    parts = breakdown(day.pipeline)
    wall = day.pipeline.process.wall
    lines = [
        "### Where the time goes",
        "",
        f"The floor takes {day.floor.wall:.1f} s; the pipeline {wall:.1f} s. The pipeline's time "
        "by kind (the first three rows are the work the floor also does):",
        "",
        _row("part", "seconds", "share"),
        _row("---", "---:", "---:"),
    ]
    for name, seconds in parts.items():
        lines.append(_row(name, f"{seconds:.1f}", f"{seconds / wall:.0%}"))
    return [*lines, ""]


def render(day: DayResult | None, backfill: BackfillResult | None, command: str) -> str:
    """The whole document."""
    out = [
        "# Benchmarks",
        "",
        f"Regenerated by `{command}` on {dt.date.today().isoformat()}. Figures depend on the "
        "machine; the ratios are what count.",
        "",
        *_machine(),
        "",
    ]
    if day:
        out += _day_section(day)
    if backfill:
        out += _backfill_section(backfill)
    return "\n".join(out) + "\n"


def _day_section(day: DayResult) -> list[str]:
    run, floor = day.pipeline, day.floor
    ratio = run.process.wall / floor.wall
    return [
        f"## One day of {day.rows_per_day:,} feedback answers ({day.day})",
        "",
        f"Generated in {day.generate_seconds:.0f} s (not timed below; reused when present). "
        f"The nightly job (`klantmonitor run`) as one process; dbt runs inside it.",
        "",
        *_stage_rows(run, day.feedback_rows),
        "",
        "The floor: `klantmonitor/bench/floor.sql`, the same essential work (read the five "
        "feedback exports and the survey invitations, normalise, HMAC, scrub with the same "
        "scrubber, aggregate, write Parquet per client) as one DuckDB script, in its own "
        "process.",
        "",
        _row("measure", "pipeline", "floor", "target", "verdict"),
        _row("---", "---:", "---:", "---", "---"),
        _row(
            "wall seconds",
            f"{run.process.wall:.1f}",
            f"{floor.wall:.1f} (SQL {day.floor_sql_seconds:.1f})",
            f"≤ {TARGET_SECONDS:.0f}",
            _verdict(run.process.wall <= TARGET_SECONDS),
        ),
        _row("pipeline / floor", f"{ratio:.2f}", "1", f"≤ {TARGET_RATIO}", _verdict(ratio <= 1.5)),
        _row(
            "peak RSS GiB",
            f"{run.process.peak_rss / GIB:.2f}",
            f"{floor.peak_rss / GIB:.2f}",
            "≤ 4",
            _verdict(run.process.peak_rss <= TARGET_RSS),
        ),
        _row(
            "feedback rows/s",
            f"{day.feedback_rows / run.process.wall:,.0f}",
            f"{day.feedback_rows / floor.wall:,.0f}",
            "",
            "",
        ),
        _row("run succeeded", run.timings.success and run.process.returncode == 0, "", "", ""),
        "",
        *_where_the_time_goes(day),
    ]


def _backfill_section(backfill: BackfillResult) -> list[str]:
    fixed, per_day = backfill.fit()
    shortest, longest = backfill.runs[0], backfill.runs[-1]
    marginal = [(r.process.wall - fixed) / r.days for r in backfill.runs]
    linear = abs(marginal[-1] - per_day) <= LINEAR_TOLERANCE * per_day
    lines = [
        f"## Backfill at {backfill.rows_per_day:,} feedback answers per day",
        "",
        "Each run is one single-run backfill (`klantmonitor run --date FIRST --to LAST "
        "--purge-dry-run`) into an empty warehouse, over the last days of the same generated "
        "range, without data-subject requests (those are timed in the day run).",
        "",
        _row("days", "wall s", "s per day", "peak RSS GiB", "Dagster start s", "dbt fixed s"),
        _row("---:", "---:", "---:", "---:", "---:", "---:"),
    ]
    for run in backfill.runs:
        lines.append(
            _row(
                run.days,
                f"{run.process.wall:.1f}",
                f"{run.process.wall / run.days:.1f}",
                f"{run.process.peak_rss / GIB:.2f}",
                f"{run.start_seconds:.1f}",
                f"{run.timings.dbt_fixed:.1f}",
            )
        )
    lines += [
        "",
        f"Least-squares fit: **{fixed:.1f} s fixed per run + {per_day:.2f} s per day**. "
        f"Growth is {'linear' if linear else '**not linear**'}: the {longest.days}-day run costs "
        f"{marginal[-1]:.2f} s per day beyond the fixed cost, against {per_day:.2f} s fitted "
        f"(tolerance {LINEAR_TOLERANCE:.0%}); the {shortest.days}-day run is mostly fixed cost.",
        "",
    ]
    return lines
