"""Readers of JSON exports: JSON Lines (one record per line) and list-API documents."""

from __future__ import annotations

import json
from collections.abc import Callable

import pyarrow as pa

from klantmonitor.sources import reasons
from klantmonitor.sources.contract import Source
from klantmonitor.sources.records import (
    FileRejected,
    Records,
    Reject,
    compact_json,
    decode,
    extra_text,
)


def read_jsonl(source: Source, data: bytes) -> Records:
    """JSON Lines; an unparsable last line is a truncation (normal), elsewhere invalid JSON."""
    physical = decode(source, data).split("\n")
    last = max(i for i, line in enumerate(physical, 1) if line.strip())
    objects: list[object] = []
    lines: list[int] = []
    texts: list[str] = []
    rejects: list[Reject] = []
    for number, line in enumerate(physical, 1):
        if not line.strip():
            continue
        text = line.removesuffix("\r")
        try:
            objects.append(json.loads(text))
        except ValueError:
            reason = reasons.TRUNCATED_LAST_LINE if number == last else reasons.INVALID_JSON_LINE
            rejects.append(Reject(number, reason, text))
            continue
        lines.append(number)
        texts.append(text)
    return _bind_objects(source, objects, lines, texts.__getitem__, rejects, [])


def read_json_list(source: Source, data: bytes) -> Records:
    """A list-API document ``{"totalCount": M, "items": [...]}``; items numbered from 1."""
    try:
        document = json.loads(decode(source, data))
    except ValueError:
        raise FileRejected("invalid JSON document") from None
    items = document.get("items") if isinstance(document, dict) else None
    if not isinstance(items, list):
        raise FileRejected("not a list document: no items list")
    notes = []
    total = document.get("totalCount")
    if isinstance(total, int) and not isinstance(total, bool) and total != len(items):
        notes.append(reasons.incomplete_list(len(items), total))
    lines = list(range(1, len(items) + 1))
    return _bind_objects(source, items, lines, lambda i: compact_json(items[i]), [], notes)


def scalar_text(value: object) -> str | None:
    """A JSON (or cell) value as text: whole floats without ``.0``, booleans as true/false."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dict | list):
        return compact_json(value)
    return str(value)


def _bind_objects(
    source: Source,
    objects: list[object],
    lines: list[int],
    record_text: Callable[[int], str],
    rejects: list[Reject],
    notes: list[str],
) -> Records:
    """Bind JSON objects by key; non-objects and objects lacking a required key are rejected."""
    known = set(source.field_names)
    required = [f.name for f in source.fields if f.required]
    kept: list[dict] = []
    positions: list[int] = []
    for i, obj in enumerate(objects):
        if not isinstance(obj, dict):
            rejects.append(Reject(lines[i], reasons.NOT_AN_OBJECT, record_text(i)))
        elif missing := [name for name in required if name not in obj]:
            rejects.append(Reject(lines[i], reasons.missing_keys(missing), record_text(i)))
        else:
            kept.append(obj)
            positions.append(i)
    columns = {
        name: pa.array([scalar_text(obj.get(name)) for obj in kept], pa.string())
        for name in source.field_names
    }
    extra = [extra_text((k, v) for k, v in obj.items() if k not in known) for obj in kept]
    return Records(
        columns,
        [lines[i] for i in positions],
        pa.array(extra, pa.string()),
        lambda i: record_text(positions[i]),
        rejects,
        notes,
    )
