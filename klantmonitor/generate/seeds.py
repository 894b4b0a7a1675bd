"""Deterministic random streams per (seed, day, stream) and unique, random-looking ids.

A day's data depends only on the seed, the date and the size, never on which other days are
generated in the same call, so generating a range or its days one by one gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import random
import zlib

import numpy as np

_EPOCH = dt.date(2020, 1, 1).toordinal()
_MASK = np.uint64(0xFFFFFFFF)
PER_DAY = 1 << 20  # ids per day and stream before counters of consecutive days would overlap


def rng(seed: int, day: dt.date | None, stream: str) -> np.random.Generator:
    """A numpy generator for one stream (``"govmetric"``, ...) of one day (or of no day)."""
    ordinal = day.toordinal() if day else 0
    return np.random.default_rng([seed, ordinal, zlib.crc32(stream.encode())])


def pyrandom(seed: int, day: dt.date | None, stream: str) -> random.Random:
    """A ``random.Random`` for per-row text composition in one stream of one day."""
    return random.Random(f"{seed}:{day.isoformat() if day else '-'}:{stream}")


def scramble(counter: np.ndarray, key: int) -> np.ndarray:
    """A bijection of 32-bit counters: distinct counters give distinct random-looking values."""
    x = counter.astype(np.uint64) & _MASK
    x = (x * np.uint64(0x9E3779B1) + np.uint64(key & 0xFFFFFFFF)) & _MASK
    x ^= x >> np.uint64(15)
    x = (x * np.uint64(0x85EBCA77)) & _MASK
    x ^= x >> np.uint64(13)
    return x


def counters(day: dt.date, n: int) -> np.ndarray:
    """``n`` counters unique to ``day`` (ids stay unique across about eleven years)."""
    base = ((day.toordinal() - _EPOCH) % 4096) * PER_DAY
    return base + np.arange(n, dtype=np.int64)


def hex_ids(day: dt.date, n: int, key: int, prefix: str = "", upper: bool = True) -> list[str]:
    """``n`` unique 8-hex-digit ids for ``day``: ``GMX-7F3A9C21``."""
    fmt = "%s%08X" if upper else "%s%08x"
    return [fmt % (prefix, v) for v in scramble(counters(day, n), key).tolist()]


def fill_from(rng: np.random.Generator, out: list[str], rows: np.ndarray, pool: list[str]) -> None:
    """Set ``out[row]`` to a random item of ``pool`` for each of ``rows``."""
    picks = rng.integers(0, len(pool), len(rows)).tolist()
    for row, pick in zip(rows.tolist(), picks, strict=True):
        out[row] = pool[pick]
