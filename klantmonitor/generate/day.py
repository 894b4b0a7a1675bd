"""One day of generation: its date, clock, randomness, output folders, ledger and tallies."""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np

from klantmonitor.atomic import replace_atomically
from klantmonitor.generate import seeds
from klantmonitor.generate.clock import DayClock
from klantmonitor.generate.ledger import Ledger
from klantmonitor.generate.population import Population
from klantmonitor.sources.contract import Source


def json_lines(source: Source, columns: dict[str, list[str]]) -> list[str]:
    """One JSON object per row with the source's keys in contract order. ``columns`` holds the
    values per field, already JSON-encoded (``'"text"'``, ``'4'``, ``'null'``)."""
    if set(columns) != set(source.field_names):
        raise ValueError(f"{source.name}: columns differ from the contract")
    template = "{" + ", ".join(f'"{f}": %s' for f in source.field_names) + "}"
    return [template % row for row in zip(*(columns[f] for f in source.field_names), strict=True)]


@dataclass
class Day:
    """What every source writer gets: the day covered and where its output goes."""

    date: dt.date
    seed: int
    landing: Path
    people: Population
    ledger: Ledger = field(default_factory=Ledger)
    files: list[Path] = field(default_factory=list)
    rows: Counter[str] = field(default_factory=Counter)

    @cached_property
    def clock(self) -> DayClock:
        return DayClock.of(self.date)

    @property
    def compact(self) -> str:
        """``20261123``."""
        return self.date.strftime("%Y%m%d")

    def rng(self, stream: str) -> np.random.Generator:
        return seeds.rng(self.seed, self.date, stream)

    def random(self, stream: str) -> random.Random:
        return seeds.pyrandom(self.seed, self.date, stream)

    def path(self, source: str, *parts: str) -> Path:
        """``<landing>/<source>/<YYYY-MM-DD>/<parts>``, recorded as written."""
        target = self.landing.joinpath(source, self.date.isoformat(), *parts)
        self.files.append(target)
        return target

    def rel(self, path: Path) -> str:
        """The path relative to the landing root, with forward slashes (as in the ledger)."""
        return path.relative_to(self.landing).as_posix()

    def write_csv(
        self,
        source: Source,
        name: str,
        columns: dict[str, list[str]],
        line_end: str = "\n",
    ) -> Path:
        """Write ``columns`` (named exactly like the contract's fields, in order) as CSV with a
        header, in the source's encoding and delimiter, RFC 4180 quoting."""
        if tuple(columns) != source.field_names:
            raise ValueError(f"{source.name}: columns differ from the contract")
        rows = list(zip(*columns.values(), strict=True))
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=source.delimiter, lineterminator=line_end)

        def chunks() -> Iterator[bytes]:
            encoding = source.encoding
            for start in range(0, len(rows) + 1, _CHUNK):
                if start == 0:
                    writer.writerow(source.field_names)
                writer.writerows(rows[start : start + _CHUNK])
                yield buffer.getvalue().encode(encoding)
                buffer.seek(0)
                buffer.truncate()
                encoding = encoding.removesuffix("-sig")  # a BOM only at the start

        return self.write_bytes(source.name, (name,), chunks(), len(rows))

    def write_bytes(
        self, source: str, parts: tuple[str, ...], data: bytes | Iterable[bytes], rows: int
    ) -> Path:
        """Write one file of ``rows`` records from bytes or a stream of byte chunks."""
        path = self.path(source, *parts)

        def write(tmp: Path) -> None:
            with open(tmp, "wb") as handle:
                handle.writelines([data] if isinstance(data, bytes) else data)

        replace_atomically(path, write)
        self.rows[source] += rows
        return path


_CHUNK = 20_000  # CSV rows encoded at a time
