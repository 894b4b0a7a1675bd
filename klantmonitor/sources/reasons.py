"""Quarantine reasons: short, name the column and the rule, never carry a PII value."""

from __future__ import annotations

import re
from collections.abc import Iterable

from klantmonitor.sources.contract import Field, Kind

EMPTY_FILE = "empty file"
TRUNCATED_LAST_LINE = "truncated last line (incomplete JSON)"  # normal input (kiosk power loss)
INVALID_JSON_LINE = "invalid JSON"
NOT_AN_OBJECT = "not a JSON object"
INCOMPLETE_LIST_PREFIX = "incomplete list"  # items loaded; the vendor's list was cut short

# Only short values of plain characters are echoed; '@' and long digit runs never are, so a
# shifted column cannot smuggle an e-mail address, phone number, IBAN or BSN into a reason.
_ECHOABLE = re.compile(r"[\w .,:/+\-]{1,40}")
_SUSPICIOUS = re.compile(r"\d{7,}")


def missing_columns(names: Iterable[str]) -> str:
    return f"missing required column(s): {', '.join(names)}"


def missing_keys(names: Iterable[str]) -> str:
    return f"missing required key(s): {', '.join(names)}"


def duplicate_columns(names: Iterable[str]) -> str:
    return f"duplicate column(s): {', '.join(names)}"


def wrong_field_count(found: int, expected: int) -> str:
    return f"wrong number of fields: {found}, expected {expected}"


def incomplete_list(items: int, total: object) -> str:
    return f"{INCOMPLETE_LIST_PREFIX}: {items} of {total} items"


def duplicate_key(key: Iterable[str]) -> str:
    return f"duplicate key {'+'.join(key)}, later line kept"


def encoding(name: str, detail: str) -> str:
    return f"encoding: not valid {name} ({detail})"


def shown(field: Field, value: object) -> str:
    """``"'value' "`` when the value may appear in a reason, else ``""``.

    Values are echoed only for closed-vocabulary, number, date and boolean fields that are not PII.
    """
    text = str(value)
    echo = (
        not field.pii
        and field.kind is not Kind.JSON
        and (field.kind is not Kind.TEXT or field.values is not None)
        and _ECHOABLE.fullmatch(text) is not None
        and _SUSPICIOUS.search(text) is None
    )
    return f"'{text}' " if echo else ""
