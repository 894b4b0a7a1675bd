"""Time on the Amsterdam day a file covers: sampling instants and writing them in local zones.

Instants are epoch seconds (UTC, int64 arrays). A day runs from local midnight to local midnight
in Europe/Amsterdam, so it has 23 or 25 hours on daylight-saving change-overs; conversion to a
wall clock goes through the zone's UTC offset per hour, so every written time really exists.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from zoneinfo import ZoneInfo

import numpy as np

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
LONDON = ZoneInfo("Europe/London")
UTC = dt.UTC
DAY = 86_400
ISO_UTC = "%Y-%m-%dT%H:%M:%SZ"  # strftime of an aware UTC datetime

# Relative activity per local hour (0-23).
OFFICE_HOURS = np.array(
    [0, 0, 0, 0, 0, 0, 0, 1, 5, 9, 10, 10, 8, 9, 10, 9, 8, 5, 2, 1, 0, 0, 0, 0], float
)
WAKING_HOURS = np.array(
    [1, 0.5, 0.3, 0.2, 0.2, 0.4, 1, 3, 5, 7, 8, 8, 7, 7, 7, 7, 7, 6, 6, 7, 8, 7, 5, 3], float
)


def epoch(moment: dt.datetime) -> int:
    """Epoch seconds of an aware datetime."""
    return int(moment.timestamp())


@dataclass(frozen=True)
class DayClock:
    """The UTC span of one Amsterdam day and the local hour of each of its UTC hours."""

    day: dt.date
    start: int
    end: int

    @classmethod
    def of(cls, day: dt.date) -> DayClock:
        start = dt.datetime.combine(day, dt.time(), AMSTERDAM)
        end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), AMSTERDAM)
        return cls(day, epoch(start), epoch(end))

    @property
    def hours(self) -> int:
        """23, 24 or 25."""
        return (self.end - self.start) // 3600

    def local_hours(self) -> np.ndarray:
        """The Amsterdam wall-clock hour at the start of each UTC hour of the day."""
        return np.array(
            [
                dt.datetime.fromtimestamp(self.start + 3600 * h, AMSTERDAM).hour
                for h in range(self.hours)
            ]
        )

    def sample(self, rng: np.random.Generator, n: int, profile: np.ndarray) -> np.ndarray:
        """``n`` instants in the day, distributed over the local hours by ``profile``."""
        w = profile[self.local_hours()]
        hour = rng.choice(self.hours, size=n, p=w / w.sum())
        return self.start + hour * 3600 + rng.integers(0, 3600, n)

    def clamp(self, instants: np.ndarray) -> np.ndarray:
        """Instants kept inside the day."""
        return np.clip(instants, self.start, self.end - 1)


def local_seconds(instants: np.ndarray, tz: ZoneInfo) -> np.ndarray:
    """Wall-clock seconds since 1970-01-01 in ``tz`` (UTC plus the offset in force)."""
    if not len(instants):
        return instants.astype(np.int64)
    first = int(instants.min()) // 3600
    last = int(instants.max()) // 3600
    offsets = np.array(
        [
            dt.datetime.fromtimestamp(h * 3600, tz).utcoffset().total_seconds()
            for h in range(first, last + 1)
        ],
        dtype=np.int64,
    )
    return instants + offsets[instants // 3600 - first]


@cache
def _clock_strings() -> tuple[str, ...]:
    return tuple(f"{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}" for s in range(DAY))


def wall_clock(
    instants: np.ndarray, tz: ZoneInfo | None, date_fmt: str
) -> tuple[list[str], list[str]]:
    """Date (``strftime`` ``date_fmt``) and ``HH:MM:SS`` texts of ``instants`` in ``tz``."""
    local = local_seconds(instants, tz) if tz is not None else instants
    days = local // DAY
    texts = {
        d: (dt.date(1970, 1, 1) + dt.timedelta(days=d)).strftime(date_fmt)
        for d in np.unique(days).tolist()
    }
    clock = _clock_strings()
    return [texts[d] for d in days.tolist()], [clock[s] for s in (local % DAY).tolist()]


def iso_utc(instants: np.ndarray, suffix: str = "Z") -> list[str]:
    """``2026-11-23T09:00:02Z`` (or with ``suffix="+00:00"``)."""
    dates, times = wall_clock(instants, None, "%Y-%m-%d")
    return [f"{d}T{t}{suffix}" for d, t in zip(dates, times, strict=True)]


def iso_local(instants: np.ndarray, tz: ZoneInfo) -> list[str]:
    """``2026-11-23T10:00:02+01:00``: local wall time with its UTC offset."""
    dates, times = wall_clock(instants, tz, "%Y-%m-%d")
    offsets = (local_seconds(instants, tz) - instants) // 60
    return [
        f"{d}T{t}{'+' if o >= 0 else '-'}{abs(o) // 60:02d}:{abs(o) % 60:02d}"
        for d, t, o in zip(dates, times, offsets.tolist(), strict=True)
    ]
