"""What every format reader produces: records as raw text per column, bound by name.

Readers split a file into records and bind columns (CSV/xlsx header, JSON keys) by name; typing
and validation happen afterwards, vectorised (:mod:`klantmonitor.sources.validate`). A reader
raises :class:`FileRejected` when the whole file is unusable and lists records it cannot split in
``Records.rejects``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from klantmonitor.sources import reasons
from klantmonitor.sources.arrays import Column, true_mask
from klantmonitor.sources.contract import Source


class FileRejected(Exception):
    """The whole file (or delivery) is unusable; ``reason`` says why, never what it holds."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Reject:
    """A record that could not be split or bound: its line, the reason and its raw text."""

    line: int | None
    reason: str
    record: str | None


@dataclass(frozen=True)
class Records:
    """The records of one file as raw text per declared field, before typing."""

    columns: dict[str, Column]  # every declared field -> string column (null where absent)
    lines: Sequence[int] | np.ndarray  # per record: start line, item index or sheet row (1-based)
    extra: Column  # per record: compact JSON object of its non-blank unknown columns, or null
    record_text: Callable[[int], str]  # the raw text of record i, for the quarantine
    rejects: list[Reject] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # file-level findings; the records still load


def reject_empty(data: bytes) -> None:
    """Reject a file of zero bytes or nothing but whitespace."""
    if not data.strip():
        raise FileRejected(reasons.EMPTY_FILE)


def decode(source: Source, data: bytes) -> str:
    """The file's text in the source's encoding; rejects empty and wrongly encoded files."""
    reject_empty(data)
    try:
        text = data.decode(source.encoding)
    except UnicodeDecodeError as error:
        raise FileRejected(reasons.encoding(source.encoding, f"byte {error.start}")) from None
    if not source.encoding.startswith("utf") and not data.isascii() and _is_utf8(data):
        # Any bytes decode in a single-byte code page; non-ASCII UTF-8 would become mojibake.
        raise FileRejected(reasons.encoding(source.encoding, "the file is UTF-8"))
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise FileRejected(reasons.EMPTY_FILE)
    return text


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def compact_json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def extra_text(pairs: Iterable[tuple[str, object]]) -> str | None:
    """Compact JSON of the unknown values of one record that are not blank, or None."""
    extra = {name: value for name, value in pairs if value is not None and str(value).strip()}
    return compact_json(extra) if extra else None


def check_header(source: Source, names: Sequence[str]) -> None:
    """Reject the file for a duplicate column name or a missing required column."""
    duplicates = [n for n, count in Counter(n for n in names if n).items() if count > 1]
    if duplicates:
        raise FileRejected(reasons.duplicate_columns(duplicates))
    missing = [f.name for f in source.fields if f.required and f.name not in names]
    if missing:
        raise FileRejected(reasons.missing_columns(missing))


def bind_columns(
    source: Source,
    names: Sequence[str],
    columns: Sequence[Column],
    lines: Sequence[int] | np.ndarray,
    record_text: Callable[[int], str],
    rejects: list[Reject],
) -> Records:
    """Bind header ``names`` to the string ``columns``; unknown columns go to ``_extra``."""
    check_header(source, names)
    rows = len(lines)
    index = {name: i for i, name in enumerate(names)}
    bound = {
        f.name: columns[index[f.name]] if f.name in index else pa.nulls(rows, pa.string())
        for f in source.fields
    }
    unknown = [i for i, name in enumerate(names) if name not in bound]
    extra: Column = pa.nulls(rows, pa.string())
    if unknown:
        filled = [true_mask(pc.not_equal(pc.utf8_trim_whitespace(columns[i]), "")) for i in unknown]
        wanted = np.flatnonzero(np.logical_or.reduce(filled))
        if len(wanted):
            values = [columns[i].to_pylist() for i in unknown]
            texts: list[str | None] = [None] * rows
            for r in wanted.tolist():
                texts[r] = extra_text(
                    (names[i], v[r]) for i, v in zip(unknown, values, strict=True)
                )
            extra = pa.array(texts, pa.string())
    return Records(bound, lines, extra, record_text, rejects)
