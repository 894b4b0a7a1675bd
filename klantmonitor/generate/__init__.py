"""Realistic, deterministic demo exports of all ten sources, plus a ledger of the PII in them.

``generate`` writes ``<landing_root>/<source>/<YYYY-MM-DD>/<files>`` in the exact formats of the
source contract (``klantmonitor.sources.contract``) and ``<ledger_root>/<YYYY-MM-DD>.parquet``
with every clear PII value it wrote. Same arguments, same bytes.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from klantmonitor.generate import (
    crm,
    govmetric,
    ivr,
    messagebird,
    own_sources,
    smile,
    zivver,
)
from klantmonitor.generate.day import Day
from klantmonitor.generate.population import build_population, population_size
from klantmonitor.sources.contract import SOURCES

__all__ = ["FEEDBACK_SHARES", "GenerateSummary", "generate"]

# Share of the day's feedback answers per source (MessageBird: replies; it also writes the
# 2-3x as many invitations they answer).
FEEDBACK_SHARES: dict[str, float] = {
    "govmetric": 0.40,
    "smile": 0.25,
    "ivr": 0.15,
    "messagebird": 0.15,
    "zivver": 0.05,
}
_FEEDBACK: dict[str, Callable[[Day, int], None]] = {
    "govmetric": govmetric.write,
    "smile": smile.write,
    "ivr": ivr.write,
    "messagebird": messagebird.write,
    "zivver": zivver.write,
}
_OWN: tuple[Callable[[Day], None], ...] = (
    crm.write,
    own_sources.write_newsletter,
    own_sources.write_forms,
    own_sources.write_applications,
    own_sources.write_subject_requests,
)


@dataclass(frozen=True)
class GenerateSummary:
    """What a run wrote (counts only, never a value)."""

    days: int
    files_written: int
    rows: dict[str, int]  # records per source over all days
    pii_values: int  # ledger rows


def generate(
    landing_root: Path,
    ledger_root: Path,
    start: dt.date,
    days: int,
    rows_per_day: int = 2000,
    seed: int = 42,
) -> GenerateSummary:
    """Write ``days`` days of exports from ``start`` with ``rows_per_day`` feedback answers."""
    landing_root, ledger_root = Path(landing_root), Path(ledger_root)
    people = build_population(seed, population_size(rows_per_day))
    rows: Counter[str] = Counter(dict.fromkeys(SOURCES, 0))
    files = pii_values = 0
    for offset in range(days):
        day = Day(start + dt.timedelta(days=offset), seed, landing_root, people)
        for name, share in FEEDBACK_SHARES.items():
            _FEEDBACK[name](day, round(rows_per_day * share))
        for write in _OWN:
            write(day)
        day.ledger.write(ledger_root / f"{day.date.isoformat()}.parquet")
        rows.update(day.rows)
        files += len(day.files)
        pii_values += len(day.ledger)
    return GenerateSummary(days, files, dict(rows), pii_values)
