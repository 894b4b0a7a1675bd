"""Reader of xlsx workbooks (python-calamine): one sheet, header row, numbered rows."""

from __future__ import annotations

import datetime as dt
import io

import pyarrow as pa
from python_calamine import CalamineWorkbook, WorksheetNotFound

from klantmonitor.sources import reasons
from klantmonitor.sources.contract import Kind, Source
from klantmonitor.sources.jsonfiles import scalar_text
from klantmonitor.sources.records import FileRejected, Records, bind_columns, compact_json

EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial day 0 of the 1900 date system (from 1 March 1900)


def read_xlsx(source: Source, data: bytes) -> Records:
    """Sheet ``source.extra["sheet"]``: the first non-empty row is the header; ``lines`` are
    sheet row numbers. Excel dates (date cells or serial numbers) become ISO dates."""
    sheet = source.extra["sheet"]
    try:
        cells = (
            CalamineWorkbook.from_filelike(io.BytesIO(data))
            .get_sheet_by_name(sheet)
            .to_python(skip_empty_area=False)
        )
    except WorksheetNotFound:
        raise FileRejected(f"sheet {sheet} not found") from None
    except Exception:  # any failure of the xlsx parser on vendor bytes rejects the file
        raise FileRejected("not a readable xlsx workbook") from None
    header = next((i for i, row in enumerate(cells) if any(c != "" for c in row)), None)
    if header is None:
        raise FileRejected(reasons.EMPTY_FILE)
    names = [cell_text(cell, Kind.TEXT) or "" for cell in cells[header]]
    declared = set(source.field_names)
    kinds = [source.field(n).kind if n in declared else Kind.TEXT for n in names]
    rows: list[list[str | None]] = []
    numbers: list[int] = []
    for index in range(header + 1, len(cells)):
        texts = [cell_text(cell, kind) for cell, kind in zip(cells[index], kinds, strict=False)]
        if any(t is not None for t in texts):
            rows.append(texts + [None] * (len(names) - len(texts)))
            numbers.append(index + 1)
    columns = (
        [pa.array(list(col), pa.string()) for col in zip(*rows, strict=True)]
        if rows
        else [pa.nulls(0, pa.string()) for _ in names]
    )

    def record_text(i: int) -> str:
        return compact_json({n: t for n, t in zip(names, rows[i], strict=True) if n or t})

    return bind_columns(source, names, columns, numbers, record_text, [])


def cell_text(value: object, kind: Kind) -> str | None:
    """A cell as text; for a DATE field a date cell or an Excel serial number is an ISO date."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        if kind is Kind.DATE and value.time() == dt.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    serial = isinstance(value, int | float) and not isinstance(value, bool)
    if kind is Kind.DATE and serial and float(value).is_integer():
        return (EXCEL_EPOCH + dt.timedelta(days=int(value))).isoformat()
    return scalar_text(value)
