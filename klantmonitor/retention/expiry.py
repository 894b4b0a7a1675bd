"""What has outlived its window, in every layer: counted for the checks, planned for the purge.

:func:`find_expired` evaluates every rule of :mod:`klantmonitor.retention.rules` against the
data directory and the warehouse and returns a :class:`Plan`: one :class:`Expired` entry per
dataset and place (with zero counts where nothing expired) plus what deleting it takes. Counts
and paths only; no value of any record is read into the plan.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from klantmonitor.governance.duck import WAREHOUSE_ALIAS, warehouse_tables
from klantmonitor.paths import DataPaths
from klantmonitor.retention.facts import create_facts, parquet_scan, partition_day, raw_files
from klantmonitor.retention.policy import Policy
from klantmonitor.retention.rules import (
    BUNDLE_DATASET,
    EXPORT_RULES,
    LANDING_DATASET,
    QUARANTINE_DATASET,
    RAW_RULES,
    TABLE_OWNERS,
    TABLE_RULES,
    RowRule,
    local_day,
)
from klantmonitor.sources.contract import SOURCES
from klantmonitor.subjects.bundle import BUNDLE_FOLDER, bundles_root
from klantmonitor.subjects.log import TABLE as REQUEST_LOG


@dataclass
class Expired:
    """Data past ``dataset``'s window in one place: counts and locations, never values."""

    dataset: str
    window_days: int
    cutoff: dt.date
    layer: str  # landing | raw | quarantine | staging | pseudonymised | reporting | exports
    relation: str  # e.g. landing/govmetric, raw/crm, staging.stg_crm, exports/GM0363/rpt_comments
    asset: tuple[str, ...]  # the Dagster asset key holding the data
    rows: int = 0
    files: int = 0
    where: list[str] = field(default_factory=list)  # files / day folders (relative paths)

    @property
    def found(self) -> bool:
        return bool(self.rows or self.files)

    def describe(self) -> str:
        counts = ", ".join(
            f"{n} {unit}" for n, unit in ((self.rows, "rows"), (self.files, "files")) if n
        )
        return (
            f"{self.relation}: {counts or 'nothing'} past {self.dataset} "
            f"({self.window_days} days, cutoff {self.cutoff})"
        )


@dataclass
class Plan:
    """Every :class:`Expired` entry and the deletions they need."""

    expired: list[Expired] = field(default_factory=list)
    delete_paths: list[Path] = field(default_factory=list)  # files and day folders
    drop_rows: dict[Path, set[int]] = field(default_factory=lambda: defaultdict(set))
    delete_where: list[tuple[str, str]] = field(default_factory=list)  # (table, predicate)

    @property
    def found(self) -> list[Expired]:
        return [e for e in self.expired if e.found]


def _windowed(rules: tuple[RowRule, ...], policies: dict[str, Policy]) -> list[RowRule]:
    return [r for r in rules if policies[r.dataset].window_days is not None]


def _predicate(rule: RowRule, cutoff: dt.date) -> str:
    return f"coalesce(({rule.condition}) and ({rule.anchor}) < date '{cutoff}', false)"


def _rule_case(preds: list[str]) -> str:
    """SQL: the index of the first rule that expires a row (null when none does)."""
    return "case " + " ".join(f"when {p} then {i}" for i, p in enumerate(preds)) + " end"


