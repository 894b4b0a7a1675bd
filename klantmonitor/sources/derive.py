"""Per-source additions declared in the contract: derived columns and row rules."""

from __future__ import annotations

from collections.abc import Mapping
from functools import reduce

import pyarrow as pa
import pyarrow.compute as pc

from klantmonitor.sources.arrays import true_indices
from klantmonitor.sources.contract import Derived, Source
from klantmonitor.sources.records import Records
from klantmonitor.sources.validate import Typed, clean, type_column


def derived_columns(
    source: Source, records: Records, context: Mapping[str, str]
) -> dict[str, Typed]:
    """Each derived column of ``source``, typed; a value its rule cannot produce is an error."""
    return {d.field.name: _derive(d, records, context) for d in source.derived}


def _derive(derived: Derived, records: Records, context: Mapping[str, str]) -> Typed:
    rows = len(records.lines)
    if derived.context == "row":
        return type_column(derived.field, pa.array(records.lines, pa.int64()).cast(pa.string()))
    if derived.context == "manifest":
        return type_column(derived.field, pa.repeat(pa.scalar(context[derived.field.name]), rows))
    inputs = [clean(records.columns[name]) for name in derived.inputs]
    if derived.pattern is None:
        return type_column(derived.field, pc.binary_join_element_wise(*inputs, " "))
    (text,) = inputs
    groups = pc.extract_regex(text, derived.pattern)
    value = pc.if_else(pc.is_valid(groups), pc.struct_field(groups, derived.field.name), None)
    typed = type_column(derived.field, value)
    errors = dict(typed.errors)
    for i in true_indices(pc.and_(pc.is_valid(text), pc.is_null(groups))):
        errors[i] = f"{derived.inputs[0]}: does not match {derived.pattern}"
    return Typed(typed.values, errors, typed.tz_flag)


def rule_errors(source: Source, typed: Mapping[str, Typed]) -> dict[int, str]:
    """The row rules of ``source`` (e.g. at least one identifier) broken per row."""
    errors: dict[int, str] = {}
    for rule in source.row_rules:
        empty = reduce(pc.and_, [pc.is_null(typed[name].values) for name in rule.fields])
        for i in true_indices(empty):
            errors.setdefault(i, rule.reason)
    return errors
