"""PII categories, their placeholders and the span type every detector returns."""

from __future__ import annotations

from typing import NamedTuple

#: Category -> placeholder written by :func:`klantmonitor.pii.scrub`. Card numbers use
#: ``[KAART]``; ``address`` covers street + house number and postcodes; ``date`` is a date of
#: birth only (recognised by context), never an appointment date.
PLACEHOLDERS: dict[str, str] = {
    "email": "[EMAIL]",
    "ip": "[IP]",
    "iban": "[IBAN]",
    "card": "[KAART]",
    "phone": "[TELEFOON]",
    "bsn": "[BSN]",
    "licence_plate": "[KENTEKEN]",
    "date": "[DATUM]",
    "address": "[ADRES]",
    "name": "[NAAM]",
}

#: Rank used when two detections overlap: lower wins (then the longer span).
PRIORITY: dict[str, int] = {category: rank for rank, category in enumerate(PLACEHOLDERS)}


class Span(NamedTuple):
    """A detected PII span: ``text[start:end]`` is of ``category``."""

    category: str
    start: int
    end: int
