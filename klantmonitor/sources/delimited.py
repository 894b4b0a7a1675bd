"""Reader of delimited text exports (RFC 4180 CSV with a header row).

Records are split by pyarrow's CSV parser (fast) once a byte scan has shown that the quotes are
well placed, so record boundaries and physical start lines follow from quote parity alone.
Anything unusual (a stray or unbalanced quote, a lone CR) is read by the ``csv`` module instead,
which reports such records exactly. Both give the same ``Records``.
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Sequence

import numpy as np
import pyarrow as pa
import pyarrow.csv as pcsv

from klantmonitor.sources import reasons
from klantmonitor.sources.contract import Source
from klantmonitor.sources.records import (
    FileRejected,
    Records,
    Reject,
    bind_columns,
    check_header,
    decode,
    reject_empty,
)

_QUOTE, _LF, _CR = ord('"'), ord("\n"), ord("\r")
_PHYSICAL_LINE = re.compile(r"[^\n]*\n|[^\n]+\Z")  # lines end at LF only (CRLF included)
_BLOCK_SIZE = 1 << 24  # pyarrow's parse block
_SCAN_CHUNK = 1 << 20  # bytes per numpy scan step


def read_csv(source: Source, data: bytes) -> Records:
    """The records of a delimited file; ``lines`` are the physical lines where records start."""
    reject_empty(data)
    if codecs.lookup(source.encoding).name.startswith("utf-8"):
        # pyarrow checks the UTF-8; a file it refuses is decoded below, which names the fault
        bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
        fast = _read_fast(source, memoryview(data)[bom:])
        text = decode(source, data) if fast is None else ""
    else:
        text = decode(source, data)
        fast = _read_fast(source, text.encode("utf-8"))
    return fast if fast is not None else _read_exact(source, text)


def _read_fast(source: Source, body: bytes | memoryview) -> Records | None:
    """pyarrow parses ``body`` (UTF-8); None when the byte scan finds something unusual."""
    delimiter = ord(source.delimiter)
    raw = np.frombuffer(body, np.uint8)
    if not len(raw):
        return None
    quotes, newlines, crs = _positions(raw, (_QUOTE, _LF, _CR))
    if len(quotes) % 2 or not _quotes_well_placed(raw, quotes, delimiter):
        return None
    if _has_lone_cr(raw, crs):
        return None
    ends = newlines[np.searchsorted(quotes, newlines) % 2 == 0]  # LFs outside quoted fields
    starts = np.concatenate(([0], ends + 1))
    stops = np.concatenate((ends, [len(raw)]))
    stops -= (stops > starts) & (raw[np.maximum(stops - 1, 0)] == _CR)
    filled = stops > starts  # blank lines are skipped (by pyarrow too)
    starts, stops = starts[filled], stops[filled]
    if not len(starts):
        return None

    def segment(i: int) -> str:
        return str(body[starts[i] : stops[i]], "utf-8")

    try:
        header = next(csv.reader([segment(0)], delimiter=source.delimiter, strict=True))
    except (csv.Error, UnicodeDecodeError):
        return None
    names = [name.strip() for name in header]
    check_header(source, names)
    invalid: list[tuple[int | None, int, str]] = []

    def skip(row: pcsv.InvalidRow) -> str:
        invalid.append((row.number, row.actual_columns, row.text))
        return "skip"

    try:
        table = pcsv.read_csv(
            pa.py_buffer(body),
            read_options=pcsv.ReadOptions(use_threads=False, block_size=_BLOCK_SIZE),
            parse_options=pcsv.ParseOptions(
                delimiter=source.delimiter, newlines_in_values=True, invalid_row_handler=skip
            ),
            convert_options=pcsv.ConvertOptions(
                column_types={name: pa.string() for name in header}, strings_can_be_null=False
            ),
        )
    except (pa.ArrowInvalid, csv.Error):
        return None
    # pyarrow numbers records from 1 (the header), skipping blank lines, as ``starts`` does.
    bad = [number - 1 if number is not None else -1 for number, _, _ in invalid]
    try:
        if any(
            not 0 < i < len(starts) or segment(i) != text
            for i, (_, _, text) in zip(bad, invalid, strict=True)
        ):
            return None
    except UnicodeDecodeError:
        return None
    records = np.ones(len(starts), dtype=bool)
    records[[0, *bad]] = False  # the header and the rows pyarrow skipped
    good = np.flatnonzero(records)
    if table.num_rows != len(good) or [n.strip() for n in table.column_names] != names:
        return None
    first_lines = np.searchsorted(newlines, starts) + 1
    rejects = [
        Reject(int(first_lines[i]), reasons.wrong_field_count(found, len(names)), segment(i))
        for i, (_, found, _) in zip(bad, invalid, strict=True)
    ]
    return bind_columns(
        source,
        names,
        table.columns,
        first_lines[good],
        lambda i: segment(int(good[i])),
        rejects,
    )


def _quotes_well_placed(raw: np.ndarray, quotes: np.ndarray, delimiter: int) -> bool:
    """Every quote opens a field (after a delimiter or line start) or closes one (before a
    delimiter or line end), or is half of an escaped ``""`` inside a quoted field."""
    if not len(quotes):
        return True
    opening, closing = quotes[0::2], quotes[1::2]
    escaped = opening[1:] == closing[:-1] + 1  # a quote pair "" inside a quoted field
    before = raw[np.maximum(opening - 1, 0)]
    opens = (opening == 0) | (before == delimiter) | (before == _LF)
    opens[1:] |= escaped
    after_index = closing + 1
    after = raw[np.minimum(after_index, len(raw) - 1)]
    closes = (after_index == len(raw)) | (after == delimiter) | (after == _CR) | (after == _LF)
    closes[:-1] |= escaped
    return bool(opens.all() and closes.all())


def _positions(raw: np.ndarray, values: tuple[int, ...]) -> list[np.ndarray]:
    """The positions of each byte value in ``raw`` (scanned in cache-sized chunks)."""
    found: list[list[np.ndarray]] = [[] for _ in values]
    for start in range(0, len(raw), _SCAN_CHUNK):
        chunk = raw[start : start + _SCAN_CHUNK]
        for positions, value in zip(found, values, strict=True):
            positions.append(np.flatnonzero(chunk == value) + start)
    return [np.concatenate(p) if p else np.zeros(0, np.intp) for p in found]


def _has_lone_cr(raw: np.ndarray, crs: np.ndarray) -> bool:
    """A CR not followed by LF (an old Mac line end, or a CR inside a value)."""
    following = raw[np.minimum(crs + 1, len(raw) - 1)]
    return bool(((crs + 1 == len(raw)) | (following != _LF)).any())


def _read_exact(source: Source, text: str) -> Records:
    """The ``csv`` module, record by record: malformed records are rejected with their lines."""
    lines = _PHYSICAL_LINE.findall(text)
    reader = csv.reader(lines, delimiter=source.delimiter, strict=True)
    try:
        header = next((row for row in reader if row), None)
    except csv.Error as error:
        raise FileRejected(f"malformed CSV header: {error}") from None
    if header is None:
        raise FileRejected(reasons.EMPTY_FILE)
    names = [name.strip() for name in header]
    check_header(source, names)
    rows: list[list[str]] = []
    starts: list[int] = []
    ends: list[int] = []
    rejects: list[Reject] = []
    start = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            end = reader.line_num
            rejects.append(Reject(start, f"malformed CSV: {error}", _joined(lines, start, end)))
            start = end + 1
            continue
        end = reader.line_num
        if len(row) == len(names):
            rows.append(row)
            starts.append(start)
            ends.append(end)
        elif row:  # blank lines are skipped
            reason = reasons.wrong_field_count(len(row), len(names))
            rejects.append(Reject(start, reason, _joined(lines, start, end)))
        start = end + 1
    columns = [pa.array(column, pa.string()) for column in zip(*rows, strict=True)]
    return bind_columns(
        source,
        names,
        columns or [pa.nulls(0, pa.string())] * len(names),
        starts,
        lambda i: _joined(lines, starts[i], ends[i]),
        rejects,
    )


def _joined(lines: Sequence[str], first: int, last: int) -> str:
    """Physical lines ``first``..``last`` (1-based, inclusive) without the final line end."""
    return "".join(lines[first - 1 : last]).rstrip("\r\n")
