"""Vectorised typing and validation of one column of raw text, driven by its ``Field``."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc

from klantmonitor.sources import reasons
from klantmonitor.sources.arrays import NULL_TEXT, Column, true_indices
from klantmonitor.sources.contract import Field, Kind
from klantmonitor.sources.schema import KIND_TYPES, UTC_TIMESTAMP
from klantmonitor.sources.timezones import local_to_utc

_INT = r"^-?[0-9]{1,18}$"
_EPOCH_MS = r"^-?[0-9]{1,15}$"  # stays within the int64 range once scaled to microseconds
_DECIMAL_COMMA = r"^-?[0-9]{1,15}(,[0-9]+)?$"
_ISO_TIMESTAMP = (
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,9})?)?"
    r"(Z|[+-][0-9]{2}(:?[0-9]{2})?)$"
)
# strptime directives of fixed width: (width, the compute function reading the part back, or
# None where pyarrow's strptime already refuses a value out of range). pyarrow rolls a day past
# the month's end (31/02 -> 03/03) and a second 60 over, so those two are read back.
_DIRECTIVES = {
    "%Y": (4, None),
    "%m": (2, None),
    "%d": (2, pc.day),
    "%H": (2, None),
    "%M": (2, None),
    "%S": (2, pc.second),
}


@dataclass(frozen=True)
class Typed:
    """A typed column: its values, the reason per rejected row, and local-time flags if any."""

    values: Column
    errors: dict[int, str]
    tz_flag: Column | None = None


def clean(raw: Column) -> Column:
    """Raw text stripped of surrounding whitespace; empty or blank -> null."""
    text = pc.utf8_trim_whitespace(raw)
    return pc.if_else(pc.equal(text, ""), NULL_TEXT, text)


def type_column(field: Field, raw: Column) -> Typed:
    """Type ``raw`` (strings) as ``field``; rows breaking a rule are listed in ``errors``."""
    parse, rule = _PARSERS[field.kind]
    # free text is kept as given (only blanks become null); everything else is stripped first
    if field.kind is Kind.TEXT and field.values is None:
        text = pc.if_else(pc.equal(pc.utf8_trim_whitespace(raw), ""), NULL_TEXT, raw)
    else:
        text = clean(raw)
    values, ok, tz_flag = parse(field, text)
    errors: dict[int, str] = {}
    if not field.nullable:
        for i in true_indices(pc.is_null(text)):
            errors[i] = f"{field.name}: empty"
    for i in true_indices(pc.and_(pc.is_valid(text), pc.invert(pc.fill_null(ok, False)))):
        errors[i] = f"{field.name}: {reasons.shown(field, text[i].as_py())}{rule(field)}"
    for bound, compare, word in (
        (field.minimum, pc.less, "below minimum"),
        (field.maximum, pc.greater, "above maximum"),
    ):
        if bound is not None:
            for i in true_indices(compare(values, bound)):
                value = f"{values[i].as_py():g}"
                errors.setdefault(i, f"{field.name}: {reasons.shown(field, value)}{word} {bound:g}")
    return Typed(values.cast(KIND_TYPES[field.kind]), errors, tz_flag)


Parsed = tuple[Column, Column, Column | None]  # values, ok (null where empty), tz flag
Parser = Callable[[Field, Column], Parsed]


def _text(field: Field, text: Column) -> Parsed:
    if field.values is None:
        return text, pc.is_valid(text), None
    return text, pc.is_in(text, value_set=pa.array(field.values, pa.string())), None


def _matching(text: Column, pattern: str) -> tuple[Column, Column]:
    """The values matching ``pattern`` (others null), and the match mask."""
    ok = pc.match_substring_regex(text, pattern)
    return pc.if_else(ok, text, NULL_TEXT), ok


def _int(field: Field, text: Column) -> Parsed:
    digits, ok = _matching(text, _INT)
    return digits.cast(pa.int64()), ok, None


def _decimal_comma(field: Field, text: Column) -> Parsed:
    number, ok = _matching(text, _DECIMAL_COMMA)
    return pc.replace_substring(number, ",", ".").cast(pa.float64()), ok, None


def _local_timestamp(field: Field, text: Column) -> Parsed:
    if not (field.fmt and field.tz):
        raise ValueError(f"{field.name}: a local timestamp needs fmt and tz")
    naive, ok = _strptime(text, field.fmt)
    utc, flag = local_to_utc(naive, field.tz)
    return utc, ok, flag


def _date(field: Field, text: Column) -> Parsed:
    naive, ok = _strptime(text, field.fmt or "%Y-%m-%d")
    return naive.cast(pa.date32()), ok, None


def _iso_timestamp(field: Field, text: Column) -> Parsed:
    shaped, _ = _matching(text, _ISO_TIMESTAMP)
    utc = _cast_or_null(shaped, pa.timestamp("ns", tz="UTC"))
    return utc.cast(UTC_TIMESTAMP, safe=False), pc.is_valid(utc), None


def _epoch_ms(field: Field, text: Column) -> Parsed:
    digits, ok = _matching(text, _EPOCH_MS)
    millis = digits.cast(pa.int64()).cast(pa.timestamp("ms", tz="UTC"))
    return millis.cast(UTC_TIMESTAMP), ok, None


def _bool(field: Field, text: Column) -> Parsed:
    true = pc.is_in(text, value_set=pa.array(field.true_values, pa.string()))
    false = pc.is_in(text, value_set=pa.array(field.false_values, pa.string()))
    return true, pc.or_(true, false), None


def _json(field: Field, text: Column) -> Parsed:
    compact: list[str | None] = []
    for value in text.to_pylist():
        try:
            obj = json.loads(value) if value is not None else None
        except ValueError:
            obj = None
        ok = isinstance(obj, dict)
        compact.append(json.dumps(obj, separators=(",", ":"), ensure_ascii=False) if ok else None)
    values = pa.array(compact, pa.string())
    return values, pc.is_valid(values), None


def _strptime(text: Column, fmt: str) -> tuple[Column, Column]:
    """Naive timestamps (unit s) in exactly ``fmt``: zero-padded, and a real calendar time
    (pyarrow's strptime rolls 31/02 over into March; reading each part back catches that)."""
    naive = pc.strptime(text, format=fmt, unit="s", error_is_null=True)
    layout = _fixed_width(fmt)
    if layout is None:  # not fixed width: compare the value written back in the format
        ok = pc.equal(pc.strftime(naive, format=fmt), text)
    else:
        pattern, parts = layout
        ok = pc.and_(pc.match_substring_regex(text, pattern), pc.is_valid(naive))
        for start, width, read in parts:
            written = pc.utf8_slice_codeunits(text, start, start + width)
            number = pc.if_else(ok, written, NULL_TEXT).cast(pa.int64())
            ok = pc.and_(ok, pc.equal(number, read(naive)))
    return pc.if_else(ok, naive, pa.scalar(None, naive.type)), ok


@functools.cache
def _fixed_width(fmt: str) -> tuple[str, tuple[tuple[int, int, Callable], ...]] | None:
    """A regex for ``fmt`` and the (offset, width, reader) of each part; None if it has a
    directive of variable width."""
    pattern, parts, offset = "^", [], 0
    for piece in re.split(r"(%.)", fmt):
        if piece in _DIRECTIVES:
            width, read = _DIRECTIVES[piece]
            pattern += f"[0-9]{{{width}}}"
            if read is not None:
                parts.append((offset, width, read))
            offset += width
        elif piece.startswith("%"):
            return None
        else:
            pattern += "".join(f"\\{c}" if not c.isalnum() and c != " " else c for c in piece)
            offset += len(piece)
    return pattern + "$", tuple(parts)


def _cast_or_null(values: Column, to: pa.DataType) -> Column:
    """Cast ``values``; a value that does not cast becomes null (bisects only on failure)."""
    try:
        return values.cast(to)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        if isinstance(values, pa.ChunkedArray):
            return pa.chunked_array([_cast_or_null(c, to) for c in values.chunks], to)
        if len(values) == 1:
            return pa.nulls(1, to)
        mid = len(values) // 2
        return pa.concat_arrays(
            [_cast_or_null(values.slice(0, mid), to), _cast_or_null(values.slice(mid), to)]
        )


def _one_of(field: Field) -> str:
    return f"not in ({', '.join(field.values or ())})"


_PARSERS: dict[Kind, tuple[Parser, Callable[[Field], str]]] = {
    Kind.TEXT: (_text, _one_of),
    Kind.INT: (_int, lambda f: "not a whole number"),
    Kind.DECIMAL_COMMA: (_decimal_comma, lambda f: "not a number with a decimal comma"),
    Kind.LOCAL_TIMESTAMP: (_local_timestamp, lambda f: f"not a date in {f.fmt}"),
    Kind.ISO_TIMESTAMP: (_iso_timestamp, lambda f: "not an ISO 8601 timestamp with offset"),
    Kind.EPOCH_MS: (_epoch_ms, lambda f: "not epoch milliseconds"),
    Kind.DATE: (_date, lambda f: f"not a date in {f.fmt or '%Y-%m-%d'}"),
    Kind.BOOL: (_bool, lambda f: f"not in ({', '.join(f.true_values + f.false_values)})"),
    Kind.JSON: (_json, lambda f: reasons.NOT_AN_OBJECT),
}
