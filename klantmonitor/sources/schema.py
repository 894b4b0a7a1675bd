"""Arrow schemas of the raw zone and the quarantine, derived from the contract."""

from __future__ import annotations

import pyarrow as pa

from klantmonitor.sources.contract import LINEAGE_COLUMNS, Field, Kind, Source

UTC_TIMESTAMP = pa.timestamp("us", tz="UTC")

KIND_TYPES: dict[Kind, pa.DataType] = {
    Kind.TEXT: pa.string(),
    Kind.INT: pa.int64(),
    Kind.DECIMAL_COMMA: pa.float64(),
    Kind.LOCAL_TIMESTAMP: UTC_TIMESTAMP,
    Kind.ISO_TIMESTAMP: UTC_TIMESTAMP,
    Kind.EPOCH_MS: UTC_TIMESTAMP,
    Kind.DATE: pa.date32(),
    Kind.BOOL: pa.bool_(),
    Kind.JSON: pa.string(),
}

EXTRA = "_extra"  # compact JSON object of non-blank unknown columns / keys, else null
TZ_FLAG = "_tz_flag"  # "ambiguous" / "nonexistent" local time, else null

_LINEAGE_TYPES: dict[str, pa.DataType] = {
    "_source_file": pa.string(),
    "_line": pa.int64(),
    "_file_sha256": pa.string(),
    "_load_id": pa.string(),
    "_loaded_at": UTC_TIMESTAMP,
}
assert tuple(_LINEAGE_TYPES) == LINEAGE_COLUMNS

QUARANTINE_SCHEMA = pa.schema(
    [
        ("source", pa.string()),
        ("file", pa.string()),
        ("line", pa.int64()),
        ("reason", pa.string()),
        ("record", pa.string()),
        ("_load_id", pa.string()),
        ("_loaded_at", UTC_TIMESTAMP),
    ]
)


def output_fields(source: Source) -> tuple[Field, ...]:
    """The typed columns of ``source``: its vendor fields, then its derived columns."""
    return source.fields + tuple(d.field for d in source.derived)


def raw_schema(source: Source) -> pa.Schema:
    """Raw-zone schema of ``source``: typed fields, derived, ``_extra``, ``_tz_flag``, lineage."""
    return pa.schema(
        [(f.name, KIND_TYPES[f.kind]) for f in output_fields(source)]
        + [(EXTRA, pa.string()), (TZ_FLAG, pa.string())]
        + list(_LINEAGE_TYPES.items())
    )