class _Finder:
    def __init__(
        self,
        con: duckdb.DuckDBPyConnection,
        paths: DataPaths,
        policies: dict[str, Policy],
        today: dt.date,
    ) -> None:
        self.con, self.paths, self.policies, self.today = con, paths, policies, today
        self.plan = Plan()

    def _entry(self, dataset: str, layer: str, relation: str, asset: tuple[str, ...]) -> Expired:
        policy = self.policies[dataset]
        cutoff = policy.cutoff(self.today)
        if cutoff is None or policy.window_days is None:
            raise ValueError(f"{dataset} has no retention window")
        entry = Expired(dataset, policy.window_days, cutoff, layer, relation, asset)
        self.plan.expired.append(entry)
        return entry

    def _rel(self, path: Path) -> str:
        return str(path.relative_to(self.paths.root))

    def landing(self, source: str) -> None:
        """Day folders whose latest load is older than the landing window."""
        entry = self._entry(LANDING_DATASET, "landing", f"landing/{source}", ("landing", source))
        days = {}
        for folder in (self.paths.landing / source).glob("*"):
            try:
                days[dt.date.fromisoformat(folder.name)] = folder
            except ValueError:
                continue
        loaded = self._load_days(source)
        for day, folder in sorted(days.items()):
            load_day = loaded.get(day)
            if load_day is None or load_day >= entry.cutoff:
                continue
            files = [p for p in folder.rglob("*") if p.is_file()]
            entry.files += len(files)
            entry.where.append(self._rel(folder))
            self.plan.delete_paths.append(folder)

    def _load_days(self, source: str) -> dict[dt.date, dt.date]:
        """Landing day -> Amsterdam date of its latest load (raw or quarantine lineage).

        A day whose raw partition exists but holds no lineage (nothing parsed) counts as loaded
        the day after it, the earliest an export can arrive.
        """
        raw = raw_files(self.paths, source)
        quarantined = sorted(self.paths.quarantine.glob(f"{source}/date=*/data.parquet"))
        files = [f for f in raw + quarantined if pq.read_metadata(f).num_rows]
        result = {partition_day(f): partition_day(f) + dt.timedelta(days=1) for f in raw}
        if files:
            rows = self.con.execute(
                "select date, (max(_loaded_at) at time zone 'Europe/Amsterdam')::date "
                f"from {parquet_scan(files)} group by date"
            ).fetchall()
            result.update({day: load_day for day, load_day in rows})
        return result

    def quarantine(self, source: str) -> None:
        """Quarantine partitions whose landing day is older than the quarantine window."""
        entry = self._entry(
            QUARANTINE_DATASET, "quarantine", f"quarantine/{source}", ("raw", source)
        )
        for path in sorted(self.paths.quarantine.glob(f"{source}/date=*/data.parquet")):
            if partition_day(path) < entry.cutoff:
                entry.files += 1
                entry.rows += pq.read_metadata(path).num_rows
                entry.where.append(self._rel(path))
                self.plan.delete_paths.append(path)

    def _parquet_rows(
        self,
        files: list[Path],
        rules: list[RowRule],
        entries: list[Expired],
        *,
        hive: bool,
    ) -> None:
        """Count (and plan to drop) the rows of ``files`` that each rule expires."""
        files = [f for f in files if pq.read_metadata(f).num_rows]
        if not files or not rules:
            return
        preds = [_predicate(r, e.cutoff) for r, e in zip(rules, entries, strict=True)]
        scan = parquet_scan(files, hive=hive, row_numbers=True)
        found = self.con.execute(
            f"select filename, file_row_number, {_rule_case(preds)} "
            f"from {scan} where {' or '.join(preds)}"
        ).fetchall()
        touched: dict[int, set[str]] = defaultdict(set)
        for filename, row_number, rule in found:
            entries[rule].rows += 1
            touched[rule].add(filename)
            self.plan.drop_rows[Path(filename)].add(row_number)
        for rule, names in touched.items():
            entries[rule].where += sorted(self._rel(Path(n)) for n in names)

    def raw(self, source: str) -> None:
        rules = _windowed(RAW_RULES[source], self.policies)
        entries = [self._entry(r.dataset, "raw", f"raw/{source}", ("raw", source)) for r in rules]
        bound = [r.bound("date") for r in rules]
        self._parquet_rows(raw_files(self.paths, source), bound, entries, hive=True)

    def tables(self) -> None:
        existing = warehouse_tables(self.con)
        for (schema, table), all_rules in TABLE_RULES.items():
            rules = [r.bound("partition_date") for r in _windowed(all_rules, self.policies)]
            if (schema, table) not in existing or not rules:
                continue
            name = f"{schema}.{table}"
            owner = TABLE_OWNERS.get((schema, table), (schema, table))
            entries = [self._entry(r.dataset, schema, name, owner) for r in rules]
            preds = [_predicate(r, e.cutoff) for r, e in zip(rules, entries, strict=True)]
            qualified = f"{WAREHOUSE_ALIAS}.{schema}.{table}"
            counts = self.con.execute(
                f"select rule, count(*) from (select {_rule_case(preds)} as rule "
                f"from {qualified}) where rule is not null group by rule"
            ).fetchall()
            for rule, count in counts:
                entries[rule].rows += count
            if counts:
                self.plan.delete_where.append((qualified, " or ".join(preds)))

    def exports(self) -> None:
        if not self.paths.exports.exists():
            return
        for client in sorted(p for p in self.paths.exports.iterdir() if p.is_dir()):
            if client.name.startswith(".") or client.name == BUNDLE_FOLDER:
                continue
            for table, all_rules in EXPORT_RULES.items():
                rules = _windowed(all_rules, self.policies)
                files = sorted((client / table).rglob("*.parquet"))
                if not files or not rules:
                    continue
                relation = f"exports/{client.name}/{table}"
                entries = [
                    self._entry(r.dataset, "exports", relation, ("exports", "client_reports"))
                    for r in rules
                ]
                self._parquet_rows(files, rules, entries, hive=False)

    def bundles(self) -> None:
        """Access and portability bundles of requests completed before the bundle window."""
        root = bundles_root(self.paths)
        if self.policies[BUNDLE_DATASET].window_days is None or not root.is_dir():
            return
        entry = self._entry(
            BUNDLE_DATASET, "exports", self._rel(root), ("audit", "subject_requests")
        )
        completed: dict[str, dt.date] = {}
        if tuple(REQUEST_LOG.split(".")) in warehouse_tables(self.con):
            completed = dict(
                self.con.execute(
                    f"select request_id, {local_day('completed_at')} "
                    f"from {WAREHOUSE_ALIAS}.{REQUEST_LOG} where completed_at is not null"
                ).fetchall()
            )
        for folder in sorted(p for p in root.iterdir() if p.is_dir()):
            made = dt.datetime.fromtimestamp(folder.stat().st_mtime, dt.UTC).date()
            if completed.get(folder.name, made) < entry.cutoff:
                entry.files += sum(1 for p in folder.rglob("*") if p.is_file())
                entry.where.append(self._rel(folder))
                self.plan.delete_paths.append(folder)


def find_expired(
    con: duckdb.DuckDBPyConnection, paths: DataPaths, policies: dict[str, Policy], today: dt.date
) -> Plan:
    """Everything past its window on ``today``; ``con`` has the warehouse attached as ``wh``."""
    create_facts(con, paths)
    finder = _Finder(con, paths, policies, today)
    for source in SOURCES:
        finder.landing(source)
        finder.raw(source)
        finder.quarantine(source)
    finder.tables()
    finder.exports()
    finder.bundles()
    return finder.plan
