"""A data-subject request: its six types, its fields, and the rules a valid one meets.

The same rules hold for every door (landing file, Dagster launchpad, ``klantmonitor request``):
an invalid request becomes a :class:`Rejection` whose reason names the rule, never a value.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from klantmonitor.pseudonym import normalise_email, normalise_phone
from klantmonitor.sources.contract import SUBJECT_REQUESTS
from klantmonitor.sources.reasons import NOT_AN_OBJECT

TYPES: tuple[str, ...] = SUBJECT_REQUESTS.field("type").values or ()
DOORS = ("file", "launchpad", "cli")
RECTIFIABLE = ("first_name", "last_name", "name", "email", "phone")
FLAG_TYPES = ("restriction", "objection")  # the types that set a flag and can be lifted
NO_IDENTIFIER = SUBJECT_REQUESTS.row_rules[0].reason


@dataclass(frozen=True)
class SubjectRequest:
    """A valid request; ``email`` and ``phone`` are normalised (clear, held in memory only)."""

    request_id: str
    type: str
    received_at: dt.datetime
    door: str
    email: str | None
    phone: str | None
    details: Mapping[str, Any] = field(default_factory=dict)

    @property
    def lift(self) -> bool:
        """A restriction or objection request that lifts an earlier one."""
        return self.type in FLAG_TYPES and bool(self.details.get("lift"))


@dataclass(frozen=True)
class Rejection:
    """An invalid request: recorded as rejected with the rules it broke."""

    request_id: str
    type: str | None
    received_at: dt.datetime
    door: str
    reason: str
    email: str | None = None
    phone: str | None = None


def new_request_id(now: dt.datetime) -> str:
    """A request id for the launchpad and CLI doors (the file door brings its own)."""
    return f"SR-{now:%Y%m%d}-{uuid.uuid4().hex[:12]}"


def _text(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _details(value: object) -> tuple[dict[str, Any], str | None]:
    """The details as an object, or the rule they break."""
    if isinstance(value, Mapping):
        return dict(value), None
    text = _text(value)
    if text is None:
        return {}, None
    try:
        parsed = json.loads(text)
    except ValueError:
        return {}, "details: not valid JSON"
    if not isinstance(parsed, dict):
        return {}, f"details: {NOT_AN_OBJECT}"
    return parsed, None


def _corrections(details: Mapping[str, Any]) -> tuple[dict[str, str], list[str]]:
    """Rectification details: corrected values (normalised where they are identifiers)."""
    if not details:
        return {}, ["details: rectification needs the corrected fields"]
    if set(details) - set(RECTIFIABLE):
        return {}, [f"details: only {', '.join(RECTIFIABLE)} can be rectified"]
    corrected, errors = {}, []
    for name, value in details.items():
        text = _text(value) if isinstance(value, str) else None
        if name == "email":
            text = normalise_email(text)
        elif name == "phone":
            text = normalise_phone(text)
        if text is None:
            errors.append(f"details: corrected {name} is not a valid value")
        else:
            corrected[name] = text
    return corrected, errors


def _received(value: object, now: dt.datetime) -> tuple[dt.datetime, str | None]:
    if isinstance(value, dt.datetime):
        return (value if value.tzinfo else value.replace(tzinfo=dt.UTC)), None
    text = _text(value)
    if text is None:
        return now, None
    try:
        parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return now, "received_at: not an ISO 8601 timestamp"
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)), None


def validate(
    *,
    request_id: str | None,
    type: str | None,
    email: str | None,
    phone: str | None,
    received_at: object,
    details: object,
    door: str,
    now: dt.datetime,
) -> SubjectRequest | Rejection:
    """Check one request against the rules; every broken rule is named in the rejection."""
    if door not in DOORS:
        raise ValueError(f"unknown door {door!r}")
    request_id = _text(request_id) or new_request_id(now)
    kind = _text(type)
    received, received_error = _received(received_at, now)
    given_email, given_phone = _text(email), _text(phone)
    clean_email, clean_phone = normalise_email(given_email), normalise_phone(given_phone)
    errors = [] if received_error is None else [received_error]
    if kind not in TYPES:
        errors.append(f"type: not one of {', '.join(TYPES)}")
        kind = None
    if given_email is None and given_phone is None:
        errors.append(NO_IDENTIFIER)
    if given_email is not None and clean_email is None:
        errors.append("email: not an e-mail address")
    if given_phone is not None and clean_phone is None:
        errors.append("phone: not a valid phone number")
    parsed, details_error = _details(details)
    if details_error:
        errors.append(details_error)
    elif kind == "rectification":
        parsed, problems = _corrections(parsed)
        errors += problems
    elif (
        kind in FLAG_TYPES
        and parsed
        and (set(parsed) != {"lift"} or parsed["lift"] not in (True, False))
    ):
        errors.append('details: only {"lift": true} is accepted')
    if errors:
        return Rejection(
            request_id, kind, received, door, "; ".join(errors), clean_email, clean_phone
        )
    assert kind is not None
    return SubjectRequest(request_id, kind, received, door, clean_email, clean_phone, parsed)
