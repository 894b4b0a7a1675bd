"""The PII ledger: every clear PII value the generator wrote, where, and of what kind."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

import pyarrow as pa

from klantmonitor.atomic import write_parquet_atomically
from klantmonitor.generate.pii import CATEGORIES

COLUMNS = ("source", "file", "record_key", "field", "category", "value")
Span = tuple[str, str]  # (category, value as written)
Entry = tuple[str, str, str, str]  # (record_key, field, category, value)


class Ledger:
    """Rows of (source, file, record_key, field, category, value) for one day's files."""

    def __init__(self) -> None:
        self._rows: dict[str, list[str]] = {c: [] for c in COLUMNS}

    def __len__(self) -> int:
        return len(self._rows["value"])

    def add_many(self, source: str, file: str, entries: Iterable[Entry]) -> None:
        """Record values of one file; empty values are not PII and are skipped."""
        kept = [e for e in entries if e[3]]
        unknown = {e[2] for e in kept} - set(CATEGORIES)
        if unknown:
            raise ValueError(f"unknown PII categories {sorted(unknown)}")
        rows = self._rows
        rows["source"].extend([source] * len(kept))
        rows["file"].extend([file] * len(kept))
        for i, column in enumerate(COLUMNS[2:]):
            rows[column].extend(e[i] for e in kept)

    def add_column(
        self,
        source: str,
        file: str,
        field: str,
        keys: Sequence[str],
        values: Sequence[str | None],
        category: str | Sequence[str],
    ) -> None:
        """Record a whole column of a file (one category, or one per row)."""
        cats = [category] * len(keys) if isinstance(category, str) else category
        entries = zip(keys, [field] * len(keys), cats, values, strict=True)
        self.add_many(source, file, entries)  # type: ignore[arg-type]

    def add_spans(
        self,
        source: str,
        file: str,
        field: str,
        keys: Sequence[str],
        spans: Mapping[int, Iterable[Span]],
    ) -> None:
        """Record the PII spans put into free text, by row index."""
        entries = (
            (keys[row], field, category, value)
            for row, row_spans in sorted(spans.items())
            for category, value in row_spans
        )
        self.add_many(source, file, entries)

    def discard(self, file: str, key: str, keep: Callable[[str], bool]) -> None:
        """Drop the values of one record that did not make it into the file."""
        rows = self._rows
        drop = [
            i
            for i, (f, k) in enumerate(zip(rows["file"], rows["record_key"], strict=True))
            if f == file and k == key and not keep(rows["value"][i])
        ]
        for i in reversed(drop):
            for column in COLUMNS:
                del rows[column][i]

    def write(self, path: Path) -> None:
        """Write the ledger as Parquet, atomically."""
        table = pa.table({c: pa.array(self._rows[c], pa.string()) for c in COLUMNS})
        write_parquet_atomically(table, path)
