"""The floor: ``floor.sql`` on one day's landing files, in one DuckDB connection, timed.

What the pipeline must be compared with: the same essential work (read, normalise, HMAC, scrub
with the pipeline's own scrubber, aggregate, write Parquet) with nothing around it.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from pathlib import Path

import duckdb
import pyarrow as pa
from python_calamine import CalamineWorkbook

from klantmonitor.secret import require_secret_key
from klantmonitor.warehouse.udfs import register

FLOOR_SQL = Path(__file__).with_name("floor.sql")
ZIVVER_COLUMNS = ("Datum", "Kanaal", "Onderwerp", "Waardering", "Toelichting", "Naam afzender")


def zivver_rows(landing: Path, day: dt.date) -> pa.Table:
    """The letters of the day's ZIVVER deliveries (sheet ``Feedback``), with their client."""
    rows: list[dict[str, object]] = []
    for manifest in sorted((landing / "zivver" / day.isoformat()).glob("*/manifest.json")):
        client = json.loads(manifest.read_text(encoding="utf-8"))["client"]
        for workbook in manifest.parent.glob("*.xlsx"):
            cells = CalamineWorkbook.from_path(str(workbook)).get_sheet_by_name("Feedback")
            header, *body = cells.to_python()
            for values in body:
                row = dict(zip(header, values, strict=False))
                rows.append({"client": client, **{c: row.get(c) for c in ZIVVER_COLUMNS}})
    schema = pa.schema(
        [("client", pa.string()), ("Datum", pa.date32()), ("Waardering", pa.int64())]
        + [(c, pa.string()) for c in ZIVVER_COLUMNS if c not in ("Datum", "Waardering")]
    )
    return pa.Table.from_pylist([_typed(r) for r in rows], schema)


def _typed(row: dict[str, object]) -> dict[str, object]:
    day, grade = row["Datum"], row["Waardering"]
    row["Datum"] = day.date() if isinstance(day, dt.datetime) else day or None
    row["Waardering"] = int(grade) if isinstance(grade, int | float) else None
    return row


def ivr_as_utf8(landing: Path, day: dt.date, folder: Path) -> Path:
    """The day's IVR files re-encoded from Windows-1252 (DuckDB reads UTF-8 and Latin-1 only)."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in (landing / "ivr" / day.isoformat()).glob("*.csv"):
        text = path.read_bytes().decode("cp1252")
        (folder / path.name).write_text(text, encoding="utf-8")
    return folder


def run_floor(landing: Path, day: dt.date, out: Path, key: bytes) -> float:
    """Run the floor for ``day`` into ``out``; seconds taken (UDF registration included)."""
    started = time.perf_counter()
    con = duckdb.connect()
    try:
        register(con, key)
        con.register("zivver_rows", zivver_rows(landing, day))
        ivr = ivr_as_utf8(landing, day, out / ".ivr")
        sql = FLOOR_SQL.read_text(encoding="utf-8")
        values = {"landing": landing, "day": day, "out": out, "ivr": ivr}
        for name, value in values.items():
            sql = sql.replace("${" + name + "}", str(value))
        con.execute(sql)
    finally:
        con.close()
    return time.perf_counter() - started


def main(argv: list[str]) -> int:
    """``python -m klantmonitor.bench.floor LANDING DAY OUT``: run the floor, print its seconds.

    The key comes from the environment as for the pipeline (the bench sets a random one).
    """
    landing, day, out = Path(argv[0]), dt.date.fromisoformat(argv[1]), Path(argv[2])
    key = require_secret_key().encode("utf-8")
    print(f"floor seconds {run_floor(landing, day, out, key):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
